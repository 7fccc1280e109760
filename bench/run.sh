#!/usr/bin/env bash
# Side by side with NFS-Ganesha: our MemoryServer and PosixServer against Ganesha 4.3 with its
# MEM and VFS backends (Debian: nfs-ganesha, nfs-ganesha-mem, nfs-ganesha-vfs; NFSv4 only, no
# rpcbind), each workload of bench/Nfs.Bench against each server, the servers in turn, ROUNDS
# times. Prints every run, then a table of medians with the ratios ours/Ganesha (memory against
# MEM, POSIX against VFS, each over a fresh loop-mounted ext4 filesystem of its own), and for
# each server its peak RSS and CPU time per operation. Needs root (PosixServer and Ganesha's VFS
# do, and the mounts).
# --nfs3: the same over NFSv3 (MOUNT on its own port) for the workloads the load generator has
# an NFSv3 mode for; Ganesha serves NFSv3 only when it can register with rpcbind, so the script
# starts rpcbind if none runs (and stops it afterwards).
#   bench/run.sh [--quick] [--nfs3] [--rounds N] [--seconds N] [--entries N] [--servers "ours-memory ganesha-mem ours-posix ganesha-vfs"]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; seconds=10; entries=50000; servers="ours-memory ganesha-mem ours-posix ganesha-vfs"; nfs3=false
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=1; seconds=3; entries=10000; shift ;;
    --nfs3) nfs3=true; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    *) echo "usage: $0 [--quick] [--nfs3] [--rounds N] [--seconds N] [--entries N] [--servers LIST]" >&2; exit 2 ;;
  esac
done

if ! command -v ganesha.nfsd >/dev/null; then
  echo "run.sh: installing nfs-ganesha (MEM and VFS backends)"
  apt-get install -y -qq --no-install-recommends nfs-ganesha nfs-ganesha-mem nfs-ganesha-vfs >/dev/null
fi
dotnet build -c Release samples/MemoryServer -v q -nologo >/dev/null
dotnet build -c Release samples/PosixServer -v q -nologo >/dev/null
dotnet build -c Release bench/Nfs.Bench -v q -nologo >/dev/null

work=$(mktemp -d /tmp/bench-run.XXXXXX)
pid=""; started_rpcbind=false; started=0; mounts=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true
  for m in $mounts; do umount "$m" 2>/dev/null || true; done
  rm -rf "$work"
  if $started_rpcbind; then pkill -x rpcbind || true; fi
}
trap cleanup EXIT
mkdir -p /var/run/ganesha /var/lib/nfs/ganesha
tick=$(getconf CLK_TCK)
bench() { dotnet bench/Nfs.Bench/bin/Release/net10.0/Nfs.Bench.dll "$@"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

protocols=4
if $nfs3; then
  protocols="3, 4"
  if ! pgrep -x rpcbind >/dev/null; then
    command -v rpcbind >/dev/null || apt-get install -y -qq --no-install-recommends rpcbind >/dev/null
    rpcbind -w && started_rpcbind=true
  fi
fi

ganesha_conf() { # port fsal path mountport
  cat <<CONF
NFS_CORE_PARAM { Protocols = $protocols; NFS_Port = $1; MNT_Port = $4; Bind_addr = 127.0.0.1; Enable_NLM = false; Enable_RQUOTA = false; }
NFSV4 { Graceless = true; Minor_Versions = 1, 2; }
EXPORT {
  Export_Id = 1; Path = $3; Pseudo = /; Access_Type = RW; Squash = No_Root_Squash;
  Protocols = $protocols; Transports = TCP; SecType = sys;
  FSAL { Name = $2; }
}
LOG { Default_Log_Level = WARN; }
CONF
}

start_server() { # name -> sets pid, port
  local name=$1 log="$work/$1.log"
  port=$(free_port); mport=$(free_port)
  # A fresh ext4 filesystem per server and round (a loop-mounted image): ext4 slows inode
  # allocation for minutes after deletions (ext4_new_inode's recently_deleted reads inode-table
  # blocks), so one server's metadata workload, or removing its files, slowed whichever creates
  # came next, including that server's own. Set BENCH_SHARED_FS=1 to use $work's filesystem.
  data="$work/data-$name-$((++started))"
  mkdir -p "$data"
  if [ "${BENCH_SHARED_FS:-0}" != 1 ] && [ "$name" != ours-memory ] && [ "$name" != ganesha-mem ]; then
    truncate -s 2G "$work/fs-$started.img"
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$work/fs-$started.img"
    mount -o loop "$work/fs-$started.img" "$data"
    mounts="$mounts $data"
  fi
  chmod 777 "$data"
  case "$name" in
    ours-memory) dotnet samples/MemoryServer/bin/Release/net10.0/MemoryServer.dll --listen "127.0.0.1:$port" --mount-port "$mport" --Logging:LogLevel:Default=Warning >"$log" 2>&1 & ;;
    ours-posix) dotnet samples/PosixServer/bin/Release/net10.0/PosixServer.dll --listen "127.0.0.1:$port" --mount-port "$mport" --path "$data" --Logging:LogLevel:Default=Warning >"$log" 2>&1 & ;;
    ganesha-mem) ganesha_conf "$port" MEM / "$mport" >"$work/$name.conf"; ganesha.nfsd -F -f "$work/$name.conf" -L "$log" -p "$work/$name.pid" & ;;
    ganesha-vfs) ganesha_conf "$port" VFS "$data" "$mport" >"$work/$name.conf"; ganesha.nfsd -F -f "$work/$name.conf" -L "$log" -p "$work/$name.pid" & ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  pid=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$name did not start; log:" >&2; tail -20 "$log" >&2; exit 1
}

stop_server() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

# name|arguments|figure (ops = operations/s, MiBps)
workloads=(
  "seqwrite-1M|seqwrite --file bench.bin --size 268435456 --depth 8|MiBps"
  "seqread-1M|seqread --file bench.bin --depth 8|MiBps"
  "randread-4K-qd1|randread --file bench.bin --depth 1|ops"
  "randread-4K-qd32|randread --file bench.bin --depth 32|ops"
  "randwrite-4K-qd1|randwrite --file bench.bin --depth 1|ops"
  "randwrite-4K-qd32|randwrite --file bench.bin --depth 32|ops"
  # Creates before metadata: the metadata workload removes tens of thousands of files, and for
  # minutes after that ext4 reads inode-table blocks on every inode it allocates.
  "creates-4K|creates --file creates --count 5000 --depth 32|ops"
  "metadata|metadata --file meta --depth 32|ops"
  "readdir-${entries}|readdir --file listing --count $entries --depth 32|ops"
  "mixed-4K-qd32|mixed --file bench.bin --depth 32|ops"
)

if $nfs3; then
  # The workloads the load generator speaks NFSv3 for.
  v3=(); for w in "${workloads[@]}"; do case "$w" in seq*|rand*|metadata*) v3+=("$w") ;; esac; done
  workloads=("${v3[@]}")
fi

results="$work/results.txt"; : >"$results"
for round in $(seq "$rounds"); do
  for server in $servers; do
    start_server "$server"
    v=(); if $nfs3; then v=(--nfs3 true --mount-port "$mport" --mount-path "$([ "$server" = ganesha-vfs ] && echo "$data" || echo /)"); fi
    # Warm-up (JIT, caches) on a scratch file, not counted.
    bench seqwrite --server "127.0.0.1:$port" "${v[@]}" --file warm.bin --size 16777216 --seconds 1 >/dev/null
    bench randread --server "127.0.0.1:$port" "${v[@]}" --file warm.bin --depth 8 --seconds 1 >/dev/null
    for w in "${workloads[@]}"; do
      IFS='|' read -r name args figure <<<"$w"
      # Each run gets fresh names where it creates (a new directory per round).
      args=${args//--file meta/--file meta-$round}; args=${args//--file creates/--file creates-$round}
      c0=$(cpu_ticks "$pid")
      # shellcheck disable=SC2086
      line=$(bench $args --server "127.0.0.1:$port" "${v[@]}" --seconds "$seconds")
      c1=$(cpu_ticks "$pid")
      value=$(echo "$line" | sed "s/.* $figure=\([0-9.]*\).*/\1/")
      ops=$(echo "$line" | sed 's/.* ops=\([0-9.]*\).*/\1/')
      elapsed=$(echo "$line" | sed 's/.* elapsed_s=\([0-9.]*\).*/\1/')
      p50=$(echo "$line" | sed 's/.* p50_ms=\([0-9.]*\).*/\1/'); p99=$(echo "$line" | sed 's/.* p99_ms=\([0-9.]*\).*/\1/')
      cpu_us=$(awk -v c="$((c1 - c0))" -v t="$tick" -v o="$ops" -v e="$elapsed" 'BEGIN { n = o * e; printf "%.1f", (n > 0 ? c / t * 1e6 / n : 0) }')
      echo "round $round $server $name: $figure=$value p50_ms=$p50 p99_ms=$p99 server_cpu_us_per_op=$cpu_us"
      echo "$server $name $figure $value $p50 $p99 $cpu_us" >>"$results"
    done
    rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
    echo "$server rss $rss" >>"$work/rss.txt"
    stop_server
  done
done

echo
echo "Medians of $rounds round(s), ${seconds} s per run ($(nproc) cores, $(uname -r)), $($nfs3 && echo NFSv3 || echo NFSv4.1); ratio = ours / Ganesha"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  FNR == NR { v[$1 " " $2] = v[$1 " " $2] " " $4; p50[$1 " " $2] = p50[$1 " " $2] " " $5; p99[$1 " " $2] = p99[$1 " " $2] " " $6
              cpu[$1 " " $2] = cpu[$1 " " $2] " " $7; fig[$2] = $3; if (!($2 in seen)) { order[++k] = $2; seen[$2] = 1 }; next }
  { rss[$1] = ($1 in rss && rss[$1] > $3) ? rss[$1] : $3 }
  END {
    printf "%-20s %-6s %12s %12s %7s %12s %12s %7s\n", "workload", "figure", "ours-memory", "ganesha-mem", "ratio", "ours-posix", "ganesha-vfs", "ratio"
    for (i = 1; i <= k; i++) {
      w = order[i]
      om = ("ours-memory " w) in v ? median(v["ours-memory " w]) : 0; gm = ("ganesha-mem " w) in v ? median(v["ganesha-mem " w]) : 0
      op = ("ours-posix " w) in v ? median(v["ours-posix " w]) : 0;  gv = ("ganesha-vfs " w) in v ? median(v["ganesha-vfs " w]) : 0
      r1 = (gm > 0 && om > 0) ? sprintf("%.2f", om / gm) : "-"; r2 = (gv > 0 && op > 0) ? sprintf("%.2f", op / gv) : "-"
      printf "%-20s %-6s %12.1f %12.1f %7s %12.1f %12.1f %7s\n", w, fig[w], om, gm, r1, op, gv, r2
    }
    print ""
    printf "%-20s %-12s %10s %10s %14s\n", "workload", "server", "p50_ms", "p99_ms", "cpu_us/op"
    for (i = 1; i <= k; i++) for (key in v) { split(key, part, " "); if (part[2] == order[i]) printf "%-20s %-12s %10.2f %10.2f %14.1f\n", part[2], part[1], median(p50[key]), median(p99[key]), median(cpu[key]) }
    print ""
    for (name in rss) printf "peak RSS %-12s %8.1f MiB\n", name, rss[name] / 1024
  }' "$results" "$work/rss.txt"
