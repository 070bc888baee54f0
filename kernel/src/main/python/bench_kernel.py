"""Kernel start to first cell result: start the kernel, run `1 + 1`, wait for its execute_result; 10 times.

Run by `./kit bench kernel` with the kernelspec installed under JUPYTER_DATA_DIR. Prints each run, then the median,
and exits 1 when the kit kernel's median misses the target (2.0 s on the project's 2-core reference machine).
Usage: bench_kernel.py [RUNS] [--kernel NAME]…  (several kernels: their runs alternate, so that each sees the same
machine load; the 1-minute load average is printed with each run.)
"""
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = "esp32ota-java"
RUNS = 10
TARGET_SECONDS = 2.0


def one_run(kernel):
    started = time.monotonic()
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        results = []
        kc.execute_interactive("1 + 1", timeout=60,
                               output_hook=lambda m: results.append(m) if m["msg_type"] == "execute_result" else None)
        elapsed = time.monotonic() - started
        if not results or results[0]["content"]["data"]["text/plain"] != "2":
            raise SystemExit("bench kernel: the first cell did not return 2")
        return elapsed
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main(args):
    runs, kernels = RUNS, []
    while args:
        if args[0] == "--kernel" and len(args) > 1:
            kernels.append(args[1])
            args = args[2:]
        else:
            runs = int(args[0])
            args = args[1:]
    kernels = kernels or [KERNEL]
    times = {kernel: [] for kernel in kernels}
    for i in range(runs):
        for kernel in kernels:
            t = one_run(kernel)
            times[kernel].append(t)
            print(f"run {i + 1:2d} {kernel}: {t:.2f} s (load average {os.getloadavg()[0]:.2f})", flush=True)
    met = True
    for kernel in kernels:
        median = statistics.median(times[kernel])
        verdict = ""
        if kernel == KERNEL:
            met = median <= TARGET_SECONDS
            verdict = f"; target <= {TARGET_SECONDS:.1f} s: {'met' if met else 'MISSED'}"
        print(f"{kernel}: kernel start to first cell result: median {median:.2f} s of {runs} "
              f"(min {min(times[kernel]):.2f}, max {max(times[kernel]):.2f}){verdict}")
    print("load average (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg())
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
