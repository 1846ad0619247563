"""How to cite a record: plain text, BibTeX, RIS and CSL-JSON, all pointing at the permalink.

The access date is left for the reader: the site never knows when it is read.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Callable

from schema.fields import PartialDate

FORMATS = (
    ("text", "Plain text", "txt"),
    ("bibtex", "BibTeX", "bib"),
    ("ris", "RIS", "ris"),
    ("csl", "CSL-JSON", "json"),
)


@dataclass(frozen=True)
class CitationFormat:
    id: str
    label: str
    extension: str
    text: str
    path: str  # site-relative path of the downloadable file


class Citation:
    """How to cite one page: its permalink, and every format, written out when first read.

    Every record page plans a citation, but only the worker that renders the page (and the
    one that writes the citation files) reads the formats: the plan stays cheap.
    """

    def __init__(self, url: str, write: Callable[[], tuple[CitationFormat, ...]], made_of: tuple = ()):
        self.url = url
        self._write = write
        self._made_of = made_of

    def made_of(self) -> tuple:
        """What the formats are written from (the page cache fingerprints a citation by it)."""
        return self._made_of

    @functools.cached_property
    def formats(self) -> tuple[CitationFormat, ...]:
        return self._write()


def cite(title: str, url: str, publisher: str, site_title: str, updated: PartialDate | None,
         key: str, lang: str, page_path: str) -> Citation:
    """Every citation format for one page."""
    def write() -> tuple[CitationFormat, ...]:
        texts = {
            "text": plain(title, url, publisher, site_title, updated),
            "bibtex": bibtex(title, url, publisher, site_title, updated, key, lang),
            "ris": ris(title, url, publisher, site_title, updated, lang),
            "csl": csl_json(title, url, publisher, site_title, updated, key, lang),
        }
        return tuple(CitationFormat(fid, label, ext, texts[fid], f"{page_path}citation.{ext}")
                     for fid, label, ext in FORMATS)
    return Citation(url, write, (title, url, publisher, site_title, updated, key, lang, page_path))


def plain(title: str, url: str, publisher: str, site_title: str, updated: PartialDate | None) -> str:
    date = f" Last updated {updated}." if updated else ""
    return f"{publisher}. “{title}.” {site_title}.{date} {url} (accessed [date])."


def bibtex(title: str, url: str, publisher: str, site_title: str, updated: PartialDate | None,
           key: str, lang: str) -> str:
    """A biblatex @online entry; the publisher is a corporate author, so it is double-braced."""
    fields = [
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("author", "{{" + _bibtex_escape(publisher) + "}}"),
        ("organization", "{" + _bibtex_escape(publisher) + "}"),
        ("titleaddon", "{" + _bibtex_escape(site_title) + "}"),
        ("url", "{" + url + "}"),
        ("language", "{" + lang + "}"),
    ]
    if updated:
        fields.append(("date", "{" + str(updated) + "}"))
        fields.append(("year", "{" + str(updated.year) + "}"))
        if updated.month:
            fields.append(("month", "{" + str(updated.month) + "}"))
        fields.append(("note", "{Last updated " + str(updated) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@online{{{_bibtex_key(key)},\n{body}\n}}"


def ris(title: str, url: str, publisher: str, site_title: str, updated: PartialDate | None, lang: str) -> str:
    """RIS: one `TAG  - value` per line, TY first and `ER  - ` last."""
    lines = [("TY", "ELEC"), ("TI", title), ("AU", publisher), ("PB", publisher), ("T2", site_title),
             ("UR", url), ("LA", lang)]
    if updated:
        lines.append(("PY", str(updated.year)))
        lines.append(("DA", str(updated).replace("-", "/")))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {_one_line(value)}" for tag, value in lines)


def csl_json(title: str, url: str, publisher: str, site_title: str, updated: PartialDate | None,
             key: str, lang: str) -> str:
    item = {"id": key, "type": "webpage", "title": title, "author": [{"literal": publisher}],
            "publisher": publisher, "container-title": site_title, "URL": url, "language": lang}
    if updated:
        parts = [p for p in (updated.year, updated.month, updated.day) if p]
        item["issued"] = {"date-parts": [parts]}
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True)


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                   "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}"}


def _bibtex_escape(text: str) -> str:
    """Text safe inside braces: TeX's special characters escaped, on one line."""
    return re.sub(r"[\\~^&%$#_{}]", lambda match: _BIBTEX_SPECIAL[match.group()], _one_line(text))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bibtex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]", "", key) or "record"


def citation_files(citation: Citation) -> dict[str, bytes]:
    """The downloadable files of one page's citation, beside the page."""
    return {fmt.path: (fmt.text + "\n").encode("utf-8") for fmt in citation.formats}
