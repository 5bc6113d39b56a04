#!/usr/bin/env bash
# Dashboard redraw overhead: the same seeded MNIST run (the same work) with the Ink dashboard in a real
# terminal (tmux 120 × 40, CI=false) and with plain lines, alternating. The machine may be shared, so
# wall time is noisy: the figure compared is the CPU time spent while training (training + redraws; not
# start-up or data loading), which waiting for a core does not inflate. Usage: scripts/measure-overhead.sh [epochs] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS=${1:-10}
ROUNDS=${2:-3}
CLI="$(pwd)/dist/cli.js"
SOCK="backprop-overhead-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT
cpu() { grep -o 'cpu while training: [0-9.]*' | tail -1 | grep -o '[0-9.]*$'; }
dashboard() {
  tmux -L "$SOCK" new-session -d -x 120 -y 40 -s m -e CI=false -e BACKPROP_REPORT_CPU=1 sh -c "node '$CLI' train --epochs $EPOCHS; echo '[exit]'; sleep 600"
  until tmux -L "$SOCK" capture-pane -p -t m | grep -q 'training is over'; do sleep 0.2; done
  tmux -L "$SOCK" send-keys -t m q
  sleep 0.3
  tmux -L "$SOCK" send-keys -t m n
  until tmux -L "$SOCK" capture-pane -p -t m | grep -q '\[exit\]'; do sleep 0.2; done
  tmux -L "$SOCK" capture-pane -p -t m -S -200 | cpu
  tmux -L "$SOCK" kill-server
}
plain() { BACKPROP_REPORT_CPU=1 node "$CLI" train --epochs "$EPOCHS" --plain 2>&1 >/dev/null | cpu; }
for r in $(seq "$ROUNDS"); do
  d=$(dashboard)
  p=$(plain)
  echo "round $r: CPU dashboard ${d}s  plain ${p}s  overhead $(node -e "console.log(((${d}/${p}-1)*100).toFixed(1))")%"
done
