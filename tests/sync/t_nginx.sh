#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Behind nginx: nginx terminates TLS and verifies the office certificate
# (ssl_verify_client on) and passes the certificate's CN in a header that
# motcua-central believes only from the configured proxy address.  The
# portal connector is known by its name (--connector-cn): it files online
# dossiers through nginx, offices cannot, and it cannot act for an office.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
command -v nginx >/dev/null || { echo "skip: no nginx"; exit 0; }
pg_start
pki_make
mkcert connector clientca motcua-portal-connector "" client
"$MOTCUA_CENTRAL" migrate --pg "$PG" >/dev/null || { echo "FATAL: migrate"; exit 1; }
"$MOTCUA_CENTRAL" --listen 127.0.0.1:0 --pg "$PG" --proxy-identity-header X-Office \
    --trusted-proxy 127.0.0.1 --connector-cn motcua-portal-connector \
    --port-file "$T/central.port" 2>>"$T/central.log" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$T/central.port" ] && break; sleep 0.05; done
HPORT=$(cat "$T/central.port")

NPORT=$(free_port)
N="$T/nginx"
mkdir -p "$N/tmp"
cat >"$N/nginx.conf" <<NGINX
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $N/tmp/body;
    proxy_temp_path $N/tmp/proxy;
    fastcgi_temp_path $N/tmp/fastcgi;
    uwsgi_temp_path $N/tmp/uwsgi;
    scgi_temp_path $N/tmp/scgi;
    client_max_body_size 16m;
    map \$ssl_client_s_dn \$office_cn {
        default "";
        "~(^|,)CN=(?<cn>[^,]+)" \$cn;
    }
    server {
        listen 127.0.0.1:$NPORT ssl;
        server_name localhost;
        ssl_certificate $PKI/server.pem;
        ssl_certificate_key $PKI/server.key;
        ssl_client_certificate $PKI/clientca.pem;
        ssl_verify_client on;
        location / {
            proxy_pass http://127.0.0.1:$HPORT;
            proxy_set_header X-Office \$office_cn;
        }
    }
}
NGINX
nginx -p "$N" -c "$N/nginx.conf" -e "$N/error.log" -g 'daemon off;' &
PIDS+=($!)
for _ in $(seq 100); do
    curl -s -o /dev/null --cacert "$PKI/ca.pem" "https://localhost:$NPORT/healthz" && break
    sleep 0.05
done
CPORT=$NPORT # the lib's helpers now go through nginx

init_office
intake_n 5
desk_config "https://localhost:$NPORT"
out=$(m --json sync --once)
expect_eq "push through nginx" "$(printf '%s' "$out" | jget pushed)" "5"
expect_eq "centre has them" "$(summary | jget events)" "5"
expect_eq "another office through nginx: 403" "$(c_office office2 GET "/v1/offices/$OFFICE/summary" | tail -n1)" "403"

desk_config "https://localhost:$NPORT" "$PKI/ca.pem" foreign
intake_n 1
out=$(m --json sync --once 2>"$T/msg")
expect_eq "foreign certificate refused by nginx" "$(printf '%s' "$out" | jget kind)" "client_certificate_refused"
expect_match "with nginx's status" "$(cat "$T/msg")" "HTTP 400"

# the header is believed only from the proxy's address
forged=$(curl -s -w '\n%{http_code}' --interface 127.0.0.2 -H "X-Office: $OFFICE" \
    "http://127.0.0.1:$HPORT/v1/offices/$OFFICE/summary")
expect_eq "forged header from elsewhere: 403" "$(printf '%s' "$forged" | tail -n1)" "403"
expect_match "forged header: named" "$forged" "untrusted_proxy"

# the portal connector through nginx
ob=$(python3 "$MOTCUA_TESTS/tools/online_connector.py" --port 1 --ca x --cert x --key x \
    body --office "$OFFICE" --ref G22.99-NGINX-1)
expect_eq "the connector files through nginx" "$(c_office connector POST /v1/online/dossiers "$ob" | tail -n1)" "201"
expect_eq "an office cannot file through nginx" "$(c_office office POST /v1/online/dossiers "$ob" | tail -n1)" "403"
expect_eq "the connector cannot push through nginx" \
    "$(c_office connector POST "/v1/offices/$OFFICE/events" '{"v":1,"office":"'$OFFICE'","after":5,"events":[]}' | head -n1 | jget error.code)" \
    "connector_not_an_office"
expect_eq "the office pulls it through nginx" \
    "$(c_office office GET "/v1/offices/$OFFICE/online?after=0" | head -n1 | jget items.0.portal_ref)" "G22.99-NGINX-1"

desk_config "http://localhost:$HPORT"
out=$(m --json sync --once 2>/dev/null)
expect_eq "the desk refuses plain HTTP" "$(printf '%s' "$out" | jget kind)" "config"
finish
