#!/usr/bin/env bash
# schemathesis for the HTTP fuzz (tests/http-fuzz.test.ts, npm run fuzz), in .tmp/schemathesis-venv: a venv
# of its own, so that its dependencies never move the Python client's.
exec bash "$(dirname "${BASH_SOURCE[0]}")/ensure-venv.sh" schemathesis-venv tests/fuzz/requirements.txt 'import schemathesis'
