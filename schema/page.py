"""pages/<slug>.md: a free page (front matter here, markdown body below it)."""

from __future__ import annotations

from pydantic import Field

from schema.base import Model
from schema.fields import Markdown, Slug, Text


class Page(Model):
    title: Text = Field(description="The page title.")
    description: Text = Field(description="One sentence for search engines and link previews.")
    order: int = Field(default=100, description="Position in the footer's list of pages (smaller first).")
    aliases: list[Slug] = Field(default_factory=list, description="Former slugs; each keeps a redirect.")
    body: Markdown = Field(description="The markdown below the front matter (set by the loader).")
