"""`build.py new <kind> <slug>`: start a record from a commented template with TODOs to fill in.

The templates in `scaffold_templates/` are written by hand for curators (examples beside
every optional field); tests/test_scaffold.py keeps them in step with the schema. The loader
reports every value still starting with TODO, so a half-filled file never builds.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import display_path
from pipeline.load import _suggest_slug
from schema import COLLECTIONS
from schema.fields import is_slug

TEMPLATES_DIR = Path(__file__).resolve().parent / "scaffold_templates"

KINDS = {collection.removesuffix("s"): collection for collection in COLLECTIONS}
"""Record kind as typed on the command line -> collection folder: network -> networks."""

USAGE, EXISTS = 2, 1
"""Exit codes: a bad slug is a usage error; an existing record is a content conflict."""


class ScaffoldRefused(Exception):
    """The file was not written; `message` says why, `exit_code` is for build.py."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.message, self.exit_code = message, exit_code


def template(kind: str) -> str:
    """The commented YAML a new record of `kind` starts from."""
    return (TEMPLATES_DIR / f"{kind}.yaml").read_text(encoding="utf-8")


def new_record(content_dir: Path, kind: str, slug: str) -> Path:
    """Write content/<collection>/<slug>.yaml from the template; refuse bad or taken slugs."""
    if not is_slug(slug):
        raise ScaffoldRefused(
            f"'{slug}' is not a valid slug: use lower-case letters, digits and single hyphens, "
            f"at most 80 characters (try '{_suggest_slug(slug)}')", USAGE)
    folder = Path(content_dir) / KINDS[kind]
    taken = _taken_by(folder, slug)
    if taken:
        raise ScaffoldRefused(
            f"{display_path(taken, Path(content_dir))} already exists: slugs are permanent, so "
            f"edit that record or choose another slug", EXISTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.yaml"
    path.write_text(template(kind), encoding="utf-8")
    return path


def next_steps(path: Path, content_dir: Path) -> str:
    """What the curator does after `new`, printed by build.py."""
    todos = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                if "TODO" in line and not line.lstrip().startswith("#"))
    return (f"wrote {display_path(path, Path(content_dir))}: replace its {todos} TODO values "
            f"(uncomment the optional fields you need), then run: python build.py check")


def _taken_by(folder: Path, slug: str) -> Path | None:
    """The existing file with this slug, ignoring case (the loader rejects case-only twins)."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.yaml")):
        if path.stem.lower() == slug.lower():
            return path
    return None
