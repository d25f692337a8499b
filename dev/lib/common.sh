# Shared by dev/up, dev/test and dev/down. Sourced, not run.
# Everything here is idempotent: it installs or starts only what is missing.

# One database per service (see ensure_service_db for its three roles).

log() { printf '\033[1m[comply360]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[comply360] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
# Infrastructure (PostgreSQL, RabbitMQ) that this run had to start, so dev/down stops only that.
STARTED_INFRA=()
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
    if [ -z "$APT_UPDATED" ]; then
        log "apt-get update"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ensure_packages_without_services <package...>: like ensure_packages, for packages whose install would start
# a system service we do not want (nginx would start on port 80): Debian's policy-rc.d forbids the start.
ensure_packages_without_services() {
    local missing=() policy=/usr/sbin/policy-rc.d placed=""
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod 755 "$policy"
        placed=1
    fi
    # In a subshell whose exit (also by die or Ctrl-C) removes the policy again: left behind, it would keep every
    # later service on this machine from starting.
    local status=0
    (
        [ -z "$placed" ] || trap 'as_root rm -f "$policy"' EXIT
        ensure_packages "${missing[@]}"
    ) || status=$?
    return "$status"
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on (from 20000-29999, away from the stack's fixed ports).
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 10000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

ensure_java() {
    if ! command -v javac >/dev/null || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|2[0-9])'; then
        ensure_packages openjdk-17-jdk-headless
    fi
    # Tools the scripts themselves use.
    ensure_packages curl jq unzip
}

pg_super() {
    as_root runuser -u postgres -- env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$@"
}

ensure_postgres() {
    command -v pg_lsclusters >/dev/null || ensure_packages postgresql
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        log "starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
        STARTED_INFRA+=("postgres:$version")
    fi
    for _ in $(seq 1 30); do
        pg_super -c 'select 1' >/dev/null 2>&1 && return 0
        sleep 1
    done
    die "PostgreSQL did not come up"
}

# ensure_service_db <database> <service>: the database and its owner/app/jobs roles (dev passwords are the
# role names; production passes its own through the environment).
ensure_service_db() {
    local db=$1 svc=$2
    pg_super -d postgres <<SQL
do \$\$
begin
    if not exists (select 1 from pg_roles where rolname = '${svc}_owner') then
        create role ${svc}_owner login password '${svc}_owner';
    end if;
    if not exists (select 1 from pg_roles where rolname = '${svc}_app') then
        create role ${svc}_app login password '${svc}_app' nosuperuser nobypassrls;
    end if;
    if not exists (select 1 from pg_roles where rolname = '${svc}_jobs') then
        create role ${svc}_jobs nologin nosuperuser nobypassrls;
    end if;
end
\$\$;
grant ${svc}_jobs to ${svc}_owner;
SQL
    if ! pg_super -d postgres -tAc "select 1 from pg_database where datname = '${db}'" | grep -q 1; then
        log "creating database ${db}"
        pg_super -d postgres -c "create database ${db} owner ${svc}_owner"
    fi
    pg_super -d "$db" <<SQL
revoke create on schema public from public;
grant usage, create on schema public to ${svc}_jobs;
grant usage on schema public to ${svc}_app;
SQL
}

# fresh_service_db <database> <service>: the database dropped (with whatever an older checkout left in it) and
# created again empty, with its roles (dev/test: tests never meet leftovers, e.g. a wizard definition published
# under the same version with other content).
fresh_service_db() {
    local db=$1 svc=$2
    pg_super -d postgres -q -c "drop database if exists ${db} with (force)" >/dev/null
    ensure_service_db "$db" "$svc"
}

rabbitmq_up() { as_root rabbitmqctl -q status >/dev/null 2>&1; }

ensure_rabbitmq() {
    command -v curl >/dev/null || ensure_packages curl
    command -v rabbitmq-server >/dev/null || ensure_packages rabbitmq-server
    if ! rabbitmq_up; then
        log "starting RabbitMQ"
        as_root rabbitmq-server -detached
        STARTED_INFRA+=("rabbitmq")
        for _ in $(seq 1 60); do rabbitmq_up && break; sleep 1; done
    fi
    as_root rabbitmqctl -q await_startup --timeout 120 >/dev/null
    if ! as_root rabbitmq-plugins -q list -e rabbitmq_management 2>/dev/null | grep -q rabbitmq_management; then
        log "enabling the RabbitMQ management plugin"
        as_root rabbitmq-plugins -q enable rabbitmq_management >/dev/null
    fi
    for _ in $(seq 1 30); do
        curl -fsS -o /dev/null -u guest:guest http://127.0.0.1:15672/api/overview && return 0
        sleep 1
    done
    die "RabbitMQ management API did not come up on :15672"
}

# ensure_vhost <name>: a virtual host the guest account may use (dev: comply360, tests: comply360-test).
ensure_vhost() {
    as_root rabbitmqctl -q add_vhost "$1" >/dev/null 2>&1 || true
    as_root rabbitmqctl -q set_permissions -p "$1" guest '.*' '.*' '.*' >/dev/null
}

# fresh_vhost <name>: the virtual host emptied (deleted and created again): tests start from no queues, so a
# queue left by an older checkout (a classic queue, say) can never change what they see.
fresh_vhost() {
    as_root rabbitmqctl -q delete_vhost "$1" >/dev/null 2>&1 || true
    ensure_vhost "$1"
}

# ---------------------------------------------------------------------------------------------------
# The local stack: servers we fetch and run ourselves, each tracked by a pid file under .dev/run.

COMPLY360_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEV_DIR="$COMPLY360_ROOT/.dev"
RUN_DIR="$DEV_DIR/run"
LOG_DIR="$DEV_DIR/logs"
CACHE_DIR="${COMPLY360_CACHE:-$HOME/.cache/comply360}"
mkdir -p "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"

KEYCLOAK_VERSION=26.7.3
S3PROXY_VERSION=3.3.0
GREENMAIL_VERSION=2.1.13
WIREMOCK_VERSION=3.13.2
KEYCLOAK_URL=http://127.0.0.1:8180
S3_URL=http://127.0.0.1:9000
SMTP_PORT=3025
MAIL_API_URL=http://127.0.0.1:8025
SMS_SINK_PORT=8026
SMS_SINK_URL=http://127.0.0.1:$SMS_SINK_PORT
# The SMS sink's two Twilio-compatible accounts (dev/sms-sink/mappings): the primary SMS provider and the fallback.
# Account SIDs are 34 characters like Twilio's; the auth tokens are the basic-auth passwords (and the key of the
# X-Twilio-Signature HMAC of their status callbacks).
SMS_PRIMARY_ACCOUNT_SID=ACcomply360devprimary0000000000000
SMS_PRIMARY_AUTH_TOKEN=comply360-dev-sms-primary-token
SMS_FALLBACK_ACCOUNT_SID=ACcomply360devfallback000000000000
SMS_FALLBACK_AUTH_TOKEN=comply360-dev-sms-fallback-token

# The services, from the one manifest services.json (docs/architecture.md, "Adding a service"): module and HTTP
# port (fixed) of each, started by dev/up in this order; each also serves health, metrics and OpenAPI on its
# management port, the HTTP port + 1000.
command -v jq >/dev/null || ensure_packages jq
COMPLY360_MODULES=$(jq -r '.services[] | "\(.module):\(.port)"' "$COMPLY360_ROOT/services.json" | tr '\n' ' ')
management_port() { echo $(( $1 + 1000 )); }
# The workers (a manifest entry's optional "worker"): another process of the same build that consumes the service's
# queues, with the worker's Quarkus profile added to dev, on its own HTTP port (management port: that + 1000).
# Entries <process name>:<module>:<port>:<profile>, e.g. document-worker:document-service:8184:worker.
COMPLY360_WORKERS=$(jq -r '.services[] | select(.worker != null)
    | "\(.name)-worker:\(.module):\(.worker.port):\(.worker.profile // "worker")"' "$COMPLY360_ROOT/services.json" | tr '\n' ' ')
# Databases of the services (dev/up: <svc>; dev/test: <svc>_test). Each gets three roles: <svc>_owner
# (runs migrations, owns the schema), <svc>_app (the service connects as it: owns nothing, no BYPASSRLS)
# and <svc>_jobs (NOLOGIN, owns the SECURITY DEFINER job-discovery functions).
COMPLY360_SERVICE_DBS=$(jq -r '.services[] | .database // empty' "$COMPLY360_ROOT/services.json" | tr '\n' ' ')
# The platform library's own test databases.
COMPLY360_PLATFORM_TEST_DBS="platform messaging"


# A pid file holds the pid and the process' start time, so a pid reused by another process after ours died
# is never taken for ours (nor killed). The start time is in clock ticks since boot (/proc/<pid>/stat, field 22):
# the wall-clock start that ps prints moves when the system clock is stepped (seen on VMs), and our own process
# would then look like a stranger.
process_start() { [ -r "/proc/$1/stat" ] && sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

is_running() {
    local pid_file="$RUN_DIR/$1.pid" pid started
    [ -f "$pid_file" ] || return 1
    pid=$(head -n 1 "$pid_file")
    started=$(sed -n 2p "$pid_file")
    kill -0 "$pid" 2>/dev/null || return 1
    [ -z "$started" ] || [ "$(process_start "$pid")" = "$started" ]
}

# start_bg <name> <command...>: runs in its own process group, logs to .dev/logs/<name>.log.
start_bg() {
    local name=$1; shift
    setsid nohup "$@" >"$LOG_DIR/$name.log" 2>&1 < /dev/null &
    local pid=$!
    printf '%s\n%s\n' "$pid" "$(process_start "$pid")" >"$RUN_DIR/$name.pid"
}

# stop_bg <name>: TERM to the process group, KILL after 20 s; only if the pid is still ours.
stop_bg() {
    local pid_file="$RUN_DIR/$1.pid" pid
    [ -f "$pid_file" ] || return 0
    pid=$(head -n 1 "$pid_file")
    if is_running "$1"; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
}

# wait_http <name> <url> <seconds>: until the URL answers at all (any HTTP status).
wait_http() {
    local name=$1 url=$2 seconds=$3
    for _ in $(seq 1 "$seconds"); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" != "000" ] && return 0
        if [ -f "$RUN_DIR/$name.pid" ] && ! is_running "$name"; then
            tail -n 30 "$LOG_DIR/$name.log" >&2
            die "$name exited; its log is $LOG_DIR/$name.log"
        fi
        sleep 1
    done
    die "$name did not answer on $url within $seconds s; see $LOG_DIR/$name.log"
}

# wait_ready <name> <url> <seconds>: until the health URL answers 200 (status UP), failing early if the
# process exits.
wait_ready() {
    local name=$1 url=$2 seconds=$3
    for _ in $(seq 1 "$seconds"); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
        if ! is_running "$name"; then
            tail -n 30 "$LOG_DIR/$name.log" >&2
            die "$name exited; its log is $LOG_DIR/$name.log"
        fi
        sleep 1
    done
    die "$name is not ready after $seconds s: $(curl -s "$url"); see $LOG_DIR/$name.log"
}

# fetch <groupId:artifactId:version[:packaging[:classifier]]> <file name>: from Maven Central into the cache.
fetch() {
    [ -f "$CACHE_DIR/$2" ] && return 0
    log "fetching $1"
    "$COMPLY360_ROOT/mvnw" -B -q -ntp dependency:copy -Dartifact="$1" -DoutputDirectory="$CACHE_DIR" \
        -Dmdep.stripVersion=false -f "$COMPLY360_ROOT/pom.xml" -N >/dev/null
    [ -f "$CACHE_DIR/$2" ] || die "could not fetch $1"
}

ensure_redis() {
    command -v redis-server >/dev/null || ensure_packages redis-server
    redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return 0
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --pidfile "$RUN_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" --dir "$DEV_DIR" >/dev/null
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return 0; sleep 0.5; done
    die "Redis did not come up"
}

# Keycloak in dev mode with realm comply360 imported from dev/keycloak/comply360-realm.json. The import
# only happens for a new realm, so a changed realm file wipes Keycloak's dev database first.
ensure_keycloak() {
    local home="$DEV_DIR/keycloak-$KEYCLOAK_VERSION" realm="$COMPLY360_ROOT/dev/keycloak/comply360-realm.json" sum
    sum=$(sha256sum "$realm" | cut -d' ' -f1)
    # The distribution is unpacked even when a Keycloak started elsewhere is reused: its kcadm.sh is the admin
    # CLI (dev/keycloak/require-admin-otp and its test use it).
    if [ ! -x "$home/bin/kc.sh" ]; then
        fetch "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
        command -v unzip >/dev/null || ensure_packages unzip
        unzip -q -o "$CACHE_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$DEV_DIR"
    fi
    if curl -fs -o /dev/null "$KEYCLOAK_URL/realms/comply360/.well-known/openid-configuration"; then
        if [ "$(cat "$home/data/realm.sha256" 2>/dev/null)" = "$sum" ]; then
            return 0
        fi
        if ! is_running keycloak; then
            log "warning: using a Keycloak on $KEYCLOAK_URL that this checkout did not start (its realm may be older)"
            return 0
        fi
        log "the realm file changed since Keycloak started: restarting it"
        stop_bg keycloak
    fi
    if [ "$(cat "$home/data/realm.sha256" 2>/dev/null)" != "$sum" ]; then
        log "realm file changed: resetting Keycloak's dev database"
        rm -rf "$home/data/h2" "$home/data/import"
        mkdir -p "$home/data/import"
        cp "$realm" "$home/data/import/comply360-realm.json"
        echo "$sum" >"$home/data/realm.sha256"
    fi
    log "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (first start takes about a minute)"
    start_bg keycloak env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
        "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=8180 --import-realm
    wait_http keycloak "$KEYCLOAK_URL/realms/comply360/.well-known/openid-configuration" 300
}

# S3Proxy with a filesystem store under .dev/s3 and AWS signature checking on.
ensure_s3proxy() {
    curl -s -o /dev/null "$S3_URL" && return 0
    fetch "org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
    mkdir -p "$DEV_DIR/s3"
    cat >"$DEV_DIR/s3proxy.properties" <<PROPS
s3proxy.endpoint=$S3_URL
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=comply360
s3proxy.credential=comply360-dev-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DEV_DIR/s3
jclouds.identity=comply360
jclouds.credential=comply360-dev-secret
PROPS
    log "starting S3Proxy on $S3_URL"
    start_bg s3proxy java -jar "$CACHE_DIR/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" \
        --properties "$DEV_DIR/s3proxy.properties"
    wait_http s3proxy "$S3_URL" 60
}

# GreenMail: an SMTP sink on 3025 with a REST API (and web UI) to read what was sent.
ensure_greenmail() {
    curl -s -o /dev/null "$MAIL_API_URL" && return 0
    fetch "com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" "greenmail-standalone-$GREENMAIL_VERSION.jar"
    log "starting GreenMail (SMTP 127.0.0.1:$SMTP_PORT, API $MAIL_API_URL)"
    start_bg greenmail java -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 \
        -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=8025 -Dgreenmail.auth.disabled \
        -jar "$CACHE_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
    wait_http greenmail "$MAIL_API_URL" 60
}

# The SMS sink: WireMock answering Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, basic
# auth AccountSid:AuthToken, form body To, From, Body, StatusCallback) for both accounts above with Twilio's 201 and its
# Message resource (status "queued", a fresh SM... sid), or Twilio's errors (dev/sms-sink/README.md). Nothing is sent
# anywhere: every request stays in WireMock's journal, $SMS_SINK_URL/__admin/requests. Its stubs are copied out of the
# checkout first, so that nothing WireMock writes (a stub saved through its admin API) lands in the repository.
ensure_sms_sink() {
    curl -s -o /dev/null "$SMS_SINK_URL/__admin/health" && return 0
    fetch "org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" "wiremock-standalone-$WIREMOCK_VERSION.jar"
    rm -rf "$DEV_DIR/sms-sink"
    mkdir -p "$DEV_DIR/sms-sink/__files"
    cp -R "$COMPLY360_ROOT/dev/sms-sink/mappings" "$DEV_DIR/sms-sink/mappings"
    log "starting the SMS sink (WireMock, Twilio Messages API) on $SMS_SINK_URL"
    # English month and day names in the answers' RFC 2822 dates, whatever the machine's locale.
    start_bg sms-sink java -Duser.language=en -Duser.country=US \
        -jar "$CACHE_DIR/wiremock-standalone-$WIREMOCK_VERSION.jar" --bind-address 127.0.0.1 --port "$SMS_SINK_PORT" \
        --root-dir "$DEV_DIR/sms-sink" --global-response-templating --max-request-journal-entries 10000 \
        --disable-banner
    wait_http sms-sink "$SMS_SINK_URL/__admin/health" 60
}

# Remembers what this run had to start (see STARTED_INFRA) for dev/down.
record_started_infra() {
    for item in "${STARTED_INFRA[@]}"; do
        grep -qx "$item" "$RUN_DIR/infra" 2>/dev/null || echo "$item" >>"$RUN_DIR/infra"
    done
}
