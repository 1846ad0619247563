"""Refresh the UI catalogs: extract every string into locales/messages.pot, update each .po.

Run `python -m pipeline.i18n_catalog` (or `make translations`) after adding UI strings,
then translate the new empty entries. Only the .pot and .po files are committed: the
build compiles catalogs in memory (render/i18n.py), so no .mo file exists anywhere.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Callable

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES_DIR = ROOT / "locales"
MAPPING = ROOT / "babel.cfg"
TRANSLATED_LANGUAGES = ("ru", "ky")  # English is the source language
PROJECT = "Takedown Register"

# The defaults (gettext, ngettext:1,2, ...) plus pages.py's `_(lang, message)` helper:
# `_` with two arguments takes its message from the second. Replacing `_` or `ngettext`
# outright would silently drop the one-argument or plural forms (FIELD-NOTES).
# `_Spec(name, description, ...)` in render/tables.py names the CSV tables that the data
# page shows through `_(table.description)`; `plural_messages(lang, singular, plural)` in
# search.py gives the search page's "N results" in every plural form.
KEYWORDS = {**DEFAULT_KEYWORDS, "_": {None: None, 2: (2,)}, "_Spec": (2,), "plural_messages": (2, 3)}
HEADER = "# UI strings of Takedown Register, English source. Refresh: python -m pipeline.i18n_catalog\n#"


def extract(root: Path = ROOT, mapping: Path = MAPPING) -> Catalog:
    """Every UI string in the templates and Python code, with the files that use it."""
    with open(mapping, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping))
    catalog = Catalog(project=PROJECT, version="1", header_comment=HEADER, charset="utf-8", fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
            root, method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True, directory_filter=_only_mapped_folders(root, method_map)):
        catalog.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    return catalog


def _only_mapped_folders(root: Path, method_map) -> Callable[[str], bool]:
    """Walk only the top folders the mapping names (pipeline/, templates/), never site/,
    bench/out/ or a venv: their thousands of files hold no UI string and took seconds to list."""
    tops = {pattern.split("/")[0] for pattern, _method in method_map}

    def wanted(folder: str) -> bool:
        parts = Path(os.path.relpath(folder, root)).parts
        return bool(parts) and parts[0] in tops and not any(part.startswith((".", "_")) for part in parts)
    return wanted


def msgids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    """The message ids of a catalog (plural entries as (singular, plural))."""
    return {message.id if isinstance(message.id, str) else tuple(message.id)
            for message in catalog if message.id}


def refresh(locales_dir: Path = LOCALES_DIR) -> dict[str, list[str]]:
    """Write messages.pot and update every language's .po; returns the untranslated msgids per language."""
    template = extract()
    _write(locales_dir / "messages.pot", template)
    missing = {}
    for lang in TRANSLATED_LANGUAGES:
        po_file = locales_dir / lang / "LC_MESSAGES" / "messages.po"
        catalog = _read(po_file, lang) if po_file.is_file() else Catalog(locale=lang, project=PROJECT, version="1",
                                                                        header_comment=HEADER, fuzzy=False)
        # No fuzzy guesses: a new string stays empty until someone translates it.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write(po_file, catalog)
        missing[lang] = [_first(message.id) for message in catalog if message.id and not _is_translated(message)]
    return missing


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings) and not message.fuzzy


def _first(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _read(po_file: Path, lang: str) -> Catalog:
    with open(po_file, "rb") as handle:
        return read_po(handle, locale=lang)


def _write(path: Path, catalog: Catalog) -> None:
    """Sorted, without line numbers or obsolete entries, so diffs show only real changes."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False,
             ignore_obsolete=True, omit_header=False)
    text = b"\n".join(line for line in buffer.getvalue().split(b"\n")
                      if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:')))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != text:
        path.write_bytes(text)


def main() -> int:
    missing = refresh()
    for lang, ids in missing.items():
        print(f"{lang}: {len(ids)} untranslated" + "".join(f"\n  {msgid}" for msgid in ids))
    return 0


if __name__ == "__main__":
    sys.exit(main())
