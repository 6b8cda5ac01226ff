#!/usr/bin/env bash
# Create .venv with Python 3.11+ and install Consilience into it (idempotent).
# Usage: scripts/bootstrap.sh [extra]   e.g. scripts/bootstrap.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
py=""
for cand in python3.13 python3.12 python3.11 python3; do
  # a pyenv shim exists for versions it does not serve: its complaint is no error here
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    py="$cand"; break
  fi
done
if [ -z "$py" ]; then
  echo "consilience: Python 3.11 or newer is needed (python3.11 not found)" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.installed${extra:+-$extra}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extra:+[$extra]}"
  touch "$stamp"
fi
