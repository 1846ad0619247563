"""The offline copy for classrooms: the whole site in one reproducible zip, opened from disk.

It is the same render as `build()` with `Urls(offline=True)`, so every link names a file
(`networks/x/index.html`): a browser opening `networks/x/` from disk shows a folder listing.
Links inside content markdown are rewritten the same way (see `Urls.content_link`).
Left out: the search index (Pagefind cannot run from file://; the search page then points
to the filterable lists) and 404.html (only a web server shows it).

Like `import` and `scaffold`, this command writes by request, and only into dist/.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from pipeline import validate
from pipeline.errors import BuildFailed
from pipeline.history import History
from pipeline.register import Register
from pipeline.render import render_site
from pipeline.urls import Urls

NAME = "takedown-register-{version}"
LEFT_OUT = ("404.html",)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
COMPRESS_LEVEL = 9


def bundle(content_dir: Path, dist_dir: Path) -> Path:
    """Validate, render for file://, and write dist/takedown-register-<version>.zip; return its path."""
    records, problems = validate(content_dir)
    if any(not problem.is_warning for problem in problems):
        raise BuildFailed(problems)
    register = Register.from_records(records, History.from_git(content_dir))
    urls = Urls(register.site.base_url, tuple(register.site.languages), offline=True)
    outputs = {path: data for path, data in render_site(register, urls).items() if path not in LEFT_OUT}
    name = NAME.format(version=register.site.version or "dev")
    target = Path(dist_dir) / f"{name}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    write_zip(partial, name, outputs)
    os.replace(partial, target)  # never a half-written zip under the real name
    return target


def write_zip(path: Path, folder: str, outputs: dict[str, bytes]) -> None:
    """A byte-reproducible zip: sorted entries, one fixed time, fixed permissions and compression."""
    stamp = entry_time()
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(outputs):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permission bits below are read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, outputs[name], compresslevel=COMPRESS_LEVEL)


def entry_time() -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH when set (not before 1980, which zip cannot store), else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    return max(ZIP_EPOCH, tuple(time.gmtime(int(epoch))[:6]))
