# Sourced by scripts/test.sh (and so by .ci/run): a Docker engine and the sandbox image,
# so the Docker tests run. Under CI=true or KATEVAL_WITH_DOCKER=1 it installs docker.io and
# debootstrap if missing and starts dockerd; otherwise it only uses an engine that already
# answers, and without one the Docker tests skip with their reason (in CI they fail instead).
# Runs under the caller's `set -euo pipefail`: every failure here stops the run with a message.

kateval_docker_setup() {
  local want="${KATEVAL_WITH_DOCKER:-0}" sudo=""
  [ "${CI:-}" = "true" ] && want=1
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$want" = "1" ]; then
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    if [ ${#missing[@]} -gt 0 ]; then
      echo "docker.sh: installing ${missing[*]}"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    fi
    if ! docker info >/dev/null 2>&1; then
      echo "docker.sh: starting dockerd (log: /tmp/dockerd.log)"
      $sudo sh -c 'dockerd > /tmp/dockerd.log 2>&1 &'
      local i
      for i in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        sleep 1
      done
    fi
  fi
  if ! docker info >/dev/null 2>&1; then
    if [ "$want" = "1" ]; then
      echo "docker.sh: the Docker engine did not come up; last lines of /tmp/dockerd.log:" >&2
      tail -n 20 /tmp/dockerd.log >&2 || true
      return 1
    fi
    echo "docker.sh: no Docker engine; the Docker sandbox tests will skip"
    return 0
  fi
  echo "docker.sh: $(docker version --format 'engine {{.Server.Version}}')"
  # Builds kateval/kotlin-jvm:<hash> once (debootstrap without a registry: a few minutes);
  # later runs find the tag and reuse it. It builds in the background while the tests that
  # need no image run: the sandbox_image fixture's own build waits for this one (one build
  # at a time on a host) and then finds its image, or reports why it cannot be built.
  echo "docker.sh: building the sandbox image in the background (log: $KATEVAL_IMAGE_LOG)"
  kateval sandbox build > "$KATEVAL_IMAGE_LOG" 2>&1 &
}

KATEVAL_IMAGE_LOG="${TMPDIR:-/tmp}/kateval-image-build.log"

kateval_docker_setup
