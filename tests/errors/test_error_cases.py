"""Every content mistake a curator can make gives one clear line: file, line, field, fix.

Each case changes the small valid register and names the exact message expected.
"""

from __future__ import annotations

import pytest

from conftest import MINIMAL, write_content
from pipeline import validate

NETWORK = "networks/test-network.yaml"


def _network(old: str, new: str) -> dict[str, str]:
    text = MINIMAL[NETWORK]
    assert old in text
    return {NETWORK: text.replace(old, new, 1)}


CASES = [
    ("yaml syntax error", {NETWORK: "name: [unclosed\nsummary: x\n"},
     "content/networks/test-network.yaml:2:", "YAML syntax error"),
    ("duplicate key", _network("status: removed\n", "status: removed\nstatus: active\n"),
     "content/networks/test-network.yaml:4:1: error: status: duplicate key 'status' (first at line 3)", "YAML would silently drop"),
    ("key written twice, once quoted", _network("status: removed\n", 'status: removed\n"1": a\n1: b\n'),
     "content/networks/test-network.yaml:5:1: error: 1: duplicate key '1' (first at line 4)", "YAML would silently drop"),
    ("unknown key", _network("summary:", "sumary:"),
     "content/networks/test-network.yaml:2:1: error: sumary: unknown key 'sumary'", "did you mean 'summary'?"),
    ("wrong type", _network("origin: [KG]", "origin: KG"),
     "content/networks/test-network.yaml:4:9: error: origin: expected a list", "found the text 'KG'"),
    ("negative count", _network("accounts: 10", "accounts: -1"),
     "content/networks/test-network.yaml:10:25: error: takedowns[0].removed.accounts: must be 0 or more", "found -1"),
    ("non-numeric count", _network("accounts: 10", "accounts: ten"),
     "content/networks/test-network.yaml:10:25: error: takedowns[0].removed.accounts: expected a whole number", "'ten'"),
    ("impossible date", _network("date: 2021-01-12", "date: 2021-02-30"),
     "content/networks/test-network.yaml:8:11: error: takedowns[0].date:", "February 2021 has 28 days"),
    ("dangling reference", _network("actor: test-company", "actor: test-compny"),
     "content/networks/test-network.yaml:12:12: error: operators[0].actor: no actor 'test-compny'", "did you mean 'test-company'?"),
    ("reference to the wrong collection", _network("elections: [test-election]", "elections: [test-company]"),
     "content/networks/test-network.yaml:15:13: error: elections[0]: 'test-company' is in actors, not in elections", ""),
    ("platform of the wrong kind", _network("platform: test-platform", "platform: test-company"),
     "content/networks/test-network.yaml:7:15: error: takedowns[0].platform: 'test-company' is an actor of kind 'company', not a platform", ""),
    ("invalid slug file name", {"actors/Test_Person.yaml": "name: X\nkind: person\n"},
     "content/actors/Test_Person.yaml:1:1: error: file name 'Test_Person.yaml' is not a valid slug", "rename it to 'test-person.yaml'"),
    ("slugs equal but for case", {"actors/Test-Company.yaml": "name: X\nkind: person\n"},
     "content/actors/test-company.yaml:1:1: error: slug 'test-company' differs only in case from 'Test-Company'", ""),
    ("javascript url", {"sources/test-report.yaml": MINIMAL["sources/test-report.yaml"].replace(
        "https://example.org/report", "javascript:alert(1)")},
     "content/sources/test-report.yaml:3:6: error: url: 'javascript:alert(1)' is not an absolute http(s) address", ""),
    ("python tag", {"actors/evil.yaml": "name: !!python/object/apply:os.system ['touch /tmp/pwned-by-yaml']\nkind: person\n"},
     "content/actors/evil.yaml:1:7: error: name: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", ""),
    ("alias bomb", {"actors/bomb.yaml": 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nname: x\nkind: person\n'},
     "content/actors/bomb.yaml:1:4: error: anchors (&a) are not allowed", ""),
    ("non-utf8 byte", {"actors/latin1.yaml": b"name: Caf\xe9\nkind: person\n"},
     "content/actors/latin1.yaml:1:10: error: byte 0xe9 is not UTF-8", "save the file as UTF-8"),
    ("empty file", {"actors/empty.yaml": ""},
     "content/actors/empty.yaml:1:1: error: file is empty", ""),
    ("tab indentation", {"actors/tabbed.yaml": "name: X\nkind: person\naffiliations:\n\t- actor: test-company\n"},
     "content/actors/tabbed.yaml:4:1: error: YAML syntax error: a tab is used for indentation", "indent with spaces"),
    ("missing default language", _network("name: {en: Test network, ru: Тестовая сеть}", "name: {ru: Тестовая сеть}"),
     "content/networks/test-network.yaml:1:7: error: name: has no text in the default language 'en'", ""),
    ("unquoted version-like number", {"sources/test-report.yaml": MINIMAL["sources/test-report.yaml"] + "note: 1.10\n"},
     "content/sources/test-report.yaml:7:7: error: note: expected text, found the number 1.10", 'put it in quotes: "1.10"'),
    ("claim without sources", _network("sources: [test-report]\nelections", "sources: []\nelections"),
     "content/networks/test-network.yaml:14:14: error: operators[0].sources: must list at least one item", ""),
    ("bad confidence", _network("confidence: confirmed", "confidence: certain"),
     "content/networks/test-network.yaml:13:17: error: operators[0].confidence: expected 'confirmed', 'reported' or 'alleged'", ""),
    ("alias shadows a live slug", {"actors/test-platform.yaml": "name: Test Platform\nkind: platform\naliases: [test-company]\n"},
     "content/actors/test-platform.yaml:3:11: error: aliases[0]: alias 'test-company' is the slug of another live record", ""),
    ("range ends before it starts", _network("status: removed\n", "status: removed\nactive: {from: 2021, to: 2020-05}\n"),
     "content/networks/test-network.yaml:4:9: error: active:", "'to' (2020-05) is before 'from' (2021)"),
    ("unexpected folder", {"network/x.yaml": "name: x\n"},
     "content/network: error: unexpected 'network' in content/", "did you mean 'networks'?"),
    ("todo left from a scaffold", _network("summary: A network for tests.", "summary: TODO one sentence"),
     "content/networks/test-network.yaml:2:10: error: summary: still says TODO", "fill it in"),
]


@pytest.mark.parametrize("name,files,expected,hint", CASES, ids=[case[0] for case in CASES])
def test_content_mistake_is_reported_with_position(tmp_path, name, files, expected, hint):
    content = write_content(tmp_path, files)
    _records, problems = validate(content)
    lines = [problem.format().replace(str(tmp_path) + "/", "") for problem in problems if not problem.is_warning]
    matching = [line for line in lines if line.startswith(expected)]
    assert matching, f"expected a line starting with {expected!r}, got:\n" + "\n".join(lines)
    assert hint in matching[0]


def test_python_tag_executes_nothing(tmp_path):
    marker = tmp_path / "pwned"
    content = write_content(tmp_path, {"actors/evil.yaml": f"name: !!python/object/apply:os.system ['touch {marker}']\nkind: person\n"})
    validate(content)
    assert not marker.exists()


def test_utf8_bom_is_accepted(tmp_path):
    content = write_content(tmp_path, {"actors/test-platform.yaml": "\ufeffname: Test Platform\nkind: platform\n"})
    _records, problems = validate(content)
    assert problems == []


def test_norway_stays_a_country_code(tmp_path):
    content = write_content(tmp_path, {NETWORK: MINIMAL[NETWORK].replace("targets: [KG]", "targets: [KG, NO]")})
    records, problems = validate(content)
    assert problems == []
    assert records.collections["networks"]["test-network"].model.targets == ["KG", "NO"]


def test_yes_is_not_a_boolean(tmp_path):
    content = write_content(tmp_path, {"sources/test-report.yaml": MINIMAL["sources/test-report.yaml"] + "note: yes\n"})
    records, problems = validate(content)
    assert problems == []
    assert records.collections["sources"]["test-report"].model.note == "yes"


def test_file_over_two_megabytes_is_refused(tmp_path):
    big = "name: X\nkind: person\nbody: |\n" + ("  " + "x" * 1000 + "\n") * 2200
    content = write_content(tmp_path, {"actors/big.yaml": big})
    _records, problems = validate(content)
    assert any("the limit is 2 MB" in p.message and p.path.endswith("actors/big.yaml") for p in problems)


def test_a_broken_link_is_an_error_not_a_crash(tmp_path):
    content = write_content(tmp_path)
    (content / "actors" / "moved-away.yaml").symlink_to(tmp_path / "nowhere.yaml")
    _records, problems = validate(content)
    lines = [problem.format().replace(str(tmp_path) + "/", "") for problem in problems]
    assert "content/actors/moved-away.yaml: error: cannot read the file: No such file or directory" \
        " — replace it with a readable .yaml file, or delete it" in lines


def test_every_error_is_reported_at_once(tmp_path):
    content = write_content(tmp_path, {
        "actors/empty.yaml": "",
        NETWORK: MINIMAL[NETWORK].replace("status: removed", "status: gone").replace("summary:", "sumary:"),
    })
    _records, problems = validate(content)
    errors = [p for p in problems if not p.is_warning]
    assert {p.path.rsplit("/", 2)[-2] + "/" + p.path.rsplit("/", 1)[-1] for p in errors} >= {"actors/empty.yaml", "networks/test-network.yaml"}
    assert len([p for p in errors if p.path.endswith("test-network.yaml")]) >= 3
