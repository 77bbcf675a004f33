#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks for this project (CI runs it first; see README "System
# packages"):
# - libsecret-1-dev, pkg-config and a C++ toolchain: keytar (pulled in by @forge/lint and @forge/cli) compiles
#   itself during `npm ci` when its prebuilt binary cannot be downloaded from GitHub, as on CI's network;
# - chromium: the headless browser the tests launch (test/support/find-browser.ts finds it in /usr/bin).
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libsecret-1 2>/dev/null || missing+=(libsecret-1-dev)
{ command -v g++ && command -v make; } >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present (libsecret-1-dev, pkg-config, build tools, python3, chromium)."
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
