#!/usr/bin/env bash
# Installs the real editors the editor tests drive (test/editor-*.test.ts):
#   - code-server 4.100.3 (VS Code 1.100.3 server + web workbench; the last release that runs on Node 20)
#     from the npm registry into .editors-cache/code-server/, built without any GitHub download;
#   - from Debian: chromium (headless: loads the workbench so code-server starts its extension host;
#     playwright-core drives it for the UI test), ripgrep (stands in for @vscode/ripgrep, whose
#     postinstall downloads from GitHub), libkrb5-dev and pkg-config (code-server's native `kerberos`
#     module), a C++ toolchain and python3 (node-gyp), neovim, emacs-nox and elpa-eglot.
#     Emacs: bookworm's 28.2 with elpa-eglot 1.9, from the suites every Debian 12 install already
#     lists. Emacs 30.1 (eglot built in) is only in bookworm-backports, which a clean system does not
#     list, and would need an extra apt source; 28.2 + eglot 1.9 has all the tests use.
# Idempotent: a no-op (well under a second) when everything is already there. Needs root for apt-get.
#
# Usage: bash scripts/setup-editors.sh            install what is missing, print what it did
#        bash scripts/setup-editors.sh --check    install nothing; list what is missing, exit 1 if anything is
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
CACHE=.editors-cache
CS_DIR=$CACHE/code-server
CS_BIN=$CS_DIR/node_modules/.bin/code-server
MARKER=$CS_DIR/.installed
CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

log() { echo "setup-editors: $*"; }
t0=$SECONDS
did=()

# ---- Debian packages -----------------------------------------------------------------------------
pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }
need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v nvim >/dev/null 2>&1 || need_pkgs+=(neovim)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need_pkgs+=(pkg-config)
pkg_installed libkrb5-dev || need_pkgs+=(libkrb5-dev)
{ command -v g++ && command -v make; } >/dev/null 2>&1 || need_pkgs+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
command -v emacs >/dev/null 2>&1 || need_pkgs+=(emacs-nox)
# eglot is built into Emacs >= 29; Debian 12's Emacs 28.2 needs elpa-eglot
if ! pkg_installed elpa-eglot; then
  emacs_major=$( (command -v emacs >/dev/null 2>&1 && emacs --batch -Q --eval '(princ emacs-major-version)' 2>/dev/null) || echo 0)
  [ "$emacs_major" -ge 29 ] 2>/dev/null || need_pkgs+=(elpa-eglot)
fi

# The marker names the version and the Node ABI its native modules were built for.
STAMP="$CODE_SERVER_VERSION node-abi-$(node -p process.versions.modules)"
cs_ok() {
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$STAMP" ] && [ -x "$CS_BIN" ]
}

if [ "$CHECK" = 1 ]; then
  missing=()
  [ ${#need_pkgs[@]} -gt 0 ] && missing+=("Debian packages: ${need_pkgs[*]} (apt-get install ${need_pkgs[*]})")
  cs_ok || missing+=("code-server $CODE_SERVER_VERSION in $CS_DIR (run: sudo bash scripts/setup-editors.sh)")
  if [ ${#missing[@]} -gt 0 ]; then
    printf 'setup-editors: missing %s\n' "${missing[@]}"
    exit 1
  fi
  log "everything installed"
  exit 0
fi

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "not root: cannot apt-get install ${need_pkgs[*]}" >&2
    exit 1
  fi
  log "apt-get install ${need_pkgs[*]}"
  t=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  did+=("installed Debian packages ${need_pkgs[*]} ($((SECONDS - t)) s)")
fi

# ---- code-server from npm ------------------------------------------------------------------------
if ! cs_ok; then
  t=$SECONDS
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about a minute)"
  # npm as root: the postinstall scripts refuse to run without unsafe-perm; node-pty's build runs
  # `npx node-gyp`, which a `yes=false` npmrc would cancel.
  export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
  export npm_config_update_notifier=false npm_config_loglevel=error
  # node-gyp must find the headers locally (nodejs.org is not reachable); nodesource's node ships them.
  prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [ -f "$prefix/include/node/common.gypi" ]; then export npm_config_nodedir=$prefix; fi
  TMP=$CACHE/code-server.partial
  rm -rf "$TMP" "$CS_DIR"
  mkdir -p "$TMP"
  ABS_TMP=$(cd "$TMP" && pwd)
  (
    cd "$ABS_TMP"
    echo '{"name":"editors-cache","private":true}' >package.json
    # 1. the package itself without its postinstall (which downloads ripgrep from GitHub)
    npm install --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION" >/dev/null
    npm rebuild argon2 >/dev/null                  # code-server's own native module, built from source
    # 2. the VS Code server's dependencies (what code-server's postinstall does), ripgrep from Debian
    cd node_modules/code-server/lib/vscode
    npm install --omit=dev --ignore-scripts >/dev/null       # pinned by its npm-shrinkwrap.json
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # its postinstall skips when bin/ exists
    npm rebuild >/dev/null                                   # node-pty, spdlog, kerberos, ... from source
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sf code-linux.sh code-server)
    (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
    # 3. the built-in extensions' shared dependencies
    cd extensions && npm install --omit=dev >/dev/null
  )
  # Prove it runs before marking it installed. code-server writes a default config and logs under
  # the XDG dirs even for --version: keep those out of $HOME.
  xdg=$(mktemp -d)
  if ! out=$(XDG_CONFIG_HOME=$xdg XDG_DATA_HOME=$xdg "$TMP/node_modules/.bin/code-server" --version 2>&1); then
    rm -rf "$xdg"
    log "the installed code-server does not run:" >&2
    echo "$out" >&2
    exit 1
  fi
  rm -rf "$xdg"
  log "code-server --version: $(grep -v '^\[' <<<"$out" | head -n 1)"
  echo "$STAMP" >"$TMP/.installed"
  mv "$TMP" "$CS_DIR"   # npm's .bin links are relative: the moved tree works as it is
  did+=("installed code-server $CODE_SERVER_VERSION in $CS_DIR ($((SECONDS - t)) s)")
fi

if [ ${#did[@]} -eq 0 ]; then
  log "nothing to do: code-server $CODE_SERVER_VERSION, chromium, neovim, emacs with eglot already installed"
else
  for d in "${did[@]}"; do log "$d"; done
  log "done in $((SECONDS - t0)) s"
fi
