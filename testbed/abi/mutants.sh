#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Proves that the uAPI check can fail: each mutant is a copy of the header
# with one deliberate ABI or hygiene defect, and the check must reject every
# one of them. The committed header is never touched.
#
# usage: mutants.sh HEADER OUTDIR CHECK-COMMAND...
# The check command is run with HEADER=<mutant> OUT=<dir> appended.

set -u

header=$1
outdir=$2
shift 2

mkdir -p "$outdir"
caught=0
missed=0

# One mutant per line: name|sed script. The sed script must change the header.
while IFS='|' read -r name script; do
	case "$name" in ""|\#*) continue ;; esac
	dir="$outdir/$name"
	mkdir -p "$dir"
	sed -e "$script" "$header" > "$dir/panthor_drm.h"
	if cmp -s "$header" "$dir/panthor_drm.h"; then
		echo "mutant $name: the sed script changed nothing (fix the mutant)"
		missed=$((missed + 1))
		continue
	fi
	"$@" HEADER="$dir/panthor_drm.h" OUT="$dir/out" > "$dir/check.log" 2>&1
	rc=$?
	summary=$(grep '^uapi: [0-9]* passed, [0-9]* failed$' "$dir/check.log" | tail -n 1)
	failed=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
	if [ "$rc" -ne 0 ] && [ -n "$failed" ] && [ "$failed" -gt 0 ]; then
		echo "mutant $name: caught (${summary#uapi: })"
		caught=$((caught + 1))
	else
		echo "mutant $name: MISSED (rc=$rc, ${summary:-no summary}; see $dir/check.log)"
		missed=$((missed + 1))
	fi
done <<'EOF'
# the pre-1.7 name at offset 68
selected-coherency-renamed|s/__u32 selected_coherency;/__u32 pad0;/
# GPU_INFO back to its 104-byte form
gpu-features-dropped|/__u64 gpu_features;/d
# the 1.8 timestamp layout shifted
timestamp-duration-u64|s/__u32 duration_nsec;/__u64 duration_nsec;/
# flag values
timestamp-freq-bit|s/DRM_PANTHOR_TIMESTAMP_FREQ = 1 << 6/DRM_PANTHOR_TIMESTAMP_FREQ = 1 << 7/
sparse-bit|s/DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE = 1 << 3/DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE = 1 << 4/
signal-bit|s/(int)(1u << 31)/(int)(1u << 30)/
# an ioctl number
ioctl-id|s/DRM_PANTHOR_BO_QUERY_INFO = 16/DRM_PANTHOR_BO_QUERY_INFO = 17/
# a 64-bit constant
mmio-offset|s/(1ull << 56)/(1ull << 55)/
# a listed constant missing altogether
constant-missing|/DRM_PANTHOR_GPU_COHERENCY_NONE = 31,/d
# implicit padding: same layout on LP64, 4 bytes short on i386
implicit-pad|/^struct drm_panthor_bo_create {/,/^};/{/__u32 pad;/d;}
# the header does not compile at all
syntax-error|s/^struct drm_panthor_mmu_info {/struct drm_panthor_mmu_info {{/
# defects only the strict configurations see
enum-out-of-int-range|s/DRM_PANTHOR_SYNC_OP_SIGNAL = (int)(1u << 31)/DRM_PANTHOR_SYNC_OP_SIGNAL = 1u << 31/
field-undocumented|s|/\*\* @gpu_rev: out, GPU_REVID. \*/||
struct-undocumented|/^\/\*\*$/{N;s|^/\*\*\n \* struct drm_panthor_mmu_info|/*\n * struct drm_panthor_mmu_info|;}
cxx-keyword|s/^\t__u32 fatal_queues;/\t__u32 fatal_queues; __u32 class[0];/
EOF

echo "uapi mutants: $caught caught, $missed missed"
[ "$missed" -eq 0 ]
