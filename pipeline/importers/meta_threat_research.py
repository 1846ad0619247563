"""`build.py import meta-threat-research PATH`: Meta's CIB network data -> network records.

Reads Meta's Threat Research Indicator Repository (a checkout, or a copy with a
MANIFEST.csv), and writes one network record per network it describes, the source
records they cite (each file at the pinned commit) and any platform actor they need that
does not exist yet. Re-running updates what it wrote and leaves alone what a curator has
edited since; see docs/importing.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.importers.apply import (
    PlannedFile,
    change_of,
    created_once,
    model_errors,
    new_problems,
    tracked_network,
    tracked_source,
    write,
)
from pipeline.importers.meta_inputs import Inputs, find_inputs
from pipeline.importers.meta_names import parse_file_name, words
from pipeline.importers.meta_networks import NetworkEvidence, assign_slugs, group_sizes, pair_files
from pipeline.importers.meta_records import Citations, network_record, source_record
from pipeline.importers.meta_summary import read_summary
from pipeline.importers.meta_ttps import read_ttp_file
from pipeline.importers.platforms import PLATFORMS, actor_data
from pipeline.importers.report import Change, ImportReport, InputProblem
from pipeline.yamlfile import YamlError, decode, parse

IMPORTER = "meta-threat-research"


def run_import(source: Path, content_dir: Path, dry_run: bool = False, commit: str | None = None) -> ImportReport:
    """Import every network under `source` into `content_dir` (or only report, if dry_run)."""
    source, content_dir = Path(source), Path(content_dir)
    report = ImportReport(IMPORTER, source, dry_run=dry_run)
    inputs = find_inputs(source, commit)
    report.commit, report.problems, report.fatal = inputs.commit, list(inputs.problems), list(inputs.fatal)
    if report.fatal:
        return report
    networks = _read_networks(inputs, report)
    existing = Existing.scan(content_dir)
    bundles = _bundles(networks, inputs.commit, existing, report)
    planned = _valid_files(bundles, existing.default_language, report)
    report.changes = [change_of(content_dir, file, IMPORTER) for file in planned]
    report.changes += _not_in_input(existing, {bundle.key for bundle in bundles})
    to_write = [file for file, change in zip(planned, report.changes) if change.status in ("new", "updated")]
    if to_write:
        added = new_problems(content_dir, to_write)
        report.invalid = [error for error in added if not error.is_warning]
        report.notes += [f"would add {error.format()}" for error in added if error.is_warning]
    if not report.invalid and not dry_run and to_write:
        write(content_dir, to_write)
        report.written = True
    return report


# --- reading ---------------------------------------------------------------------------


def _read_networks(inputs: Inputs, report: ImportReport) -> list[NetworkEvidence]:
    ttps, summaries = {}, {}
    for file in inputs.files:
        name = parse_file_name(file.upstream)
        if isinstance(name, str):
            report.problems.append(InputProblem(file.shown, 0, name, "the network was not imported"))
            continue
        parsed = read_summary(file) if file.is_summary else read_ttp_file(file)
        report.problems += parsed.problems
        report.notes += parsed.notes
        (summaries if file.is_summary else ttps)[file.upstream] = (parsed, name)
    networks, notes = pair_files(ttps, summaries)
    report.notes += notes
    return networks


@dataclass
class Existing:
    """What content/ already holds that the import must respect."""

    kept: dict[str, str] = field(default_factory=dict)
    """Upstream path -> slug of networks this importer wrote before: they keep their slug."""
    taken: set[str] = field(default_factory=set)
    actors: dict[str, str] = field(default_factory=dict)
    """Actor slug -> kind, to reuse a curator's platform record ('twitter') if there is one."""
    default_language: str = "en"

    @classmethod
    def scan(cls, content_dir: Path) -> "Existing":
        found = cls()
        for slug, data in _records(content_dir / "networks"):
            found.taken.add(slug)
            imported = data.get("imported") if isinstance(data, dict) else None
            if isinstance(imported, dict) and imported.get("from") == IMPORTER and imported.get("path"):
                found.kept[str(imported["path"])] = slug
        found.actors = {slug: str(data.get("kind")) if isinstance(data, dict) else ""
                        for slug, data in _records(content_dir / "actors")}
        site = next((data for slug, data in _records(content_dir, "site.yaml")), None)
        if isinstance(site, dict) and isinstance(site.get("languages"), list) and site["languages"]:
            found.default_language = str(site["languages"][0])
        return found


def _records(folder: Path, pattern: str = "*.yaml"):
    """(slug, data) of each readable YAML file; unreadable ones are the loader's to report."""
    for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
        try:
            yield path.stem, parse(decode(path.read_bytes()), path.name).data
        except YamlError:
            yield path.stem, None


# --- planning --------------------------------------------------------------------------


@dataclass
class Bundle:
    """A network record and the files it needs: dropped together if any is invalid."""

    key: str
    input: str
    network: PlannedFile
    sources: list[PlannedFile]
    actors: list[PlannedFile]


def _bundles(networks: list[NetworkEvidence], commit: str, existing: Existing, report: ImportReport) -> list[Bundle]:
    slugs = assign_slugs(networks, existing.kept, existing.taken)
    sizes = group_sizes(networks)
    platforms = _platform_slugs(networks, existing, report)
    bundles, unplaced_spend = [], 0
    for network in networks:
        files, cite = _sources(network, commit, platforms)
        data = network_record(network, slugs[network.key], sizes[network.name.group] > 1, cite)
        unplaced_spend += _has_unplaced_spend(network)
        actors = [created_once("actors", slug, actor_data(PLATFORMS[key]))
                  for key, slug in sorted(platforms.items()) if slug in data.get("also_on", [])
                  and slug not in existing.actors]
        planned = tracked_network(slugs[network.key], data, IMPORTER, network.key, commit)
        shown = (network.ttps or network.summary).file.shown
        bundles.append(Bundle(network.key, shown, planned, files, actors))
    if unplaced_spend:
        report.notes.append(f"{unplaced_spend} network(s): Meta gives one ad-spend figure for 'Facebook and "
                            "Instagram' together, or names no platform; it is quoted in the body, not in "
                            "ad_spend (which takes one platform per figure)")
    return bundles


def _has_unplaced_spend(network: NetworkEvidence) -> bool:
    """Ad spend stated for no single platform: the schema's ad_spend cannot hold it."""
    spend = network.case.ad_spend if network.case and network.case.ad_spend else None
    spend = spend or (network.ttps.ad_spend if network.ttps else None)
    return spend is not None and len(spend.platforms) != 1


def _sources(network: NetworkEvidence, commit: str, platforms: dict[str, str]) -> tuple[list[PlannedFile], Citations]:
    """Source records for the network's files, and the slugs its record cites."""
    files, data_slug, summary_slug = [], None, None
    if network.ttps:
        data_slug = source_slug(network.ttps.file.upstream)
        files.append(tracked_source(data_slug, source_record(network.ttps.file, commit), IMPORTER))
    if network.summary:
        summary_slug = source_slug(network.summary.file.upstream)
        files.append(tracked_source(summary_slug, source_record(network.summary.file, commit, network.summary),
                                    IMPORTER))
    return files, Citations(data_slug or summary_slug, summary_slug, platforms, commit)


def source_slug(upstream: str) -> str:
    """'indicators/meta-h2-2025-moldova-based-cib-network.md' -> the same name as a slug;
    a CSV -> 'meta-ttps-<its name>'. Derived from the path alone, so it never changes."""
    slug = re.sub(r"_+", "-", words(upstream.rsplit("/", 1)[-1]))
    slug = slug if slug.startswith("meta-") else f"meta-ttps-{slug}"
    return slug[:80].rstrip("-")


def _platform_slugs(networks: list[NetworkEvidence], existing: Existing, report: ImportReport) -> dict[str, str]:
    """Platform key -> actor slug: a curator's platform record if one exists, else our own."""
    used = set()
    for network in networks:
        used |= network.ttps.platforms if network.ttps else set()
        used |= network.summary.platforms if network.summary else set()
    slugs = {}
    for key in sorted(used):
        platform = PLATFORMS[key]
        found = [slug for slug in platform.candidate_slugs if existing.actors.get(slug) == "platform"]
        clash = [slug for slug in platform.candidate_slugs if slug in existing.actors and slug not in found]
        if found:
            slugs[key] = found[0]
        elif key in existing.actors:
            report.notes.append(f"actors/{key}.yaml exists but is not a platform: {platform.name} left out of also_on")
        else:
            slugs[key] = key
        if clash:
            report.notes.append(f"actors/{clash[0]}.yaml is not of kind platform; not used for {platform.name}")
    return slugs


def _valid_files(bundles: list[Bundle], language: str, report: ImportReport) -> list[PlannedFile]:
    """Every file of every bundle whose records pass their schema models, each file once."""
    files: dict[str, PlannedFile] = {}
    for bundle in bundles:
        errors = [f"{file.path}: {error}" for file in [bundle.network, *bundle.sources]
                  for error in model_errors(file, language)]
        if errors:
            report.problems += [InputProblem(bundle.input, 0, f"not imported, the record would be invalid: {e}")
                                for e in errors]
            continue
        for file in [bundle.network, *bundle.sources, *bundle.actors]:
            files.setdefault(file.path, file)
    return [files[path] for path in sorted(files)]


def _not_in_input(existing: Existing, keys: set[str]) -> list[Change]:
    """Networks imported before whose file is no longer in the input: listed, never deleted."""
    return [Change("not-in-input", f"networks/{slug}.yaml", path)
            for path, slug in sorted(existing.kept.items()) if path not in keys]
