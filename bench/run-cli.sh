#!/usr/bin/env bash
# Times the bridge CLI's `translate` over 100,000 generated NEW_AND_OLD_IMAGES records (Customers, Orders,
# Inventory), running the built dll directly, pinned to one CPU (the target is records/s on one core; the runtime
# then also sees one CPU, as in a container limited to one). Reports records/s for the whole process and without
# start-up (a 1-record file run gives the start-up cost), and peak RSS.
# Usage: bench/run-cli.sh [RUNS] [--kinesis] [--all-cores] [--native]
#   RUNS         runs of each file (default 5)
#   --kinesis    the Kinesis form of the same records
#   --all-cores  no pinning: every CPU the process may use
#   --native     the native CLI (scripts/publish-native-cli.sh, published first into .local/bench/native) instead of
#                `dotnet Bus.StreamBridge.dll`; its output is checked to be the managed build's, byte for byte
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
variant=""
suffix=""
pinned=true
native=false
while (($# > 0)); do
  case "$1" in
    --kinesis) variant="--kinesis"; suffix="-kinesis"; shift ;;
    --all-cores) pinned=false; shift ;;
    --native) native=true; shift ;;
    [0-9]*) runs="$1"; shift ;;
    *) echo "run-cli: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

pin=()
cpus="all CPUs"
if [[ "$pinned" == true ]]; then
  # The first CPU this shell may run on (taskset -pc prints e.g. "pid 1's current affinity list: 0-1").
  cpu=$(taskset -pc $$ | awk -F': ' '{ print $2 }' | cut -d, -f1 | cut -d- -f1)
  pin=(taskset -c "$cpu")
  cpus="one CPU (taskset -c $cpu)"
fi
records=100000
data=".local/bench"
big="$data/records-100k$suffix.jsonl"
one="$data/records-1$suffix.json"

# shellcheck source=bench/timing.sh
source bench/timing.sh

dotnet build -c Release -v q -nologo src/StreamBridge >/dev/null
dotnet build -c Release -v q -nologo bench/Benchmarks >/dev/null
bridge=(dotnet "src/StreamBridge/bin/Release/net10.0/Bus.StreamBridge.dll")
build="managed build (dotnet Bus.StreamBridge.dll)"
if [[ "$native" == true ]]; then
  bridge=("$(bash scripts/publish-native-cli.sh --output "$PWD/.local/bench/native")")
  build="native build (scripts/publish-native-cli.sh)"
fi
generator="bench/Benchmarks/bin/Release/net10.0/Bus.Benchmarks.dll"

mkdir -p "$data"
[[ -f "$big" ]] || dotnet "$generator" generate --records "$records" --per-event 1000 --out "$big" $variant
[[ -f "$one" ]] || dotnet "$generator" generate --records 1 --out "$one" $variant

# Prints "wall_seconds user_seconds system_seconds max_rss_kb" of one translate run.
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "${pin[@]}" "${bridge[@]}" translate "$1" >/dev/null
  cat "$data/time.txt"
}

measure "$one" >/dev/null # warm the file cache and the runtime's files
: >"$data/big.txt"
: >"$data/one.txt"
for ((i = 1; i <= runs; i++)); do
  measure "$big" | tee -a "$data/big.txt" | awk -v i="$i" '{ printf "run %d: 100k records %6.2f s wall, %6.2f s CPU, %6.0f MB peak RSS\n", i, $1, $2 + $3, $4 / 1024 }'
  measure "$one" | tee -a "$data/one.txt" | awk -v i="$i" '{ printf "run %d: 1 record    %6.2f s wall, %6.2f s CPU, %6.0f MB peak RSS\n", i, $1, $2 + $3, $4 / 1024 }'
done

big_wall=$(awk '{ print $1 }' "$data/big.txt" | median)
big_cpu=$(awk '{ print $2 + $3 }' "$data/big.txt" | median)
big_rss=$(awk '{ print $4 }' "$data/big.txt" | median)
one_wall=$(awk '{ print $1 }' "$data/one.txt" | median)
one_cpu=$(awk '{ print $2 + $3 }' "$data/one.txt" | median)
min_wall=$(awk '{ print $1 }' "$data/big.txt" | sort -g | head -1)
max_wall=$(awk '{ print $1 }' "$data/big.txt" | sort -g | tail -1)
events=$("${bridge[@]}" translate "$big" | wc -l)
if [[ "$native" == true ]] && ! cmp -s <("${bridge[@]}" translate "$big") <(dotnet "src/StreamBridge/bin/Release/net10.0/Bus.StreamBridge.dll" translate "$big"); then
  echo "run-cli: the native build's output differs from the managed build's" >&2
  exit 1
fi

awk -v n="$records" -v cpus="$cpus" -v bw="$big_wall" -v bc="$big_cpu" -v br="$big_rss" -v ow="$one_wall" -v oc="$one_cpu" \
    -v lo="$min_wall" -v hi="$max_wall" -v ev="$events" -v runs="$runs" -v build="$build" 'BEGIN {
  printf "\ntranslate over %d records (%d events) on %s, %s, median of %d runs (wall min %.2f s, max %.2f s):\n", n, ev, cpus, build, runs, lo, hi
  printf "  whole process:      %.2f s wall -> %.0f records/s; %.2f s CPU -> %.0f records per CPU-second\n", bw, n / bw, bc, n / bc
  printf "  start-up (1 record): %.2f s wall, %.2f s CPU\n", ow, oc
  printf "  without start-up:   %.2f s wall -> %.0f records/s; %.2f s CPU -> %.0f records per CPU-second\n", bw - ow, n / (bw - ow), bc - oc, n / (bc - oc)
  printf "  peak RSS:           %.0f MB\n", br / 1024
}'
