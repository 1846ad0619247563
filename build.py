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
    from pipeline.progress import shown

    try:
        with shown(quiet=args.quiet) as progress:  # erased before the summary or the errors
            result = build(args.content, args.out, update_permalinks=args.update_permalinks, base_url=args.base_url,
                           progress=progress, with_offline_copy=not args.no_bundle)
    except BuildFailed as failed:
        print("build failed; the previous site is unchanged", file=sys.stderr)
        return report.problems(failed.errors)
    report.built(result, quiet=args.quiet)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.serve import run

    return run(args.content, args.out, port=args.port)


def cmd_new(args: argparse.Namespace) -> int:
    from pipeline.scaffold import ScaffoldRefused, new_record, next_steps

    try:
        path = new_record(args.content, args.kind, args.slug)
    except ScaffoldRefused as refused:
        print(f"build.py new: {refused.message}", file=sys.stderr)
        return refused.exit_code
    print(next_steps(path, args.content))
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from pipeline import BuildFailed, report
    from pipeline.bundle import bundle

    try:
        path = bundle(args.content, args.out)
    except BuildFailed as failed:
        print("bundle failed; nothing written", file=sys.stderr)
        return report.problems(failed.errors)
    print(f"wrote {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pipeline.importers import run_import

    result = run_import(args.importer, args.path, args.content, dry_run=args.dry_run, commit=args.commit)
    print(result.format(), file=sys.stderr if result.exit_code else sys.stdout)
    return result.exit_code


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
    _out_option(build)
    build.add_argument("--base-url", metavar="URL", help="override site.yaml base_url (for a preview or a mirror)")
    build.add_argument("--update-permalinks", action="store_true",
                       help="record the published paths in content/permalinks.txt (new ones, and intended removals)")
    build.add_argument("--no-bundle", action="store_true",
                       help="leave out the offline copy (data/<name>.zip for classrooms): about twice as fast")
    build.add_argument("--quiet", action="store_true", help="no progress or summary; warnings and errors only")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload pages on every change")
    _content_option(serve)
    _out_option(serve)
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.set_defaults(run=cmd_serve)

    from pipeline.scaffold import KINDS

    new = commands.add_parser("new", help="start a record from a commented template: new network SLUG")
    new.add_argument("kind", choices=sorted(KINDS), help="the kind of record")
    new.add_argument("slug", help="its permanent identifier and file name, such as media-center")
    _content_option(new)
    new.set_defaults(run=cmd_new)

    importer = commands.add_parser("import", help="write records from a platform's published data")
    importer.add_argument("importer", choices=["meta-threat-research"], help="which data set")
    importer.add_argument("path", type=Path, help="a checkout or copy of the data")
    _content_option(importer)
    importer.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    importer.add_argument("--commit", metavar="SHA", help="the data's commit, when it cannot be read from PATH")
    importer.set_defaults(run=cmd_import)

    offline = commands.add_parser(
        "bundle", help="only the offline copy for workshops, into dist/ (build also puts it in data/)")
    _content_option(offline)
    offline.add_argument("--out", type=Path, default=ROOT / "dist", metavar="DIR", help="output folder (default: dist/)")
    offline.set_defaults(run=cmd_bundle)

    schema = commands.add_parser("schema", help="write JSON Schemas for editors to schema/json/")
    schema.set_defaults(run=cmd_schema)
    return parser


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=ROOT / "site", metavar="DIR", help="output folder (default: site/)")


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
