#!/usr/bin/env bash
# Makes the PostgreSQL and RabbitMQ that the integration tests (and the real stack) need reachable.
# Idempotent and quick when both already answer. Connection settings come from the environment:
#   BUS_PG_HOST (127.0.0.1) BUS_PG_PORT (5432) BUS_PG_USER (bus) BUS_PG_PASSWORD (bus) BUS_PG_DATABASE (bus)
#   BUS_RABBITMQ_HOST (127.0.0.1) BUS_RABBITMQ_PORT (5672) BUS_RABBITMQ_USER (guest) BUS_RABBITMQ_PASSWORD (guest)
#   BUS_DYNAMODB_PORT (8000): a DynamoDB-compatible server (dynalite, from the npm registry) on loopback, for the
#   bridge's GetItem enrichment tests; BUS_DYNAMODB_URL is exported for the tests. BUS_SKIP_DYNAMODB=1 skips it.
# On a machine where this script may install (root with apt-get), it installs RabbitMQ from Debian's packages
# and starts both servers bound to loopback; elsewhere it only checks and says what is missing.
# Source it (`. scripts/servers.sh`) to keep the exported variables, or run it.
set -euo pipefail

: "${BUS_PG_HOST:=127.0.0.1}" "${BUS_PG_PORT:=5432}" "${BUS_PG_USER:=bus}" "${BUS_PG_PASSWORD:=bus}" "${BUS_PG_DATABASE:=bus}"
: "${BUS_RABBITMQ_HOST:=127.0.0.1}" "${BUS_RABBITMQ_PORT:=5672}" "${BUS_RABBITMQ_USER:=guest}" "${BUS_RABBITMQ_PASSWORD:=guest}"
export BUS_PG_HOST BUS_PG_PORT BUS_PG_USER BUS_PG_PASSWORD BUS_PG_DATABASE
export BUS_RABBITMQ_HOST BUS_RABBITMQ_PORT BUS_RABBITMQ_USER BUS_RABBITMQ_PASSWORD
: "${BUS_DYNAMODB_PORT:=8000}"
export BUS_DYNAMODB_URL="${BUS_DYNAMODB_URL:-http://127.0.0.1:$BUS_DYNAMODB_PORT}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="${BUS_STATE_DIR:-$repo_root/.local}"
mkdir -p "$state_dir"

log() { printf '[servers] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() { # host port seconds name
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    if ((SECONDS >= deadline)); then log "$4 did not open $1:$2 within $3 s"; return 1; fi
    sleep 0.5
  done
}

can_install() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; }

is_local() { [[ $1 == 127.* || $1 == localhost || $1 == ::1 ]]; }

ensure_postgres() {
  if ! port_open "$BUS_PG_HOST" "$BUS_PG_PORT"; then
    if is_local "$BUS_PG_HOST" && command -v pg_ctlcluster >/dev/null; then
      local version cluster
      read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
      log "starting PostgreSQL cluster $version/$cluster"
      pg_ctlcluster "$version" "$cluster" start
      wait_for_port "$BUS_PG_HOST" "$BUS_PG_PORT" 60 PostgreSQL
    else
      log "PostgreSQL is not reachable at $BUS_PG_HOST:$BUS_PG_PORT; start it or set BUS_PG_HOST/BUS_PG_PORT"
      return 1
    fi
  fi
  if PGPASSWORD="$BUS_PG_PASSWORD" psql -h "$BUS_PG_HOST" -p "$BUS_PG_PORT" -U "$BUS_PG_USER" -d "$BUS_PG_DATABASE" \
       -tAc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  if is_local "$BUS_PG_HOST" && [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1; then
    log "creating PostgreSQL role $BUS_PG_USER and database $BUS_PG_DATABASE"
    local psql_admin=(runuser -u postgres -- psql -p "$BUS_PG_PORT" -v ON_ERROR_STOP=1 -qtA)
    if [[ -z $("${psql_admin[@]}" -c "select 1 from pg_roles where rolname = '$BUS_PG_USER'") ]]; then
      # CREATEDB: tests create a database per run to leave nothing behind.
      "${psql_admin[@]}" -c "create role \"$BUS_PG_USER\" login createdb password '$BUS_PG_PASSWORD'"
    fi
    if [[ -z $("${psql_admin[@]}" -c "select 1 from pg_database where datname = '$BUS_PG_DATABASE'") ]]; then
      "${psql_admin[@]}" -c "create database \"$BUS_PG_DATABASE\" owner \"$BUS_PG_USER\""
    fi
  else
    log "cannot log in to PostgreSQL as $BUS_PG_USER; create the role and database $BUS_PG_DATABASE"
    return 1
  fi
}

ensure_rabbitmq() {
  if port_open "$BUS_RABBITMQ_HOST" "$BUS_RABBITMQ_PORT"; then return 0; fi
  if ! is_local "$BUS_RABBITMQ_HOST"; then
    log "RabbitMQ is not reachable at $BUS_RABBITMQ_HOST:$BUS_RABBITMQ_PORT"
    return 1
  fi
  if ! command -v rabbitmq-server >/dev/null; then
    if ! can_install; then log "rabbitmq-server is not installed; install it or point BUS_RABBITMQ_HOST at a broker"; return 1; fi
    log "installing rabbitmq-server from Debian's packages"
    # A fresh machine has no package lists; an install without an update finds nothing.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$state_dir/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >>"$state_dir/apt.log" 2>&1
  fi
  log "starting RabbitMQ on 127.0.0.1:$BUS_RABBITMQ_PORT"
  # setsid + closed stdin: the broker outlives this script without holding its terminal or CI's pipes open.
  RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$BUS_RABBITMQ_PORT" \
    setsid rabbitmq-server >"$state_dir/rabbitmq.log" 2>&1 </dev/null &
  wait_for_port "$BUS_RABBITMQ_HOST" "$BUS_RABBITMQ_PORT" 120 RabbitMQ || { tail -n 30 "$state_dir/rabbitmq.log" >&2; return 1; }
}

ensure_dynamodb() {
  if [[ ${BUS_SKIP_DYNAMODB:-0} == 1 ]] || port_open 127.0.0.1 "$BUS_DYNAMODB_PORT"; then return 0; fi
  local prefix="$state_dir/dynalite"
  if [[ ! -x $prefix/node_modules/.bin/dynalite ]]; then
    if ! command -v npm >/dev/null; then log "npm is missing: cannot install dynalite (set BUS_SKIP_DYNAMODB=1 to skip)"; return 1; fi
    log "installing dynalite (a DynamoDB-compatible server) from the npm registry"
    # Its native LevelDB binding ships prebuilt inside the package; no build step runs.
    npm install --silent --no-audit --no-fund --prefix "$prefix" dynalite@4.0.0 >"$state_dir/npm.log" 2>&1
  fi
  log "starting dynalite on 127.0.0.1:$BUS_DYNAMODB_PORT"
  setsid node "$prefix/node_modules/.bin/dynalite" --host 127.0.0.1 --port "$BUS_DYNAMODB_PORT" --createTableMs 0 --deleteTableMs 0 \
    >"$state_dir/dynalite.log" 2>&1 </dev/null &
  wait_for_port 127.0.0.1 "$BUS_DYNAMODB_PORT" 30 dynalite
}

ensure_postgres
ensure_rabbitmq
ensure_dynamodb
log "PostgreSQL $BUS_PG_HOST:$BUS_PG_PORT/$BUS_PG_DATABASE, RabbitMQ $BUS_RABBITMQ_HOST:$BUS_RABBITMQ_PORT and DynamoDB $BUS_DYNAMODB_URL are up"
