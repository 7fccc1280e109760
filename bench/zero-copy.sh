#!/usr/bin/env bash
# Zero-copy READ (sendfile) against the copying path: PosixServer over a local directory,
# 1 MiB sequential READs with 8 in flight on one connection, each mode run alternately
# ROUNDS times. Prints each run, then the medians and the ratio zero-copy/copy for
# throughput and for the server's CPU time per GiB sent. Needs root (PosixServer does).
#   bench/zero-copy.sh [ROUNDS] [SECONDS] [FILE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; seconds=${2:-8}; mib=${3:-512}
dotnet build -c Release samples/PosixServer -v q -nologo >/dev/null
dotnet build -c Release bench/Nfs.Bench -v q -nologo >/dev/null
dir=$(mktemp -d /tmp/zero-copy.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
dd if=/dev/urandom of="$dir/big.bin" bs=1M count="$mib" status=none
tick=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # mode -> "MiBps cpu_s_per_GiB"
  local log="$dir/server.log"
  dotnet samples/PosixServer/bin/Release/net10.0/PosixServer.dll --listen 127.0.0.1:0 --path "$dir" \
    --Nfs:Transport:ZeroCopyReads="$1" --Logging:LogLevel:Default=Warning --Logging:LogLevel:Nfs.Core.Transport=Information >"$log" 2>&1 &
  pid=$!
  local ep=""
  for _ in $(seq 100); do ep=$(grep -o 'Listening for RPC on [0-9.:]*' "$log" | awk '{print $5}' || true); [ -n "$ep" ] && break; sleep 0.1; done
  dotnet bench/Nfs.Bench/bin/Release/net10.0/Nfs.Bench.dll seqread --server "$ep" --file big.bin --seconds 2 >/dev/null  # warm up
  local c0; c0=$(cpu "$pid")
  local line; line=$(dotnet bench/Nfs.Bench/bin/Release/net10.0/Nfs.Bench.dll seqread --server "$ep" --file big.bin --seconds "$seconds")
  local c1; c1=$(cpu "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  local mibps bytes
  mibps=$(echo "$line" | sed 's/.*MiBps=\([0-9.]*\).*/\1/')
  bytes=$(echo "$line" | sed 's/.*bytes=\([0-9]*\).*/\1/')
  awk -v m="$mibps" -v b="$bytes" -v c="$((c1 - c0))" -v t="$tick" 'BEGIN { printf "%s %.3f\n", m, (c / t) / (b / 1073741824) }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
: >"$dir/true.txt"; : >"$dir/false.txt"
for r in $(seq "$rounds"); do
  for mode in true false; do
    res=$(run "$mode")
    echo "round $r zero-copy=$mode: MiB/s=$(echo "$res" | cut -d' ' -f1) server-cpu-s/GiB=$(echo "$res" | cut -d' ' -f2)"
    echo "$res" >>"$dir/$mode.txt"
  done
done
zt=$(cut -d' ' -f1 "$dir/true.txt" | median); zc=$(cut -d' ' -f2 "$dir/true.txt" | median)
ct=$(cut -d' ' -f1 "$dir/false.txt" | median); cc=$(cut -d' ' -f2 "$dir/false.txt" | median)
printf '\n%-12s %12s %20s\n' "READ path" "MiB/s" "server CPU s/GiB"
printf '%-12s %12s %20s\n' "sendfile" "$zt" "$zc" "copy" "$ct" "$cc"
awk -v zt="$zt" -v ct="$ct" -v zc="$zc" -v cc="$cc" 'BEGIN { printf "ratio sendfile/copy: throughput %.2f, server CPU per GiB %.2f\n", zt / ct, zc / cc }'
