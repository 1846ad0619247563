"""Stage 1: content files -> validated records, and every error with its position.

Never stops at the first problem: each file is read, parsed and validated on its own,
so one run tells the curator everything that is wrong.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pipeline import gctuning
from pipeline.errors import ContentError, display_path
from pipeline.parsecache import ParseCache
from pipeline.parsing import ParsedFiles, parse_file
from pipeline.references import Found, references_of
from pipeline.yamlfile import KeyPath, field_name, YamlDocument, YamlError, decode, split_front_matter
from schema import COLLECTIONS, PAGES, SITE
from schema.fields import SLUG_MAX_LENGTH, SLUG_PATTERN, is_slug, not_a_slug
from schema.site import Site

CONTENT_EXTRA_FILES = {"permalinks.txt", "README.md"}
"""Files allowed at the top of content/ besides site.yaml and the collection folders."""


@dataclass(frozen=True)
class Entry:
    """One validated record with where it came from, for later error messages."""

    collection: str
    slug: str
    path: str
    model: Any
    document: YamlDocument
    """Where each field stands in the file (worked out only if an error asks)."""
    file: Path
    digest: bytes = b""
    """sha256 of the file's bytes: what the page cache knows a record by (pipeline/render/pagecache.py)."""

    def position_of(self, path: KeyPath) -> tuple[int, int]:
        return self.document.position_of(path)

    @functools.cached_property
    def references(self) -> list[Found]:
        """Every slug this record names (check resolves them, Register links them): walked once."""
        return references_of(self.model)


@dataclass
class Records:
    """Everything `load` produced: the site settings, the collections and the pages."""

    site: Site | None = None
    site_entry: Entry | None = None
    collections: dict[str, dict[str, Entry]] = field(
        default_factory=lambda: {name: {} for name in COLLECTIONS}
    )
    pages: dict[str, Entry] = field(default_factory=dict)
    content_dir: Path | None = None
    failed: set[tuple[str, str]] = field(default_factory=set)
    """(collection, slug) of files that exist but did not validate: not 'missing' elsewhere."""

    def entries(self) -> list[Entry]:
        """Every entry, in a stable order (collection, then slug)."""
        found = [self.site_entry] if self.site_entry else []
        for name in sorted(self.collections):
            found += [self.collections[name][slug] for slug in sorted(self.collections[name])]
        found += [self.pages[slug] for slug in sorted(self.pages)]
        return found


def load(content_dir: Path) -> tuple[Records, list[ContentError]]:
    """Read and validate every file under `content_dir`."""
    with gctuning.lasting():  # the records live as long as the build
        loaded = _load(Path(content_dir))
    return loaded


def _load(content_dir: Path) -> tuple[Records, list[ContentError]]:
    records, errors = Records(content_dir=content_dir), []
    site_file = content_dir / "site.yaml"
    if site_file.is_file():
        entry, file_errors = load_record(site_file, content_dir, "site", "site", SITE, {})
        records.site, records.site_entry = (entry.model, entry) if entry else (None, None)
        errors += file_errors
    else:
        errors.append(ContentError(display_path(site_file, content_dir), message="site.yaml is missing",
                                   hint="every register needs content/site.yaml (see docs/curating.md)"))
    context = {"default_language": records.site.default_language if records.site else "en"}
    errors += _unexpected_files(content_dir)
    files = [(name, path, slug) for name in COLLECTIONS
             for path, slug in _collection_files(content_dir / name, content_dir, errors)]
    cache = ParseCache.for_content(content_dir)
    parsed_files = ParsedFiles([path for _name, path, _slug in files], cache)
    try:
        loaded = [load_record(path, content_dir, name, slug, COLLECTIONS[name], context, parsed=parsed, digest=digest)
                  for (name, path, slug), (parsed, digest) in zip(files, parsed_files)]
        for index, (parsed, digest) in parsed_files.corrected():
            name, path, slug = files[index]
            loaded[index] = load_record(path, content_dir, name, slug, COLLECTIONS[name], context, parsed=parsed,
                                        digest=digest)
    finally:
        parsed_files.close()
    for (name, _path, slug), (entry, file_errors) in zip(files, loaded):
        errors += file_errors
        if entry:
            records.collections[name][slug] = entry
        else:
            records.failed.add((name, slug))
    cache.save()
    records.pages, page_errors = load_pages(content_dir, context, records.site)
    return records, errors + page_errors


def load_record(path: Path, content_dir: Path, collection: str, slug: str, model: type[BaseModel],
                context: dict, extra: dict | None = None, line_offset: int = 0,
                text: str | None = None, parsed: YamlDocument | YamlError | None = None,
                digest: bytes | None = None) -> tuple[Entry | None, list[ContentError]]:
    """Parse (unless `parsed` is given) and validate one file; errors carry its display path and positions.
    `digest` is the sha256 of the file's bytes when the caller has read them."""
    shown = display_path(path, content_dir)
    document = parsed or parse_file(path, text, line_offset)
    if isinstance(document, YamlError):
        return None, [ContentError(shown, document.line, document.col, document.field, document.message, document.hint)]
    text = document.text or ""
    data = document.data
    if not isinstance(data, dict):
        line, col = document.position_of(())
        return None, [ContentError(shown, line, col, "", "the file must be a mapping of 'key: value' lines",
                                   hint="start each field at the beginning of a line")]
    errors = _todo_errors(data, (), document, shown) if "TODO" in text.upper() else []
    if extra:
        data = {**data, **extra}
    try:
        record = model.model_validate(data, context=context)
    except ValidationError as exc:
        found = [_to_content_error(err, document, shown, model) for err in exc.errors()]
        todo_fields = {error.field for error in errors}  # a TODO already explains its field
        return None, errors + [error for error in found if not any(
            error.field == field or error.field.startswith(field + ".") or error.field.startswith(field + "[")
            for field in todo_fields)]
    if errors:
        return None, errors
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).digest()
    return Entry(collection, slug, shown, record, document.without_data(), path, digest), []


# --- files and folders -------------------------------------------------------


def _collection_files(folder: Path, content_dir: Path, errors: list[ContentError]) -> list[tuple[Path, str]]:
    """The YAML files of one collection, with slug checks on their names."""
    if not folder.is_dir():
        return []
    found, by_lower = [], {}

    def refuse(path: Path, message: str, hint: str, at: tuple[int, ...] = (1, 1)) -> None:
        errors.append(ContentError(display_path(path, content_dir), *at, message=message, hint=hint))

    for path in _files_in(folder):
        slug = path.stem
        if path.suffix != ".yaml":
            hint = "rename it to end in .yaml" if path.suffix == ".yml" else "only .yaml files belong here"
            refuse(path, f"'{path.name}' is not a .yaml file", hint, at=())
        elif slug.lower() in by_lower:
            other = by_lower[slug.lower()]
            refuse(path, f"slug '{slug}' differs only in case from '{other}'",
                   f"slugs must be unique ignoring case: merge or rename one of {other}.yaml and {path.name}")
        elif not is_slug(slug):
            by_lower[slug.lower()] = slug
            refuse(path, f"file name '{path.name}' is not a valid slug",
                   f"rename it to '{_suggest_slug(slug)}.yaml' (lower-case letters, digits, single hyphens, at most 80 characters)")
        else:
            by_lower[slug.lower()] = slug
            found.append((path, slug))
    return found


def _files_in(folder: Path) -> list[Path]:
    """The files of one folder, by name, hidden ones left out (scandir tells folders apart
    without a stat per file; names sort faster than Path objects)."""
    with os.scandir(folder) as listing:
        names = sorted(item.name for item in listing if not item.name.startswith(".") and not item.is_dir())
    return [folder / name for name in names]


def _unexpected_files(content_dir: Path) -> list[ContentError]:
    known = set(COLLECTIONS) | {"pages", "site.yaml"} | CONTENT_EXTRA_FILES
    errors = []
    for path in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if path.name.startswith(".") or path.name in known:
            continue
        close = difflib.get_close_matches(path.name, sorted(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"content/ holds {', '.join(sorted(known))}"
        errors.append(ContentError(display_path(path, content_dir), message=f"unexpected '{path.name}' in content/", hint=hint))
    return errors


def _suggest_slug(name: str) -> str:
    import re
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "new-record"


# --- pages -------------------------------------------------------------------


def load_pages(content_dir: Path, context: dict, site: Site | None) -> tuple[dict[str, Entry], list[ContentError]]:
    """pages/<slug>.md (default language) and <slug>.<lang>.md translations, merged per slug."""
    folder = content_dir / "pages"
    if not folder.is_dir():
        return {}, []
    errors: list[ContentError] = []
    default = context["default_language"]
    languages = site.languages if site else [default]
    parts: dict[str, dict[str, Entry]] = {}
    for path in _files_in(folder):
        shown = display_path(path, content_dir)
        if path.suffix != ".md":
            errors.append(ContentError(shown, message=f"'{path.name}' is not a .md page", hint="pages are markdown files with front matter"))
            continue
        slug, _, lang = path.stem.partition(".")
        lang = lang or default
        if not is_slug(slug):
            errors.append(ContentError(shown, 1, 1, message=f"file name '{path.name}' is not a valid slug",
                                       hint=f"rename it to '{_suggest_slug(slug)}.md'"))
            continue
        if lang not in languages:
            errors.append(ContentError(shown, 1, 1, message=f"'{lang}' is not one of the site's languages ({', '.join(languages)})",
                                       hint="name translations <slug>.<lang>.md with a language from site.yaml"))
            continue
        entry, page_errors = _load_page_file(path, content_dir, slug, lang)
        errors += page_errors
        if entry:
            parts.setdefault(slug, {})[lang] = entry
    pages = {}
    for slug, by_lang in parts.items():
        if default not in by_lang:
            first = next(iter(by_lang.values()))
            errors.append(ContentError(first.path, 1, 1, message=f"translation without the page itself: pages/{slug}.md is missing",
                                       hint=f"write pages/{slug}.md in the default language '{default}' first"))
            continue
        pages[slug] = _merge_translations(by_lang[default], by_lang)
    return pages, errors


def _load_page_file(path: Path, content_dir: Path, slug: str, lang: str) -> tuple[Entry | None, list[ContentError]]:
    shown = display_path(path, content_dir)
    try:
        raw = path.read_bytes()
        text = decode(raw)
        front, body, body_line = split_front_matter(text)
    except YamlError as exc:
        return None, [ContentError(shown, exc.line, exc.col, exc.field, exc.message, exc.hint)]
    if not body.strip():
        return None, [ContentError(shown, body_line, 1, "body", "the page has no text below its front matter")]
    return load_record(path, content_dir, "pages", slug, PAGES, {"default_language": lang},
                       extra={"body": body}, line_offset=1, text=front, digest=hashlib.sha256(raw).digest())


def _merge_translations(default: Entry, by_lang: dict[str, Entry]) -> Entry:
    """One Page whose text fields hold every language's version."""
    merged: dict[str, Any] = {}
    for name in ("title", "description", "body"):
        merged[name] = {}
        for lang in sorted(by_lang):
            merged[name].update(getattr(by_lang[lang].model, name))
    page = default.model.model_copy(update=merged)
    digest = hashlib.sha256(b"".join(lang.encode() + b"\0" + by_lang[lang].digest for lang in sorted(by_lang))).digest()
    return Entry(default.collection, default.slug, default.path, page, default.document, default.file, digest)


# --- TODO placeholders ---------------------------------------------------------


def _todo_errors(value: Any, path: KeyPath, document: YamlDocument, shown: str) -> list[ContentError]:
    """Scaffolded files mark what is left to fill in with TODO; name every one."""
    if isinstance(value, str) and value.strip().upper().startswith("TODO"):
        line, col = document.position_of(path)
        return [ContentError(shown, line, col, field_name(path), "still says TODO",
                             hint="fill it in from a source (a commented-out field is optional)")]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    found = []
    for key, item in items:
        found += _todo_errors(item, path + (key,), document, shown)
    return found


# --- pydantic errors -> ContentError -----------------------------------------


def _to_content_error(err: dict, document: YamlDocument, shown: str, model: type[BaseModel]) -> ContentError:
    path = _data_path(err["loc"], document.data)
    kind = err["type"]
    message, hint = _message(err), ""
    if kind == "extra_forbidden":
        key = path[-1]
        allowed = _allowed_keys(model, path[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.7)
        message = f"unknown key '{key}'"
        hint = f"did you mean '{close[0]}'?" if close else (f"allowed here: {', '.join(allowed)}" if allowed else "")
        line, col = document.key_position_of(path)
    elif kind == "missing":
        key = path[-1] if path else ""
        message = f"missing required field '{key}'"
        hint = f"add '{key}: ...'"
        line, col = document.position_of(path[:-1])
    else:
        line, col = document.position_of(path)
        if path in document.numbers and kind in ("string_type", "str_type"):
            raw = document.numbers[path]
            message = f"expected text, found the number {raw}"
            hint = f"put it in quotes: \"{raw}\" (YAML reads unquoted {raw} as a number)"
    return ContentError(shown, line, col, field_name(path), message, hint)


def _data_path(loc: tuple, data: Any) -> KeyPath:
    """The key path into the YAML data, dropping pydantic's internal loc parts."""
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_internal(part):
            path.append(part)  # a missing or unknown key
            node = None
    return tuple(path)


def _is_internal(part: str) -> bool:
    return any(mark in part for mark in ("[", "function-", "-or-")) or part in {
        "str", "int", "float", "bool", "dict", "list", "none", "is-instance", "lax-or-strict", "json-or-python",
    }


def _message(err: dict) -> str:
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    kind = err["type"]
    found = err.get("input")
    if kind == "literal_error":
        return f"expected {err['ctx']['expected']}; found {found!r}"
    if kind in ("string_type", "int_type", "bool_type", "float_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
                    "float_type": "a number", "list_type": "a list", "dict_type": "a mapping",
                    "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields"}[kind]
        return f"expected {expected}, found {_describe(found)}"
    if kind == "string_pattern_mismatch" and err["ctx"]["pattern"] == SLUG_PATTERN or (
            kind == "string_too_long" and err["ctx"]["max_length"] == SLUG_MAX_LENGTH):
        return not_a_slug(found)
    if kind == "int_from_float":
        return f"expected a whole number, found {found!r}"
    if kind == "greater_than_equal":
        return f"must be {err['ctx']['ge']} or more, found {found!r}"
    if kind == "too_short":
        return "must list at least one item"
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _allowed_keys(model: type[BaseModel], path: KeyPath) -> list[str]:
    """Field names (as written in YAML) of the model found at `path` inside `model`."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        fields = _model_fields(current)
        if part not in fields:
            return []
        current = _unwrap(fields[part])
    return sorted(_model_fields(current)) if _model_fields(current) else []


def _model_fields(cls: Any) -> dict[str, Any]:
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return {(info.alias or name): info.annotation for name, info in cls.model_fields.items()}
    return {}


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated; keep lists (an int path part opens them)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _item_type(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation
