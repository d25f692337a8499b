# Shared by dev/up, dev/test and dev/down. Sourced, not run.
# Everything here is idempotent: it installs or starts only what is missing.

# One database per service. Each gets three roles: <svc>_owner (runs migrations, owns the schema),
# <svc>_app (the service connects as it: owns nothing, no BYPASSRLS) and <svc>_jobs (NOLOGIN, owns the
# SECURITY DEFINER job-discovery functions). "platform" and "messaging" are the platform library's own test databases.
COMPLY360_SERVICES="platform messaging tenant notification"

log() { printf '\033[1m[comply360]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[comply360] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
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

ensure_java() {
    if ! command -v javac >/dev/null || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|2[0-9])'; then
        ensure_packages openjdk-17-jdk-headless
    fi
    command -v curl >/dev/null || command -v wget >/dev/null || ensure_packages curl
}

pg_super() {
    as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"
}

ensure_postgres() {
    command -v pg_lsclusters >/dev/null || ensure_packages postgresql
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        log "starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
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

rabbitmq_up() { as_root rabbitmqctl -q status >/dev/null 2>&1; }

ensure_rabbitmq() {
    command -v curl >/dev/null || ensure_packages curl
    command -v rabbitmq-server >/dev/null || ensure_packages rabbitmq-server
    if ! rabbitmq_up; then
        log "starting RabbitMQ"
        as_root rabbitmq-server -detached
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
