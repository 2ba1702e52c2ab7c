#!/usr/bin/env bash
# `make test`: prepare the machine (once), then run every test. ADDON=name runs one addon.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python scripts/run_tests.py "$@"
