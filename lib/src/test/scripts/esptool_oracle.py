#!/usr/bin/python3
"""Runs the real esptool's `image_info --version 2` on every *.bin in a folder, in one Python process.

usage: /usr/bin/python3 esptool_oracle.py ESPTOOL_CHECKOUT FOLDER

ESPTOOL_CHECKOUT is a checkout of esptool v4.12.0 (not part of this repository: `git archive v4.12.0` of
github.com/espressif/esptool; Debian packages python3-serial python3-bitstring python3-ecdsa python3-cryptography
python3-intelhex python3-yaml). For each FOLDER/X.bin it writes FOLDER/X.esptool: the first line is the exit status
esptool.py would give as a process (0, 2 for "A fatal error occurred", 1 for a Python traceback), then everything it
printed (stdout and stderr merged), banner included, traceback excluded. Used by EsptoolSweepTest.
"""
import contextlib
import io
import os
import sys

sys.path.insert(0, sys.argv[1])
import esptool  # noqa: E402
from esptool.util import FatalError  # noqa: E402

folder = sys.argv[2]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".bin"):
        continue
    path = os.path.join(folder, name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            esptool.main(["image_info", "--version", "2", path])
            status = 0
        except FatalError as e:
            print(f"\nA fatal error occurred: {e}")
            status = 2
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
        except Exception:  # esptool crashes with a traceback: exit status 1
            status = 1
    with open(path[:-4] + ".esptool", "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(f"{status}\n{out.getvalue()}")
