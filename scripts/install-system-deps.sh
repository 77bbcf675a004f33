#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks for this project:
# - libsecret-1-dev: keytar (pulled in by @forge/lint and @forge/cli) compiles against it during `npm ci`;
# - chromium: the headless browser tests of the Custom UI pages.
set -euo pipefail
missing=()
pkg-config --exists libsecret-1 2>/dev/null || missing+=(libsecret-1-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present (libsecret-1-dev, chromium)."
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
