#!/usr/bin/env python3
"""Takedown Register command line: check, build, serve, new, schema, import, bundle.

Thin by design: each command parses its options and calls the pipeline. Only this file
turns BuildFailed into text and an exit code: 0 ok, 1 content errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def cmd_check(args: argparse.Namespace) -> int:
    from pipeline import report, validate

    records, problems = validate(args.content)
    code = report.problems(problems, strict=args.strict, as_json=args.format == "json")
    if args.links:  # opt-in: the only command that goes to the network
        from pipeline import links

        code = max(code, links.report(records))
    return code


def cmd_build(args: argparse.Namespace) -> int:
    from pipeline import BuildFailed, build, report

    try:
        result = build(args.content, args.out, update_permalinks=args.update_permalinks, base_url=args.base_url)
    except BuildFailed as failed:
        print("build failed; the previous site is unchanged", file=sys.stderr)
        return report.problems(failed.errors)
    report.built(result)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from pipeline.jsonschema import write_schemas

    for path in write_schemas(ROOT / "schema" / "json"):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate content/ and report every problem")
    _content_option(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    check.add_argument("--links", action="store_true", help="also fetch every source URL (needs the network) and list sources without archive_url")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser("build", help="validate, then build the site into site/")
    _content_option(build)
    build.add_argument("--out", type=Path, default=ROOT / "site", metavar="DIR", help="output folder (default: site/)")
    build.add_argument("--base-url", metavar="URL", help="override site.yaml base_url (for a preview or a mirror)")
    build.add_argument("--update-permalinks", action="store_true",
                       help="record the published paths in content/permalinks.txt (new ones, and intended removals)")
    build.set_defaults(run=cmd_build)

    schema = commands.add_parser("schema", help="write JSON Schemas for editors to schema/json/")
    schema.set_defaults(run=cmd_schema)
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=ROOT / "content", metavar="DIR",
                        help="content folder (default: content/)")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if hasattr(args, "content") and not args.content.is_dir():
        parser.error(f"--content {args.content}: no such folder")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
