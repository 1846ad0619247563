"""Stage 2: rules across records, one small function per rule.

Each rule takes the loaded Records and returns ContentErrors (errors or warnings);
`check` runs them all, so a curator sees every problem at once.
"""

from __future__ import annotations

import csv
import difflib
import functools
from pathlib import Path
from typing import Callable

from pipeline import gctuning
from pipeline.errors import ContentError
from pipeline.load import Entry, Records, field_name
from pipeline.urls import RESERVED_TOP_LEVEL
from schema.fields import Reference

REFERENCE_DIR = Path(__file__).parent / "reference"


def check(records: Records) -> list[ContentError]:
    """Every cross-record rule, errors and warnings together."""
    errors: list[ContentError] = []
    # The rules walk 200,000 references at 10,000 networks and keep them on the records:
    # every collection would rescan them (0.4 s) for cycles the rules never make.
    with gctuning.lasting():  # the references live as long as the records
        for rule in RULES:
            errors += rule(records)
    return errors


# --- references -------------------------------------------------------------


def check_references(records: Records) -> list[ContentError]:
    """Every slug field resolves in its collection (and to the right actor kind)."""
    errors = []
    resolves: dict[Reference, set[str]] = {}
    for entry in records.entries():
        for path, ref, slug in entry.references:
            if ref not in resolves:
                resolves[ref] = _slugs_named_by(records, ref)
            if slug in resolves[ref]:
                continue  # the common case, one set lookup
            if (ref.collection, slug) in records.failed:
                continue  # its own file's errors are reported already
            problem = _reference_problem(records, ref, slug)
            if problem:
                message, hint = problem
                line, col = entry.position_of(path)
                errors.append(ContentError(entry.path, line, col, field_name(path), message, hint))
    return errors


def _slugs_named_by(records: Records, ref: Reference) -> set[str]:
    """The slugs a reference may name: its collection's, of the kind it asks for if any."""
    entries = records.collections.get(ref.collection, {})
    return {slug for slug, entry in entries.items() if ref.kind is None or getattr(entry.model, "kind", None) == ref.kind}


def _reference_problem(records: Records, ref: Reference, slug: str) -> tuple[str, str] | None:
    target = records.collections.get(ref.collection, {})
    noun = ref.collection.rstrip("s")
    if slug in target:
        kind = getattr(target[slug].model, "kind", None)
        if ref.kind and kind != ref.kind:
            return (f"'{slug}' is an actor of kind '{kind}', not a {ref.kind}",
                    f"name an actor whose kind is '{ref.kind}' (for example 'facebook')")
        return None
    elsewhere = [name for name, entries in records.collections.items() if slug in entries]
    if elsewhere:
        return (f"'{slug}' is in {elsewhere[0]}, not in {ref.collection}",
                f"this field takes a slug from content/{ref.collection}/")
    alias_of = _alias_target(records, ref.collection, slug)
    if alias_of:
        return (f"'{slug}' is a former slug of {noun} '{alias_of}'", f"write '{alias_of}' instead")
    close = difflib.get_close_matches(slug, sorted(target), n=1, cutoff=0.75)
    hint = f"did you mean '{close[0]}'?" if close else f"create content/{ref.collection}/{slug}.yaml, or fix the slug"
    return f"no {noun} '{slug}'", hint


def _alias_target(records: Records, collection: str, slug: str) -> str | None:
    for entry in records.collections.get(collection, {}).values():
        if slug in getattr(entry.model, "aliases", []):
            return entry.slug
    return None


# --- aliases and permalinks ----------------------------------------------------


def check_aliases(records: Records) -> list[ContentError]:
    """An alias is unique in its collection and never shadows a live slug."""
    errors = []
    groups = dict(records.collections, pages=records.pages)
    for name, entries in groups.items():
        owner: dict[str, str] = {}
        for slug in sorted(entries):
            entry = entries[slug]
            for index, alias in enumerate(getattr(entry.model, "aliases", [])):
                line, col = entry.position_of(("aliases", index))
                if alias in entries:
                    errors.append(ContentError(entry.path, line, col, f"aliases[{index}]",
                                               f"alias '{alias}' is the slug of another live record in {name}",
                                               "an alias redirects to this record; it cannot also be a page of its own"))
                elif alias in owner:
                    errors.append(ContentError(entry.path, line, col, f"aliases[{index}]",
                                               f"alias '{alias}' is also an alias of '{owner[alias]}'",
                                               f"keep it on one record only (see {name}/{owner[alias]})"))
                else:
                    owner[alias] = slug
    return errors


def check_page_slugs(records: Records) -> list[ContentError]:
    """A free page must not take a path the site itself uses (/networks/, /search/, ...)."""
    errors = []
    for slug, entry in sorted(records.pages.items()):
        for name in [slug, *entry.model.aliases]:
            if name in RESERVED_TOP_LEVEL:
                errors.append(ContentError(entry.path, 1, 1, "", f"'{name}' is a path the site uses itself (/{name}/)",
                                           "rename the page file"))
    return errors


# --- networks ------------------------------------------------------------------


def check_related(records: Records) -> list[ContentError]:
    """`related` is listed on one side only; the reverse link is derived by the Register."""
    errors = []
    networks = records.collections["networks"]
    for slug, entry in sorted(networks.items()):
        for index, other in enumerate(entry.model.related):
            if other == slug:
                errors.append(ContentError(entry.path, *entry.position_of(("related", index)), f"related[{index}]",
                                           "a network cannot be related to itself"))
            elif other in networks and slug in networks[other].model.related:
                errors.append(ContentError(entry.path, *entry.position_of(("related", index)), f"related[{index}]",
                                           f"'{other}' already lists '{slug}' as related",
                                           f"list the link on one side only (the other page shows it); remove it here or in networks/{other}.yaml",
                                           severity="warning"))
    return errors


@functools.cache
def killchain_codes() -> dict[str, str]:
    """Kill-chain code -> name, from Meta's taxonomy (phases, techniques, procedures)."""
    codes: dict[str, str] = {}
    with open(REFERENCE_DIR / "killchain.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            for cell in row:
                code, _, name = cell.strip().partition(" ")
                code = code.rstrip(".")
                if code and code[0].isdigit():
                    codes.setdefault(code, name.strip())
    return codes


def check_killchain(records: Records) -> list[ContentError]:
    """Kill-chain codes exist in the taxonomy file."""
    codes = killchain_codes()
    errors = []
    for name in ("networks", "tactics"):
        for slug, entry in sorted(records.collections[name].items()):
            for index, code in enumerate(entry.model.killchain):
                if code not in codes:
                    line, col = entry.position_of(("killchain", index))
                    close = difflib.get_close_matches(code, sorted(codes), n=1)
                    errors.append(ContentError(entry.path, line, col, f"killchain[{index}]",
                                               f"'{code}' is not a code of Meta's Online Operations Kill Chain",
                                               f"did you mean '{close[0]}'?" if close else "see pipeline/reference/killchain.csv"))
    return errors


def disarm_techniques(version: str) -> dict[str, tuple[str, str]] | None:
    """DISARM ID -> (name, current|retired) for the pinned version, or None if not shipped."""
    path = REFERENCE_DIR / f"disarm-{version}.csv"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: (row["name"], row.get("status") or "current") for row in csv.DictReader(handle)}


def check_disarm(records: Records) -> list[ContentError]:
    """DISARM IDs exist in the version site.yaml pins."""
    tactics = records.collections["tactics"]
    used = [(entry, index, code) for slug, entry in sorted(tactics.items()) for index, code in enumerate(entry.model.disarm)]
    if not used:
        return []
    version = records.site.disarm_version if records.site else None
    if not version or disarm_techniques(version) is None:
        entry, index, _ = used[0]
        line, col = entry.position_of(("disarm", index))
        return [ContentError(entry.path, line, col, f"disarm[{index}]",
                             f"DISARM IDs need a known DISARM version (site.yaml says {version!r})",
                             "set site.yaml disarm_version to a version with a file in pipeline/reference/disarm-<version>.csv")]
    known = disarm_techniques(version)
    errors = []
    for entry, index, code in used:
        if code not in known:
            line, col = entry.position_of(("disarm", index))
            errors.append(ContentError(entry.path, line, col, f"disarm[{index}]",
                                       f"'{code}' is not a technique in DISARM {version}",
                                       "check the ID in the DISARM framework, or leave it out"))
    return errors


# --- warnings: what is probably unfinished ---------------------------------------


def check_unfinished(records: Records) -> list[ContentError]:
    """Warnings: networks without a narrative, records nothing refers to, operators without a reply."""
    referenced = {(ref.collection, slug) for entry in records.entries() for _, ref, slug in entry.references}
    # An actor whose own ties point at others is part of the graph even if nothing points back.
    referenced |= {("actors", slug) for slug, entry in records.collections["actors"].items() if entry.model.affiliations}
    warnings = []
    for slug, entry in sorted(records.collections["networks"].items()):
        if entry.model.body is None:
            warnings.append(_warning(entry, "body", "the network has no body",
                                     "add a short narrative: what it did, how it was found, what is disputed"))
    # With a record that failed to load, "nothing refers to it" would be a false alarm.
    for name in ("actors", "sources", "elections", "tactics") if not records.failed else ():
        for slug, entry in sorted(records.collections[name].items()):
            if (name, slug) not in referenced:
                warnings.append(_warning(entry, "", f"nothing refers to this {name.rstrip('s')}",
                                         "link it from a record, or delete the file"))
    warnings += _operators_without_response(records)
    return warnings


def _operators_without_response(records: Records) -> list[ContentError]:
    actors = records.collections["actors"]
    named = {op.actor for entry in records.collections["networks"].values() for op in entry.model.operators}
    return [
        _warning(actors[slug], "responses", "a person named as an operator has no recorded response",
                 "record their reply, or 'stance: no-response' with the date you asked and the source")
        for slug in sorted(named)
        if slug in actors and actors[slug].model.kind == "person" and not actors[slug].model.responses
    ]


def _warning(entry: Entry, field: str, message: str, hint: str) -> ContentError:
    line, col = entry.position_of((field,)) if field else (1, 1)
    return ContentError(entry.path, line, col, field, message, hint, severity="warning")


RULES: list[Callable[[Records], list[ContentError]]] = [
    check_references,
    check_aliases,
    check_page_slugs,
    check_related,
    check_killchain,
    check_disarm,
    check_unfinished,
]
