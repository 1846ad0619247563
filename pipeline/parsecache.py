"""A content-addressed cache of parsed YAML, so a file that has not changed is not parsed again.

Parsing is most of the cost of `check` and of every rebuild. An entry is keyed on the
file's exact bytes, and the cache file is named for the parser's code (yamlfile.py, this
module, PyYAML and Python versions), so an edited file or a changed parser can never get
an old result. Only files that parsed cleanly on the fast path are kept: a file with an
error, or with anything unusual, is parsed every time and reported from its text.
Validation is never cached, so a schema change applies to every file at once.

The cache lives in `.cache/` beside the content folder and holds only this register's
current files (see pipeline/contentcache.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml
import yaml_rs

from pipeline import contentcache, plainyaml, yamlfile


class ParseCache(contentcache.ContentCache):
    """{sha256 of a file's bytes: its parsed data}."""

    NAME = "parsed"

    @classmethod
    def code_version(cls) -> str:
        return contentcache.code_version([Path(yamlfile.__file__), Path(plainyaml.__file__), Path(__file__),
                                          Path(contentcache.__file__)], f"{yaml.__version__} {yaml_rs.__version__}")
