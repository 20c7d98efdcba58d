# SPDX-License-Identifier: GPL-3.0-or-later
# lib_sync.sh - shared by the sync tests: a private PostgreSQL, a test PKI
# made with openssl at test time, motcua-central over HTTPS with client
# certificates, and a desk configured to sync with it.  Every server is
# started on a loopback address and stopped by PID on exit.
#
#   . "$MOTCUA_TESTS/sync/lib_sync.sh"
#   pg_start; pki_make; central_start; desk_config OFFICE
set -u
. "$MOTCUA_TESTS/cli/lib.sh"
: "${MOTCUA_CENTRAL:?MOTCUA_CENTRAL must point at motcua-central}"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OFFICE=000.00.06.H56
PIDS=()
PGD=""

sync_cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null
    done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
    if [ -n "$PGD" ] && [ -f "$PGD/data/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate -w stop >/dev/null 2>&1
    fi
    [ -n "$PGD" ] && rm -rf "$PGD"
    rm -rf "$T"
}
trap sync_cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- PostgreSQL -------------------------------------------------------------
pg_start() {
    PGD=$(mktemp -d /tmp/motcua-pg.XXXXXX)
    mkdir -p "$PGD/sock"
    chown -R postgres "$PGD"
    PGPORT=$(free_port)
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGD/data" -A trust -U postgres \
        --no-sync -E UTF8 --locale=C.UTF-8 >"$PGD/initdb.log" 2>&1 \
        || { cat "$PGD/initdb.log"; echo "FATAL: initdb"; exit 1; }
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/pg.log" -w \
        -o "-c port=$PGPORT -c unix_socket_directories=$PGD/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
        start >/dev/null || { cat "$PGD/pg.log"; echo "FATAL: pg_ctl start"; exit 1; }
    PG="host=$PGD/sock port=$PGPORT user=postgres dbname=postgres"
}

psql_q() { "$PGBIN/psql" -X -A -t -q -d "$PG" -c "$1"; }

# --- PKI --------------------------------------------------------------------
# pki/ca.pem signs the server; pki/clientca.pem signs the offices;
# pki/other-ca.pem is a stranger to both.
PKI=""
newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
mkca() { # NAME CN
    newkey "$PKI/$1.key"
    openssl req -x509 -new -key "$PKI/$1.key" -subj "/CN=$2" -days 30 \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$PKI/$1.pem" 2>/dev/null
}
mkcert() { # NAME CA CN SAN(or "") [client]
    newkey "$PKI/$1.key"
    openssl req -new -key "$PKI/$1.key" -subj "/CN=$3" -out "$PKI/$1.csr" 2>/dev/null
    {
        [ -n "$4" ] && echo "subjectAltName=$4"
        if [ "${5:-}" = client ]; then echo "extendedKeyUsage=clientAuth"; else echo "extendedKeyUsage=serverAuth"; fi
    } >"$PKI/$1.ext"
    openssl x509 -req -in "$PKI/$1.csr" -CA "$PKI/$2.pem" -CAkey "$PKI/$2.key" \
        -CAcreateserial -days 30 -extfile "$PKI/$1.ext" -out "$PKI/$1.pem" 2>/dev/null
}
pki_make() {
    PKI="$T/pki"
    mkdir -p "$PKI"
    mkca ca "motcua test server CA"
    mkca clientca "motcua test office CA"
    mkca other-ca "somebody else's CA"
    mkcert server ca localhost "DNS:localhost,IP:127.0.0.1"
    mkcert wrongname ca wrong.example "DNS:wrong.example"
    mkcert otherserver other-ca localhost "DNS:localhost,IP:127.0.0.1"
    mkcert office clientca "$OFFICE" "" client
    mkcert office2 clientca "000.00.07.H57" "" client
    mkcert foreign other-ca "$OFFICE" "" client
    # an expired server certificate: only `openssl ca` can back-date
    mkdir -p "$PKI/ca.d/new"
    : >"$PKI/ca.d/index.txt"
    echo 1000 >"$PKI/ca.d/serial"
    cat >"$PKI/ca.d/ca.cnf" <<EOF
[ca]
default_ca = d
[d]
dir = $PKI/ca.d
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
certificate = $PKI/ca.pem
private_key = $PKI/ca.key
default_md = sha256
policy = p
copy_extensions = none
unique_subject = no
[p]
commonName = supplied
EOF
    newkey "$PKI/expired.key"
    openssl req -new -key "$PKI/expired.key" -subj "/CN=localhost" -out "$PKI/expired.csr" 2>/dev/null
    openssl ca -batch -notext -config "$PKI/ca.d/ca.cnf" -in "$PKI/expired.csr" \
        -startdate 20200101000000Z -enddate 20200201000000Z \
        -extfile "$PKI/server.ext" -out "$PKI/expired.pem" >/dev/null 2>&1 \
        || { echo "FATAL: expired certificate"; exit 1; }
    # an expired office certificate too
    newkey "$PKI/office-expired.key"
    openssl req -new -key "$PKI/office-expired.key" -subj "/CN=$OFFICE" -out "$PKI/office-expired.csr" 2>/dev/null
    sed -e "s#certificate = .*#certificate = $PKI/clientca.pem#" \
        -e "s#private_key = .*#private_key = $PKI/clientca.key#" "$PKI/ca.d/ca.cnf" >"$PKI/ca.d/client.cnf"
    openssl ca -batch -notext -config "$PKI/ca.d/client.cnf" -in "$PKI/office-expired.csr" \
        -startdate 20200101000000Z -enddate 20200201000000Z \
        -extfile "$PKI/office.ext" -out "$PKI/office-expired.pem" >/dev/null 2>&1 \
        || { echo "FATAL: expired office certificate"; exit 1; }
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PKI/backoffice.token"
}

# --- motcua-central ---------------------------------------------------------
CENTRAL_PID=""
CPORT=""
# central_start [SERVER_CERT_NAME] [extra flags...]
central_start() {
    local cert=${1:-server}
    shift || true
    "$MOTCUA_CENTRAL" migrate --pg "$PG" >/dev/null || { echo "FATAL: migrate"; exit 1; }
    local listen="127.0.0.1:${CPORT:-0}"
    rm -f "$T/central.port"
    "$MOTCUA_CENTRAL" --listen "$listen" --tls-cert "$PKI/$cert.pem" \
        --tls-key "$PKI/$cert.key" --client-ca "$PKI/clientca.pem" --pg "$PG" \
        --backoffice-token-file "$PKI/backoffice.token" --port-file "$T/central.port" \
        "$@" 2>>"$T/central.log" &
    CENTRAL_PID=$!
    PIDS+=("$CENTRAL_PID")
    for _ in $(seq 100); do
        [ -s "$T/central.port" ] && break
        kill -0 "$CENTRAL_PID" 2>/dev/null || { cat "$T/central.log"; echo "FATAL: central died"; exit 1; }
        sleep 0.05
    done
    CPORT=$(cat "$T/central.port")
    for _ in $(seq 100); do
        curl -s -o /dev/null --cacert "$PKI/ca.pem" "https://localhost:$CPORT/healthz" 2>/dev/null && break
        [ "$cert" != server ] && break
        sleep 0.05
    done
}
central_stop() {
    [ -n "$CENTRAL_PID" ] || return 0
    kill "$CENTRAL_PID" 2>/dev/null
    wait "$CENTRAL_PID" 2>/dev/null
    CENTRAL_PID=""
}

# HTTPS calls to the centre as an office (cert name) or the back office.
c_office() { # CERT METHOD PATH [BODY]
    local cert=$1 method=$2 path=$3
    shift 3
    curl -s --cacert "$PKI/ca.pem" --cert "$PKI/$cert.pem" --key "$PKI/$cert.key" \
        -X "$method" -H 'Content-Type: application/json' ${1:+--data-binary "$1"} \
        -w '\n%{http_code}' "https://localhost:$CPORT$path"
}
c_backoffice() { # CODE JSON
    curl -s --cacert "$PKI/ca.pem" -H "Authorization: Bearer $(cat "$PKI/backoffice.token")" \
        -H 'Content-Type: application/json' --data-binary "$2" \
        "https://localhost:$CPORT/v1/dossiers/$1/status"
}
c_public() { curl -s --cacert "$PKI/ca.pem" "https://localhost:$CPORT$1"; }
summary() { c_office office GET "/v1/offices/$OFFICE/summary" | head -n1; }

# --- the desk ---------------------------------------------------------------
# desk_config [URL] [CA] [CERT]: writes $T/motcua.conf and points MOTCUA_CONFIG at it
desk_config() {
    local url=${1:-https://localhost:$CPORT} ca=${2:-$PKI/ca.pem} cert=${3:-office}
    cat >"$T/motcua.conf" <<EOF
[sync]
url = $url
ca_file = $ca
client_cert = $PKI/$cert.pem
client_key = $PKI/$cert.key
batch_size = ${BATCH:-100}
interval_seconds = 5
EOF
    export MOTCUA_CONFIG="$T/motcua.conf"
}

# intake N dossiers with the tool (one transaction each)
intake_n() {
    "$MOTCUA_BUILD/tests/intake_many" "$MOTCUA_DB" admin "$MOTCUA_PASSWORD" "$1" >>"$T/codes.txt" \
        || { echo "FATAL: intake_many"; exit 1; }
}

# the desk's outbox as "seq payload-sha" lines, and the centre's events alike
desk_events() {
    sqlite3 "$MOTCUA_DB" "SELECT seq, payload FROM outbox WHERE set_aside_reason IS NULL ORDER BY seq" |
        python3 -c 'import sys,json,hashlib
for line in sys.stdin:
    seq, _, p = line.rstrip("\n").partition("|")
    print(seq, hashlib.sha256(json.dumps(json.loads(p), sort_keys=True).encode()).hexdigest())'
}
central_events() {
    psql_q "SELECT seq, payload::text FROM events WHERE office = '$OFFICE' AND rejected_reason IS NULL ORDER BY seq" |
        python3 -c 'import sys,json,hashlib
for line in sys.stdin:
    seq, _, p = line.rstrip("\n").partition("|")
    print(seq, hashlib.sha256(json.dumps(json.loads(p), sort_keys=True).encode()).hexdigest())'
}
