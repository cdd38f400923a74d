# shellcheck shell=bash
# The Debian packages Junction needs to build and test (DESIGN.md §9), and the function that
# installs the missing ones. Sourced by scripts/test and scripts/quickstart; not run directly.
#
#   source scripts/lib/deps.sh
#   junction_install_deps        # apt-get only when something is missing, so reruns are fast
#   junction_install_deps wrk    # the same, with more packages (bench/run: wrk, linux-perf)
#   junction_npm_ci tests/oracle # npm ci only when node_modules does not match the lock file
#   junction_build_console       # the web console into console/dist, when its sources changed

JUNCTION_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config
  # libraries
  libboost-dev libboost-system-dev libssl-dev libpq-dev libsqlite3-dev libsimdjson-dev sqlite3
  nlohmann-json3-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3-pytest python3-requests python3-psycopg2
  python3-cryptography
  # the graphql-js oracle (tests/oracle); Debian's nodejs/npm only when no node/npm is installed
  nodejs npm
  # a database for the Postgres tests
  postgresql
)

# Prints, one per line, the packages of JUNCTION_PACKAGES and of the arguments that are not
# installed.
junction_missing_packages() {
  local package status
  for package in "${JUNCTION_PACKAGES[@]}" "$@"; do
    # A node (or npm) installed another way (NodeSource, nvm) serves as well as Debian's.
    if [[ $package == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
    if [[ $package == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    if [[ $status != ii* ]]; then echo "$package"; fi
  done
}

# Installs the missing packages (JUNCTION_PACKAGES and the arguments) with apt-get, as root or
# through sudo.
junction_install_deps() {
  local missing
  mapfile -t missing < <(junction_missing_packages "$@")
  if ((${#missing[@]} == 0)); then
    echo "deps: every package is installed"
    return 0
  fi
  echo "deps: installing ${missing[*]}"
  local -a as_root=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "deps: not root and no sudo; install these packages first: ${missing[*]}" >&2
      return 1
    fi
    as_root=(sudo)
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Runs `npm ci` in the given folder unless its node_modules was installed from the same lock file
# (a stamp holding the lock's checksum is written into node_modules after a successful install).
junction_npm_ci() {
  local dir=$1
  local stamp="$dir/node_modules/.junction-lock.sha256"
  local sum
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f $stamp && $(<"$stamp") == "$sum" ]]; then
    echo "deps: $dir/node_modules matches package-lock.json"
    return 0
  fi
  # `|| return`: no stamp after a failed install, even when the caller tests our status (which
  # turns `set -e` off in here).
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error || return
  echo "$sum" >"$stamp"
}

# Prints a checksum of what the console's build reads: its lock file, its configuration, public/
# and src/ (each file's name and content, in a stable order).
junction_console_sources_sum() {
  (
    set -o pipefail # a file missing is an error, not a checksum of less
    cd console &&
      find package-lock.json package.json index.html vite.config.ts tsconfig.json public src \
        -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
  )
}

# Builds the web console into console/dist (which the engine serves at /console): npm ci when its
# node_modules is stale, then `npm run build` only when the sources changed since the last build. A
# stamp holding junction_console_sources_sum is written into console/dist after a successful build
# only, so a failed or interrupted build is tried again next time.
junction_build_console() {
  local stamp=console/dist/.junction-sources.sha256
  local sum
  junction_npm_ci console || return
  sum=$(junction_console_sources_sum) || return
  if [[ -f $stamp && -f console/dist/index.html && $(<"$stamp") == "$sum" ]]; then
    echo "deps: console/dist matches the console's sources"
    return 0
  fi
  rm -f "$stamp"
  echo "deps: building the console (npm run build in console/)"
  if ! npm run build --prefix console; then
    echo "deps: the console's build failed" >&2
    return 1
  fi
  echo "$sum" >"$stamp"
}
