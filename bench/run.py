#!/usr/bin/env python3
"""Benchmark: build a synthetic register of N networks and report time, memory and size.

    python bench/run.py --networks 1000 [--languages en,ru,ky] [--runs 3] [--compare-hugo]

Prints per stage (load, check, register, render, publish, search) the median wall time,
CPU time and peak memory, pages written, output bytes and pages per second; the time of
`build.py check`, of a rebuild after editing one record (stage by stage, extras left out,
and unless --no-search as a curator waits for it: `build.py build` whole, with its main
process's peak memory), and with
--compare-hugo the same records built by Hugo. Also reports the page weights of the real
site, and ends with issue 13's targets, each met or not (bench/targets.py; judged at
10,000 networks, growth against the last run at 1,000). Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from bench.hugo import write_hugo_site  # noqa: E402
from bench import targets  # noqa: E402
from bench.weights import page_weights  # noqa: E402
from pipeline.publish import TRASH_FOLDER  # noqa: E402


EXTRAS = ("search", "offline copy")
"""Stages timed beside the build, not in its total: Pagefind's index and the classroom zip."""


CLEAN = {**os.environ, "TAKEDOWN_REGISTER_NO_CACHE": "1"}
"""A build from scratch: every file parsed, every text rendered (no cache read or written)."""


def measure_build(content: Path, out: Path, extras: bool, env: dict | None = CLEAN) -> dict:
    """One build in a fresh process, stage by stage (with the extras when asked)."""
    command = [sys.executable, str(BENCH / "stages.py"), str(content), str(out)]
    command += ["--search", "--offline-copy"] if extras else []
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    seconds = time.perf_counter() - started
    _wait_for_removal(out)
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "seconds": seconds}


def _wait_for_removal(site: Path) -> None:
    """The replaced site is deleted in the background (pipeline/publish.py); let that finish
    so it does not slow down the next measurement."""
    trash = site.parent / TRASH_FOLDER
    while trash.exists():
        time.sleep(0.2)


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> float:
    return timed_output(command, cwd, env)[0]


def timed_output(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, str]:
    """The command's seconds and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - started, done.stdout


def median_stages(runs: list[dict]) -> list[dict]:
    names = [stage["stage"] for stage in runs[0]["stages"]]
    rows = []
    for index, name in enumerate(names):
        values = [run["stages"][index] for run in runs]
        rows.append({"stage": name, **{key: statistics.median(v[key] for v in values) for key in ("wall", "cpu")},
                     "peak_mb": max(v["peak_mb"] for v in values)})
    return rows


def edit_one_record(content: Path, which: int = 0) -> None:
    """Give the `which`-th network another name, as a curator's small edit."""
    record = sorted((content / "networks").glob("*.yaml"))[which]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("status: removed", "status: removed\nalso_known_as: [edited]", 1), encoding="utf-8")


def curators_rebuild(content: Path, site: Path) -> tuple[float, float]:
    """`build.py build` after editing one record, as a curator runs it: with the search index
    and the offline copy, after a build of its own that filled their caches. Its seconds, and
    its main process's peak memory in MB (bench/own_peak.py)."""
    command = [sys.executable, str(BENCH / "own_peak.py"), "build", "--quiet", "--content", str(content),
               "--out", str(site)]
    timed(command)
    _wait_for_removal(site)
    edit_one_record(content, which=1)
    seconds, printed = timed_output(command)
    _wait_for_removal(site)
    return seconds, json.loads(printed.strip().splitlines()[-1])["peak_mb"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, required=True)
    parser.add_argument("--languages", default="en")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-hugo", action="store_true")
    parser.add_argument("--no-search", action="store_true", help="skip timing Pagefind and the offline copy")
    args = parser.parse_args()
    languages = args.languages.split(",")
    work = BENCH / "out" / f"{args.networks}-{'-'.join(languages)}"
    shutil.rmtree(work, ignore_errors=True)
    content = generate(work, args.networks, languages)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {args.networks} networks, languages {','.join(languages)}, "
          f"{sum(1 for _ in content.rglob('*.yaml'))} files, {_size(content) / 1e6:.1f} MB")

    measured: dict[str, float] = {}
    runs = [measure_build(content, work / "site", extras=not args.no_search and i == 0) for i in range(args.runs)]
    stages = median_stages([{"stages": [s for s in run["stages"] if s["stage"] not in EXTRAS]} for run in runs])
    extras = [s for s in runs[0]["stages"] if s["stage"] in EXTRAS]
    total = sum(row["wall"] for row in stages)
    print(f"\n{'stage':<14}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}   (median of {args.runs})")
    for row in stages:
        print(f"{row['stage']:<14}{row['wall']:>9.2f}{row['cpu']:>9.2f}{row['peak_mb']:>9.0f}")
    measured["clean"], measured["peak"] = total, max(row["peak_mb"] for row in stages)
    print(f"{'total':<14}{total:>9.2f}   peak {measured['peak']:.0f} MB")
    for row in extras:
        print(f"{row['stage']:<14}{row['wall']:>9.2f}{row['cpu']:>9.2f}{row['peak_mb']:>9.0f}   (beside the build)")
    pages = runs[0]["pages"]
    print(f"pages {pages}, files {runs[0]['files']}, output {runs[0]['bytes'] / 1e6:.1f} MB, {pages / total:.0f} pages/s")

    check_command = [sys.executable, "build.py", "check", "--content", str(content)]
    cold = statistics.median(timed(check_command, env=CLEAN) for _ in range(args.runs))
    timed(check_command)  # fills the parse cache
    warm = statistics.median(timed(check_command) for _ in range(args.runs))
    measured["check"] = cold
    print(f"build.py check: {cold:.2f} s from scratch, {warm:.2f} s with the parse cache (whole process)")
    measure_build(content, work / "site", extras=False, env=None)  # the curator's last build: fills the caches
    edit_one_record(content)
    rebuild = measure_build(content, work / "site", extras=False, env=None)
    measured["rebuild"] = rebuild["seconds"]
    print(f"rebuild after editing one record: {rebuild['seconds']:.2f} s (whole process, extras excluded; "
          + ", ".join(f"{s['stage']} {s['wall']:.2f} s" for s in rebuild["stages"])
          + f"; {rebuild['pages_kept']} of {rebuild['pages']} pages unchanged, kept)")
    if not args.no_search:
        curators, peak = curators_rebuild(content, work / "site")
        measured["curators_peak"] = peak
        print(f"a curator's rebuild after editing one record (build.py build, search index and offline copy "
              f"included): {curators:.2f} s, its main process's peak memory {peak:.0f} MB")

    if args.compare_hugo:
        hugo = shutil.which("hugo")
        if not hugo:
            print("hugo: not installed (apt-get install hugo)")
        else:
            site = write_hugo_site(content, work / "hugo")
            times = [timed([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-public")]) for _ in range(args.runs)]
            hugo_time = statistics.median(times)
            measured["ratio"] = total / hugo_time
            print(f"hugo: {hugo_time:.2f} s; ratio takedown-register / hugo = {total / hugo_time:.2f}")

    print("\nreaders' side (the real content):")
    weights = page_weights(ROOT)
    for name, size in weights.items():
        print(f"  {name:<40}{size / 1024:>8.1f} KB")
    measured["record_page"] = weights["network page (kg-media-center-2020)"] / 1024
    measured["home_page"] = weights["home (index.html)"] / 1024

    targets.save(BENCH / "out", args.networks, languages, measured)
    print()
    print("\n".join(targets.report(args.networks, targets.with_growth(BENCH / "out", args.networks, languages, measured))))
    return 0


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


if __name__ == "__main__":
    sys.exit(main())
