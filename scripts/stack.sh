#!/usr/bin/env bash
# The real stack on this machine: the external-system stand-ins and the three consumer services, each its own process,
# on PostgreSQL and RabbitMQ, then the stream bridge replaying captured batches onto RabbitMQ. Waits until the external
# effects stop changing, prints what each external system received, and stops everything it started.
#
#   scripts/stack.sh [--replay FILE|DIR]... [--keep-running] [--no-build] [--run-id ID] [--run-dir DIR]
#                    [--free-ports] [--timeout SECONDS] [--settle SECONDS] [--expect N] [--keep-data]
#                    [--configuration Release|Debug]
#
# Each run gets its own PostgreSQL database (bus_stack_<id>), its own RabbitMQ virtual host (bus-stack-<id>) and queue
# prefix (stack-<id>), and a directory with one log per process (.local/stack/<id>/), so runs and tests can share the
# servers. Server settings come from the BUS_PG_* and BUS_RABBITMQ_* variables of scripts/servers.sh, which this script
# runs after the build; the processes get the services' own variable names (docs/running.md, "Real stack").
# Exit status: 0 when every replay succeeded, the effects settled, and no message is in an _error queue.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '6,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  echo "See docs/running.md (\"Real stack\") for every option." >&2
}

replays=()
keep_running=0 build=1 free_ports=0 keep_data=0
run_id="" run_dir="" configuration=Release
timeout_s=120 settle_s=5 expect=0
ready_timeout_s=120 stop_timeout_s=15

while (($#)); do
  case $1 in
    --replay) [[ $# -ge 2 ]] || { usage; exit 2; }; replays+=("$2"); shift 2 ;;
    --keep-running) keep_running=1; shift ;;
    --no-build) build=0; shift ;;
    --free-ports) free_ports=1; shift ;;
    --keep-data) keep_data=1; shift ;;
    --run-id) [[ $# -ge 2 ]] || { usage; exit 2; }; run_id=$2; shift 2 ;;
    --run-dir) [[ $# -ge 2 ]] || { usage; exit 2; }; run_dir=$2; shift 2 ;;
    --configuration) [[ $# -ge 2 ]] || { usage; exit 2; }; configuration=$2; shift 2 ;;
    --timeout) [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "--timeout needs a number of seconds" >&2; exit 2; }; timeout_s=$2; shift 2 ;;
    --settle) [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "--settle needs a number of seconds" >&2; exit 2; }; settle_s=$2; shift 2 ;;
    --expect) [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "--expect needs a number of effects" >&2; exit 2; }; expect=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option '$1'" >&2; usage; exit 2 ;;
  esac
done

say() { printf '[stack %(%T)T] %s\n' -1 "$*" >&2; }
fail() { say "error: $*"; exit 1; }

[[ $configuration == Release || $configuration == Debug ]] || { echo "--configuration is Release or Debug" >&2; exit 2; }
for tool in dotnet curl jq psql; do
  command -v "$tool" >/dev/null || { echo "$tool is required and not on PATH" >&2; exit 2; }
done

if [[ -z $run_id ]]; then
  run_id="$(date -u +%Y%m%d-%H%M%S)-$(od -An -N2 -tx1 /dev/urandom | tr -d ' \n')"
fi
# The id becomes a queue prefix (Bus:EndpointPrefix allows [a-z0-9-]), a virtual host and a database name.
[[ $run_id =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]] || { echo "--run-id must match [a-z0-9][a-z0-9-]{0,39}" >&2; exit 2; }
((${#replays[@]})) || replays=("$repo_root/samples")
replay_files=()
for target in "${replays[@]}"; do
  if [[ -d $target ]]; then
    shopt -s nullglob
    found=("$target"/*.json "$target"/*.jsonl)
    shopt -u nullglob
    ((${#found[@]})) || { echo "no *.json or *.jsonl file in $target" >&2; exit 2; }
    # Sorted by name: the samples' names put them in stream order.
    mapfile -t found < <(printf '%s\n' "${found[@]}" | LC_ALL=C sort)
    for file in "${found[@]}"; do replay_files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"); done
  elif [[ -f $target ]]; then
    replay_files+=("$(cd "$(dirname "$target")" && pwd)/$(basename "$target")")
  else
    echo "--replay $target: no such file or directory" >&2; exit 2
  fi
done

# Each file holds one Lambda event or JSON Lines of them. Checked before anything starts, so a bad file is named
# here rather than by its event number in the bridge's error.
# Files saved by Windows tools start with a byte order mark, which the bridge skips at the start of its input only.
without_bom() { sed '1s/^\xEF\xBB\xBF//' "$1"; }
replay_index=() replay_events=0
for file in "${replay_files[@]}"; do
  count="$(without_bom "$file" | jq -n '[inputs] | length' 2>/dev/null)" || { echo "--replay: $file is not JSON" >&2; exit 2; }
  ((count > 0)) || { echo "--replay: $file holds no event" >&2; exit 2; }
  if ((count == 1)); then range="event $replay_events"; else range="events $replay_events-$((replay_events + count - 1))"; fi
  replay_index+=("$range: $file")
  replay_events=$((replay_events + count))
done

run_dir="${run_dir:-$repo_root/.local/stack/$run_id}"
mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"
printf '%s\n' "${replay_index[@]}" >"$run_dir/replay.txt"

# ---------------------------------------------------------------------------------------------------------------------
# Cleanup: everything this run started or created, on every way out (normal end, error, Ctrl-C, TERM).

names=() pids=()
database="" vhost="" vhost_created=0 database_created=0 cleaned=0 status=1

stop_processes() {
  local i pid deadline
  # Reverse start order: services stop consuming before the stand-ins they call go away.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill -0 "$pid" 2>/dev/null && kill -TERM -- "-$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + stop_timeout_s))
  for i in "${!pids[@]}"; do
    pid=${pids[i]}
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "${names[i]} (pid $pid) did not stop within ${stop_timeout_s} s: killing it"
    fi
    # The whole group: anything a process started goes with it.
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + 5))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  done
}

cleanup() {
  ((cleaned)) && return
  cleaned=1
  trap '' INT TERM
  stop_processes
  if ((keep_data)); then
    ((database_created)) && say "kept database $database"
    ((vhost_created)) && say "kept virtual host $vhost"
  else
    ((database_created)) && { pg_admin -c "drop database if exists \"$database\" with (force)" >/dev/null 2>&1 \
      || say "could not drop database $database"; }
    ((vhost_created)) && { rabbitmq_ctl delete_vhost "$vhost" >/dev/null 2>&1 || say "could not delete virtual host $vhost"; }
  fi
  say "logs: $run_dir"
}

on_exit() {
  local code=$?
  cleanup
  exit "$code"
}
on_signal() {
  say "$1: stopping everything this run started"
  cleanup
  # The normal end of --keep-running is Ctrl-C: the run's own verdict stands.
  if ((keep_running_phase)); then exit "$status"; fi
  exit "$2"
}
keep_running_phase=0
trap on_exit EXIT
trap 'on_signal interrupted 130' INT
trap 'on_signal terminated 143' TERM

# ---------------------------------------------------------------------------------------------------------------------
# Build.

projects=(StandIns Consumers.Marketing Consumers.Shipping Consumers.Notifications StreamBridge)
dll_of() { echo "$repo_root/src/$1/bin/$configuration/net10.0/Bus.$1.dll"; }

if ((build)); then
  say "building ${projects[*]} ($configuration); output in $run_dir/build.log"
  # One build of a solution filter: shared projects are compiled once, and in parallel where they can be.
  filter_projects=()
  for p in "${projects[@]}"; do filter_projects+=("src/$p/$p.csproj"); done
  jq -n --arg sln "$repo_root/Bus.sln" '{solution: {path: $sln, projects: $ARGS.positional}}' \
    --args "${filter_projects[@]}" >"$run_dir/stack.slnf"
  if ! dotnet build "$run_dir/stack.slnf" -c "$configuration" --nologo >"$run_dir/build.log" 2>&1; then
    grep -E 'error|Error' "$run_dir/build.log" | tail -n 20 >&2 || tail -n 20 "$run_dir/build.log" >&2
    fail "build failed (see $run_dir/build.log)"
  fi
fi
for p in "${projects[@]}"; do
  [[ -f $(dll_of "$p") ]] || fail "$(dll_of "$p") is missing: build first or drop --no-build"
done

# ---------------------------------------------------------------------------------------------------------------------
# Servers, database and virtual host.

# Makes PostgreSQL and RabbitMQ reachable (starting them when they are local and down) and sets the BUS_PG_* and
# BUS_RABBITMQ_* variables. The stack does not use the bridge's GetItem enrichment: no DynamoDB server unless asked.
# shellcheck source=servers.sh
BUS_SKIP_DYNAMODB=${BUS_SKIP_DYNAMODB:-1} . "$repo_root/scripts/servers.sh"
set -euo pipefail

pg_admin() {
  PGPASSWORD="$BUS_PG_PASSWORD" psql -h "$BUS_PG_HOST" -p "$BUS_PG_PORT" -U "$BUS_PG_USER" -d "$BUS_PG_DATABASE" \
    -v ON_ERROR_STOP=1 -qtA "$@"
}

rabbitmq_node=""
rabbitmq_ctl() { rabbitmqctl ${rabbitmq_node:+-n "$rabbitmq_node"} -q "$@"; }

# rabbitmqctl manages only a broker on this machine. scripts/servers.sh names its node rabbit@localhost; a broker
# started by the distribution's service has the default node name; BUS_RABBITMQ_NODE names any other. Creating the
# virtual host is also the test of which node answers (each rabbitmqctl call starts an Erlang VM: seconds).
create_vhost() {
  is_local "$BUS_RABBITMQ_HOST" && command -v rabbitmqctl >/dev/null || return 1
  local node candidates=(rabbit@localhost "")
  [[ -n ${BUS_RABBITMQ_NODE:-} ]] && candidates=("$BUS_RABBITMQ_NODE")
  for node in "${candidates[@]}"; do
    if rabbitmqctl ${node:+-n "$node"} -q add_vhost "$1" >/dev/null 2>&1; then rabbitmq_node=$node; return 0; fi
  done
  return 1
}

database="bus_stack_${run_id//-/_}"
prefix="stack-$run_id"
pg_admin -c "create database \"$database\"" >/dev/null || fail "could not create database $database"
database_created=1

can_inspect_queues=0
# Queue names take the prefix, but the bridge publishes to the contract exchanges (named after the message types),
# which every run on one virtual host shares: only a virtual host of its own keeps another run's events out.
if create_vhost "bus-stack-$run_id"; then
  vhost="bus-stack-$run_id"
  vhost_created=1
  rabbitmq_ctl set_permissions -p "$vhost" "$BUS_RABBITMQ_USER" '.*' '.*' '.*' >/dev/null \
    || fail "could not grant $BUS_RABBITMQ_USER access to $vhost"
  can_inspect_queues=1
else
  vhost="${BUS_RABBITMQ_VHOST:-/}"
  say "warning: rabbitmqctl cannot manage the broker at $BUS_RABBITMQ_HOST: using virtual host '$vhost' as it is."
  say "warning: another run on it receives this run's events too, and _error queues cannot be checked."
fi

# ---------------------------------------------------------------------------------------------------------------------
# Ports and settings.

systems=(MarketingPlatform ShippingSystem Email Sms Purchasing)
declare -A port=(
  [MarketingPlatform]=5081 [ShippingSystem]=5092 [Email]=9101 [Sms]=9102 [Purchasing]=9103
  [Marketing]=5181 [Shipping]=5082 [Notifications]=8083
)
port_in_use() { ss -Htln "sport = :$1" 2>/dev/null | grep -q . || (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ((free_ports)); then
  declare -A taken=()
  for name in "${!port[@]}"; do
    # Below Linux's ephemeral range (32768+), so no outgoing connection holds the port either.
    while :; do
      candidate=$((20000 + RANDOM % 12000))
      [[ -z ${taken[$candidate]:-} ]] && ! port_in_use "$candidate" && break
    done
    taken[$candidate]=1
    port[$name]=$candidate
  done
else
  for name in "${!port[@]}"; do
    port_in_use "${port[$name]}" && fail "port ${port[$name]} ($name) is in use: stop what holds it or pass --free-ports"
  done
fi

# A secret per run and system: stand-in and service agree only through the variables below.
declare -A secret=()
for s in "${systems[@]}"; do secret[$s]="stack-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"; done

# Settings every .NET process of the run shares, under the names the services read (docker-compose.yml uses the same).
common_env=(
  "BUS_STACK_RUN_ID=$run_id"
  "Bus__Transport=RabbitMq"
  "Bus__EndpointPrefix=$prefix"
  "Bus__RabbitMq__Host=$BUS_RABBITMQ_HOST"
  "Bus__RabbitMq__Port=$BUS_RABBITMQ_PORT"
  "Bus__RabbitMq__VirtualHost=$vhost"
  "Bus__RabbitMq__Username=$BUS_RABBITMQ_USER"
  "Bus__RabbitMq__Password=$BUS_RABBITMQ_PASSWORD"
)
service_env=(
  "Database__Provider=Postgres"
  "Database__ConnectionString=Host=$BUS_PG_HOST;Port=$BUS_PG_PORT;Username=$BUS_PG_USER;Password=$BUS_PG_PASSWORD;Database=$database"
  "Database__MigrateOnStart=true"
)
standin_env=("StandIns__BindAddress=127.0.0.1")
for s in "${systems[@]}"; do
  service_env+=("ExternalSystems__${s}__BaseUrl=http://127.0.0.1:${port[$s]}/" "ExternalSystems__${s}__SigningSecret=${secret[$s]}")
  standin_env+=("StandIns__Systems__${s}__Port=${port[$s]}" "StandIns__Systems__${s}__SigningSecret=${secret[$s]}")
done
{
  echo "# Settings of run $run_id (passwords and signing secrets masked)"
  printf '%s\n' "${common_env[@]}" "${service_env[@]}" "${standin_env[@]}" \
    | sed -E 's/(Password=)[^;]*/\1***/; s/(SigningSecret=).*/\1***/'
} >"$run_dir/settings.env"

# ---------------------------------------------------------------------------------------------------------------------
# Processes.

# start NAME PROJECT ENV... : runs `dotnet <dll>` from its output directory (where its appsettings.json is), in a
# session and process group of its own, so that stopping the group stops everything it started.
start() {
  local name=$1 project=$2 dll
  shift 2
  dll="$(dll_of "$project")"
  (cd "$(dirname "$dll")" && exec env "${common_env[@]}" "$@" setsid dotnet "$dll") >"$run_dir/$name.log" 2>&1 </dev/null &
  names+=("$name")
  pids+=("$!")
  echo "$name $!" >>"$run_dir/pids"
  # Watched with kill -0, not waited for; out of the job table, bash does not report a service stopped by a signal.
  disown "$!"
}

# wait_ready NAME PID URL : until URL answers 2xx; fails early when the process has exited.
wait_ready() {
  local name=$1 pid=$2 url=$3 deadline=$((SECONDS + ready_timeout_s))
  until curl -fsS -m 2 -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 25 "$run_dir/$name.log" >&2
      fail "$name exited before it was ready (log: $run_dir/$name.log)"
    fi
    ((SECONDS < deadline)) || { tail -n 25 "$run_dir/$name.log" >&2; fail "$name was not ready within ${ready_timeout_s} s ($url)"; }
    sleep 0.5
  done
}

say "run $run_id: database $database, virtual host $vhost, queue prefix $prefix"
: >"$run_dir/pids"
started_at=$SECONDS
start standins StandIns "${standin_env[@]}"
start marketing Consumers.Marketing "${service_env[@]}" "Urls=http://127.0.0.1:${port[Marketing]}"
start shipping Consumers.Shipping "${service_env[@]}" "Urls=http://127.0.0.1:${port[Shipping]}"
start notifications Consumers.Notifications "${service_env[@]}" "Urls=http://127.0.0.1:${port[Notifications]}"

for s in "${systems[@]}"; do wait_ready standins "${pids[0]}" "http://127.0.0.1:${port[$s]}/health"; done
wait_ready marketing "${pids[1]}" "http://127.0.0.1:${port[Marketing]}/health/ready"
wait_ready shipping "${pids[2]}" "http://127.0.0.1:${port[Shipping]}/health/ready"
wait_ready notifications "${pids[3]}" "http://127.0.0.1:${port[Notifications]}/health/ready"
say "stand-ins and services ready after $((SECONDS - started_at)) s (migrations applied at start)"

effects_url="http://127.0.0.1:${port[MarketingPlatform]}/_effects"

all_alive() {
  local i
  for i in "${!pids[@]}"; do
    kill -0 "${pids[i]}" 2>/dev/null || { say "${names[i]} (pid ${pids[i]}) has exited (log: $run_dir/${names[i]}.log)"; return 1; }
  done
}

# ---------------------------------------------------------------------------------------------------------------------
# Replay.

replay_status=0
bridge_env=(
  "Bridge__FailedRecords__Store=File"
  "Bridge__FailedRecords__Directory=$run_dir/failed-records"
)
# One bridge process for every file: the CLI reads consecutive Lambda events, and starting .NET once per file cost
# more than the replay itself. replay.txt maps the bridge's event numbers (in its error lines) back to the files.
for file in "${replay_files[@]}"; do without_bom "$file"; echo; done >"$run_dir/replay.json"
# In the background and waited for, so that Ctrl-C and TERM are handled at once rather than after the replay.
env "${common_env[@]}" "${bridge_env[@]}" setsid dotnet "$(dll_of StreamBridge)" replay "$run_dir/replay.json" \
  >"$run_dir/bridge.out" 2>"$run_dir/bridge.log" </dev/null &
bridge_pid=$!
names+=(bridge) pids+=("$bridge_pid")
echo "bridge $bridge_pid" >>"$run_dir/pids"
code=0
wait "$bridge_pid" || code=$?
unset 'names[-1]' 'pids[-1]'
summary="$(cat "$run_dir/bridge.out")"
echo "total: $summary" >>"$run_dir/replay.txt"
rm -f "$run_dir/bridge.out" "$run_dir/replay.json"
say "replayed ${#replay_files[@]} file(s), $replay_events event(s): ${summary:-no summary}"
if ((code != 0)); then
  replay_status=1
  grep -E '^(failed|stored|error)' "$run_dir/bridge.log" | head -n 20 >&2 || true
  say "the bridge exited with $code (events by file in $run_dir/replay.txt, its log in $run_dir/bridge.log)"
fi

# ---------------------------------------------------------------------------------------------------------------------
# Wait for the effects to settle: unchanged for --settle seconds, and (when the broker can be inspected) no message
# waiting or in flight on any of the run's queues.

# Busy queues are noted in queue-checks.log: a message that keeps one busy (a retry waiting for a contact) shows there.
queues_busy() {
  ((can_inspect_queues)) || return 1
  local busy
  busy="$(rabbitmq_ctl list_queues -p "$vhost" name messages messages_unacknowledged --no-table-headers 2>/dev/null \
    | awk '$1 !~ /_(error|skipped)$/ && ($2 > 0 || $3 > 0)')" || busy="rabbitmqctl list_queues failed"
  [[ -n $busy ]] || return 1
  printf '%(%T)T\n%s\n' -1 "$busy" >>"$run_dir/queue-checks.log"
}

effects_signature() {
  curl -fsS -m 5 "$effects_url" | jq -c '[.systems[] | [.performed, .duplicates, .rejected]]'
}

settled=0 replayed_at=$SECONDS
last="" stable_since=$SECONDS deadline=$((SECONDS + timeout_s))
while ((SECONDS < deadline)); do
  all_alive || break
  current="$(effects_signature || echo unavailable)"
  if [[ $current == unavailable || $current != "$last" ]]; then
    last=$current stable_since=$SECONDS
  elif ((SECONDS - stable_since >= settle_s)); then
    total="$(jq '[.[][0]] | add // 0' <<<"$current" 2>/dev/null || echo 0)"
    if ((total < expect)); then
      :
    elif queues_busy; then
      stable_since=$SECONDS
    else
      settled=1 settled_in=$((SECONDS - replayed_at))
      break
    fi
  fi
  sleep 1
done

curl -fsS -m 5 "$effects_url" >"$run_dir/effects.json" 2>/dev/null || echo '{"systems":{}}' >"$run_dir/effects.json"
if ((can_inspect_queues)); then
  rabbitmq_ctl list_queues -p "$vhost" name messages messages_unacknowledged --no-table-headers \
    >"$run_dir/queues.tsv" 2>/dev/null || true
fi

# ---------------------------------------------------------------------------------------------------------------------
# Report.

echo
printf '%-18s %9s %10s %8s %12s %7s  %s\n' system performed duplicates rejected unauthorized invalid paths
jq -r '.systems[] | [.system, .performed, .duplicates, .rejected, .unauthorized, .invalid,
    ([.effects[].path] | group_by(.) | map("\(.[0]) \(length)") | join(", "))] | @tsv' "$run_dir/effects.json" \
  | while IFS=$'\t' read -r system performed duplicates rejected unauthorized invalid paths; do
      printf '%-18s %9s %10s %8s %12s %7s  %s\n' "$system" "$performed" "$duplicates" "$rejected" "$unauthorized" "$invalid" "${paths:--}"
    done
read -r performed duplicates refused < <(jq -r '[.systems[]] | [(map(.performed) | add // 0), (map(.duplicates) | add // 0),
  (map(.unauthorized + .invalid) | add // 0)] | @tsv' "$run_dir/effects.json")
echo "total: $performed effects performed, $duplicates duplicate requests"

problems=()
((replay_status == 0)) || problems+=("a replay failed")
if ((settled)); then
  say "effects settled ${settled_in} s after the replay (unchanged for ${settle_s} s, queues empty)"
else
  problems+=("the effects did not settle within ${timeout_s} s")
fi
((performed >= expect)) || problems+=("$performed effects performed, expected at least $expect")
((refused == 0)) || problems+=("$refused requests refused by the stand-ins (signature or idempotency key)")
if ((can_inspect_queues)); then
  errors="$(awk '$1 ~ /_error$/ && $2 > 0 { printf "%s%s %s", sep, $1, $2; sep = ", " }' "$run_dir/queues.tsv")"
  if [[ -n $errors ]]; then
    problems+=("messages in error queues: $errors")
  else
    echo "error queues: empty"
  fi
else
  echo "error queues: not checked (no rabbitmqctl for this broker)"
fi

if ((${#problems[@]})); then
  for p in "${problems[@]}"; do say "FAILED: $p"; done
  status=1
else
  status=0
fi

if ((keep_running)); then
  keep_running_phase=1
  say "stack left running (Ctrl-C stops it):"
  for s in "${systems[@]}"; do say "  $s stand-in  http://127.0.0.1:${port[$s]}/  (GET /_effects)"; done
  say "  marketing      http://127.0.0.1:${port[Marketing]}/health/ready"
  say "  shipping       http://127.0.0.1:${port[Shipping]}/health/ready"
  say "  notifications  http://127.0.0.1:${port[Notifications]}/health/ready"
  say "  RabbitMQ virtual host $vhost, PostgreSQL database $database, logs $run_dir"
  while all_alive; do sleep 1; done
  status=1
fi
exit "$status"
