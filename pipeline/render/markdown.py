"""Markdown with markdown-it-py, configured so content can never inject HTML or scripts."""

from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

_SAFE_LINK = re.compile(r"^(https?:|mailto:|#|\.{0,2}/|[a-z0-9][a-z0-9._/-]*(#[\w-]*)?$)", re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """Only http(s), mailto and relative links: no javascript:, data: or other schemes."""
    url = url.strip()
    if ":" in url.split("/", 1)[0] and not url.lower().startswith(("http:", "https:", "mailto:")):
        return False
    return bool(_SAFE_LINK.match(url)) or url.lower().startswith(("http://", "https://", "mailto:"))


def _slugify(text: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.UNICODE).strip()
    return re.sub(r"[\s_]+", "-", slug) or "section"


def make_markdown() -> MarkdownIt:
    """CommonMark plus tables and strikethrough; raw HTML off; headings get anchors."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = is_safe_link
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=_slugify, permalink=False)
    return md


_MARKDOWN = make_markdown()


def render_markdown(text: str, heading_offset: int = 0, link: Callable[[str], str] | None = None) -> str:
    """HTML for a markdown text; `heading_offset` demotes headings under a page's own h1/h2.

    `link`, if given, rewrites every link target (the offline copy points folders at index.html).
    """
    tokens = _MARKDOWN.parse(text)
    if link:
        for child in (c for token in tokens for c in token.children or [] if c.type == "link_open"):
            child.attrSet("href", link(str(child.attrGet("href"))))
    if heading_offset:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + heading_offset)
                token.tag = f"h{level}"
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return html.replace('<table>', '<div class="table-scroll"><table>').replace('</table>', '</table></div>')
