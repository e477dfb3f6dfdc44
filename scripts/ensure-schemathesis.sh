#!/usr/bin/env bash
# Installs schemathesis (tests/fuzz/requirements.txt) into a virtualenv at .tmp/schemathesis-venv for
# the HTTP fuzz (tests/http-fuzz.test.ts, npm run fuzz). Does nothing when the venv already holds
# exactly those requirements; fails loudly when python3 or PyPI is unavailable, so CI never skips
# the fuzz silently. A venv of its own: schemathesis's dependencies must not move the Python client's.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tmp/schemathesis-venv"
requirements="$root/tests/fuzz/requirements.txt"
stamp="$venv/.kapi-requirements"

if [ -x "$venv/bin/st" ] && [ -f "$stamp" ] && cmp -s "$requirements" "$stamp"; then
  echo "schemathesis present: $("$venv/bin/st" --version)"
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "ensure-schemathesis: $python not found; the HTTP fuzz needs Python 3 with venv and pip" >&2
  exit 1
fi

rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 2 --timeout 30 -r "$requirements" || {
  echo "ensure-schemathesis: pip could not install $(grep -v '^#' "$requirements" | xargs) from PyPI" >&2
  exit 1
}
cp "$requirements" "$stamp"
echo "schemathesis installed: $("$venv/bin/st" --version) in ${venv#"$root"/}"
