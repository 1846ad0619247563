"""A deterministic synthetic register in the real content format, for benchmarks.

N networks with ~300-word bodies, N/5 actors, N/50 elections, N/2 sources, a fixed set of
tactics, every field kind used, with cross-references. Same N and seed, same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("network accounts pages groups platform removed election campaign media company fake "
         "profiles comments audience operators investigation journalists government party posts "
         "coordinated inauthentic behaviour report source followers advertising budget region "
         "narrative amplified photos stolen engagement moderators country language targeted").split()
COUNTRIES = ["KG", "KZ", "UZ", "TJ", "RU", "UA", "MD", "GE", "AM", "AZ", "BY", "PL", "RO", "IN", "PK",
             "BD", "NG", "GH", "BJ", "TG", "BF", "VE", "MX", "BR", "IR", "IL", "LB", "TR", "CN", "VN", "MM"]
STAGES = ["acquiring", "disguising", "engaging", "evading"]
KINDS = ["person", "organisation", "party", "media", "company"]
TACTICS = 24
PLATFORMS = ["facebook", "instagram", "telegram", "youtube"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, words: int = 300) -> str:
    paragraphs, left = [], words
    while left > 0:
        size = min(left, rng.randint(50, 90))
        sentences = []
        while size > 0:
            n = min(size, rng.randint(8, 18))
            sentences.append(_sentence(rng, n))
            size -= n
        paragraphs.append(" ".join(sentences))
        left -= sum(len(s.split()) for s in sentences)
    paragraphs.insert(1, "## How it was found\n\nInvestigators found **coordinated** posting; see the "
                         "[methodology](../../methodology/) for how figures are sourced.")
    return "\n\n".join(paragraphs)


def generate(out: Path, networks: int, languages: list[str], seed: int = 20201004) -> Path:
    """Write content/ for a register of `networks` networks under `out`; return its path."""
    rng = random.Random(seed)
    content = out / "content"
    for folder in ("networks", "actors", "elections", "sources", "tactics", "pages"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    n_actors, n_elections, n_sources = max(5, networks // 5), max(2, networks // 50), max(2, networks // 2)
    _write(content / "site.yaml", _site(languages))
    for platform in PLATFORMS:
        _write(content / "actors" / f"{platform}.yaml", f"name: {platform.title()}\nkind: platform\n")
    _write(content / "actors" / "bench-publisher.yaml", "name: Bench Publisher\nkind: ngo\ncountry: KG\n")
    for i in range(n_actors):
        _write(content / "actors" / f"actor-{i:05d}.yaml", _actor(rng, i, n_actors, n_sources, languages))
    for i in range(n_elections):
        country = COUNTRIES[i % len(COUNTRIES)]
        _write(content / "elections" / f"election-{i:04d}.yaml",
               f"name: {{{_langs(languages, f'Election {i}')}}}\ncountry: {country}\nkind: parliamentary\n"
               f"date: {2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}\ndescription: {_sentence(rng, 12)}\n"
               f"sources: [source-{i % n_sources:05d}]\n")
    for i in range(n_sources):
        _write(content / "sources" / f"source-{i:05d}.yaml",
               f"title: {_sentence(rng, 8)}\npublisher: bench-publisher\nurl: https://example.org/report/{i}\n"
               f"published: {2016 + i % 9}-{1 + i % 12:02d}\nlanguage: en\nkind: investigation\n")
    for i in range(TACTICS):
        _write(content / "tactics" / f"tactic-{i:02d}.yaml",
               f"name: {{{_langs(languages, f'Tactic {i}')}}}\nsummary: {_sentence(rng, 12)}\nstage: {STAGES[i % 4]}\n"
               f"killchain: [\"{i % 9}.1\"]\nhow_to_spot: |\n  - {_sentence(rng, 10)}\n  - {_sentence(rng, 10)}\n")
    for i in range(networks):
        _write(content / "networks" / f"network-{i:05d}.yaml",
               _network(rng, i, networks, n_actors, n_elections, n_sources, languages))
    _write(content / "pages" / "methodology.md", "---\ntitle: Methodology\ndescription: How it is made.\n---\n"
           + _body(rng, 200) + "\n")
    return content


def _site(languages: list[str]) -> str:
    return (f"title: {{{_langs(languages, 'Bench register')}}}\ntagline: A synthetic register.\n"
            f"base_url: https://example.org/register/\nlanguages: [{', '.join(languages)}]\n"
            "license: CC-BY-4.0\npublisher: bench-publisher\nversion: \"bench\"\n")


def _langs(languages: list[str], text: str) -> str:
    return ", ".join(f"{lang}: {text}" + ("" if lang == "en" else f" ({lang})") for lang in languages)


def _actor(rng: random.Random, i: int, n_actors: int, n_sources: int, languages: list[str]) -> str:
    lines = [f"name: {{{_langs(languages, f'Actor {i}')}}}", f"kind: {KINDS[i % len(KINDS)]}",
             f"country: {COUNTRIES[i % len(COUNTRIES)]}", f"description: {_sentence(rng, 14)}"]
    if i % 3 == 0 and n_actors > 1:
        lines += ["affiliations:", f"  - actor: actor-{(i + 1) % n_actors:05d}", "    role: adviser",
                  "    confidence: reported", f"    sources: [source-{i % n_sources:05d}]"]
    lines += ["responses:", f"  - date: {2019 + i % 6}", "    stance: denies",
              f"    summary: {_sentence(rng, 15)}", f"    source: source-{(i * 7) % n_sources:05d}"]
    return "\n".join(lines) + "\n"


def _network(rng, i, n, n_actors, n_elections, n_sources, languages) -> str:
    source = f"source-{i % n_sources:05d}"
    origin = COUNTRIES[i % len(COUNTRIES)]
    year = 2017 + i % 9
    lines = [
        f"name: {{{_langs(languages, f'Network {i}')}}}",
        f"summary: {_sentence(rng, 20)}",
        "status: removed",
        f"origin: [{origin}]",
        f"targets: [{origin}, {COUNTRIES[(i + 3) % len(COUNTRIES)]}]",
        f"period: Q{1 + i % 4} {year}",
        "takedowns:",
        "  - platform: facebook", f"    date: {year}-{1 + i % 12:02d}-{1 + i % 28:02d}", f"    source: {source}",
        f"    removed: {{accounts: {rng.randint(5, 900)}, pages: {rng.randint(0, 200)}, groups: {rng.randint(0, 40)}}}",
        "  - platform: instagram", f"    date: {year}-{1 + i % 12:02d}", f"    source: {source}",
        f"    removed: {{accounts: {rng.randint(0, 300)}}}", "    approximate: true",
        "audience:", f"  - {{platform: facebook, metric: page-followers, count: {rng.randint(100, 90000)}, approximate: true, source: {source}}}",
        "ad_spend:", f"  - {{platform: facebook, amount: {rng.randint(10, 90000)}, currency: USD, source: {source}}}",
        "operators:", f"  - actor: actor-{i % n_actors:05d}", "    confidence: reported", f"    sources: [{source}]",
        "stances:", f"  - actor: actor-{(i * 3 + 1) % n_actors:05d}", "    stance: promoted",
        "    confidence: alleged", f"    sources: [{source}]",
        f"elections: [election-{i % n_elections:04d}]",
        f"tactics: [tactic-{i % TACTICS:02d}, tactic-{(i + 5) % TACTICS:02d}]",
        "killchain: [\"0.9.1\", \"1.1\"]",
        "also_on: [telegram]",
        f"investigated_by: [{{actor: actor-{(i + 2) % n_actors:05d}, sources: [{source}]}}]",
        f"sources: [{source}]",
    ]
    if i % 10 == 1:
        lines.append(f"related: [network-{i - 1:05d}]")
    if i % 25 == 0:
        lines += ["corrections:", f"  - {{date: {year + 1}-01-15, note: Corrected the number of Pages.}}"]
    lines.append("body: |")
    lines += ["  " + line if line else "" for line in _body(rng).splitlines()]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
