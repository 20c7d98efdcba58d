# SPDX-License-Identifier: GPL-3.0-or-later
# cups_lib.sh - a private CUPS scheduler for the print tests
# (TEST-SERVERS.md): its own folder, a unix socket and a loopback port, a
# PDF-to-file queue (a small PPD whose only filter is pdftopdf) and a raw
# queue to a local socket listener that saves every connection.  Stopped by
# PID at exit.  Source after tests/cli/lib.sh.

CD="$T/cups"
CUPSD_PID=
LISTENER_PID=

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_servers() {
    [ -n "$CUPSD_PID" ] && kill "$CUPSD_PID" 2>/dev/null && wait "$CUPSD_PID" 2>/dev/null
    [ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null && wait "$LISTENER_PID" 2>/dev/null
    CUPSD_PID= LISTENER_PID=
    rm -rf "$T"
}
trap stop_servers EXIT

start_cupsd() {
    # the filters and the file backend run as lp: they must reach our folders
    chmod 0755 "$T"
    mkdir -p "$CD"/spool "$CD"/tmp "$CD"/cache "$CD"/state "$CD"/log \
        "$CD"/ppd "$CD"/out "$CD"/raw
    chmod 0777 "$CD"/tmp "$CD"/out
    CUPS_PORT=$(free_port)
    cat >"$CD/cupsd.conf" <<CONF
LogLevel warn
Listen 127.0.0.1:$CUPS_PORT
Listen $CD/cups.sock
Browsing Off
WebInterface No
DefaultAuthType None
JobRetryLimit 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
CONF
    cat >"$CD/cups-files.conf" <<CONF
FileDevice Yes
ServerRoot $CD
RequestRoot $CD/spool
TempDir $CD/tmp
CacheDir $CD/cache
StateDir $CD/state
AccessLog $CD/log/access_log
ErrorLog $CD/log/error_log
PageLog $CD/log/page_log
Printcap $CD/printcap
CONF
    cupsd -f -c "$CD/cupsd.conf" -s "$CD/cups-files.conf" &
    CUPSD_PID=$!
    export CUPS_SERVER="$CD/cups.sock"
    # lpstat -r exits 0 even when cupsd is down: compare its text
    for _ in $(seq 1 200); do
        [ "$(lpstat -r 2>/dev/null)" = "scheduler is running" ] && return 0
        sleep 0.05
    done
    echo "FATAL: private cupsd did not start"; cat "$CD/log/error_log" 2>/dev/null
    exit 1
}

# A PDF queue writing to $CD/out/NAME.pdf (overwritten by each job).
add_pdf_queue() {
    cat >"$CD/ppd/pdf.ppd" <<'PPD'
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "MCPDF.PPD"
*Manufacturer: "motcua"
*Product: "(motcua test PDF)"
*ModelName: "motcua test PDF"
*ShortNickName: "motcua test PDF"
*NickName: "motcua test PDF"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*TTRasterizer: Type42
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Page Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageSize A5/A5: "<</PageSize[420 595]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageRegion A5/A5: "<</PageSize[420 595]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*ImageableArea A5/A5: "0 0 420 595"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension A5/A5: "420 595"
PPD
    lpadmin -p "$1" -E -v "file://$CD/out/$1.pdf" -P "$CD/ppd/pdf.ppd" 2>/dev/null \
        || { echo "FATAL: lpadmin $1"; exit 1; }
}

# A raw queue to a listener on a loopback port; each connection is saved
# as $CD/raw/conn-N.bin.
add_raw_queue() {
    local port
    port=$(free_port)
    python3 - "$port" "$CD/raw" <<'PY' &
import socket, sys, os
port, folder = int(sys.argv[1]), sys.argv[2]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(4)
open(os.path.join(folder, "ready"), "w").close()
n = 0
while True:
    conn, _ = srv.accept()
    n += 1
    data = b""
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    conn.close()
    tmp = os.path.join(folder, "conn-%d.tmp" % n)
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(folder, "conn-%d.bin" % n))
PY
    LISTENER_PID=$!
    for _ in $(seq 1 100); do
        [ -e "$CD/raw/ready" ] && break
        sleep 0.05
    done
    lpadmin -p "$1" -E -v "socket://127.0.0.1:$port" \
        || { echo "FATAL: lpadmin $1"; exit 1; }
}

# wait_for FILE [SECONDS]
wait_for() {
    local n=$(( ${2:-20} * 20 ))
    for _ in $(seq 1 "$n"); do
        [ -s "$1" ] && return 0
        sleep 0.05
    done
    return 1
}
