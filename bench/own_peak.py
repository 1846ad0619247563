"""Run build.py in this process, then print its own peak memory as JSON (the last line).

bench/run.py runs a curator's `build.py build` through this. The build's main process
holds the register, the caches, the page plan and the manifest; its render workers are
forked from it, and Pagefind (timed beside the build, left out of issue 13's targets) is a
program of its own, with 2.3 GB at 10,000 networks: so this process's own peak is the
build's, where a measure of its children would report Pagefind's.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build import main  # noqa: E402

if __name__ == "__main__":
    code = main(sys.argv[1:])
    print(json.dumps({"exit": code, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    sys.exit(code)
