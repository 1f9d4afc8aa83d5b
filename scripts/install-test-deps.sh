#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests use (real engine, registry, sshd, Secret Service,
# rpm tools, Chromium). Run as root or with sudo. The list is .ci/apt-packages.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mapfile -t packages < <(grep -v '^\s*#' "$here/.ci/apt-packages.txt" | sed '/^\s*$/d' | sort -u)
sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "installed: ${packages[*]}"
