"""The register as flat tables: one definition feeds the CSV files, SQLite and datapackage.json.

Each record collection is one table keyed by `slug`; every list of claims or links is a
long-format table pointing back at its record, so nothing in the YAML is lost. Localized
text becomes one column per site language (`name_en`, `name_ru`, ...); short lists of codes
are joined with ';'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from pipeline.register import Register
from pipeline.urls import Urls
from schema.network import ASSET_KINDS

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: string, integer, number, boolean
    description: str
    references: str | None = None  # "table.column" this column points at


@dataclass(frozen=True)
class Table:
    """One download: its columns, its rows (sorted) and its key."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    primary_key: tuple[str, ...]


@dataclass(frozen=True)
class _Spec:
    """How to build one table: columns for the site's languages, rows from the register."""

    name: str
    description: str
    primary_key: tuple[str, ...]
    columns: Callable[[tuple[str, ...]], list[Column]]
    rows: Callable[[Register, Urls], Iterator[tuple]]


def tables(register: Register, urls: Urls) -> list[Table]:
    """Every table of the dataset, in a stable order (collections first, then links)."""
    from pipeline.render.link_tables import LINK_SPECS  # link tables build on the helpers here

    languages = tuple(urls.languages)
    result = []
    for spec in RECORD_SPECS + LINK_SPECS:
        rows = tuple(sorted(spec.rows(register, urls), key=_sort_key))
        result.append(Table(spec.name, spec.description, tuple(spec.columns(languages)), rows, spec.primary_key))
    return result


def _sort_key(row: tuple) -> tuple:
    return tuple((value is None, "" if value is None else str(value).zfill(12) if isinstance(value, int) else str(value))
                 for value in row)


# --- column helpers -------------------------------------------------------------


def _text(name: str, description: str, languages: tuple[str, ...]) -> list[Column]:
    return [Column(f"{name}_{lang}", "string", f"{description} ({lang})") for lang in languages]


def _texts(value: dict[str, str] | None, languages: tuple[str, ...]) -> tuple:
    return tuple((value or {}).get(lang) for lang in languages)


def _joined(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _date(value) -> str | None:
    return str(value) if value else None


def _slug(description: str, references: str | None = None) -> Column:
    return Column("slug", "string", description, references)


def _ref(name: str, table: str, description: str) -> Column:
    return Column(name, "string", description, f"{table}.slug")


def _common() -> list[Column]:
    """Columns every record table ends with."""
    return [
        Column("aliases", "string", f"Former slugs, separated by '{LIST_SEPARATOR}'."),
        Column("also_known_as", "string", f"Other spellings, separated by '{LIST_SEPARATOR}'."),
        Column("first_published", "string", "When the record was first published (content date, else git)."),
        Column("last_updated", "string", "Latest correction or edit date."),
        Column("permalink", "string", "The record's page on the register."),
    ]


def _common_values(register: Register, urls: Urls, collection: str, slug: str, record) -> tuple:
    relative = f"{collection}/{slug}.yaml"
    return (_joined(record.aliases), _joined(record.also_known_as),
            _date(register.history.first_published(record, relative)),
            _date(register.history.last_updated(record, relative)),
            urls.absolute(urls.record(collection, slug, urls.default_language)))


# --- record tables ----------------------------------------------------------------


def _network_columns(languages):
    return ([_slug("The network's permanent identifier.")] + _text("name", "Name", languages)
            + _text("summary", "Summary", languages) + [
        Column("status", "string", "removed, partially-removed, reported or active."),
        Column("origin", "string", "Countries it was run from (ISO 3166-1 alpha-2)."),
        Column("targets", "string", "Countries whose public it addressed."),
        Column("active_from", "string", "First known activity."),
        Column("active_to", "string", "Last known activity."),
        Column("period", "string", "The platform's reporting period."),
        Column("first_takedown", "string", "Date of the earliest removal announced."),
        Column("platforms", "string", "Platforms with removals, ads or audience (actor slugs)."),
    ] + [Column(kind, "integer", f"Total {kind} removed, over every takedown.") for kind in ASSET_KINDS] + [
        Column("also_on", "string", "Other platforms where it had assets."),
        Column("killchain", "string", "Kill-chain procedure codes observed."),
        Column("related", "string", "Related networks named on this record."),
        Column("imported_from", "string", "The importer that wrote the record, if any."),
        Column("imported_commit", "string", "The commit of the imported repository."),
    ] + _text("body", "Narrative (Markdown)", languages) + _common())


def _network_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, n in register.networks.items():
        facts = register.facts[slug]
        yield ((slug,) + _texts(n.name, languages) + _texts(n.summary, languages) + (
            n.status, _joined(n.origin), _joined(n.targets),
            _date(n.active.from_ if n.active else None), _date(n.active.to if n.active else None),
            n.period, _date(facts.first_date if n.takedowns else None), _joined(facts.platforms),
        ) + tuple(facts.removed.get(kind) for kind in ASSET_KINDS) + (
            _joined(n.also_on), _joined(n.killchain), _joined(n.related),
            n.imported.from_ if n.imported else None, n.imported.commit if n.imported else None,
        ) + _texts(n.body, languages) + _common_values(register, urls, "networks", slug, n))


def _actor_columns(languages):
    return ([_slug("The actor's permanent identifier.")] + _text("name", "Name", languages) + [
        Column("kind", "string", "person, organisation, party, media, government, company, platform or ngo."),
        Column("country", "string", "Where the actor is based."),
        Column("website", "string", "The actor's own website."),
    ] + _text("description", "Who this is (Markdown)", languages) + _text("body", "Longer text (Markdown)", languages)
        + _common())


def _actor_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, a in register.actors.items():
        yield ((slug,) + _texts(a.name, languages) + (a.kind, a.country, a.website)
               + _texts(a.description, languages) + _texts(a.body, languages)
               + _common_values(register, urls, "actors", slug, a))


def _election_columns(languages):
    return ([_slug("The election's permanent identifier.")] + _text("name", "Name", languages) + [
        Column("country", "string", "Where it was held."),
        Column("kind", "string", "parliamentary, presidential, referendum or local."),
        Column("date", "string", "Polling day."),
        Column("sources", "string", "Source slugs the facts rest on."),
    ] + _text("description", "What happened (Markdown)", languages) + _common())


def _election_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, e in register.elections.items():
        yield ((slug,) + _texts(e.name, languages) + (e.country, e.kind, _date(e.date), _joined(e.sources))
               + _texts(e.description, languages) + _common_values(register, urls, "elections", slug, e))


def _source_columns(languages):
    return [_slug("The source's permanent identifier."),
            Column("title", "string", "The title, in the publication's own language."),
            _ref("publisher", "actors", "Who published it."),
            Column("url", "string", "Where it is published."),
            Column("archive_url", "string", "An archived copy."),
            Column("published", "string", "Publication date."),
            Column("language", "string", "Language of the publication (ISO 639-1)."),
            Column("kind", "string", "platform-report, investigation, news, statement, official or dataset."),
            Column("author", "string", "Author(s), as credited."),
            Column("note", "string", "What the source is used for.")] + _common()


def _source_rows(register, urls):
    for slug, s in register.sources.items():
        yield (slug, s.title, s.publisher, s.url, s.archive_url, _date(s.published), s.language, s.kind,
               s.author, s.note) + _common_values(register, urls, "sources", slug, s)


def _tactic_columns(languages):
    return ([_slug("The tactic's permanent identifier.")] + _text("name", "Name", languages)
            + _text("summary", "One sentence", languages) + [
        Column("stage", "string", "acquiring, disguising, engaging or evading."),
        Column("disarm", "string", "DISARM technique IDs."),
        Column("killchain", "string", "Kill-chain codes that match."),
        Column("sources", "string", "Source slugs describing it."),
    ] + _text("how_to_spot", "How to spot it (Markdown)", languages) + _common())


def _tactic_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, t in register.tactics.items():
        yield ((slug,) + _texts(t.name, languages) + _texts(t.summary, languages)
               + (t.stage, _joined(t.disarm), _joined(t.killchain), _joined(t.sources))
               + _texts(t.how_to_spot, languages) + _common_values(register, urls, "tactics", slug, t))


RECORD_SPECS: list[_Spec] = [
    _Spec("networks", "One row per network, with totals removed per asset kind.", ("slug",),
          _network_columns, _network_rows),
    _Spec("actors", "People and organisations, including platforms and publishers.", ("slug",),
          _actor_columns, _actor_rows),
    _Spec("elections", "Elections and referendums.", ("slug",), _election_columns, _election_rows),
    _Spec("sources", "Every publication the register cites.", ("slug",), _source_columns, _source_rows),
    _Spec("tactics", "Behaviours networks use, and how to spot them.", ("slug",), _tactic_columns, _tactic_rows),
]
