# Every target sets up .venv on first use, so a fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test check serve clean bundle schema translations

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

site: $(STAMP)
	$(PY) build.py build
	@echo "offline copy for classrooms (also linked on /data/): $$(ls site/data/takedown-register-*.zip)"

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(PY) build.py check --strict

serve: $(STAMP)
	$(PY) build.py serve

bundle: $(STAMP)
	$(PY) build.py bundle

schema: $(STAMP)
	$(PY) build.py schema

# Extract UI strings into locales/messages.pot and update every language's .po.
translations: $(STAMP)
	$(PY) -m pipeline.i18n_catalog

clean:
	rm -rf site .site.* .takedown-register-trash .pytest_cache .hypothesis dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
