"""A page's parts (a deck's cards, the rows of /networks/) are kept between builds when
nothing they read changed (render/fragments.py).

The byte-for-byte comparisons of whole rebuilds are in test_pagecache.py; here, that a
kept card is really not rendered again, and that each kind of change renders it."""

from __future__ import annotations

import pytest

from conftest import CONTENT
from pipeline import validate
from pipeline.history import History
from pipeline.register import Register
from pipeline.render.fragments import PageFragments
from pipeline.render.pagecache import Fingerprints, TrackedRegister

HTML = '<article class="case-card">card</article>'


@pytest.fixture(scope="module")
def content():
    records, errors = validate(CONTENT)
    assert not [error for error in errors if not error.is_warning]
    return records, Register.from_records(records, History.from_git(CONTENT))


def _fingerprints(records, register, edited=()) -> Fingerprints:
    digests = {(name, slug): entry.digest for name, entries in records.collections.items()
               for slug, entry in entries.items()}
    digests |= {key: b"edited" for key in edited}
    return Fingerprints(register, digests, records.site_entry.digest)


def _deck_card(fragments: PageFragments, register: TrackedRegister, key: str, network: str, rendered: list) -> set:
    """Ask for one card as the deck does; return what the deck is noted to have read."""
    def render() -> str:
        rendered.append(key)
        register.networks[network]  # a card reads its network (and more, through the register)
        return HTML
    register.reads = set()
    assert fragments.part(key, register, render) == HTML
    reads, register.reads = register.reads, None
    return reads


def test_a_card_is_rendered_again_only_when_what_it_read_changed(content):
    records, register = content
    tracked = TrackedRegister(register)
    network, other = sorted(register.networks)[:2]
    key, rendered = f"cards-en.html#{network}", []
    first = PageFragments({}, _fingerprints(records, register), b"setting")
    reads = _deck_card(first, tracked, key, network, rendered)
    assert {("record", "networks", network), ("site",)} <= reads
    kept = {key: entry for key, entry in first.take().items()}
    assert rendered == [key] and kept[key][3] == HTML

    unchanged = PageFragments(kept, _fingerprints(records, register, edited=[("networks", other)]), b"setting")
    assert _deck_card(unchanged, tracked, key, network, rendered) == reads, "a kept card's reads are still the deck's"
    assert rendered == [key], "nothing the card read changed: not rendered again"
    assert unchanged.take() == {key: None}

    for changed in (PageFragments(kept, _fingerprints(records, register, edited=[("networks", network)]), b"setting"),
                    PageFragments(kept, _fingerprints(records, register), b"another code version or address")):
        _deck_card(changed, tracked, key, network, rendered)
    assert rendered == [key, key, key]


def test_without_a_tracked_register_cards_are_simply_rendered(content):
    _records, register = content
    fragments = PageFragments({}, None, b"setting")
    assert fragments.part("cards-en.html#x", register, lambda: HTML) == HTML
    assert fragments.take() == {}
