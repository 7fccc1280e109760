#!/usr/bin/env bash
# Failover time of an active/active cluster: three gateways in front of one backend, one killed
# with SIGKILL mid-workload, until its client has reclaimed its open and lock on a survivor
# (and until the cluster's grace period is over). Runs the interop test that does exactly that
# ROUNDS times per backend (root: Gluster) and prints each figure and the median.
#   bench/failover.sh [ROUNDS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
dotnet build tests/Interop -c Release -v q -nologo >/dev/null
for backend in PosixServers GlusterServers; do
  takeover=(); grace=()
  for _ in $(seq "$rounds"); do
    out=$(dotnet test tests/Interop -c Release --no-build --filter "Name~$backend" --logger "console;verbosity=normal" 2>&1 || true)
    t=$(grep -oP 'reclaimed its open and lock .* after \K[0-9.]+' <<<"$out" || true)
    g=$(grep -oP 'grace period over .* \K[0-9.]+(?= s after the kill)' <<<"$out" || true)
    if [ -z "$t" ]; then echo "$backend: round failed"; grep -E "Failed|Error Message" -A3 <<<"$out" | head -20; continue; fi
    takeover+=("$t"); grace+=("$g")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  echo "$backend: kill -9 to reclaimed lock: ${takeover[*]} s (median $(median "${takeover[@]}") s); to grace lifted: ${grace[*]} s (median $(median "${grace[@]}") s)"
done
