#!/usr/bin/env bash
# Whole-process start-up of `./hostwise serve`: from launching the launcher to the first 200 on
# /healthz (the server answers only once the rules are active). One warm-up run, then N measured
# runs (default 5); prints each and the median. Each run gets a fresh port and reuses one data
# directory (as a restarted server does), so the compiled-policy cache and the database are warm.
#   bench/scripts/serve-to-ready.sh [runs=5] [extra serve args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"; shift || true
DATA="$(mktemp -d "${TMPDIR:-/tmp}/hostwise-ready.XXXXXX")"
trap 'rm -rf "$DATA"' EXIT
export HOSTWISE_DATA_DIR="$DATA" HOSTWISE_LOG_LEVEL=WARN
./hostwise --version >/dev/null   # builds the jar and the class-data archive if needed, untimed

times=()
for i in $(seq 0 "$RUNS"); do
  PORT=$((40000 + RANDOM % 10000))
  start=$(date +%s%N)
  ./hostwise serve --host 127.0.0.1 --port "$PORT" "$@" 2>>"$DATA/serve.log" &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$pid" 2>/dev/null || { echo "serve exited; see $DATA/serve.log" >&2; cat "$DATA/serve.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  # CPU the process had used by then (user + system), a figure less disturbed by other work on the machine
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$i" -eq 0 ]; then echo "warm-up: ${ms} ms"; continue; fi
  echo "run $i: ${ms} ms to the first 200 on /healthz (CPU ${cpu} ms, RSS then ${rss} MB)"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS: ${median} ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
