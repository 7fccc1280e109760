#!/usr/bin/env bash
# A single-node GlusterFS volume on loopback for tests and benchmarks (root, no systemd).
#   gluster-volume.sh up   STATE_DIR VOLUME [ADDRESS]   prints ADDRESS when the volume is started;
#                                                       STATE_DIR/brick names the brick directory
#   gluster-volume.sh down STATE_DIR                    stops glusterd and the brick, removes STATE_DIR
# glusterd runs with its own working, run and log directories under STATE_DIR and binds to
# ADDRESS (default 127.0.0.2: the gluster CLI refuses localhost/127.0.0.1 as a brick host).
# The brick lives under $GLUSTER_BRICK_ROOT (default /dev/shm/gluster-bricks on tmpfs, else
# STATE_DIR/bricks) and is made fresh each time (a used brick keeps trusted.*
# xattrs and cannot be reused); "force" allows a brick on the root filesystem.
set -euo pipefail
cmd=${1:?up|down}; state=${2:?state directory}
glusterd_pid() { cat "$state/run/glusterd.pid" 2>/dev/null || true; }

case "$cmd" in
up)
  volume=${3:?volume name}; address=${4:-127.0.0.2}
  mkdir -p "$state"/{lib,run,log,bricks}
  # glusterd listens on ADDRESS:24007, but brick ports come from a range: give each address
  # its own, so volumes on several addresses can run side by side (parallel test runs).
  base_port=$((49152 + (${address##*.} % 200) * 50))
  cat >"$state/glusterd.vol" <<VOL
volume management
    type mgmt/glusterd
    option working-directory $state/lib
    option run-directory $state/run
    option glusterd-sockfile $state/run/glusterd.socket
    option transport-type socket
    option transport.socket.bind-address $address
    option transport.socket.listen-port 24007
    option transport.socket.keepalive-time 10
    option transport.socket.keepalive-interval 2
    option transport.socket.read-fail-log off
    option ping-timeout 0
    option event-threads 1
    option base-port $base_port
    option max-port $((base_port + 49))
end-volume
VOL
  glusterd --volfile="$state/glusterd.vol" --pid-file="$state/run/glusterd.pid" --log-file="$state/log/glusterd.log"
  for _ in $(seq 100); do [ -S "$state/run/glusterd.socket" ] && break; sleep 0.1; done
  gluster() { command gluster --mode=script --glusterd-sock="$state/run/glusterd.socket" "$@"; }
  # A brick on tmpfs when there is one: fast, and without ext4's 4 KiB of xattr space per
  # inode, which Gluster's own xattrs (one gfid2path entry per hard link) soon fill.
  if [ -z "${GLUSTER_BRICK_ROOT:-}" ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
    GLUSTER_BRICK_ROOT=/dev/shm/gluster-bricks
  fi
  brick="${GLUSTER_BRICK_ROOT:-$state/bricks}/$(basename "$state")-$volume"
  echo "$brick" >"$state/brick"
  rm -rf "$brick" && mkdir -p "$brick"
  gluster volume create "$volume" "$address:$brick" force >/dev/null
  # Small-file and attribute caching in the client stack would hide other gateways' changes.
  gluster volume set "$volume" performance.stat-prefetch off >/dev/null
  gluster volume set "$volume" features.cache-invalidation on >/dev/null
  gluster volume start "$volume" >/dev/null
  for _ in $(seq 100); do
    # --xml: the plain table wraps long brick paths.
    gluster volume status "$volume" --xml 2>/dev/null | grep -q "<status>1</status>" && { echo "$address"; exit 0; }
    sleep 0.1
  done
  echo "volume $volume did not come online; see $state/log and /var/log/glusterfs/bricks" >&2
  gluster volume status "$volume" >&2 || true
  exit 1
  ;;
down)
  pid=$(glusterd_pid)
  # The brick process and the self-heal daemon name the state directory on their command lines.
  pkill -f -- "$state/" 2>/dev/null || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do pgrep -f -- "$state/" >/dev/null || break; sleep 0.1; done
  pkill -9 -f -- "$state/" 2>/dev/null || true
  [ -f "$state/brick" ] && rm -rf "$(cat "$state/brick")"
  rm -rf "$state"
  ;;
*) echo "usage: $0 up|down STATE_DIR [VOLUME [ADDRESS]]" >&2; exit 2 ;;
esac
