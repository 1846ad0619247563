"""Which pages Pagefind reads: a glob that names the pages marked for search, by folder.

Pagefind indexes the pages that carry `data-pagefind-body` and leaves out the rest, but
given the whole site it parses every other page first: at 10,000 networks every case
card, the 40 MB deck and the charts page, 65 s and 2.6 GB instead of 36 s. The glob names
a folder whole where the unmarked pages below it are a small part of its bytes
(`networks/*/**/*.html`, with the redirects of former slugs in it), and looks into any
other folder. When the site holds something a glob could get wrong (a symbolic link,
which Pagefind does not follow; a name with glob syntax in it) there is no glob, and
Pagefind reads the whole site as before.
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


def searchable_glob(site_dir: Path) -> str | None:
    """A glob (Pagefind's `{a,b}` alternatives, relative to the site) that matches every
    marked page and few others; None when no page is marked or no glob can be trusted."""
    folders = _survey(Path(site_dir))
    if folders is None or not any(marked for folder in folders.values() for marked, _size in folder.pages.values()):
        return None
    _count(folders, "")
    glob = "{" + ",".join(_named(folders, "")) + "}"
    return glob if len(glob) <= LONGEST_GLOB else None


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
