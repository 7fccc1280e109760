#!/bin/sh
# A lock held across a server crash. The host test kills the server with SIGKILL once this
# workload holds the lock (the file reclaim-ready appears on its disk), restarts it with the same
# state directory, waits until the lock is back on its disk (the kernel client reclaimed it in
# the grace period), then creates the file "restarted". Here, a second mount (nosharecache: only
# the server can see the conflict) must find the lock still taken, and free once the holder quits.
# Mount with lookupcache=positive so that "restarted", created behind the client's back, is seen.
. /kclient/lib.sh
cd "$1" || exit 1
step "create the file" sh -c 'echo "written before the crash" > data'
M2=/mnt/reclaim2
mkdir -p $M2
step "second mount (nosharecache)" mount -t "$KC_TYPE" -o "$KC_MOPTS,nosharecache" "$KC_DEV" $M2
D2="$M2/${1#"$KC_MNT"/}"

# The holder keeps an exclusive lock (flock(1): a whole-file byte-range lock over NFS) until
# it has seen the restart, then a little longer.
flock -x data sh -c 'touch reclaim-ready; while [ ! -f restarted ]; do sleep 1; done; touch holder-saw-restart; sleep 3' &
HOLDER=$!
while [ ! -f holder-saw-restart ]; do
    kill -0 $HOLDER 2>/dev/null || break
    sleep 1
done
step "the holder saw the server come back" test -f holder-saw-restart
step "after the restart the lock is still held (a second mount cannot take it)" sh -c "! flock -n -x '$D2/data' true"
step "the holder ends normally" wait $HOLDER
step "the lock is free once the holder let go" flock -n -x "$D2/data" true
expect_eq "data written before the crash" "written before the crash" "$(cat data)"
step "umount second mount" umount $M2
finish
