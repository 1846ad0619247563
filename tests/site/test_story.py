"""Issue 3's promises on the built site: replies beside every claim, and the story told by links."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT
from pipeline import validate
from pipeline.register import Register
from sitepages import parse, resolve, text_of


def _register() -> Register:
    records, _problems = validate(CONTENT)
    return Register.from_records(records)


def test_every_actor_with_a_claim_shows_their_response_on_their_page(built_site):
    register = _register()
    claimed = [slug for slug in register.actors if register.claims_about(slug)]
    assert "nurkan-kerimbayev" in claimed and "media-center" in claimed
    for slug in claimed:
        page = parse(built_site / "actors" / slug / "index.html")
        block = page.find(".//section[@class='right-of-reply']")
        assert block is not None, slug
        actor = register.actors[slug]
        shown = text_of(block)
        if actor.responses:
            assert len(block.findall(".//blockquote")) == len(actor.responses), slug
        else:
            assert "No public response" in shown, slug


def test_every_operator_claim_on_a_network_page_has_the_reply_beside_it(built_site):
    register = _register()
    for slug, network in register.networks.items():
        if not network.operators:
            continue
        page = parse(built_site / "networks" / slug / "index.html")
        claims = page.find(".//section[@aria-labelledby='operators-heading']").findall(".//li[@class='claim']")
        assert len(claims) == len(network.operators), slug
        for claim, operator in zip(claims, network.operators):
            assert claim.find(".//div[@class='responses']") is not None, (slug, operator.actor)


def _follow(site: Path, page: Path, text: str) -> Path:
    """The page a link whose text contains `text` leads to (inside <main>)."""
    for anchor in parse(page).find(".//main").iter("a"):
        if text in text_of(anchor) and anchor.get("href"):
            target, _anchor = resolve(site, page, anchor.get("href"))
            assert target.is_file(), anchor.get("href")
            return target
    raise AssertionError(f"no link '{text}' on {page.relative_to(site)}")


def test_a_reader_follows_the_story_from_the_home_page(built_site):
    site = built_site
    page = site / "index.html"
    header_link = next(a for a in parse(page).iter("a") if text_of(a) == "Networks")
    page, _ = resolve(site, page, header_link.get("href"))
    for step, expected in [("Media Center network", "networks/kg-media-center-2020"),
                           ("Media Center", "actors/media-center"),
                           ("Nurkan Kerimbayev", "actors/nurkan-kerimbayev"),
                           ("Asylbek Jeenbekov", "actors/asylbek-jeenbekov"),
                           ("Birimdik", "actors/birimdik"),
                           ("parliamentary", "elections/kg-parliamentary-2020")]:
        page = _follow(site, page, step)
        assert page.parent.relative_to(site).as_posix() == expected
        if expected == "actors/nurkan-kerimbayev":
            assert "Denies" in text_of(parse(page).find(".//main"))
