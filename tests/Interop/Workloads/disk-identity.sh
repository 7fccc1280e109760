#!/bin/sh
# Byte identity between the kernel client and the server's disk (POSIX export):
# a file the host wrote on disk is read through NFS, and a file written through NFS
# is left at the export root for the host to compare with what it expects.
. /kclient/lib.sh
cd "$1" || exit 1
drop_caches
expect_eq "file written on the server's disk, read through NFS" "$HOST_MD5" "$(md5sum "$KC_MNT/$HOST_FILE" | cut -d' ' -f1)"
step "write a known pattern through NFS" sh -c 'i=0; while [ $i -lt 20000 ]; do echo "line $i of the kclient disk identity check"; i=$((i+1)); done > "$KC_MNT/$NFS_FILE"'
step "sync" sync
drop_caches
show "md5 through NFS" md5sum "$KC_MNT/$NFS_FILE"
finish
