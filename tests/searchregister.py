"""A small register with known names for search tests: Latin and Cyrillic spellings, several
countries and years, built once per test module (with its Pagefind index)."""

from __future__ import annotations

from pathlib import Path

from conftest import write_content
from pipeline import build

RECORDS = {
    "actors/aibek-toktogulov.yaml": """\
name: Aibek Toktogulov
kind: person
country: KG
also_known_as: [Айбек Токтогулов]
""",
    "networks/kg-sunrise-2020.yaml": """\
name: {en: Sunrise Media Center, ru: Медиацентр Восход}
also_known_as: [Медиа Центр Восход, Voskhod]
summary: Fake news pages run from Bishkek.
status: removed
origin: [KG]
targets: [KG]
takedowns:
  - platform: test-platform
    date: 2020-10-12
    source: test-report
    removed: {accounts: 120}
operators:
  - actor: aibek-toktogulov
    confidence: reported
    sources: [test-report]
elections: [test-election]
sources: [test-report]
""",
    "networks/kz-steppe-2021.yaml": """\
name: Steppe Echo
summary: Accounts posing as Kazakh farmers.
status: active
origin: [KZ]
targets: [KZ, KG]
takedowns:
  - platform: test-platform
    date: 2021-03-01
    source: test-report
    removed: {accounts: 45}
sources: [test-report]
""",
    "networks/ru-volga-2020.yaml": """\
name: Volga Chorus
summary: Comment brigades writing about the neighbours.
status: partially-removed
origin: [RU]
targets: [KG]
takedowns:
  - platform: test-platform
    date: 2020-05-01
    source: test-report
    removed: {accounts: 300}
sources: [test-report]
""",
}
"""Added to conftest's MINIMAL register, whose 'Test network' (KG, 2021) stays in."""

TARGETING_KG = {"Test network", "Sunrise Media Center", "Steppe Echo", "Volga Chorus"}
"""Every network whose targets include KG: exactly what `target=KG` must list."""


def build_search_register(tmp_path_factory) -> Path:
    """The register above, built (and indexed) into a fresh folder."""
    root = tmp_path_factory.mktemp("search")
    site = root / "site"
    build(write_content(root, RECORDS), site)
    return site
