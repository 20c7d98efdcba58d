#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_sync.sh - sync throughput, printed as "bench: NAME VALUE UNIT" lines.
#
#   1. a backlog of BENCH_EVENTS (100,000) intake events pushed by
#      `motcua sync --once` to motcua-central over loopback HTTPS (mTLS,
#      batches of 1,000, two in flight), next to the raw rate of the same
#      store done directly through libpq (psql, the service's prepared
#      CS_BATCH_STORE with the parameters it would build, one transaction
#      per 1,000) into an empty copy of the schema in the same PostgreSQL,
#      measured in the same run;  goal >= 6,000 events/s, ratio >= 0.5;
#   2. BENCH_OFFICES (200) simulated offices - each its own database,
#      client certificate and `motcua sync --once` process - pushing
#      BENCH_PER_OFFICE (500) events at the same time; goal: no error.
#
# Needs MOTCUA, MOTCUA_CENTRAL, MOTCUA_TESTS, MOTCUA_BUILD, MOTCUA_FORMS_DIR
# (as the CTest script tests get them).  Use an optimised build for figures.
set -u
. "$MOTCUA_TESTS/sync/lib_sync.sh"
N=${BENCH_EVENTS:-100000}
OFFICES=${BENCH_OFFICES:-200}
PER=${BENCH_PER_OFFICE:-500}
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{float(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):.0f}')" "$@"; }

pg_start
pki_make
central_start "" --threads 8
init_office
intake_n 1 # a real intake event: the template of the backlog
sqlite3 "$MOTCUA_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
  INSERT INTO outbox(kind, payload, created_at)
  SELECT 'intake', json_set(t.payload, '\$.dossier', printf('$OFFICE-260214-%04d', n.i),
                            '\$.data.dossier.code', printf('$OFFICE-260214-%04d', n.i)), 0
  FROM n, (SELECT payload FROM outbox WHERE kind = 'intake' LIMIT 1) AS t"
total=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox")

# --- 1a. through motcua-central ---------------------------------------------
BATCH=1000 desk_config
t0=$(now)
m sync --once --timeout 120 >/dev/null || { echo "bench: sync failed"; cat "$T/central.log"; exit 1; }
t1=$(now)
stored=$(summary | jget events)
[ "$stored" = "$total" ] || { echo "bench: centre has $stored of $total events"; exit 1; }
https_rate=$(rate "$total" "$t0" "$t1")
echo "bench: sync_push_https_events_per_s $https_rate events/s ($total events, batches of 1000, two in flight, mTLS over loopback; goal >= 6000)"

# --- 1b. the same inserts, straight through libpq -----------------------------
psql_q "CREATE DATABASE rawbench" >/dev/null
RAW="${PG/dbname=postgres/dbname=rawbench}"
"$MOTCUA_CENTRAL" migrate --pg "$RAW" >/dev/null
# the service's own SQL text, read from its source, and the same parameters
# it would build: the batch body as the desk sends it, the per-event rows
sqlite3 "$MOTCUA_DB" "SELECT seq, payload FROM outbox ORDER BY seq" | python3 -c '
import sys, json, re
office, sqlh = sys.argv[1], open(sys.argv[2]).read()
def stmt(name):
    m = re.search(r"X\(" + name + r",(.*?)\)\s*\\?\n\s*X\(", sqlh, re.S)
    return "".join(json.loads("\"" + t + "\"") for t in re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1)))
def lit(v):
    return "'"'"'" + v.replace("'"'"'", "'"'"''"'"'") + "'"'"'"
print("\\set QUIET on")
print("PREPARE store(text, text, text, text, text, text) AS " + stmt("CS_BATCH_STORE") + ";")
print("\\timing on")
batch = []
def flush():
    if not batch:
        return
    body = "{\"v\":1,\"office\":" + json.dumps(office) + ",\"after\":0,\"events\":[" + \
        ",".join("{\"seq\":%d,\"event\":%s}" % (s, p) for s, p, _ in batch) + "]}"
    ev = [{"i": i, "seq": s, "kind": e["kind"], "dossier": e["dossier"], "at": e["at"], "actor": e["actor"]}
          for i, (s, p, e) in enumerate(batch)]
    new = [{"i": i, "seq": s, "dossier": e["dossier"], "status": e["data"]["dossier"]["status"],
            "procedure_code": e["data"]["dossier"].get("procedure_code"),
            "procedure_name": e["data"]["dossier"].get("procedure_name"),
            "department": e["data"]["dossier"].get("department"),
            "received_at": e["data"]["dossier"].get("received_at"),
            "due_date": e["data"]["dossier"].get("due_date")} for i, (s, p, e) in enumerate(batch)]
    print("BEGIN;")
    print("EXECUTE store(%s, %s, %s, %s, %s, %s);" % (lit(office), lit(body), lit(json.dumps(ev, ensure_ascii=False)),
          lit(json.dumps(new, ensure_ascii=False)), lit(str(batch[-1][0])), lit(str(batch[0][0] - 1))))
    print("COMMIT;")
    batch.clear()
for line in sys.stdin:
    seq, _, p = line.rstrip("\n").partition("|")
    batch.append((int(seq), p, json.loads(p)))
    if len(batch) == 1000:
        flush()
flush()
' "$OFFICE" "$MOTCUA_TESTS/../src/central/central_sql.h" >"$T/raw.sql"
"$PGBIN/psql" -X -q -d "$RAW" -f "$T/raw.sql" >"$T/raw.timing" 2>&1 || { cat "$T/raw.timing"; exit 1; }
raw_ms=$(grep -oE 'Time: [0-9.]+ ms' "$T/raw.timing" | awk '{s += $2} END {printf "%.3f", s}')
raw_n=$("$PGBIN/psql" -X -A -t -q -d "$RAW" -c "SELECT count(*) FROM events")
raw_rate=$(python3 -c "print(f'{$raw_n / ($raw_ms / 1000):.0f}')")
echo "bench: raw_libpq_insert_events_per_s $raw_rate events/s (the service's own CS_BATCH_STORE and parameters, prepared, 1000 per transaction; libpq round-trip time only)"
echo "bench: sync_push_vs_raw_ratio $(python3 -c "print(f'{$https_rate / $raw_rate:.2f}')") (goal >= 0.5)"

# --- 2. many offices at once ---------------------------------------------------
OD="$T/offices"
mkdir -p "$OD"
tmpl="$OD/template.db"
cp "$MOTCUA_DB" "$tmpl"
# keep one intake row as the template; its seq becomes a hole (allowed)
sqlite3 "$tmpl" "DELETE FROM sync_state; DELETE FROM outbox WHERE seq <> (SELECT MIN(seq) FROM outbox WHERE kind = 'intake');"
for i in $(seq -f '%03g' 1 "$OFFICES"); do
    code="BENCH.$i"
    mkcert "o$i" clientca "$code" "" client
    cp "$tmpl" "$OD/$i.db"
    sqlite3 "$OD/$i.db" "UPDATE meta SET value = '$code' WHERE key = 'office_code';
      WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $PER)
      INSERT INTO outbox(kind, payload, created_at)
      SELECT 'intake', json_set(t.payload, '\$.office', '$code',
        '\$.dossier', printf('$code-260214-%04d', k), '\$.data.dossier.code', printf('$code-260214-%04d', k)), 0
      FROM n, (SELECT payload FROM outbox LIMIT 1) AS t;
      DELETE FROM outbox WHERE seq = (SELECT MIN(seq) FROM outbox);"
    cat >"$OD/$i.conf" <<EOF
[sync]
url = https://localhost:$CPORT
ca_file = $PKI/ca.pem
client_cert = $PKI/o$i.pem
client_key = $PKI/o$i.key
batch_size = 100
EOF
done
t0=$(now)
pids=()
for i in $(seq -f '%03g' 1 "$OFFICES"); do
    MOTCUA_DB="$OD/$i.db" MOTCUA_CONFIG="$OD/$i.conf" "$MOTCUA" sync --once --timeout 120 \
        >"$OD/$i.out" 2>"$OD/$i.err" &
    pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
t1=$(now)
stored=$(psql_q "SELECT count(*) FROM events WHERE office LIKE 'BENCH.%' AND rejected_reason IS NULL")
echo "bench: offices_concurrent $OFFICES offices, $fails failed, $stored of $((OFFICES * PER)) events stored"
echo "bench: offices_concurrent_events_per_s $(rate "$stored" "$t0" "$t1") events/s"
if [ "$fails" -ne 0 ]; then
    cat "$OD"/*.err | sort | uniq -c | head
    exit 1
fi
[ "$stored" -eq $((OFFICES * PER)) ]
