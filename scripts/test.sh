#!/usr/bin/env bash
# Runs the test suite, with a real Docker engine and the sandbox image when it can have them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
if [ -f .ci/docker.sh ]; then
  # shellcheck source=/dev/null
  . .ci/docker.sh
fi
python -m pytest -q -p no:cacheprovider --durations=15 "$@"
