#!/usr/bin/env bash
# Set up (first run only) and analyse the example articles that ship with Consilience.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
mkdir -p out
.venv/bin/consilience analyze examples/articles --db out/examples.db --format json --out out/examples.json
.venv/bin/consilience analyze examples/articles --db out/examples.db --format md --out out/examples.md
cat out/examples.md
echo
echo "Also written: out/examples.json (full analysis), out/examples.db (the store)."
