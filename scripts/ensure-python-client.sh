#!/usr/bin/env bash
# The official `kubernetes` Python client for the Python compat tests (tests/compat/python-client.test.ts),
# in .tmp/python-venv.
exec bash "$(dirname "${BASH_SOURCE[0]}")/ensure-venv.sh" python-venv tests/compat/python/requirements.txt 'import kubernetes'
