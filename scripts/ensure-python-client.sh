#!/usr/bin/env bash
# Installs the official `kubernetes` Python client (tests/compat/python/requirements.txt) into a
# virtualenv at .tmp/python-venv for the Python compat tests (tests/compat/python-client.test.ts).
# Does nothing when the venv already holds exactly those requirements; fails loudly when python3
# or PyPI is unavailable, so CI never skips the Python client silently.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tmp/python-venv"
requirements="$root/tests/compat/python/requirements.txt"
stamp="$venv/.kapi-requirements"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$requirements" "$stamp" \
  && "$venv/bin/python" -c 'import kubernetes' >/dev/null 2>&1; then
  echo "python client present: kubernetes $("$venv/bin/python" -c 'import kubernetes; print(kubernetes.__version__)')"
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "ensure-python-client: $python not found; the Python compat tests need Python 3 with venv and pip" >&2
  exit 1
fi

rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
# pip exits non-zero when PyPI cannot be reached; set -e turns that into this script's failure.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 2 --timeout 30 -r "$requirements" || {
  echo "ensure-python-client: pip could not install $(grep -v '^#' "$requirements" | xargs) from PyPI" >&2
  exit 1
}
cp "$requirements" "$stamp"
echo "python client installed: kubernetes $("$venv/bin/python" -c 'import kubernetes; print(kubernetes.__version__)') in ${venv#"$root"/}"
