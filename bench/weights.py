"""What a reader downloads: the real site's page weights (HTML + CSS + JS, uncompressed)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pipeline import build

_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


def page_weight(site: Path, page: str, exclude: tuple[str, ...] = ("pagefind", "plotly")) -> int:
    """Bytes of a page plus the scripts and stylesheets it loads (search and plotly.js excluded)."""
    html_file = site / page
    html = html_file.read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    for asset in sorted(set(_ASSET.findall(html))):
        if any(word in asset for word in exclude):
            continue
        path = (html_file.parent / asset).resolve()
        if path.is_file():
            total += path.stat().st_size
    return total


def page_weights(root: Path) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(root / "content", site)
        pages = {"home (index.html)": "index.html",
                 "network page (kg-media-center-2020)": "networks/kg-media-center-2020/index.html",
                 "actor page (nurkan-kerimbayev)": "actors/nurkan-kerimbayev/index.html",
                 "networks index": "networks/index.html"}
        weights = {name: page_weight(site, page) for name, page in pages.items() if (site / page).is_file()}
        plotly = sorted(site.rglob("plotly*.js"))
        if plotly:
            weights["plotly.js (chart pages only)"] = plotly[0].stat().st_size
        return weights
