"""The YAML emitter: what it writes reads back as the same data, and stays readable."""

from __future__ import annotations

from pipeline.importers.emit import dump
from pipeline.yamlfile import parse

TRICKY = {
    "country": "NO",
    "version": "1.10",
    "date": "2021-02",
    "word": "true",
    "colon": "Meta: a company",
    "hash": "a #tag",
    "quote": 'He said "no"',
    "leading": " space",
    "unicode": "Türkiye — “quoted”",
    "number": 1250,
    "amount": 1200000.0,
    "half": 12.5,
    "flag": True,
    "codes": ["0.9.1", "1.10"],
    "words": ["Facebook, Inc.", "yes", "plain"],
    "removed": {"accounts": 7, "pages": 23},
    "items": [{"platform": "facebook", "removed": {"accounts": 1}}, {"platform": "NO"}],
    "body": "Line one.\n\n> quoted\n",
    "indented": "  starts with spaces\nthen not",
    "trailing": "no final newline\nhere",
    "blank_lines": "kept\n\n\n",
    "tab": "a\tb",
}


def test_what_is_written_reads_back_the_same():
    assert parse(dump(TRICKY)).data == TRICKY


def test_ambiguous_scalars_are_quoted_and_plain_words_are_not():
    text = dump({"origin": ["MD", "NO"], "killchain": ["0.9.1"], "name": "Moldova-based network (Meta, Q3 2024)"})
    assert text == 'origin: [MD, "NO"]\nkillchain: ["0.9.1"]\nname: Moldova-based network (Meta, Q3 2024)\n'


def test_layout_is_block_style_with_flow_for_short_lists():
    text = dump({"takedowns": [{"platform": "facebook", "date": 2024, "removed": {"accounts": 7}}],
                 "body": "One.\n\nTwo.\n"}, header="yaml-language-server: $schema=x.json")
    assert text == (
        "# yaml-language-server: $schema=x.json\n"
        "takedowns:\n"
        "  - platform: facebook\n"
        "    date: 2024\n"
        "    removed: {accounts: 7}\n"
        "body: |\n"
        "  One.\n"
        "\n"
        "  Two.\n"
    )
