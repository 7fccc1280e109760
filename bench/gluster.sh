#!/usr/bin/env bash
# The NFS gateway (samples/GlusterServer) against raw libgfapi on the same Gluster volume: a
# loopback volume on 127.0.0.5 (tests/Gluster/gluster-volume.sh, brick on tmpfs), one
# GlusterServer in front of it, then per round, alternately, Gfapi.Bench straight through
# libgfapi and Nfs.Bench through the gateway, each running: seqwrite (1 MiB writes, 8 in
# flight, over a FILE_MIB file for SECONDS), seqread (1 MiB reads of that file, 8 in flight,
# for SECONDS) and creates (FILES new files of 4 KiB, 8 at a time). A warm-up pass of each
# (not counted) first fills the files and warms the JIT. Prints each run, then the medians
# and the ratio gateway/gfapi. Needs root (glusterd; the gateway acts as each caller).
#   bench/gluster.sh [ROUNDS] [SECONDS] [FILE_MIB] [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; seconds=${2:-8}; mib=${3:-256}; files=${4:-2000}
volume=benchvol; address=127.0.0.5   # 127.0.0.3 and .4 belong to the test runs
dotnet build -c Release samples/GlusterServer -v q -nologo >/dev/null
dotnet build -c Release bench/Nfs.Bench -v q -nologo >/dev/null
dotnet build -c Release bench/Gfapi.Bench -v q -nologo >/dev/null
dir=$(mktemp -d /tmp/gluster-bench.XXXXXX)
state="$dir/volume"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  tests/Gluster/gluster-volume.sh down "$state" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # through the EXIT trap: the volume always comes down

tests/Gluster/gluster-volume.sh up "$state" "$volume" "$address" >/dev/null
brick=$(cat "$state/brick")
log="$dir/server.log"
dotnet samples/GlusterServer/bin/Release/net10.0/GlusterServer.dll --listen 127.0.0.1:0 --volume "$volume" --volfile-server "$address" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Nfs.Core.Transport=Information >"$log" 2>&1 &
pid=$!
ep=""
for _ in $(seq 300); do  # glfs_init fetches the volfile and connects to the brick first
  ep=$(grep -o 'Listening for RPC on [0-9.:]*' "$log" | awk '{print $5}' || true)
  [ -n "$ep" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ep" ] || { echo "GlusterServer did not start listening" >&2; cat "$log" >&2; exit 1; }

gfapi() { dotnet bench/Gfapi.Bench/bin/Release/net10.0/Gfapi.Bench.dll "$1" --volume "$volume" --volfile-server "$address" "${@:2}"; }
nfs() { dotnet bench/Nfs.Bench/bin/Release/net10.0/Nfs.Bench.dll "$1" --server "$ep" "${@:2}"; }
# tool round workload -> the result line; each tool has its own data file and directories.
run() {
  case $3 in
    seqwrite) "$1" seqwrite --file "$1.bin" --size $((mib * 1048576)) --seconds "$seconds" ;;
    seqread) "$1" seqread --file "$1.bin" --seconds "$seconds" ;;
    creates) "$1" creates --file "$1-creates.$2" --count "$files" ;;
  esac
}
# The figure compared: MiB/s for the sequential workloads, files/s for creates.
metric() { if [ "$1" = creates ]; then sed 's/.*files_s=\([0-9.]*\).*/\1/'; else sed 's/.*MiBps=\([0-9.]*\).*/\1/'; fi; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

workloads="seqwrite seqread creates"
for tool in gfapi nfs; do for w in $workloads; do run "$tool" 0 "$w" >/dev/null; done; done
for tool in gfapi nfs; do
  size=$(stat -c %s "$brick/$tool.bin")
  [ "$size" -ge $((mib * 1048576)) ] || echo "warning: $tool.bin is $size bytes after the warm-up, not $mib MiB" >&2
done
for r in $(seq "$rounds"); do
  for tool in gfapi nfs; do
    for w in $workloads; do
      line=$(run "$tool" "$r" "$w")
      echo "round $r $([ "$tool" = nfs ] && echo gateway || echo gfapi): $line"
      echo "$line" | metric "$w" >>"$dir/$tool-$w.txt"
    done
  done
done
printf '\n%-18s %12s %12s %16s\n' "workload" "gfapi" "gateway" "gateway/gfapi"
for w in $workloads; do
  g=$(median <"$dir/gfapi-$w.txt"); n=$(median <"$dir/nfs-$w.txt")
  unit=$([ "$w" = creates ] && echo "files/s" || echo "MiB/s")
  awk -v w="$w ($unit)" -v g="$g" -v n="$n" 'BEGIN { printf "%-18s %12s %12s %16.2f\n", w, g, n, n / g }'
done
echo "(medians of $rounds rounds; ${seconds}s per sequential run over a $mib MiB file; $files creates of 4 KiB; 8 in flight)"
