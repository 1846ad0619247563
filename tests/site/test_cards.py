"""Case cards, the workshop guide and tactics as teaching material, on the built HTML."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from pipeline.render.cards import first_check
from pipeline.render.i18n import translations
from tests.conftest import CONTENT

NETWORK = "kg-media-center-2020"
TACTIC = "stolen-profile-photos"
LANGUAGES = (("", "en"), ("ru/", "ru"), ("ky/", "ky"))
NETWORKS = sorted(path.stem for path in (CONTENT / "networks").glob("*.yaml"))


def parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def links(element) -> list[str]:
    return [a.get("href") for a in element.iter("a") if a.get("href")]


def by_class(tree, name: str) -> list:
    return [e for e in tree.iter() if name in (e.get("class") or "").split()]


def card(built_site: Path, prefix: str = ""):
    return by_class(parse(built_site / f"{prefix}cards/{NETWORK}/index.html"), "case-card")[0]


def test_tactic_page_lists_the_networks_that_use_it_with_their_cards(built_site):
    tree = parse(built_site / f"tactics/{TACTIC}/index.html")
    examples = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "examples-heading")
    assert f"../../networks/{NETWORK}/" in links(examples)
    assert f"../../cards/{NETWORK}/" in links(examples)
    workshop = by_class(tree, "for-workshops")[0]
    assert "../../cards/" in links(workshop) and "../../workshop-guide/" in links(workshop)


@pytest.mark.parametrize("prefix,lang", LANGUAGES)
def test_cards_index_has_a_card_for_every_network_and_the_deck(built_site, prefix, lang):
    tree = parse(built_site / f"{prefix}cards/index.html")
    hrefs = links(tree.find(".//main"))
    assert {f"{slug}/" for slug in NETWORKS} <= set(hrefs)
    deck = "../cards-en.html" if not prefix else f"../../cards-{lang}.html"
    assert deck in hrefs


def test_card_shows_who_ran_it_with_confidence_and_the_reply_beside_it(built_site):
    claim = by_class(card(built_site), "case-card-claim")[0]
    assert "Media Center" in text(claim)
    assert by_class(claim, "confidence-confirmed")
    reply = claim.find(".//blockquote")
    assert reply is not None and "Denies" in text(reply) and "Kerimbayev" in text(reply)


def test_card_shows_the_numbers_each_with_a_source_on_the_card(built_site):
    tree = card(built_site)
    table = tree.find(".//table")
    assert "121" in text(table) and "46" in text(table)
    assert "$1,250" in text(by_class(tree, "case-card-spend")[0])
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    notes = [href for href in links(tree) if href.startswith("#")]
    assert notes and all(href[1:] in ids for href in notes)


@pytest.mark.parametrize("prefix,lang", LANGUAGES)
def test_card_prints_its_absolute_permalink(built_site, prefix, lang):
    foot = by_class(card(built_site, prefix), "case-card-foot")[0]
    permalink = f"https://example.org/register/{prefix}networks/{NETWORK}/"
    assert permalink in text(foot) and permalink in links(foot)


@pytest.mark.parametrize("prefix,lang", LANGUAGES)
def test_card_gives_the_reporting_period_as_the_network_page_does(built_site, prefix, lang):
    label = translations(lang).gettext("Reporting period")
    page = parse(built_site / f"{prefix}networks/{NETWORK}/index.html")
    on_page = {text(div.find("dt")): text(div.find("dd")) for div in page.iter("div")
               if div.find("dt") is not None and div.find("dd") is not None}
    assert lang == "en" or on_page[label] != "December 2020", "the network page writes the month in its language"
    assert f"{label}: {on_page[label]}" in text(by_class(card(built_site, prefix), "case-card-facts")[0])


def test_long_lists_on_a_card_end_with_and_n_more(built_site):
    look = by_class(card(built_site), "case-card-look")[0]
    assert len(look.find(".//ul").findall("li")) == 3
    assert "…and 7 more tactics:" in text(look)
    assert "…and" in text(by_class(card(built_site), "case-card-sources")[0])


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_the_deck_holds_every_card_once_in_its_language(built_site, lang):
    tree = parse(built_site / f"cards-{lang}.html")
    assert tree.get("lang") == lang
    cards = by_class(tree, "case-card")
    assert sorted(c.get("id") for c in cards) == sorted(f"card-{slug}" for slug in NETWORKS)
    assert tree.find(".//header[@class='site-header']") is None  # nothing but the cards to print
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("prefix,lang", LANGUAGES)
def test_workshop_guide_links_the_cards_tactics_and_how_to_spot(built_site, prefix, lang):
    tree = parse(built_site / f"{prefix}workshop-guide/index.html")
    assert tree.get("lang") == lang
    hrefs = links(tree.find(".//main"))
    for target in ("../cards/", "../tactics/", "../how-to-spot-a-fake-account/", f"../cards/{NETWORK}/"):
        assert target in hrefs, target


def test_first_check_is_the_first_point_of_how_to_spot():
    how_to_spot = {"en": "- Run a **reverse image search**\n  on the photo.\n- Second check.", "ru": "Один абзац."}
    assert first_check(how_to_spot, "en", "en") == ("Run a reverse image search on the photo.", "en")
    assert first_check(how_to_spot, "ru", "en") == ("Один абзац.", "ru")
    assert first_check(how_to_spot, "ky", "en")[1] == "en"
