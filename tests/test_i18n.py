"""Three languages: every page in each, switchers that keep the record, complete catalogs,
Babel's dates, and a visible note where content is not yet translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import write_content
from pipeline import build
from pipeline.i18n_catalog import LOCALES_DIR, TRANSLATED_LANGUAGES, extract, msgids
from pipeline.render import i18n
from pipeline.render.tables import RECORD_SPECS
from schema.fields import PartialDate
from sitepages import html_pages, map_pages, parse, resolve, text_of

LANGUAGES = ("en", "ru", "ky")
NETWORK = "networks/kg-media-center-2020/"


def _catalog(lang: str):
    with open(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def _prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


# --- pages in every language --------------------------------------------------------


def _lang_of(file: Path) -> str | None:
    return parse(file).get("lang") if file.is_file() else None


def test_every_page_exists_in_every_language_with_its_lang(built_site):
    english = [page.relative_to(built_site).as_posix() for page in html_pages(built_site)
               if page.relative_to(built_site).parts[0] not in ("ru", "ky") and page.name == "index.html"]
    assert NETWORK + "index.html" in english
    versions = [(relative, lang, built_site / (_prefix(lang) + relative)) for relative in english for lang in LANGUAGES]
    found = map_pages(_lang_of, [file for _relative, _lang, file in versions])
    wrong = [f"{relative} in {lang}: lang={got!r}" for (relative, lang, _file), got in zip(versions, found) if got != lang]
    assert wrong == []


def test_switcher_lands_on_the_same_record_in_each_language(built_site):
    for lang in LANGUAGES:
        page = built_site / _prefix(lang) / NETWORK / "index.html"
        switcher = parse(page).find(".//nav[@class='wrap language-switcher']")
        links = {a.get("hreflang"): a.get("href") for a in switcher.iter("a")}
        assert set(links) == set(LANGUAGES) - {lang}
        for other, href in links.items():
            target, _anchor = resolve(built_site, page, href)
            assert target == built_site / _prefix(other) / NETWORK / "index.html"
            assert parse(target).get("lang") == other


def test_hreflang_alternates_name_every_language_version(built_site):
    tree = parse(built_site / "ru" / NETWORK / "index.html")
    alternates = {link.get("hreflang"): link.get("href") for link in tree.iter("link")
                  if link.get("rel") == "alternate" and link.get("hreflang")}
    assert alternates == {"en": f"https://example.org/register/{NETWORK}",
                          "ru": f"https://example.org/register/ru/{NETWORK}",
                          "ky": f"https://example.org/register/ky/{NETWORK}",
                          "x-default": f"https://example.org/register/{NETWORK}"}


def test_ui_is_translated_on_russian_and_kyrgyz_pages(built_site):
    for lang, heading in (("ru", "Кто управлял сетью"), ("ky", "Тармакты ким башкарган")):
        tree = parse(built_site / lang / NETWORK / "index.html")
        assert heading in [text_of(h2) for h2 in tree.iter("h2")]


# --- catalogs -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED_LANGUAGES)
def test_catalog_translates_every_string_with_every_plural_form(lang):
    template = msgids(_read_template())
    catalog = _catalog(lang)
    nplurals = catalog.num_plurals
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{lang}: fuzzy entry {message.id!r}"
        strings = message.string if isinstance(message.id, (list, tuple)) else (message.string,)
        if isinstance(message.id, (list, tuple)):
            assert len(strings) == nplurals, f"{lang}: {message.id[0]!r} needs {nplurals} forms"
        translated[message.id if isinstance(message.id, str) else tuple(message.id)] = all(strings)
    untranslated = sorted(str(msgid) for msgid in template if not translated.get(msgid))
    assert not untranslated, f"{lang}: untranslated (run python -m pipeline.i18n_catalog, then translate): {untranslated}"


def test_kyrgyz_and_russian_plural_rules_come_from_cldr():
    assert _catalog("ru").num_plurals == 3
    assert _catalog("ky").num_plurals == 2
    assert i18n.translations("ru").ngettext("%(num)d network", "%(num)d networks", 5) == "%(num)d сетей"
    assert i18n.translations("ru").ngettext("%(num)d network", "%(num)d networks", 22) == "%(num)d сети"


def test_template_is_up_to_date_with_templates_and_code():
    committed, current = msgids(_read_template()), msgids(extract())
    assert committed == current, ("locales/messages.pot is out of date; run python -m pipeline.i18n_catalog. "
                                  f"New: {sorted(map(str, current - committed))}; gone: {sorted(map(str, committed - current))}")


def test_extraction_finds_page_titles_charts_and_table_descriptions():
    found = msgids(extract())
    assert "People and organisations" in found  # pages.py: _(lang, "...")
    assert "Charts" in found  # translations(lang).gettext("...")
    assert ("%(num)d network", "%(num)d networks") in found  # plurals kept with the extra keywords
    assert {spec.description for spec in RECORD_SPECS} <= found


def test_catalogs_compile_to_real_translations():
    for lang in TRANSLATED_LANGUAGES:
        assert type(i18n.translations(lang)).__name__ == "Translations"
        assert i18n.translations(lang).gettext("Networks") != "Networks"


def _read_template():
    with open(LOCALES_DIR / "messages.pot", "rb") as handle:
        return read_po(handle)


# --- dates, numbers, names ----------------------------------------------------------


def test_dates_render_through_babel_per_language():
    day, month = PartialDate.parse("2021-01-12"), PartialDate.parse("2021-01")
    assert i18n.format_partial_date(day, "ru") == "12 января 2021\u202fг."
    assert i18n.format_partial_date(day, "ky") == "2021-ж., 12-январь"
    assert i18n.format_partial_date(day, "en") == "January 12, 2021"
    assert i18n.format_partial_date(month, "ru") == "январь 2021\u202fг."
    assert i18n.format_partial_date(PartialDate.parse("2021"), "ky") == "2021"


def test_register_names_for_kyrgyzstan_override_cldr():
    assert i18n.country_name("KG", "ru") == "Кыргызстан"
    assert i18n.country_name("KG", "ky") == "Кыргызстан"
    assert i18n.language_name("ky", "ru") == "кыргызский"
    assert i18n.currency_name("KGS", "ru") == "кыргызский сом"
    assert [i18n.language_autonym(code) for code in LANGUAGES] == ["English", "Русский", "Кыргызча"]


def test_numbers_and_money_follow_the_locale():
    assert i18n.format_number(12345, "ru") == "12\xa0345"
    assert i18n.format_money(1250, "USD", "ru") == "1\xa0250\xa0$"
    assert i18n.format_money(1250, "USD", "ky").startswith("1\xa0250")


# --- untranslated content -----------------------------------------------------------


@pytest.fixture(scope="module")
def english_only_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("english-only")
    content = write_content(root, {"tactics/test-tactic.yaml": """\
name: Only in English
summary: This behaviour is described in English only, with no Russian text yet.
stage: disguising
how_to_spot: Look at the **profile photo** first.
"""})
    build(content, root / "site")
    return root / "site"


def test_untranslated_text_is_marked_with_its_language_and_a_visible_note(english_only_site):
    tree = parse(english_only_site / "ru" / "tactics" / "test-tactic" / "index.html")
    summary = tree.find(".//p[@class='summary']")
    fallback = summary.find("span[@class='untranslated']")
    assert fallback.get("lang") == "en"
    assert "described in English only" in text_of(fallback)
    mark = summary.find("span[@class='untranslated-mark']")
    assert "Перевода пока нет" in text_of(mark)
    assert "Only in English" in [text_of(span) for span in tree.findall(".//h1/span[@lang='en']")]


def test_untranslated_markdown_has_a_note_and_its_language(english_only_site):
    tree = parse(english_only_site / "ru" / "tactics" / "test-tactic" / "index.html")
    notes = [p for p in tree.iter("p") if p.get("class") == "untranslated-note"]
    assert notes and text_of(notes[0]) == "Перевода пока нет: текст показан на языке оригинала."
    blocks = [div for div in tree.iter("div") if div.get("lang") == "en"]
    assert any("profile photo" in text_of(div) for div in blocks)
