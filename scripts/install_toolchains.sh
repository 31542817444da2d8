#!/usr/bin/env bash
# Make sure the compilers and runtimes the sandbox needs are present (Debian/Ubuntu: apt-get).
set -euo pipefail
declare -A need=([python3]=python3 [node]=nodejs [javac]=default-jdk-headless [g++]=g++)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing toolchains: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Not root and no sudo: install them yourself: apt-get install ${missing[*]}" >&2; exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install ${missing[*]} with your package manager." >&2; exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
