#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Build-time ABI check of include/uapi/drm/panthor_drm.h.

The facts come from the machine-checkable listing of the uAPI document
(section 13 of uapi-abi.md): field offsets and sizes, ioctl numbers, struct
sizes and alignments, and constants. They are turned into one C file of
_Static_asserts, one fact per line, which is compiled against the header for
every target ABI we can reach. Compiler errors are mapped back to facts by
line number, so every fact passes or fails on its own.

On top of that the header is compiled in a few strict configurations (each
struct alone at C99 -pedantic -Wpadded, the whole header as C90 the way the
kernel's header test builds it, and as C++) and run through kernel-doc.

Unit of counting: one check is either one fact on one target ABI, or one
strict configuration. The last line is "uapi: N passed, M failed".
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys

# Constants of the document's listing that are not part of the uAPI header.
# They belong to the driver (limits, its name and version, firmware bits);
# the document lists them so that driver and tests agree on them.
NOT_UAPI = {
    "PANTHOR_DRIVER_NAME": "a string, reported by DRM_IOCTL_VERSION",
    "PANTHOR_VERSION_MAJOR": "driver version, reported by DRM_IOCTL_VERSION",
    "PANTHOR_VERSION_MINOR_NEWEST": "driver version, reported by DRM_IOCTL_VERSION",
    "PANTHOR_BO_LABEL_MAXLEN": "driver limit (documented in struct drm_panthor_bo_set_label)",
    "PANTHOR_MAX_VMS_PER_FILE": "driver limit",
    "PANTHOR_MAX_GROUPS_PER_FILE": "driver limit",
    "PANTHOR_MAX_HEAPS_PER_VM": "driver limit",
    "PANTHOR_QUEUE_PRIORITY_MAX": "driver limit",
    "PANTHOR_RINGBUF_SIZE_MIN": "driver limit",
    "PANTHOR_RINGBUF_SIZE_MAX": "driver limit",
    "PANTHOR_HEAP_CHUNK_SIZE_MIN": "driver limit",
    "PANTHOR_HEAP_CHUNK_SIZE_MAX": "driver limit",
    "PANTHOR_VM_MIN_KERNEL_VA_SIZE": "driver limit",
    "PANTHOR_GPU_VA_PAGE_SIZE": "driver constant",
    "PANTHOR_UNPRESERVED_CS_REG_COUNT": "driver constant (reported in drm_panthor_csif_info)",
    "PANTHOR_GLB_REQ_COUNTER_EN_BIT": "firmware interface bit",
}

# The document names the flush-ID page offset once per process word size.
# The uAPI has a single name whose value depends on the word size of the
# program being compiled; it is checked against the matching entry.
FLUSH_ID_BY_WORD_SIZE = {
    "DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET_64BIT_PROCESS": 8,
    "DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET_32BIT_PROCESS": 4,
}
FLUSH_ID_NAME = "DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET"


class DocError(Exception):
    pass


def parse_doc(path):
    """Return (fields, ioctls, structs, constants) from section 13."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()

    start = None
    for i, line in enumerate(lines):
        if re.match(r"^##\s+13\.", line):
            start = i + 1
            break
    if start is None:
        raise DocError("no section 13 in %s" % path)

    blocks, cur = [], None
    for line in lines[start:]:
        if cur is None and re.match(r"^##\s", line):
            break
        if line.startswith("```"):
            if cur is None:
                cur = []
            else:
                blocks.append(cur)
                cur = None
            continue
        if cur is not None and line.strip():
            cur.append(line.split())
    if cur is not None:
        raise DocError("unterminated code block in section 13")
    if len(blocks) != 3:
        raise DocError("section 13 has %d code blocks, expected 3" % len(blocks))

    fields, ioctls = [], []
    for t in blocks[0]:
        if len(t) == 4:
            fields.append((t[0], t[1], int(t[2], 0), int(t[3], 0)))
        elif len(t) == 2 and t[0].startswith("DRM_IOCTL_"):
            ioctls.append((t[0], int(t[1], 16)))
        else:
            raise DocError("listing line not understood: %s" % " ".join(t))

    structs = []
    for t in blocks[1]:
        if len(t) != 3:
            raise DocError("size line not understood: %s" % " ".join(t))
        structs.append((t[0], int(t[1], 0), int(t[2], 0)))

    constants = []
    for t in blocks[2]:
        if len(t) != 2:
            raise DocError("constant line not understood: %s" % " ".join(t))
        constants.append((t[0], t[1]))

    if not fields or not ioctls or not structs or not constants:
        raise DocError("an empty listing in section 13")
    return fields, ioctls, structs, constants


def const_expr(name, value):
    """C expression that holds when `name` has exactly `value`."""
    if value < 1 << 31:
        return "(%s) == %d" % (name, value)
    if value < 1 << 32:
        # An enumerator can only reach bit 31 through a cast to int, so
        # compare the 32-bit pattern and insist on a 32-bit constant.
        return "(__u32)(%s) == %#xu && sizeof(%s) == 4" % (name, value, name)
    return "(%s) == %#xull" % (name, value)


def build_facts(fields, ioctls, structs, constants):
    """Return ([(description, C expression)], [(name, reason)] skipped)."""
    facts, skipped = [], []

    members = {}
    for s, m, off, size in fields:
        members.setdefault(s, []).append(m)
        facts.append(("%s.%s offset %d" % (s, m, off),
                      "__builtin_offsetof(struct %s, %s) == %d" % (s, m, off)))
        facts.append(("%s.%s size %d" % (s, m, size),
                      "MEMBER_SIZE(%s, %s) == %d" % (s, m, size)))

    for s, size, align in structs:
        facts.append(("sizeof(struct %s) == %d" % (s, size),
                      "sizeof(struct %s) == %d" % (s, size)))
        facts.append(("alignof(struct %s) == %d (capped by the ABI's u64 alignment)"
                      % (s, align),
                      "_Alignof(struct %s) == ABI_ALIGN(%d)" % (s, align)))
        # No hidden padding: the listed members add up to the whole struct.
        if s in members:
            total = " + ".join("MEMBER_SIZE(%s, %s)" % (s, m) for m in members[s])
            facts.append(("struct %s is fully covered by its listed fields" % s,
                          "sizeof(struct %s) == %s" % (s, total)))

    for name, value in ioctls:
        facts.append(("%s == %#x" % (name, value),
                      "(%s) == %#xu" % (name, value)))

    flush_ids = {}
    for name, text in constants:
        if name in NOT_UAPI:
            skipped.append((name, NOT_UAPI[name]))
            continue
        if name in FLUSH_ID_BY_WORD_SIZE:
            flush_ids[FLUSH_ID_BY_WORD_SIZE[name]] = int(text, 0)
            continue
        try:
            value = int(text, 0)
        except ValueError:
            # Not a number and not known to be outside the uAPI: a fact we
            # cannot check is a failure, not a silent skip.
            facts.append(("%s has the non-numeric value %r" % (name, text), "0"))
            continue
        facts.append(("%s == %s" % (name, text), const_expr(name, value)))

    if flush_ids:
        if sorted(flush_ids) != [4, 8]:
            raise DocError("only one of the per-word-size flush-ID offsets is listed")
        facts.append(("%s == %#x (LP64) / %#x (ILP32)"
                      % (FLUSH_ID_NAME, flush_ids[8], flush_ids[4]),
                      "(%s) == (sizeof(long) == 8 ? %#xull : %#xull)"
                      % (FLUSH_ID_NAME, flush_ids[8], flush_ids[4])))
    return facts, skipped


FACTS_PROLOGUE = """\
/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Generated by testbed/abi/uapi_check.py from uapi-abi.md section 13. */
#include "%(header)s"

#define MEMBER_SIZE(s, m) sizeof(((struct s *)0)->m)

/*
 * The document's alignments are those of the 64-bit ABIs and of armv7. On
 * i386 a __u64 inside a struct is only 4-byte aligned, which caps the
 * alignment of every struct holding one; sizes and offsets do not change.
 */
struct abi_u64_in_struct { __u64 v; };
#define ABI_ALIGN(a) ((a) < _Alignof(struct abi_u64_in_struct) ? \\
		      (a) : _Alignof(struct abi_u64_in_struct))

"""


def write_facts(path, header, facts):
    """Write the assert file; return {line number: fact index}."""
    lines = (FACTS_PROLOGUE % {"header": header}).splitlines()
    by_line = {}
    for i, (desc, expr) in enumerate(facts):
        lines.append('_Static_assert(%s, "F%04d %s");' % (expr, i, desc.replace('"', "'")))
        by_line[len(lines)] = i
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return by_line


STUB_TYPES = """\
/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Minimal linux/types.h for compile-only ABI checks of foreign targets. */
#ifndef _ABI_STUB_LINUX_TYPES_H
#define _ABI_STUB_LINUX_TYPES_H
typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
__extension__ typedef signed long long __s64;
__extension__ typedef unsigned long long __u64;
typedef __SIZE_TYPE__ __kernel_size_t;
#endif
"""


def make_stub(outdir):
    """Kernel-header stand-ins for targets without a sysroot of their own.

    drm.h needs only linux/types.h and asm/ioctl.h. The types are the
    kernel's int-ll64 ones; the ioctl encoding is the host's copy of the
    generic one, which is what x86, arm, arm64 and riscv use. Returns None
    when the host has no asm-generic/ioctl.h to copy.
    """
    generic = "/usr/include/asm-generic/ioctl.h"
    if not os.path.exists(generic):
        return None
    stub = os.path.join(outdir, "stub-include")
    for d in ("linux", "asm", "asm-generic"):
        os.makedirs(os.path.join(stub, d), exist_ok=True)
    with open(os.path.join(stub, "linux", "types.h"), "w") as f:
        f.write(STUB_TYPES)
    with open(os.path.join(stub, "asm", "ioctl.h"), "w") as f:
        f.write("#include <asm-generic/ioctl.h>\n")
    shutil.copy(generic, os.path.join(stub, "asm-generic", "ioctl.h"))
    return stub


def run(cmd, log):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, timeout=300)
        out, rc = p.stdout, p.returncode
    except (OSError, subprocess.SubprocessError) as e:
        out, rc = "%s: %s\n" % (cmd[0], e), 127
    with open(log, "w") as f:
        f.write("$ %s\n%s" % (" ".join(shlex.quote(c) for c in cmd), out))
    return rc, out


def works(cmd):
    """True if `cmd` (a compile of an empty translation unit) succeeds."""
    try:
        return subprocess.run(cmd, input="", stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL,
                              universal_newlines=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def targets(args, stub):
    """[(name, compile command prefix or None, reason if unavailable)]."""
    libdrm = shlex.split(args.libdrm_cflags)
    stubbed = ["-nostdinc", "-I", stub or ""] + libdrm
    found = []

    found.append(("x86_64", [args.cc, "-m64"] + libdrm, None))

    probe = [args.cc, "-m32", "-x", "c", "-fsyntax-only", "-"]
    if stub and works(probe):
        found.append(("i386", [args.cc, "-m32"] + stubbed, None))
    else:
        found.append(("i386", None, "%s -m32 or asm-generic/ioctl.h unavailable" % args.cc))

    if shutil.which(args.cross_cc):
        found.append(("aarch64", [args.cross_cc] + libdrm, None))
    else:
        found.append(("aarch64", None, "%s not found" % args.cross_cc))

    for name, triple in (("armv7", "armv7-linux-gnueabihf"),
                         ("riscv64", "riscv64-linux-gnu")):
        cmd = [args.clang, "--target=" + triple]
        probe = cmd + ["-x", "c", "-fsyntax-only", "-"]
        if stub and shutil.which(args.clang) and works(probe):
            found.append((name, cmd + stubbed + ["-ferror-limit=0"], None))
        else:
            found.append((name, None, "%s --target=%s unavailable" % (args.clang, triple)))
    return found


DIAG_RE = re.compile(r"^(.*?):(\d+):(?:\d+:)? (?:fatal )?(error|note): (.*)$")


def check_target(name, cmd, facts_c, by_line, outdir):
    """Compile the facts for one target; return (failed facts, errors)."""
    log = os.path.join(outdir, "facts-%s.log" % name)
    rc, out = run(cmd + ["-std=c11", "-fsyntax-only", facts_c], log)
    failed, stray, first = set(), [], {}
    pending = None  # an error reported inside a macro, awaiting its use site

    def fact_at(m):
        if os.path.abspath(m.group(1)) != facts_c:
            return None
        return by_line.get(int(m.group(2)))

    def blame(fact, text):
        failed.add(fact)
        first.setdefault(fact, text)

    for line in out.splitlines():
        m = DIAG_RE.match(line)
        if not m:
            continue
        kind, text, fact = m.group(3), m.group(4), fact_at(m)
        if kind == "error":
            if pending:
                stray.append(pending[0])
            pending = None
            if fact is None:
                pending = (line, text)
            else:
                blame(fact, text)
        elif pending and fact is not None and "in expansion of macro" in text:
            # gcc reports an error inside a macro where the macro is
            # defined, and names the fact line that expanded it in a note.
            blame(fact, pending[1])
            pending = None
    if pending:
        stray.append(pending[0])
    if rc != 0 and not failed and not stray:
        stray.append("compiler failed without a diagnostic (see %s)" % log)
    if stray:
        # Something outside the facts is broken (the header itself, or the
        # toolchain): no fact can be trusted on this target.
        failed = set(by_line.values())
    return failed, first, stray, log


def undocumented_types(kernel_doc, hdr, log):
    """Structs and enums the header defines without a kernel-doc block.

    kernel-doc -Wall checks the members of what is documented, but says
    nothing about a struct or enum that has no kernel-doc comment at all.
    """
    with open(hdr, encoding="utf-8") as f:
        defined = set(re.findall(r"^((?:struct|enum) \w+) \{", f.read(), re.M))
    rc, out = run(["perl", kernel_doc, "-rst", hdr], log)
    documented = set(re.findall(r"^\.\. c:type:: ((?:struct|enum) \w+)$", out, re.M))
    missing = sorted(defined - documented) if rc == 0 else ["(kernel-doc failed)"]
    with open(log, "a") as f:
        f.write("\nundocumented: %s\n" % (", ".join(missing) or "none"))
    return missing


def strict_checks(args, structs, ioctls, outdir):
    """Yield (name, ok, log) for the strict configurations."""
    libdrm = [("-isystem" + a[2:]) if a.startswith("-I") else a
              for a in shlex.split(args.libdrm_cflags)]
    hdr = args.header
    cflags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wpadded"]
    sdir = os.path.join(outdir, "strict")
    os.makedirs(sdir, exist_ok=True)

    def compile_one(name, source, cmd):
        src = os.path.join(sdir, name)
        with open(src, "w") as f:
            f.write('/* Generated by testbed/abi/uapi_check.py. */\n'
                    '#include "%s"\n%s' % (hdr, source))
        rc, _ = run(cmd + ["-fsyntax-only", src], src + ".log")
        return rc == 0, src + ".log"

    for s, _, _ in structs:
        ok, log = compile_one("c99-%s.c" % s, "struct %s uapi_probe;\n" % s,
                              [args.cc] + cflags + libdrm)
        yield "C99 -pedantic -Wpadded: struct %s" % s, ok, log

    uses = "".join("\tsum += %s;\n" % n for n, _ in ioctls)
    macros = ("static struct drm_panthor_sync_op ops[2];\n"
              "unsigned long long uapi_probe(void);\n"
              "unsigned long long uapi_probe(void)\n{\n"
              "\tstruct drm_panthor_obj_array a = DRM_PANTHOR_OBJ_ARRAY(2, ops);\n"
              "\tunsigned long long sum = a.array + a.stride + a.count;\n"
              "\tsum += DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET;\n"
              "\tsum += DRM_PANTHOR_ARCH_MAJOR(0xa8670000u);\n"
              "\tsum += DRM_PANTHOR_MCU_REV(0u) + DRM_PANTHOR_MMU_VA_BITS(48u);\n"
              "%s\treturn sum;\n}\n" % uses)
    ok, log = compile_one("c99-macros.c", macros, [args.cc] + cflags + libdrm)
    yield "C99 -pedantic: helper and ioctl macros", ok, log

    ok, log = compile_one("c90-header.c", "", [args.cc, "-std=c90", "-Wall", "-Werror"] + libdrm)
    yield "C90 (kernel uapi header-test flags)", ok, log

    if shutil.which(args.cxx):
        decls = "".join("struct %s uapi_probe_%s;\n" % (s, s) for s, _, _ in structs)
        arr = "".join("\t%s,\n" % n for n, _ in ioctls)
        cxx = "%sextern const unsigned long uapi_ioctls[] = {\n%s};\n" % (decls, arr)
        ok, log = compile_one("cxx-header.cc", cxx,
                              [args.cxx, "-std=c++11", "-Wall", "-Wextra", "-Werror",
                               "-pedantic"] + libdrm)
        yield "C++11 (%s)" % args.cxx, ok, log
    else:
        yield "C++ (%s not found)" % args.cxx, None, None

    if args.kernel_doc and os.path.exists(args.kernel_doc):
        log = os.path.join(sdir, "kernel-doc.log")
        rc, out = run(["perl", args.kernel_doc, "-none", "-Wall", hdr], log)
        yield "kernel-doc -Wall: no warnings", rc == 0 and not out.strip(), log
        log = os.path.join(sdir, "kernel-doc-coverage.log")
        missing = undocumented_types(args.kernel_doc, hdr, log)
        yield "kernel-doc on every struct and enum", not missing, log
    else:
        yield "kernel-doc (%s not found)" % args.kernel_doc, None, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doc", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--cxx", default="g++")
    ap.add_argument("--cross-cc", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--clang", default="clang")
    ap.add_argument("--libdrm-cflags", default="-I/usr/include/libdrm")
    ap.add_argument("--kernel-doc", default="")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.header = os.path.abspath(args.header)
    args.out = os.path.abspath(args.out)
    os.makedirs(args.out, exist_ok=True)

    try:
        fields, ioctls, structs, constants = parse_doc(args.doc)
        facts, skipped = build_facts(fields, ioctls, structs, constants)
    except (OSError, ValueError, DocError) as e:
        print("uapi: cannot read the listing: %s" % e)
        print("uapi: 0 passed, 1 failed")
        return 1
    if not os.path.exists(args.header):
        print("uapi: no header at %s" % args.header)
        print("uapi: 0 passed, 1 failed")
        return 1

    print("uapi: %s: %d fields, %d ioctls, %d structs, %d constants -> %d facts"
          % (os.path.basename(args.doc), len(fields), len(ioctls), len(structs),
             len(constants), len(facts)))
    print("uapi: not uAPI, not checked (%d): %s"
          % (len(skipped), " ".join(name for name, _ in skipped)))
    if args.verbose:
        for name, reason in skipped:
            print("uapi:   %s: %s" % (name, reason))

    facts_c = os.path.join(args.out, "abi_facts.c")
    by_line = write_facts(facts_c, args.header, facts)
    stub = make_stub(args.out)

    passed = failed = 0
    for name, cmd, why in targets(args, stub):
        if cmd is None:
            print("uapi: %-8s skipped: %s" % (name, why))
            continue
        bad, first, stray, log = check_target(name, cmd, facts_c, by_line, args.out)
        passed += len(facts) - len(bad)
        failed += len(bad)
        print("uapi: %-8s %d/%d facts (%s)" % (name, len(facts) - len(bad), len(facts),
                                               " ".join(cmd[:2])))
        for line in stray[:10]:
            print("uapi:   %s" % line)
        for i in sorted(first):
            print("uapi:   FAIL F%04d %s: %s" % (i, facts[i][0], first[i]))
        if stray or (bad and args.verbose):
            print("uapi:   log: %s" % log)

    ran = good = 0
    for name, ok, log in strict_checks(args, structs, ioctls, args.out):
        if ok is None:
            print("uapi: strict   skipped: %s" % name)
            continue
        ran += 1
        good += ok
        if not ok:
            print("uapi:   FAIL %s (log: %s)" % (name, log))
        elif args.verbose:
            print("uapi:   ok   %s" % name)
    print("uapi: strict   %d/%d configurations" % (good, ran))
    passed += good
    failed += ran - good

    print("uapi: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
