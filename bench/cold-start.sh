#!/usr/bin/env bash
# The stream bridge's cold start as Lambda pays it: a new process that calls the entry point
# (LambdaFunction.Handle, through the CLI's `invoke`) once, with one generated batch, from the Lambda package that
# scripts/package-lambda.sh builds, precompiled (ReadyToRun, the default) and IL only (--no-ready-to-run).
# The two are run alternately; prints per run and the medians of wall time, CPU time and peak RSS.
# The process start, the host's build and start (the in-memory bus by default: no broker connection) and the first
# batch are all in the figure; Lambda's own init (the runtime's bootstrap, the download of the package) is not.
# Usage: bench/cold-start.sh [RUNS] [--records N] [--rabbitmq]
#   RUNS        invocations of each package, alternated (default 10)
#   --records   records in the batch (default 100, the templates' BatchSize)
#   --rabbitmq  publish to RabbitMQ with confirms (Bus__Transport=RabbitMq; the Bus__RabbitMq__* variables, else the
#               local broker that scripts/servers.sh starts), so the broker connection is part of the cold start
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10
records=100
transport=InMemory
while (($# > 0)); do
  case "$1" in
    --records) records="${2:?--records needs a number}"; shift 2 ;;
    --rabbitmq) transport=RabbitMq; shift ;;
    [0-9]*) runs="$1"; shift ;;
    *) echo "cold-start: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
data=".local/bench/cold-start"
batch="$data/batch-$records.json"

# shellcheck source=bench/timing.sh
source bench/timing.sh
command -v unzip >/dev/null || { echo "cold-start: 'unzip' is required" >&2; exit 1; }

mkdir -p "$data"
for kind in ready-to-run jit; do
  flag=""
  [[ "$kind" == jit ]] && flag="--no-ready-to-run"
  scripts/package-lambda.sh --arch x86_64 --output "$PWD/$data/$kind.zip" $flag >/dev/null 2>"$data/$kind.log" \
    || { cat "$data/$kind.log" >&2; exit 1; }
  rm -rf "${data:?}/$kind"
  unzip -q "$data/$kind.zip" -d "$data/$kind"
done

dotnet build -c Release -v q -nologo bench/Benchmarks >/dev/null
[[ -f "$batch" ]] || dotnet bench/Benchmarks/bin/Release/net10.0/Bus.Benchmarks.dll generate --records "$records" --out "$batch" >&2

# Prints "wall_seconds cpu_seconds max_rss_kb" of one invocation in a new process; fails unless it succeeded.
measure() {
  local response
  response=$(cd "$data/$1" && Bus__Transport="$transport" /usr/bin/time -f "%e %U %S %M" -o ../time.txt dotnet Bus.StreamBridge.dll invoke "../$(basename "$batch")" 2>/dev/null)
  [[ "$response" == '{"batchItemFailures":[]}' ]] || { echo "cold-start: $1 answered '$response'" >&2; exit 1; }
  awk '{ print $1, $2 + $3, $4 }' "$data/time.txt"
}

measure ready-to-run >/dev/null # warm the file cache
measure jit >/dev/null
: >"$data/ready-to-run.txt"
: >"$data/jit.txt"
for ((i = 1; i <= runs; i++)); do
  for kind in ready-to-run jit; do
    measure "$kind" | tee -a "$data/$kind.txt" \
      | awk -v i="$i" -v k="$kind" '{ printf "run %2d %-12s %5.2f s wall, %5.2f s CPU, %4.0f MB peak RSS\n", i, k, $1, $2, $3 / 1024 }'
  done
done

echo
echo "first invocation of a new process, $records records on $transport, median of $runs runs (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
for kind in ready-to-run jit; do
  wall=$(awk '{ print $1 }' "$data/$kind.txt" | median)
  cpu=$(awk '{ print $2 }' "$data/$kind.txt" | median)
  rss=$(awk '{ print $3 }' "$data/$kind.txt" | median)
  size=$(stat -c %s "$data/$kind.zip")
  awk -v k="$kind" -v w="$wall" -v c="$cpu" -v r="$rss" -v s="$size" \
    'BEGIN { printf "  %-12s %5.2f s wall, %5.2f s CPU, %4.0f MB peak RSS; package %.1f MB zipped\n", k, w, c, r / 1024, s / 1048576 }'
done
