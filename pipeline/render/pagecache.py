"""A rebuild renders only the pages whose inputs changed; the others are linked from the site it replaces.

What a page read is recorded while it renders. Pages see the register through
`TrackedRegister`, which notes every record, backlink list and collection it hands out
(a read it cannot name, it notes as "everything"); what the page plan put into the page
(title, context) is hashed by value, a record by the sha256 of its file. A page's
fingerprint combines those with the code version (every file of pipeline/, schema/,
templates/ and locales/, the libraries as installed, Python) and the site's address.

The next build works out each page's fingerprint again from the reads recorded last time.
Every input that could change the page is among them, so an equal fingerprint means an
equal page, and its file is hard-linked from the live site into the staging folder
instead of being rendered. Anything else is rendered and its reads recorded afresh.

A kept page keeps its companion files (citation formats, record JSON: render/companions.py)
with it. When the staging folder starts as the site the last swap replaced (the standby,
render/standby.py), most kept files are in it already and only the rest are linked. Files that are made on every build (downloads, feeds) are linked too when their
bytes are the live site's. The manifest (`.cache/pages-<site folder>.marshal`) names the
folder it describes (device, inode, ctime) and each file's hash, modification time and
size: a site swapped in by another build, or a file edited in place, is never trusted.
`TAKEDOWN_REGISTER_NO_CACHE=1` renders everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import marshal
import os
from collections.abc import Mapping
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Iterator

from pipeline import contentcache
from pipeline.contentcache import DISABLE_VARIABLE
from pipeline.load import Records
from pipeline.register import Register
from pipeline.publish import folder_identity
from pipeline.render.standby import Standby, changed_since, prepare
from schema.fields import PartialDate

ROOT = Path(__file__).resolve().parents[2]
CODE = ("pipeline", "schema", "templates", "locales", "requirements.lock")
"""What renders a page besides the content: any change here renders every page again."""

Read = tuple[str, ...]
"""("record", collection, slug), ("keys", collection), ("all", collection), ("site",),
("link", backlink table, slug), ("history", file), ("everything",)."""
EVERYTHING: Read = ("everything",)

COLLECTIONS = ("networks", "actors", "elections", "sources", "tactics", "pages")

CONTRIBUTORS: dict[str, Callable[[str, Any], list[tuple[str, str]]]] = {
    "facts": lambda slug, value: [("networks", slug)],
    "cited_by": lambda slug, value: [(citation.collection, citation.slug) for citation in value],
    "actor_links": lambda slug, value: [("networks", link.network) for link in value],
    "ties": lambda slug, value: [("actors", tie.actor) for tie in value],
    "election_networks": lambda slug, value: [("networks", network) for network in value],
    "tactic_networks": lambda slug, value: [("networks", network) for network in value],
    "related": lambda slug, value: [("networks", slug)] + [("networks", network) for network in value],
}
"""For each backlink table of Register: the records one entry is built from. Register
builds every entry from these records alone, so their files decide the entry."""


# --- what a page reads ---------------------------------------------------------------


class TrackedRegister:
    """The Register as a page sees it, noting each read in `reads` (when it is a set)."""

    def __init__(self, register: Register):
        self._register = register
        self.reads: set[Read] | None = None
        for name in COLLECTIONS:
            setattr(self, name, _TrackedRecords(self, name, getattr(register, name)))
        for name in CONTRIBUTORS:
            setattr(self, name, _TrackedLinks(self, name, getattr(register, name)))
        self.history = _TrackedHistory(self, register.history)

    def note(self, read: Read) -> None:
        if self.reads is not None:
            self.reads.add(read)

    def __getattr__(self, name: str) -> Any:
        """Anything not named below: a read of everything."""
        self.note(EVERYTHING)
        return getattr(self._register, name)

    @property
    def site(self):
        self.note(("site",))
        return self._register.site

    @property
    def aliases(self) -> dict[str, dict[str, str]]:
        for name in COLLECTIONS:
            self.note(("all", name))
        return self._register.aliases

    def collection(self, name: str) -> Mapping:
        return getattr(self, name)

    def networks_by_date(self) -> list[str]:
        self.note(("all", "networks"))
        return self._register.networks_by_date()

    def elections_by_date(self) -> list[str]:
        self.note(("all", "elections"))
        return self._register.elections_by_date()

    def actors_by_kind(self) -> dict[str, list[str]]:
        self.note(("all", "actors"))
        return self._register.actors_by_kind()

    def sources_by_publisher(self) -> dict[str, list[str]]:
        self.note(("all", "sources"))
        return self._register.sources_by_publisher()

    def links_to_actor(self, slug: str, role: str | None = None) -> list:
        self.note(("link", "actor_links", slug))
        return self._register.links_to_actor(slug, role)

    def networks_of_tactic(self, slug: str) -> list[str]:
        self.note(("link", "tactic_networks", slug))
        return self._register.networks_of_tactic(slug)

    def claims_about(self, slug: str) -> bool:
        self.note(("link", "actor_links", slug))
        self.note(("link", "ties", slug))
        return self._register.claims_about(slug)

    def totals(self) -> dict[str, Any]:
        for name in ("networks", "actors", "elections", "sources"):
            self.note(("all", name))
        return self._register.totals()


class _TrackedRecords(Mapping):
    """One collection: a record read by slug is noted as that record; a walk over the
    slugs as the list of slugs; a walk over the records as the whole collection."""

    def __init__(self, owner: TrackedRegister, name: str, records: dict):
        self._owner, self._name, self._records = owner, name, records

    def _one(self, slug: object) -> Read:
        return ("record", self._name, str(slug))

    def _slugs(self) -> Read:
        return ("keys", self._name)

    def _every(self) -> Read:
        return ("all", self._name)

    def __getitem__(self, slug: str) -> Any:
        self._owner.note(self._one(slug))
        return self._records[slug]

    def get(self, slug: str, default: Any = None) -> Any:
        self._owner.note(self._one(slug))
        return self._records.get(slug, default)

    def __contains__(self, slug: object) -> bool:
        self._owner.note(self._one(slug))
        return slug in self._records

    def __iter__(self) -> Iterator[str]:
        self._owner.note(self._slugs())
        return iter(self._records)

    def __len__(self) -> int:
        self._owner.note(self._slugs())
        return len(self._records)

    def keys(self):
        self._owner.note(self._slugs())
        return self._records.keys()

    def items(self):
        self._owner.note(self._every())
        return self._records.items()

    def values(self):
        self._owner.note(self._every())
        return self._records.values()


class _TrackedLinks(_TrackedRecords):
    """One backlink table of Register: an entry is noted by slug; a walk over it as everything."""

    def _one(self, slug: object) -> Read:
        return ("link", self._name, str(slug))

    def _slugs(self) -> Read:
        return EVERYTHING

    def _every(self) -> Read:
        return EVERYTHING


class _TrackedHistory:
    def __init__(self, owner: TrackedRegister, history):
        self._owner, self._history = owner, history

    def first_published(self, record, relative_path: str):
        self._owner.note(("history", relative_path))
        return self._history.first_published(record, relative_path)

    def last_updated(self, record, relative_path: str):
        self._owner.note(("history", relative_path))
        return self._history.last_updated(record, relative_path)

    def __getattr__(self, name: str) -> Any:
        self._owner.note(EVERYTHING)
        return getattr(self._history, name)


# --- what a read is worth --------------------------------------------------------------


class Fingerprints:
    """The current fingerprint of each kind of read, worked out once per build when asked."""

    def __init__(self, register: Register, digests: dict[tuple[str, str], bytes], site_digest: bytes):
        self.register, self.digests, self.site_digest = register, digests, site_digest
        self.by_id = {id(record): digest for (name, slug), digest in digests.items()
                      for record in [register.collection(name).get(slug)] if record is not None}
        self.by_id[id(register.site)] = site_digest
        self._known: dict[Read, bytes] = {}
        self.table = ReadTable([])
        """The previous manifest's reads: a kept page's reads are worked out by their numbers."""
        self._by_number: list[bytes] | None = None

    def of(self, read: Read) -> bytes:
        found = self._known.get(read)
        if found is None:
            found = self._known[read] = self._work_out(read)
        return found

    def _work_out(self, read: Read) -> bytes:
        kind = read[0]
        if kind == "record":
            return self.digests.get((read[1], read[2]), b"absent")
        if kind == "site":
            return self.site_digest
        if kind == "keys":
            return _sha("\n".join(self.register.collection(read[1])).encode())
        if kind == "all":
            collection = self.register.collection(read[1])
            return _sha(b"".join(slug.encode() + self.digests[(read[1], slug)] for slug in collection))
        if kind == "link":
            table, slug = read[1], read[2]
            value = getattr(self.register, table).get(slug)
            if value is None:
                return b"absent"
            contributors = CONTRIBUTORS[table](slug, value)
            return _sha(b"".join(f"{name}/{other}".encode() + self.digests.get((name, other), b"absent")
                                 for name, other in contributors))
        if kind == "history":
            return _sha(repr(self.register.history.files.get(read[1])).encode())
        return _sha(self.site_digest + b"".join(f"{name}/{slug}".encode() + digest
                                                for (name, slug), digest in sorted(self.digests.items()))
                    + repr(sorted(self.register.history.files.items())).encode())

    def page(self, planned: bytes, reads: tuple[Read, ...]) -> bytes:
        """One page's fingerprint: its planned value and the current worth of its reads."""
        numbers = self.table.numbers_of(reads)
        if numbers is None:
            return _sha(planned + b"".join(map(self.of, reads)))
        if self._by_number is None:  # each read of the previous build worked out once, then found by number
            self._by_number = list(map(self.of, self.table.reads))
        return _sha(planned + b"".join(map(self._by_number.__getitem__, numbers)))


class ReadTable:
    """The previous manifest's reads, each stored once and named by number.

    The reads of a page or fragment the manifest held are the tuples `expand` made, so they
    can be named by their numbers again: a kept page's fingerprint is worked out by number
    (an index into a list instead of a dict lookup that hashes a tuple, for 770,000 reads
    at 10,000 networks), and the next manifest keeps the numbers when no read is new."""

    def __init__(self, reads: list[Read]):
        self.reads = reads
        self._numbered: dict[int, tuple[tuple[Read, ...], tuple[int, ...]]] = {}
        """id of a tuple of reads -> (that tuple, kept alive so its id stays its own; its numbers)."""

    def expand(self, numbers: tuple[int, ...]) -> tuple[Read, ...]:
        reads = tuple(map(self.reads.__getitem__, numbers))
        self._numbered[id(reads)] = (reads, numbers)
        return reads

    def numbers_of(self, reads: tuple[Read, ...]) -> tuple[int, ...] | None:
        """The numbers of a tuple `expand` made; None for any other."""
        found = self._numbered.get(id(reads))
        return found[1] if found is not None and found[0] is reads else None


class Uncacheable(Exception):
    """The page's planned value holds something that cannot be fingerprinted: render it every time."""


def planned_value(page, fingerprints: Fingerprints, setting: bytes) -> bytes | None:
    """A digest of everything the page plan put into a page, or None (always render it)."""
    parts: list[str] = []
    try:
        _describe((page.path, page.template, page.title, page.description, page.context, page.kind,
                   page.record, page.indexed), fingerprints.by_id, parts)
    except Uncacheable:
        return None
    return _sha(setting + "\x00".join(parts).encode())


def _describe(value: Any, records: dict[int, bytes], parts: list[str]) -> None:
    if value is None or isinstance(value, (str, int, float, bool)):
        parts.append(f"{type(value).__name__}:{value!r}")
    elif id(value) in records:
        parts.append("record:" + records[id(value)].hex())
    elif isinstance(value, (list, tuple)):
        parts.append(f"[{len(value)}")
        for item in value:
            _describe(item, records, parts)
    elif isinstance(value, dict):
        parts.append(f"{{{len(value)}")
        for key, item in value.items():
            _describe(key, records, parts)
            _describe(item, records, parts)
    elif isinstance(value, PartialDate):
        parts.append(f"date:{value}")
    elif hasattr(value, "made_of"):  # a lazy value says what it is made from (render/citations.py)
        parts.append(type(value).__qualname__)
        _describe(value.made_of(), records, parts)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append(type(value).__qualname__)
        for field in dataclasses.fields(value):
            _describe(getattr(value, field.name), records, parts)
    else:
        raise Uncacheable(type(value).__name__)


def code_version() -> bytes:
    """Every file that renders a page, and the libraries as installed (a venv that drifted
    from requirements.lock formats dates and names differently)."""
    files = [path for name in CODE for path in ([ROOT / name] if (ROOT / name).is_file() else
             sorted(p for p in (ROOT / name).rglob("*") if p.is_file() and "__pycache__" not in p.parts))]
    installed = sorted(f"{(dist.metadata['Name'] or '').lower()} {dist.version}"
                       for dist in importlib.metadata.distributions())
    return contentcache.code_version(files, "\n".join(installed)).encode()


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


# --- one build's use of the previous site ----------------------------------------------


Entry = tuple[bytes, tuple[Read, ...], bytes, tuple[str, ...]]
"""(planned value, reads, fingerprint, companion files) of one page file."""

FragmentEntry = tuple[bytes, tuple[Read, ...], bytes, str]
"""(planned value, reads, fingerprint, HTML) of one part of a page, a deck's card or an index row (render/fragments.py)."""

FileState = tuple[bytes, int, int]
"""(content hash, modification time in ns, size) of one file of the site."""

MANIFEST_FORMAT = 6


class PageCache:
    """The previous build's pages, and the manifest of this one as it is rendered."""

    def __init__(self, previous_site: Path, fingerprints: Fingerprints, setting: bytes,
                 previous: dict[str, Entry], previous_files: dict[str, FileState],
                 previous_fragments: dict[str, FragmentEntry], standby: Standby):
        self.previous_site, self.fingerprints = previous_site, fingerprints
        self.standby = standby
        """The site the last swap replaced, if kept: where this build starts (render/standby.py)."""
        self.setting, self.previous, self.previous_files = setting, previous, previous_files
        self.previous_fragments = previous_fragments
        self.fragments: dict[str, FragmentEntry] = {}
        """key -> every fragment this build used (rendered or kept), for the next one."""
        self._rendered: set[str] = set()
        self.files: dict[str, FileState] = {}
        """file -> state of every file of this build (the next one links what it would write
        again, if the file is still as this build left it)."""
        self.planned: dict[str, bytes | None] = {}
        self.current: dict[str, Entry] = {}
        self.kept = 0
        """Pages linked from the previous site in this build."""
        self._canonical: dict[Read, Read] = {}

    @classmethod
    def for_build(cls, content_dir: Path, site_dir: Path, records: Records, register: Register,
                  settings: str) -> "PageCache | None":
        """None when caches are switched off; `settings` names what else shapes every page
        (the Urls: address, languages, offline). The zip's size is not among them: only
        /data/ shows it, and /data/ is rendered on every build."""
        if os.environ.get(DISABLE_VARIABLE):
            return None
        digests = {(name, slug): entry.digest for name, entries in records.collections.items()
                   for slug, entry in entries.items()}
        digests |= {("pages", slug): entry.digest for slug, entry in records.pages.items()}
        site_dir = Path(site_dir).absolute()
        setting = _sha(code_version() + settings.encode() + os.environ.get("SOURCE_DATE_EPOCH", "").encode())
        fingerprints = Fingerprints(register, digests, records.site_entry.digest)
        *previous, fingerprints.table = _previous_build(_manifest_file(content_dir, site_dir), site_dir, setting)
        return cls(site_dir, fingerprints, setting, *previous, Standby.for_site(content_dir, site_dir))

    @property
    def start_from(self) -> Path | None:
        """The standby folder, for publish to start the staging folder from, if it can be trusted."""
        return self.standby.folder if self.standby.files else None

    @property
    def keep_replaced_at(self) -> Path:
        """Where publish keeps the site this build replaces, as the next build's standby."""
        return self.standby.folder

    def keep_in_place(self, staging: Path, reuse: dict[str, int], listing: Future) -> set[str]:
        """Of the kept pages and their companions, the files a staging folder that started as
        the standby already holds as the live site has them; everything else in it is deleted.
        `listing` is the staging folder's (render/standby.py: start_listing)."""
        wanted = {member for file in reuse for member in (file, *self.companions_before(file))}
        return prepare(staging, self.standby.usable_files(self.previous_files, wanted), listing)

    def tracked(self) -> TrackedRegister:
        return TrackedRegister(self.fingerprints.register)

    def reusable(self, pages: list, file_for: Callable[[str], str]) -> dict[str, int]:
        """file -> size of every planned page whose fingerprint is unchanged."""
        found = {}
        for page in pages:
            file = file_for(page.path)
            planned = self.planned[file] = planned_value(page, self.fingerprints, self.setting)
            before = self.previous.get(file)
            if planned is None or before is None or before[0] != planned or file not in self.previous_files:
                continue
            if self.fingerprints.page(planned, before[1]) == before[2]:
                found[file] = self.previous_files[file][2]
                self.current[file] = before
        return found

    def companions_before(self, file: str) -> tuple[str, ...]:
        """The companion files the previous build made with this page (to keep with it)."""
        return self.previous[file][3]

    def took(self, reads: dict[str, tuple[Read, ...]], companions: dict[str, tuple[str, ...]],
             states: dict[str, FileState], kept: int, fragments: dict[str, FragmentEntry | None]) -> None:
        """Take in one render task's report: what each page it rendered read (sorted, as
        `page()` hashes them) and which companion files it has, the state of every file the
        task wrote or linked, the pages it kept, the fragments it used (None: kept)."""
        for key, fragment in fragments.items():
            self.fragments[key] = fragment if fragment is not None else self.previous_fragments[key]
        self._rendered.update(reads)
        for file, page_reads in reads.items():
            planned = self.planned.get(file)
            if planned is not None:
                page_reads = tuple(self._canonical.setdefault(read, read) for read in page_reads)  # one copy in memory
                self.current[file] = (planned, page_reads, self.fingerprints.page(planned, page_reads),
                                      companions.get(file, ()))
        self.files.update(states)
        self.kept += kept

    def fragments_of_kept_pages(self) -> dict[str, FragmentEntry]:
        """The previous fragments of a page this build kept rather than rendered (a deck with
        nothing changed): still good for the build after, which checks each before use."""
        return {key: fragment for key, fragment in self.previous_fragments.items()
                if key not in self.fragments and (page := key.split("#", 1)[0]) in self.current
                and page not in self._rendered}

    @staticmethod
    def save_for(cache: "PageCache | None", content_dir: Path, site_dir: Path) -> None:
        """After the swap: record this build's pages for the site now live, or, when this
        build kept no record, make sure no older manifest is taken for this site."""
        manifest = _manifest_file(content_dir, site_dir)
        try:
            if cache is None:
                manifest.unlink(missing_ok=True)
                Standby.drop(content_dir, site_dir)
                return
            Standby.save(content_dir, site_dir, cache.previous_files)  # the replaced site, as it was
            kept_fragments = cache.fragments | cache.fragments_of_kept_pages()
            reads, numbers = _numbering(cache.fingerprints.table, [cache.current, kept_fragments])
            pages = {file: (planned, numbers(page_reads), fingerprint, companions)
                     for file, (planned, page_reads, fingerprint, companions) in sorted(cache.current.items())}
            fragments = {key: (planned, numbers(fragment_reads), fingerprint, html)
                         for key, (planned, fragment_reads, fingerprint, html) in sorted(kept_fragments.items())}
            data = {"format": MANIFEST_FORMAT, "site": folder_identity(site_dir), "setting": cache.setting,
                    "reads": reads, "pages": pages, "fragments": fragments, "files": dict(sorted(cache.files.items()))}
            manifest.parent.mkdir(parents=True, exist_ok=True)
            partial = manifest.with_name(f".{manifest.name}.{os.getpid()}")
            partial.write_bytes(marshal.dumps(data))
            os.replace(partial, manifest)
        except OSError:
            pass  # a read-only disk: the next build renders everything


STALE_READS = 0.1
"""The share of a manifest's reads no page uses any more above which the next manifest
numbers its reads afresh (pages removed leave theirs behind)."""


def _numbering(table: ReadTable, entries: list[dict[str, tuple]]
               ) -> tuple[list[Read], Callable[[tuple[Read, ...]], tuple[int, ...]]]:
    """The reads the manifest stores, and how it names a page's reads by number: the
    previous manifest's numbers when every read is among them (a rebuild after an edit
    seldom reads anything new), so kept pages keep theirs; else all sorted and numbered
    afresh (800,000 numbered at 10,000 networks)."""
    fresh = [entry[1] for group in entries for entry in group.values() if table.numbers_of(entry[1]) is None]
    if table.reads:
        index = {read: number for number, read in enumerate(table.reads)}
        if all(read in index for reads in fresh for read in reads):
            def numbers(reads: tuple[Read, ...]) -> tuple[int, ...]:
                return table.numbers_of(reads) or tuple(map(index.__getitem__, reads))
            used = set().union(*(numbers(entry[1]) for group in entries for entry in group.values()))
            if len(used) >= len(table.reads) * (1 - STALE_READS):
                return table.reads, numbers
    reads = sorted({read for group in entries for entry in group.values() for read in entry[1]})
    number = {read: index for index, read in enumerate(reads)}.__getitem__
    return reads, lambda page_reads: tuple(map(number, page_reads))


def _manifest_file(content_dir: Path, site_dir: Path) -> Path:
    return contentcache.for_site(content_dir, site_dir, "pages").with_suffix(".marshal")


def _previous_build(manifest: Path, site_dir: Path, setting: bytes
                    ) -> tuple[dict[str, Entry], dict[str, FileState], dict[str, FragmentEntry], ReadTable]:
    """The manifest's pages, the hashes of its files, its fragments and its reads, if it
    describes the live site.

    The file hashes hold whatever code made them; the pages and fragments only if this code did."""
    try:
        data = marshal.loads(manifest.read_bytes())
        if data["format"] != MANIFEST_FORMAT or data["site"] != folder_identity(site_dir):
            return {}, {}, {}, ReadTable([])
        if data["setting"] != setting:
            return {}, data["files"], {}, ReadTable([])
        table = ReadTable(data["reads"])  # each read stored once; pages and fragments name them by number
        pages = {file: (planned, table.expand(numbers), fingerprint, companions)
                 for file, (planned, numbers, fingerprint, companions) in data["pages"].items()}
        fragments = {key: (planned, table.expand(numbers), fingerprint, html)
                     for key, (planned, numbers, fingerprint, html) in data["fragments"].items()}
        return pages, data["files"], fragments, table
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return {}, {}, {}, ReadTable([])


def content_hash(data: bytes) -> bytes:
    """What the manifest knows a file's bytes by."""
    return hashlib.sha256(data).digest()[:16]


def file_state(data: bytes, path: Path) -> FileState:
    """A file just written: its content hash, modification time and size."""
    return content_hash(data), os.stat(path).st_mtime_ns, len(data)


def keep_or_link(previous_site: Path, staging: Path, files: list[str], in_place: set[str],
                 known: dict[str, FileState]) -> list[str]:
    """Make these files of the live site present in staging: those it holds already
    (render/standby.py) if still as recorded, the others linked; return those that could not be."""
    held = [file for file in files if file in in_place]
    missing = [file for file in files if file not in in_place] + changed_since(staging, held, known)
    return link_previous(previous_site, staging, missing, known)


def link_previous(previous_site: Path, staging: Path, files: list[str], known: dict[str, FileState]) -> list[str]:
    """Hard-link these files from the live site into staging; return those that could not be,
    or that were changed since the build that wrote them (another modification time or size)."""
    missing, made = [], set()
    for file in files:
        source, target = previous_site / file, staging / file
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            found = os.stat(source)
            if (found.st_mtime_ns, found.st_size) != known[file][1:]:
                raise FileExistsError(file)  # edited in place since: make it again
            os.link(source, target)
        except (OSError, KeyError):
            missing.append(file)
    return missing
