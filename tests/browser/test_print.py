"""Case cards on paper: Chromium's print output, one A4 page per card, no site navigation."""

from __future__ import annotations

import re

import pytest

from pipeline import build
from tests.conftest import CONTENT, write_content

pytestmark = pytest.mark.browser

NETWORK = "kg-media-center-2020"
A4_WIDTH_POINTS = 595


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF: '/Type /Page' objects, not the '/Type /Pages' tree nodes."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_to_pdf(page, url: str) -> bytes:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.pdf(prefer_css_page_size=True)


def test_print_hides_the_site_navigation_on_a_card(page, site_url):
    page.goto(site_url + f"cards/{NETWORK}/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".case-card-tools"):
        assert page.locator(selector).evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator(".case-card").is_visible()


def test_print_text_is_at_least_10pt(page, site_url):
    page.goto(site_url + f"cards/{NETWORK}/")
    page.emulate_media(media="print")
    smallest = page.locator(".case-card").evaluate(
        "card => Math.min(...[...card.querySelectorAll('p, li, td, th, blockquote, cite')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert smallest >= 10 * 96 / 72 - 0.01  # CSS px for 10pt


@pytest.mark.parametrize("path", [f"cards/{NETWORK}/", f"ru/cards/{NETWORK}/", f"ky/cards/{NETWORK}/"])
def test_a_card_prints_on_one_a4_page(page, site_url, path):
    pdf = print_to_pdf(page, site_url + path)
    assert pdf_pages(pdf) == 1
    width = float(re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+)", pdf).group(1))
    assert abs(width - A4_WIDTH_POINTS) < 1  # the card's own @page size, not the printer default (Letter: 612)


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_the_whole_deck_prints_one_page_per_network(page, site_url, lang):
    networks = len(list((CONTENT / "networks").glob("*.yaml")))
    assert pdf_pages(print_to_pdf(page, site_url + f"cards-{lang}.html")) == networks


def _crowded_network(tmp_path, operators: int = 4):
    """A network with every list long and every text far longer than a card can hold."""
    long = "A very long sentence about what the network did, repeated to fill the space. " * 30
    sources = {f"sources/long-{n}.yaml": (
        f"title: {'A long title of a report about coordinated inauthentic behaviour ' * 3}{n}\n"
        "publisher: test-publisher\nurl: https://example.org/r\npublished: 2021-01-12\nlanguage: en\nkind: news\n")
        for n in range(12)}
    tactics = {f"tactics/long-{n}.yaml": (
        f"name: A tactic with a long name number {n}\nsummary: A behaviour.\nstage: engaging\n"
        f"how_to_spot: |\n  - {long[:600]}\n  - Second check.\n") for n in range(8)}
    actors = {f"actors/company-{n}.yaml": (
        f"name: Company number {n} with a long name\nkind: company\nresponses:\n" + "".join(
            f"  - {{date: 2021-0{m + 1}, stance: denies, summary: '{long[:900]}', source: long-{m}}}\n" for m in range(3)))
        for n in range(4)}
    network = (
        f"name: A network with a long name that goes on and on for two lines on paper\nsummary: '{long}'\n"
        "status: removed\norigin: [KG, KZ, RU]\ntargets: [KG, KZ, UZ, TJ]\nperiod: Q1 2021\ntakedowns:\n" + "".join(
            f"  - {{platform: test-platform, date: 2021-0{n + 1}, source: long-{n}, removed: "
            "{accounts: 1234567, pages: 12345, groups: 1234, channels: 12, events: 3, ads: 1234}}\n" for n in range(6))
        + "ad_spend:\n" + "".join(f"  - {{platform: test-platform, amount: 123456789, currency: USD, source: long-{n}}}\n"
                                  for n in range(5))
        + "operators:\n" + "".join(f"  - {{actor: company-{n}, confidence: alleged, role: '{long[:300]}', "
                                   f"sources: [long-{n}, long-{n + 1}, long-{n + 2}]}}\n" for n in range(operators))
        + f"tactics: [{', '.join(f'long-{n}' for n in range(8))}]\n"
        + f"sources: [{', '.join(f'long-{n}' for n in range(12))}]\n")
    return write_content(tmp_path, {**sources, **tactics, **actors, "networks/test-network.yaml": network})


@pytest.mark.parametrize("operators", [1, 4])
def test_a_crowded_card_still_prints_on_one_page(page, tmp_path, operators):
    site = tmp_path / "site"
    build(_crowded_network(tmp_path, operators), site)
    for path in ("ru/cards/test-network/index.html", "cards/test-network/index.html"):
        pdf = print_to_pdf(page, (site / path).as_uri())
        assert pdf_pages(pdf) == 1, path
    assert page.get_by_text("…and 5 more tactics").count() == 1
