#!/usr/bin/env bash
# deploy/replicas.sh N PORT — serve the lab from N Streamlit processes behind nginx on 127.0.0.1:PORT.
#
# Why: one Streamlit process holds every session's state and runs every script on one Python
# interpreter (one GIL). Past what one process can hold (see README, "Serving a lecture hall"),
# start several and let nginx spread the browsers over them.
#
# Sticky sessions: Streamlit keeps a session (widget state, models) inside the process that runs
# it, and uploads (/_stcore/upload_file) and media (/media) are stored there too. So every request
# of one browser — page, websocket, uploads, media — must reach the same replica. nginx's free
# edition has no sticky cookie, so this config makes one: a browser without the cookie goes to the
# next replica in turn (round robin), the response sets `brainlab_replica=<name>` for the replica
# that answered, and every later request carrying the cookie goes straight to that replica. If that
# replica is gone, the request falls back to round robin and the cookie is replaced.
#
# Stays in the foreground; Ctrl-C or TERM stops everything, and so does nginx exiting. A replica
# that exits is started again on its port.
# Loopback only. Installs Debian's nginx if it is missing (needs root and the package mirror).
set -euo pipefail

usage() { echo "usage: $0 N PORT   (N replicas, 1-16; nginx listens on 127.0.0.1:PORT)" >&2; exit 2; }
[ $# -eq 2 ] || usage
N=$1; PORT=$2
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] && [ "$N" -le 16 ] || usage
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || usage

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python

NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; }
if [ -z "$NGINX" ]; then
  echo "nginx not found: installing Debian's nginx package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi

RUN=$(mktemp -d "${TMPDIR:-/tmp}/brainlab-replicas.XXXXXX")
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# N free loopback ports, chosen by the OS.
read -r -a PORTS <<< "$("$PYTHON" - "$N" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)"

start_replica() {  # $1: index; (re)starts replica $1 on its port and records its pid
  "$PYTHON" -m streamlit run "$ROOT/streamlit_app.py" --server.port "${PORTS[$1]}" \
    --server.address 127.0.0.1 --server.headless true --browser.gatherUsageStats false \
    --server.fileWatcherType none >>"$RUN/replica$1.log" 2>&1 &
  PIDS[$1]=$!
}
for i in $(seq 0 $((N - 1))); do start_replica "$i"; done

{
  echo "worker_processes 1;"
  echo "pid $RUN/nginx.pid;"
  echo "error_log $RUN/nginx-error.log warn;"
  echo "daemon off;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  # Access log, one line a request (a websocket's when it closes): the cookie it came with, the replica that
  # answered, status, method, the client's X-Brainlab-Client header (a load client's per-session marker; "-"
  # from browsers), upstream tries (0 none, 1, 2+ = fell back to another replica), nginx's connection
  # number, and the URI last. Tests and benchmarks/replica_load.py check that cookie and replica agree.
  echo "  log_format sticky '\$cookie_brainlab_replica \$served_by \$status \$request_method \$http_x_brainlab_client \$upstream_tries \$connection \$uri';"
  echo "  access_log $RUN/access.log sticky;"
  echo "  map \$upstream_addr \$upstream_tries { default 1; \"\" 0; \"~(, | : )\" 2+; }"
  for d in body proxy fastcgi uwsgi scgi; do echo "  ${d}_temp_path $RUN/$d;" | sed 's/^  body_temp/  client_body_temp/'; done
  echo "  client_max_body_size 21m;  # server.maxUploadSize is 20 MB (ui/uploads.py UPLOAD_MB), plus the multipart framing"
  echo "  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }"
  echo "  upstream any_replica {"
  for i in $(seq 0 $((N - 1))); do echo "    server 127.0.0.1:${PORTS[$i]};"; done
  echo "  }"
  for i in $(seq 0 $((N - 1))); do echo "  upstream replica$i { server 127.0.0.1:${PORTS[$i]}; }"; done
  echo "  map \$cookie_brainlab_replica \$pinned {"
  echo "    default any_replica;"
  for i in $(seq 0 $((N - 1))); do echo "    replica$i replica$i;"; done
  echo "  }"
  echo "  map \$upstream_addr \$served_by {"
  echo "    default \"\";"
  for i in $(seq 0 $((N - 1))); do echo "    \"~127\\.0\\.0\\.1:${PORTS[$i]}\$\" replica$i;"; done
  echo "  }"
  cat <<'NGX'
  server {
    listen 127.0.0.1:__PORT__;
    proxy_http_version 1.1;
    proxy_set_header Host $http_host;             # Streamlit checks the websocket's Origin against it
    proxy_set_header Upgrade $http_upgrade;        # the websocket (/_stcore/stream)
    proxy_set_header Connection $connection_upgrade;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_read_timeout 1d;                         # a lecture-long websocket
    proxy_buffering off;
    proxy_request_buffering off;                   # uploads stream to the replica: no body temp file (its folder
                                                   # is this user's, which nginx's workers may not be when root)
    add_header Set-Cookie "brainlab_replica=$served_by; Path=/; HttpOnly; SameSite=Lax" always;
    add_header X-Brainlab-Replica $served_by always;
    location / {
      proxy_intercept_errors on;
      error_page 502 504 = @unpinned;
      proxy_pass http://$pinned;
    }
    location @unpinned {                           # the pinned replica is gone: start over on another
      proxy_pass http://any_replica;
    }
  }
}
NGX
} | sed "s/__PORT__/$PORT/" > "$RUN/nginx.conf"
"$NGINX" -t -q -c "$RUN/nginx.conf" -p "$RUN"
"$NGINX" -c "$RUN/nginx.conf" -p "$RUN" &
NGINX_PID=$!
PIDS+=($NGINX_PID)

# Ready when every replica answers its health check directly and nginx answers on PORT.
deadline=$((SECONDS + 90))
for i in $(seq 0 $((N - 1))); do
  until "$PYTHON" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://127.0.0.1:${PORTS[$i]}/_stcore/health" 2>/dev/null; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "replica $i did not start; its log:" >&2; tail -20 "$RUN/replica$i.log" >&2; exit 1
    fi
    sleep 0.5
  done
done
until "$PYTHON" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$PORT/_stcore/health" 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "nginx did not answer on port $PORT" >&2; cat "$RUN/nginx-error.log" >&2; exit 1; }
  sleep 0.3
done
echo "ready: http://127.0.0.1:$PORT — $N replicas on ports ${PORTS[*]} (logs in $RUN)"

# Foreground. A replica that exits is started again on its port (its sessions are lost; their
# browsers reconnect and nginx re-pins them); if nginx exits, everything stops.
restarts=0
while true; do
  wait -n "${PIDS[@]}" || true
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx exited; stopping all" >&2; exit 1; }
  for i in $(seq 0 $((N - 1))); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      restarts=$((restarts + 1))
      [ "$restarts" -le 20 ] || { echo "replicas keep exiting; stopping all (logs: $RUN)" >&2; exit 1; }
      echo "replica $i exited; starting it again on port ${PORTS[$i]}" >&2
      start_replica "$i"
    fi
  done
done
