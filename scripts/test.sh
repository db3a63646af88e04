#!/usr/bin/env bash
# Runs the test suite, with a real Docker engine and the sandbox image when it can have them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
if [ -f .ci/docker.sh ]; then
  # shellcheck source=/dev/null
  . .ci/docker.sh
fi
# Two pytest-xdist workers (KATEVAL_TEST_WORKERS; `-n 0` in the arguments runs in this process):
# the tests that watch host-wide state run one after another on one of them (tests/conftest.py),
# the rest spread over both; the many that wait on a timeout, a container or a cluster leave
# the other worker's core busy.
python -m pytest -q -p no:cacheprovider --durations=15 -n "${KATEVAL_TEST_WORKERS:-2}" "$@"
