# The shop suite: two commands do everything (see README.md).
#   make run     demo database + server on http://localhost:8069
#   make test    all tests on a throwaway database (ADDON=shop_repairs for one addon)
SHELL := /bin/bash
ADDON ?=
export ADDON

.PHONY: run test lint bench setup clean-db

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@bash scripts/bootstrap.sh >/dev/null
	@.venv/bin/pre-commit run --all-files --show-diff-on-failure

bench:
	@bash scripts/bootstrap.sh
	@.venv/bin/python bench/run.py $(BENCH_ARGS)

setup:
	@bash scripts/bootstrap.sh

clean-db:
	@$${PYTHON:-python3} scripts/shoplib.py drop-db
