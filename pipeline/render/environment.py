"""The one Jinja2 Environment: autoescape, StrictUndefined, and every filter in one place.

Filters read the page being rendered (its language and path) from the template
context, so one environment serves every language without mutable global state.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from pipeline.contentcache import MISSING
from pipeline.render import i18n
from pipeline.render.markdown import render_markdown
from schema.fields import PartialDate

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
PROSE_WORDS = 6  # a fallback longer than this is prose, not a name, and is marked as untranslated


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=FileSystemBytecodeCache(),  # compiled templates, keyed on their source (temp folder)
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat per include: a changed template gets a new process (serve restarts its renderer)
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(
        href=href, record_href=record_href, section_href=section_href, static_href=static_href,
        page_href=page_href, json_href=json_href, data_href=data_href, home_href=home_href,
        deck_card=deck_card, kept_row=kept_row,
    )
    env.filters.update(
        t=text, plain=plain_text, md=markdown, date=date, period=period, isodate=isodate, number=number, money=money,
        country=country, language=language, currency=currency, json_block=json_block, table_rows=table_rows,
    )
    return env


@pass_context
def deck_card(context: Any, slug: str, macro: Any) -> Markup:
    """One card of a deck (pages/card_deck.html): `macro` is the case_card macro, `card_of`
    (from the page's details) works out what the card shows."""
    return _kept(context, slug, lambda: str(macro(context["card_of"](slug), heading="h2")))


@pass_context
def kept_row(context: Any, slug: str, macro: Any) -> Markup:
    """One network's row of /networks/ (pages/networks.html): `macro(slug)`."""
    return _kept(context, slug, lambda: str(macro(slug)))


def _kept(context: Any, slug: str, render: Any) -> Markup:
    """A page's part about one network: kept from the previous build when the environment
    has fragments (render/fragments.py) and nothing it read changed, else `render()`."""
    fragments = getattr(context.environment, "fragments", None)
    if fragments is None:
        return Markup(render())
    key = f"{context['urls'].file_for(context['path'])}#{slug}"
    return Markup(fragments.part(key, context["register"], render))


# --- gettext, per page language ---------------------------------------------------


@pass_context
def _gettext(context: Any, message: str) -> str:
    return i18n.translations(context["lang"]).gettext(message)


@pass_context
def _ngettext(context: Any, singular: str, plural: str, n: int) -> str:
    return i18n.translations(context["lang"]).ngettext(singular, plural, n)


@functools.cache
def language_callables(lang: str) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` bound to one language, for a page's render context.

    They give what the i18n extension's newstyle callables give (the translation as
    Markup, variables escaped into it), but skip the per-call lookup of the page's
    language, and remember each plain message: a page asks for about a hundred.
    """
    translations = i18n.translations(lang)
    plain: dict[str, Markup] = {}

    def gettext(message: str, **variables: Any) -> Markup:
        if variables:
            return Markup(translations.gettext(message)) % variables
        if message not in plain:
            plain[message] = Markup(translations.gettext(message)) % {}
        return plain[message]

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return Markup(translations.ngettext(singular, plural, num)) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


# --- links (all relative to the page being rendered) ----------------------------------


@pass_context
def href(context: Any, path: str) -> str:
    """A relative link from this page to a site-relative path."""
    return context["urls"].relative(context["path"], path)


@pass_context
def record_href(context: Any, collection: str, slug: str, lang: str | None = None) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.record(collection, slug, lang or context["lang"]))


@pass_context
def section_href(context: Any, name: str, lang: str | None = None) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.section(name, lang or context["lang"]))


@pass_context
def page_href(context: Any, slug: str) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.page(slug, context["lang"]))


@pass_context
def home_href(context: Any, lang: str | None = None) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.home(lang or context["lang"]))


@pass_context
def static_href(context: Any, name: str) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.static(name))


@pass_context
def json_href(context: Any, collection: str, slug: str) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.record_json(collection, slug))


@pass_context
def data_href(context: Any, name: str) -> str:
    urls = context["urls"]
    return urls.relative(context["path"], urls.data_file(name))


# --- localized content ---------------------------------------------------------------


@pass_context
def text(context: Any, value: dict[str, str] | None) -> Markup:
    """Localized text; a fallback keeps its own `lang`, and prose also gets a visible marker.

    Short fallbacks are names (Facebook, Kloop), which read the same on every page, so
    only text of more than PROSE_WORDS words says it is not yet translated.
    """
    shown, shown_lang = i18n.localized(value, context["lang"], context["default_lang"])
    if shown_lang == context["lang"]:
        return Markup(escape(shown))
    html = Markup('<span lang="{}" class="untranslated">{}</span>').format(shown_lang, shown)
    if len(shown.split()) <= PROSE_WORDS:
        return html
    note = i18n.translations(context["lang"]).gettext("Not yet translated; shown in the original language.")
    return html + Markup(' <span class="untranslated-mark" title="{note}"><span aria-hidden="true">{code}</span>'
                         '<span class="visually-hidden">({note})</span></span>').format(note=note, code=shown_lang.upper())


@pass_context
def plain_text(context: Any, value: dict[str, str] | None) -> str:
    """Localized text as a plain string, for attributes and titles."""
    return i18n.localized(value, context["lang"], context["default_lang"])[0]


@pass_context
def markdown(context: Any, value: dict[str, str] | None, heading_offset: int = 1) -> Markup:
    """Localized markdown; when shown in another language, a visible note says so."""
    if not value:
        return Markup("")
    shown, shown_lang = i18n.localized(value, context["lang"], context["default_lang"])
    html = Markup(_cached_markdown(shown, heading_offset, context.get("urls"), context.environment))
    if shown_lang == context["lang"]:
        return html
    note = i18n.translations(context["lang"]).gettext("Not yet translated; shown in the original language.")
    return Markup('<p class="untranslated-note">{}</p><div lang="{}">{}</div>').format(note, shown_lang, html)


@functools.lru_cache(maxsize=4096)
def _cached_markdown(source: str, heading_offset: int, urls: Any = None, env: Any = None) -> str:
    """Rendered once per text and site (the offline copy rewrites links, see Urls.content_link),
    and kept between builds in the environment's markdown cache when it has one."""
    offline = urls is not None and urls.offline
    cache = getattr(env, "markdown_cache", None)
    key = cache.text_key(source, heading_offset, offline) if cache is not None else None
    html = cache.get(key) if key is not None else MISSING
    if html is MISSING:
        html = render_markdown(source, heading_offset, urls.content_link if offline else None)
        if key is not None:
            cache.put(key, html)
    return html


def table_rows(table: Any) -> Markup:
    """A chart's data table body: the first cell of a row is its header, numbers carry their
    raw value for sorting. Built here as plain text, every value escaped, not in the
    template: the site-wide charts' tables have some 200,000 cells at 10,000 networks,
    which took Jinja 8 s. A Cell object met again (charts share one per record named) is
    written once."""
    rows, written = [], {}
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row):
            key = (id(cell), index == 0)
            if key not in written:
                written[key] = _table_cell(cell, index == 0)
            cells.append(written[key])
        rows.append(f"          <tr>{''.join(cells)}</tr>\n")
    return Markup("".join(rows))


def _table_cell(cell: Any, header: bool) -> str:
    content = f'<a href="{_escaped(cell.href)}">{_escaped(cell.text)}</a>' if cell.href else _escaped(cell.text)
    if header:
        return f'<th scope="row">{content}</th>'
    if cell.value is not None:
        return f'<td class="num" data-value="{_escaped(cell.value)}">{content}</td>'
    return f"<td>{content}</td>"


def _escaped(value: Any) -> str:
    return str(escape(value))


@pass_context
def date(context: Any, value: PartialDate | None) -> str:
    return i18n.format_partial_date(value, context["lang"])


@pass_context
def period(context: Any, value: str) -> str:
    return i18n.format_period(value, context["lang"])


def isodate(value: PartialDate | None) -> str:
    return str(value) if value else ""


@pass_context
def number(context: Any, value: float | int) -> str:
    return i18n.format_number(value, context["lang"])


@pass_context
def money(context: Any, amount: float, currency_code: str) -> str:
    return i18n.format_money(amount, currency_code, context["lang"])


@pass_context
def country(context: Any, code: str) -> str:
    return i18n.country_name(code, context["lang"])


@pass_context
def language(context: Any, code: str) -> str:
    return i18n.language_name(code, context["lang"])


@pass_context
def currency(context: Any, code: str) -> str:
    return i18n.currency_name(code, context["lang"])


def json_block(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block: '<' escaped so content cannot end it."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
