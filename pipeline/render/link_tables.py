"""Long-format tables: every claim, figure and link of a record, one row each.

`position` keeps the curator's order within a record; (record, position) is the key.
Claim sources are joined with ';' (the record-level sources of a network are a table).
"""

from __future__ import annotations

from pipeline.render.tables import Column, _joined, _date, _ref, _Spec, _text, _texts
from schema.network import ASSET_KINDS

_POSITION = Column("position", "integer", "Order within the record, from 1.")
_APPROXIMATE = Column("approximate", "boolean", "True when the source says 'about'.")
_CONFIDENCE = Column("confidence", "string", "confirmed, reported or alleged.")
_CLAIM_SOURCES = Column("sources", "string", "Source slugs the claim rests on, separated by ';'.")


def _network() -> Column:
    return _ref("network", "networks", "The network.")


def _each(register, field):
    """(network slug, position, item) for every item of a network list field."""
    for slug, network in register.networks.items():
        for position, item in enumerate(getattr(network, field), 1):
            yield slug, position, item


def _takedown_rows(register, urls):
    for slug, pos, t in _each(register, "takedowns"):
        yield (slug, pos, t.platform, _date(t.date), t.approximate, t.source) + tuple(
            getattr(t.removed, kind) for kind in ASSET_KINDS)


def _ad_spend_rows(register, urls):
    for slug, pos, a in _each(register, "ad_spend"):
        yield slug, pos, a.platform, a.amount, a.currency, a.approximate, a.source


def _audience_rows(register, urls):
    for slug, pos, a in _each(register, "audience"):
        yield slug, pos, a.platform, a.metric, a.count, a.approximate, a.source


def _operator_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, pos, c in _each(register, "operators"):
        yield (slug, pos, c.actor, c.confidence, _joined(c.sources)) + _texts(c.role, languages)


def _stance_rows(register, urls):
    for slug, pos, c in _each(register, "stances"):
        yield slug, pos, c.actor, c.stance, c.confidence, _joined(c.sources)


def _investigator_rows(register, urls):
    for slug, pos, i in _each(register, "investigated_by"):
        yield slug, pos, i.actor, _joined(i.sources)


def _list_rows(field):
    def rows(register, urls):
        for slug, _pos, value in _each(register, field):
            yield slug, value
    return rows


def _affiliation_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, actor in register.actors.items():
        for pos, a in enumerate(actor.affiliations, 1):
            yield ((slug, pos, a.actor, a.confidence, _joined(a.sources),
                    _date(a.period.from_ if a.period else None), _date(a.period.to if a.period else None))
                   + _texts(a.role, languages))


def _response_rows(register, urls):
    languages = tuple(urls.languages)
    for slug, actor in register.actors.items():
        for pos, r in enumerate(actor.responses, 1):
            yield (slug, pos, _date(r.date), r.stance, r.source) + _texts(r.summary, languages)


def _correction_rows(register, urls):
    languages = tuple(urls.languages)
    for collection in ("networks", "actors", "elections", "sources", "tactics"):
        for slug, record in register.collection(collection).items():
            for pos, c in enumerate(record.corrections, 1):
                yield (collection, slug, pos, _date(c.date)) + _texts(c.note, languages)


_PLATFORM = _ref("platform", "actors", "The platform (an actor of kind platform).")
_SOURCE = _ref("source", "sources", "The publication that gives the figure.")

LINK_SPECS: list[_Spec] = [
    _Spec("takedowns", "What each platform removed, in its own figures.", ("network", "position"),
          lambda langs: [_network(), _POSITION, _PLATFORM, Column("date", "string", "When the removal was announced."),
                         _APPROXIMATE, _SOURCE] + [Column(k, "integer", f"{k.capitalize()} removed.") for k in ASSET_KINDS],
          _takedown_rows),
    _Spec("ad_spend", "Money spent on ads, in the currency the source states (never converted).",
          ("network", "position"),
          lambda langs: [_network(), _POSITION, _PLATFORM, Column("amount", "number", "The amount."),
                         Column("currency", "string", "ISO 4217 currency code."), _APPROXIMATE, _SOURCE],
          _ad_spend_rows),
    _Spec("audience", "Reach at removal.", ("network", "position"),
          lambda langs: [_network(), _POSITION, _PLATFORM, Column("metric", "string", "What was counted."),
                         Column("count", "integer", "How many."), _APPROXIMATE, _SOURCE],
          _audience_rows),
    _Spec("operators", "Who ran each network, with confidence and sources.", ("network", "position"),
          lambda langs: [_network(), _POSITION, _ref("actor", "actors", "The operator."), _CONFIDENCE, _CLAIM_SOURCES]
          + _text("role", "What the source says the actor did", langs),
          _operator_rows),
    _Spec("stances", "Whom each network promoted or attacked.", ("network", "position"),
          lambda langs: [_network(), _POSITION, _ref("actor", "actors", "The actor promoted or attacked."),
                         Column("stance", "string", "promoted, attacked or both."), _CONFIDENCE, _CLAIM_SOURCES],
          _stance_rows),
    _Spec("investigators", "Who found or documented each network.", ("network", "position"),
          lambda langs: [_network(), _POSITION, _ref("actor", "actors", "The investigator."), _CLAIM_SOURCES],
          _investigator_rows),
    _Spec("network_elections", "Elections each network was active around.", ("network", "election"),
          lambda langs: [_network(), _ref("election", "elections", "The election.")], _list_rows("elections")),
    _Spec("network_tactics", "Behaviours each network used.", ("network", "tactic"),
          lambda langs: [_network(), _ref("tactic", "tactics", "The tactic.")], _list_rows("tactics")),
    _Spec("network_sources", "Every publication a network record rests on.", ("network", "source"),
          lambda langs: [_network(), _ref("source", "sources", "The publication.")], _list_rows("sources")),
    _Spec("affiliations", "Ties between actors, each sourced.", ("actor", "position"),
          lambda langs: [_ref("actor", "actors", "The actor who has the tie."), _POSITION,
                         _ref("other", "actors", "The actor at the other end."), _CONFIDENCE, _CLAIM_SOURCES,
                         Column("period_from", "string", "Start of the tie, when a source gives it."),
                         Column("period_to", "string", "End of the tie.")]
          + _text("role", "The tie, as the source describes it", langs),
          _affiliation_rows),
    _Spec("responses", "Public responses of actors (right of reply).", ("actor", "position"),
          lambda langs: [_ref("actor", "actors", "The actor who responded."), _POSITION,
                         Column("date", "string", "When the response was given."),
                         Column("stance", "string", "denies, confirms, declined-to-comment or no-response."),
                         _ref("source", "sources", "Where the response was published.")]
          + _text("summary", "What the actor said", langs),
          _response_rows),
    _Spec("corrections", "Public corrections to every record.", ("collection", "slug", "position"),
          lambda langs: [Column("collection", "string", "networks, actors, elections, sources or tactics."),
                         Column("slug", "string", "The corrected record."), _POSITION,
                         Column("date", "string", "When the correction was made.")]
          + _text("note", "What was corrected and why (Markdown)", langs),
          _correction_rows),
]
