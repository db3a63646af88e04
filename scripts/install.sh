#!/usr/bin/env bash
# Installs everything kateval needs on a fresh Debian machine, then the package into .venv.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need_apt=()
command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless)
command -v git >/dev/null || need_apt+=(git)
command -v npm >/dev/null || need_apt+=(npm)
command -v patch >/dev/null || need_apt+=(patch)
command -v bwrap >/dev/null || need_apt+=(bubblewrap)
command -v ip >/dev/null || need_apt+=(iproute2)  # network namespaces for the Ray executor tests
[ -f /usr/share/java/junit-platform-console-standalone.jar ] || need_apt+=(junit5)
# toolchain gradle (Debian's 4.4.1) and the JUnit 4 Maven repository its fixture projects use
command -v gradle >/dev/null || need_apt+=(gradle)
[ -d /usr/share/maven-repo/junit/junit ] || need_apt+=(junit4)
if [ "${KATEVAL_WITH_DOCKER:-0}" = "1" ]; then
  command -v dockerd >/dev/null || need_apt+=(docker.io)
  command -v debootstrap >/dev/null || need_apt+=(debootstrap)
fi
if [ "${KATEVAL_WITH_CHROMIUM:-0}" = "1" ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing apt packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# constraints.txt pins every dependency to the versions CI tested
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
.venv/bin/kateval toolchain install
