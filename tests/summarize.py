#!/usr/bin/env python3
"""Counts the individual GTest cases in meson's test log and prints one closing line,
'tests: N passed, N failed, N skipped', under meson's own summary of test programs.
A program that failed without reporting a failing case (a crash, a timeout) counts as one."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        entry = json.loads(line)
        entry_failed = 0
        for out in (entry.get("stdout") or "").splitlines():
            m = re.match(r"^(not ok|ok)\b", out)
            if not m:
                continue
            if "# SKIP" in out:
                skipped += 1
            elif m.group(1) == "ok":
                passed += 1
            else:
                entry_failed += 1
        if entry.get("result") in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS") and entry_failed == 0:
            entry_failed = 1
        failed += entry_failed
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
