"""The same records as a Hugo site: one page per record, same markdown bodies, a comparable template."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.load import load

CONFIG = """baseURL = "https://example.org/register/"
languageCode = "en"
title = "Bench register"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
"""

SINGLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Params.summary }}"><link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
{{ with .Params.takedowns }}<table><tr><th>Platform</th><th>Date</th><th>Accounts</th><th>Pages</th><th>Source</th></tr>
{{ range . }}<tr><td>{{ .platform }}</td><td>{{ .date }}</td><td>{{ .removed.accounts }}</td><td>{{ .removed.pages }}</td><td>{{ .source }}</td></tr>{{ end }}</table>{{ end }}
{{ with .Params.operators }}<ul>{{ range . }}<li>{{ .actor }} ({{ .confidence }})</li>{{ end }}</ul>{{ end }}
{{ .Content }}
<ol>{{ range .Params.sources }}<li><a href="{{ printf "/sources/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ol>
</main><footer>{{ site.Title }}</footer></body></html>
"""

# Front-matter keys Hugo gives a meaning of its own (a record's `url` would become its page URL).
HUGO_RESERVED = {"aliases", "audio", "cascade", "date", "description", "draft", "expiryDate", "headless", "images",
                 "isCJKLanguage", "keywords", "lastmod", "layout", "linkTitle", "markup", "outputs", "publishDate",
                 "resources", "series", "slug", "tags", "type", "url", "videos", "weight"}

LIST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul></main></body></html>
"""


def write_hugo_site(content: Path, out: Path) -> Path:
    """Hugo's content/ and layouts/ for the records under `content`."""
    records, _ = load(content)
    (out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (out / "config.toml").write_text(CONFIG, encoding="utf-8")
    (out / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (out / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (out / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    for name, entries in records.collections.items():
        folder = out / "content" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_index.md").write_text(f"---\ntitle: {name.title()}\n---\n", encoding="utf-8")
        for slug, entry in entries.items():
            data = entry.model.model_dump(mode="json", by_alias=True, exclude_none=True)
            body = (data.pop("body", None) or {}).get("en", "")
            title = data.get("name", {}).get("en") if isinstance(data.get("name"), dict) else data.get("title", slug)
            data["title"] = title
            if isinstance(data.get("summary"), dict):
                data["summary"] = data["summary"].get("en", "")
            data = {(f"record_{key}" if key in HUGO_RESERVED else key): value for key, value in data.items()}
            (folder / f"{slug}.md").write_text(json.dumps(data, ensure_ascii=False) + "\n\n" + body + "\n", encoding="utf-8")
    return out
