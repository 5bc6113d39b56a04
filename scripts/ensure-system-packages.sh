#!/usr/bin/env bash
# The tests drive real programs: Debian's chromium (web e2e, browser determinism) and tmux (the CLI's
# pseudo-terminal tests) and Debian's PyTorch (python3-torch under /usr/bin/python3: the interop and
# training tests compare against it; python3-onnx, the reference checker of the ONNX export). Installs whichever is missing from apt (root, or passwordless sudo); otherwise
# says exactly what to install and fails, so no test silently skips.
set -euo pipefail
missing=()
[[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] || missing+=(chromium)
command -v tmux >/dev/null || missing+=(tmux)
/usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1 || missing+=(python3-torch python3-numpy)
/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1 || missing+=(python3-onnx)
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "error: the tests need ${missing[*]}: run  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
log=$(mktemp)
echo "installing ${missing[*]} from apt (log: $log)"
if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } </dev/null >"$log" 2>&1; then
  tail -5 "$log" >&2
  echo "error: could not install ${missing[*]}; run  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
