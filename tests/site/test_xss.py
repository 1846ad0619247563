"""Hostile text in every text field and markdown body of a real register stays inert text on the site."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import copy_content, write_content
from schema.fields import is_slug
from sitepages import html_pages, map_pages, page_types, parse, text_of

PROBE = "PROBE{{ 7*7 }}END"
PAYLOAD = (' <script>alert("script")</script><img src=x onerror=alert(2)><svg onload=alert(3)>'
           ' " onmouseover="alert(4)" x=\' onfocus=\'alert(5)\' </script><script>alert(6)</script>'
           ' [a](javascript:alert(7)) [b](JaVaScRiPt:alert(8)) [c](data:text/html,<script>alert(9)</script>)'
           ' ![d](data:image/png;base64,iVBORw0KGgo=) ![e](javascript:alert(10)) <a href="javascript:alert(11)">f</a>'
           f' <iframe src="javascript:alert(12)"></iframe> {PROBE}')
LOCAL_SCRIPT = re.compile(r"^(\.\./)*(static|pagefind)/|^/register/(static|pagefind)/")


def _poison(value, path: str, skip: set[str]):
    """Every free-text string in a YAML value gets the payload; slugs, codes, URLs and dates are left."""
    if isinstance(value, dict):
        return {key: _poison(item, f"{path}.{key}" if not re.fullmatch(r"[a-z]{2}", str(key)) else path, skip)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_poison(item, path, skip) for item in value]
    if not isinstance(value, str) or path in skip or is_slug(value) or value.startswith("http") or len(value) < 4:
        return value
    return value + PAYLOAD


def _poison_tree(original: Path, content: Path, skip: set[str]) -> None:
    for file in sorted(original.rglob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        text = yaml.safe_dump(_poison(data, file.relative_to(original).parts[0], skip), allow_unicode=True)
        (content / file.relative_to(original)).write_text(text, encoding="utf-8")
    for file in sorted(original.rglob("*.md")):
        front, body = file.read_text(encoding="utf-8").split("---\n", 2)[1:]
        meta = _poison(yaml.safe_load(front), "pages", skip)
        (content / file.relative_to(original)).write_text(
            f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}\n{PAYLOAD}\n\n{PAYLOAD}\n", encoding="utf-8")


def _field_path(error) -> str:
    """The poisoned key path an error points at: 'networks.takedowns.removed.accounts'."""
    parts = Path(error.path).parts
    collection = parts[len(parts) - 1 - parts[::-1].index("content") + 1]
    keys = [key for key in re.findall(r"[A-Za-z_]+", error.field) if not re.fullmatch(r"[a-z]{2}", key)]
    return ".".join([collection, *keys])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The real register with the payload appended to every text field the schema accepts it in."""
    from pipeline import build, validate

    root = tmp_path_factory.mktemp("xss")
    original = copy_content(root / "original")
    content = copy_content(root / "poisoned")
    skip = {"site.yaml.disarm_version"}  # a reference-list version: its errors land on the tactics that use it
    for _ in range(6):  # fields that refuse the payload (codes, enumerations) are left clean
        _poison_tree(original, content, skip)
        errors = [error for error in validate(content)[1] if not error.is_warning]
        if not errors:
            break
        skip |= {_field_path(error) for error in errors}
    assert not errors, [error.format() for error in errors]
    build(content, root / "site")
    return root / "site"


def test_payload_reaches_every_page_type_as_text(hostile_site):
    missing = [name for name, page in page_types(hostile_site).items()
               if PROBE not in text_of(parse(page).find("body")) and not name.endswith(("/404", "/search"))]
    assert missing == []


def _dangers_on(site: Path, page: Path) -> list[str]:
    """Each script, handler, frame or dangerous link the payload could have smuggled into a page."""
    name = page.relative_to(site).as_posix()
    problems = []
    for element in parse(page).iter():
        if element.tag == "script":
            if element.get("type") == "application/json":
                json.loads(element.text or "null")  # a '</script>' inside would have cut it short
            elif not LOCAL_SCRIPT.match(element.get("src") or ""):
                problems.append(f"{name}: <script src={element.get('src')!r}>")
        if element.tag in ("iframe", "object", "embed", "svg"):
            problems.append(f"{name}: <{element.tag}>")
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{name}: {attribute} on <{element.tag}>")
            if element.tag == "link" and value == "data:,":
                continue  # <link rel=icon href="data:,">: no favicon request
            if attribute in ("href", "src", "action") and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                problems.append(f"{name}: {attribute}={value[:40]!r} on <{element.tag}>")
    return problems


def test_no_injected_script_handler_or_dangerous_link(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) > 100
    problems = [problem for found in map_pages(functools.partial(_dangers_on, hostile_site), pages) for problem in found]
    assert problems == []


def test_template_probe_is_never_evaluated_in_any_output(hostile_site):
    evaluated = [path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("*")
                 if path.is_file() and "pagefind" not in path.parts and b"PROBE49END" in path.read_bytes()]
    assert evaluated == []


def test_bidi_override_is_refused_with_its_position(tmp_path):
    from pipeline import validate

    content = write_content(tmp_path, {"actors/test-company.yaml": "name: Test \u202eCompany\nkind: company\n"})
    messages = [error.format() for error in validate(content)[1]]
    assert any("actors/test-company.yaml:1" in message and "U+202E" in message for message in messages), messages


@pytest.mark.browser
def test_in_the_browser_no_payload_runs_and_the_csp_blocks_inline_script(browser, hostile_site):
    from browser.support import guarded_context, serve_under_prefix, url_of

    server, base = serve_under_prefix(hostile_site)
    context = guarded_context(browser)
    page = context.new_page()
    dialogs, ran = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for name, file in page_types(hostile_site).items():
            page.goto(url_of(base, hostile_site, file))
            page.mouse.move(200, 300)
            page.keyboard.press("Tab")
            injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
                [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.tagName)""")
            blocked = page.evaluate("""() => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation', () => resolve(window.__ran === undefined), {once: true});
                const script = document.createElement('script');
                script.textContent = 'window.__ran = 1';
                document.body.append(script);
                setTimeout(() => resolve(false), 2000);
            })""")
            if injected or not blocked:
                ran.append(f"{name}: handlers on {injected}, inline script blocked: {blocked}")
        assert dialogs == [] and ran == [] and context.external_requests == []
    finally:
        context.close()
        server.shutdown()
