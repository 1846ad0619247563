"""Which pages Pagefind reads: a glob that names the pages marked for search, by folder.

Pagefind indexes the pages that carry `data-pagefind-body` and leaves out the rest, but
given the whole site it parses every other page first: at 10,000 networks every case
card, the 40 MB deck and the charts page, 65 s and 2.6 GB instead of 36 s. The glob names
a folder whole where the unmarked pages below it are a small part of its bytes
(`networks/*/**/*.html`, with the redirects of former slugs in it), and looks into any
other folder. When the site holds something a glob could get wrong (a symbolic link,
which Pagefind does not follow; a name with glob syntax in it) there is no glob, and
Pagefind reads the whole site as before. Which pages carry the mark, and how large each
is, a build knows from its plan and its list of files (`BuiltPages`); anything else
(a site on disk) is read for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SEARCH_BODY = b"data-pagefind-body"
"""What marks a page Pagefind indexes (record pages and free pages). Only the templates
write it, in lower case (content markdown cannot write HTML), so a plain search finds it:
a case-insensitive one took four times as long."""

PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
"""File and folder names that mean themselves in a glob (slugs, language codes, assets)."""

UNMARKED_SHARE = 0.05
"""A folder is named whole when at most this share of the page bytes below it is unmarked."""

LONGEST_GLOB = 64_000
"""Past this, a glob is not worth its parsing: Pagefind reads the whole site."""


@dataclass
class _Folder:
    pages: dict[str, tuple[bool, int]]
    """Its own HTML pages: name -> (marked, size in bytes)."""
    children: list[str]
    marked_below: int = 0
    unmarked_below: int = 0
    """Bytes of the marked and the unmarked pages in its subfolders, at any depth."""


def searchable_glob(site_dir: Path, built: BuiltPages | None = None) -> str | None:
    """A glob (Pagefind's `{a,b}` alternatives, relative to the site) that matches every
    marked page and few others; None when no page is marked or no glob can be trusted.

    With `built` (what the build wrote and which of its pages are marked) the site is not
    read again: 710 MB at 10,000 networks, 3 s when the files are still in memory. A build
    that marked nothing (its templates could not tell) has the site read as before."""
    folders = _folders_of(built) if built is not None and built.marked else _survey(Path(site_dir))
    if folders is None or not any(marked for folder in folders.values() for marked, _size in folder.pages.values()):
        return None
    _count(folders, "")
    glob = "{" + ",".join(_named(folders, "")) + "}"
    return glob if len(glob) <= LONGEST_GLOB else None


@dataclass(frozen=True)
class BuiltPages:
    """Every file a build wrote (site path -> size) and the pages among them that carry the mark."""

    files: dict[str, int]
    marked: frozenset[str]


def _folders_of(built: BuiltPages) -> dict[str, _Folder] | None:
    """The folders `_survey` finds, from the build's own list; None if a name is not a PLAIN_NAME."""
    folders: dict[str, _Folder] = {"": _Folder({}, [])}
    for path, size in built.files.items():
        folder, _, name = path.rpartition("/")
        if not PLAIN_NAME.fullmatch(name) or (folder not in folders and not _add_folder(folders, folder)):
            return None
        if name.endswith(".html"):
            folders[folder].pages[name] = (path in built.marked, size)
    for node in folders.values():
        node.children.sort()
    return folders


def _add_folder(folders: dict[str, _Folder], folder: str) -> bool:
    """Note a folder and any parent not noted yet; False if a name is not a PLAIN_NAME."""
    parent, _, name = folder.rpartition("/")
    if not PLAIN_NAME.fullmatch(name) or (parent not in folders and not _add_folder(folders, parent)):
        return False
    folders[folder] = _Folder({}, [])
    folders[parent].children.append(folder)
    return True


def marked_templates(templates_dir: Path) -> frozenset[str] | None:
    """The templates (as PageData names them) that write the mark on every page they
    render; None when a template others include or extend holds it, which would mark pages
    of other templates too (then the site is read for the mark, as before)."""
    sources = {path.relative_to(templates_dir).as_posix(): path.read_bytes()
               for path in sorted(templates_dir.rglob("*.html"))}
    marked = frozenset(name for name, source in sources.items() if SEARCH_BODY in source)
    used_by_others = any(name.encode() in source for name in marked for other, source in sources.items()
                         if other != name)
    return None if used_by_others else marked


def _survey(site_dir: Path) -> dict[str, _Folder] | None:
    """Every folder of the site ('' for the site's own), with its pages read for the mark;
    None if any name is a symbolic link or not a PLAIN_NAME."""
    folders: dict[str, _Folder] = {}
    pending = [""]
    while pending:
        folder = pending.pop()
        pages, children = {}, []
        with os.scandir(site_dir / folder) as entries:
            for entry in entries:
                if entry.is_symlink() or not PLAIN_NAME.fullmatch(entry.name):
                    return None
                if entry.is_dir():
                    children.append(f"{folder}/{entry.name}" if folder else entry.name)
                elif entry.name.endswith(".html"):
                    data = Path(entry.path).read_bytes()
                    pages[entry.name] = (SEARCH_BODY in data, len(data))
        folders[folder] = _Folder(pages, sorted(children))
        pending += children
    return folders


def _count(folders: dict[str, _Folder], folder: str) -> tuple[int, int]:
    """(bytes of marked, of unmarked pages) in and below `folder`, noting those below it."""
    node = folders[folder]
    for child in node.children:
        marked, unmarked = _count(folders, child)
        node.marked_below += marked
        node.unmarked_below += unmarked
    own_marked = sum(size for is_marked, size in node.pages.values() if is_marked)
    own_unmarked = sum(size for is_marked, size in node.pages.values() if not is_marked)
    return node.marked_below + own_marked, node.unmarked_below + own_unmarked


def _named(folders: dict[str, _Folder], folder: str) -> list[str]:
    """The globs for the marked pages in and below `folder`."""
    node = folders[folder]
    prefix = f"{folder}/" if folder else ""
    own = [prefix + name for name, (is_marked, _size) in sorted(node.pages.items()) if is_marked]
    below = node.marked_below + node.unmarked_below
    if node.marked_below and node.unmarked_below <= UNMARKED_SHARE * below:
        return own + [f"{prefix}*/**/*.html"]
    return own + [glob for child in node.children for glob in _named(folders, child)]
