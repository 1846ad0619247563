"""What content may say: one pydantic model per record kind.

Schema is pure: no IO, no knowledge of other records. Adding a record kind is one
model module and one line in COLLECTIONS.
"""

from schema.actor import Actor
from schema.election import Election
from schema.network import Network
from schema.page import Page
from schema.site import Site
from schema.source import Source
from schema.tactic import Tactic

COLLECTIONS = {
    "networks": Network,
    "actors": Actor,
    "elections": Election,
    "sources": Source,
    "tactics": Tactic,
}
"""YAML collections: content/<name>/<slug>.yaml is validated by the model."""

PAGES = Page
SITE = Site

__all__ = ["COLLECTIONS", "PAGES", "SITE", "Actor", "Election", "Network", "Page", "Site", "Source", "Tactic"]
