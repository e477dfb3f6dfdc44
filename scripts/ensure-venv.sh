#!/usr/bin/env bash
# ensure-venv.sh NAME REQUIREMENTS PROBE: a virtualenv at .tmp/NAME holding exactly REQUIREMENTS (a pip
# requirements file, relative to the repo). Does nothing when the venv already holds them and PROBE (a
# Python statement) runs in it; otherwise builds it anew. Fails loudly when python3 or PyPI is missing,
# so CI never skips the tests that need it.
set -euo pipefail

name="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tmp/$name"
requirements="$root/$2"
probe="$3"
stamp="$venv/.kapi-requirements"
wanted="$(grep -v '^#' "$requirements" | xargs)"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$requirements" "$stamp" \
  && "$venv/bin/python" -c "$probe" >/dev/null 2>&1; then
  echo "$name present: $wanted"
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "ensure-venv $name: $python not found; it needs Python 3 with venv and pip" >&2
  exit 1
fi

rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 2 --timeout 30 -r "$requirements" || {
  echo "ensure-venv $name: pip could not install $wanted from PyPI" >&2
  exit 1
}
cp "$requirements" "$stamp"
echo "$name installed: $wanted in ${venv#"$root"/}"
