"""`./kit bench hub`: N simulated students at once (default N = 5, 10, 20, 30) each log in, start their server through
the hub's REST API and run notebook 01 top to bottom in a kernel over the websocket, as a class does at the start of a
lesson. Per N: the time from login to the first cell's result (median, p95, max), to the whole notebook, the peak
memory (RSS from /proc) of one kernel and of everything the students run, the failures, and the load average.

Usage: bench_hub.py URL ADMIN_TOKEN USERS_FILE OUT_JSON N…
(the kit starts the hub with USERS_FILE listing at least max(N) students and removes the accounts afterwards)"""
import asyncio
import json
import os
import pwd
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hub_client  # noqa: E402
from hub_client import Hub, HubError, Student  # noqa: E402
from user_list import read_user_list  # noqa: E402

NOTEBOOK = "notebooks/01-partition-tables.ipynb"
KERNEL = "esp32ota-java"
CELL_TIMEOUT = 600
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def processes_of(uids):
    """{pid: (uid, is a kernel, RSS bytes)} of the processes the given users run."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/status" % entry) as f:
                status = f.read()
            uid = int(status.split("\nUid:", 1)[1].split()[0])
            if uid not in uids:
                continue
            with open("/proc/%s/statm" % entry) as f:
                rss = int(f.read().split()[1]) * PAGE
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                kernel = b"esp32ota.kernel.KitKernel" in f.read()
            found[int(entry)] = (uid, kernel, rss)
        except (OSError, IndexError, ValueError):
            continue
    return found


def cpu_seconds_of(name):
    """CPU time (user + system) the student's running processes have used: their server and kernel. Unlike the
    wall-clock times, it hardly depends on what else the machine runs."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return 0.0
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.stat("/proc/" + entry).st_uid != uid:
                continue
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])           # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return total / TICK


class MemorySampler:
    def __init__(self, uids):
        self.uids, self.kernel_peak, self.total_peak, self.running = uids, {}, 0, True

    async def run(self):
        while self.running:
            procs = processes_of(self.uids)
            self.total_peak = max(self.total_peak, sum(rss for _, _, rss in procs.values()))
            for pid, (_, kernel, rss) in procs.items():
                if kernel:
                    self.kernel_peak[pid] = max(self.kernel_peak.get(pid, 0), rss)
            await asyncio.sleep(0.5)


async def one_student(hub, name, password):
    """{first: s, whole: s} from login to the first cell's result and to the end of the notebook."""
    start = time.monotonic()
    if not await hub.login(name, password):
        raise HubError("%s could not log in" % name)
    await hub.start_server(name, seconds=600)
    me = Student(hub, name)
    nb = await me.read_notebook(NOTEBOOK)
    kernel = await me.start_kernel(KERNEL, NOTEBOOK)
    times = {"server": time.monotonic() - start}
    try:
        await kernel.connect()
        def first_result():
            times["first"] = time.monotonic() - start
            times["cpu_first"] = cpu_seconds_of(name)

        errors = await hub_client.run_notebook(kernel, nb, CELL_TIMEOUT, on_first_result=first_result)
        if errors:
            raise HubError("%s: cells failed: %s" % (name, errors[:2]))
    finally:
        kernel.close()
    times["whole"] = time.monotonic() - start
    times["cpu_whole"] = cpu_seconds_of(name)
    return times


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


async def round_of(hub, users, n):
    names = sorted(users)[:n]
    uids = set()
    for name in names:
        try:
            uids.add(pwd.getpwnam(name).pw_uid)
        except KeyError:
            pass                                 # made by the hub at the first start; the sampler looks again
    sampler = MemorySampler(uids)

    async def refresh_uids():
        while sampler.running:
            for name in names:
                try:
                    sampler.uids.add(pwd.getpwnam(name).pw_uid)
                except KeyError:
                    pass
            await asyncio.sleep(1)

    load_before = os.getloadavg()
    tasks = [asyncio.ensure_future(sampler.run()), asyncio.ensure_future(refresh_uids())]
    results = await asyncio.gather(*(one_student(hub, name, users[name][0]) for name in names), return_exceptions=True)
    sampler.running = False
    await asyncio.gather(*tasks)
    load_after = os.getloadavg()
    ok = [r for r in results if isinstance(r, dict)]
    failures = [str(r) for r in results if not isinstance(r, dict)]
    kernels = list(sampler.kernel_peak.values())
    row = {
        "students": n, "failures": len(failures), "failure_messages": failures[:5],
        "first_median_s": statistics.median(r["first"] for r in ok) if ok else None,
        "first_p95_s": percentile([r["first"] for r in ok], 95) if ok else None,
        "first_max_s": max(r["first"] for r in ok) if ok else None,
        "server_median_s": statistics.median(r["server"] for r in ok) if ok else None,
        "whole_median_s": statistics.median(r["whole"] for r in ok) if ok else None,
        "whole_max_s": max(r["whole"] for r in ok) if ok else None,
        "cpu_first_median_s": statistics.median(r["cpu_first"] for r in ok) if ok else None,
        "cpu_whole_median_s": statistics.median(r["cpu_whole"] for r in ok) if ok else None,
        "kernel_peak_rss_mb_median": statistics.median(kernels) / 2**20 if kernels else None,
        "kernel_peak_rss_mb_max": max(kernels) / 2**20 if kernels else None,
        "students_total_peak_rss_mb": sampler.total_peak / 2**20,
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
    }
    await asyncio.gather(*(hub.stop_server(name) for name in names))
    await asyncio.gather(*(hub.wait_stopped(name, 120) for name in names), return_exceptions=True)
    return row


def fmt(value, unit=""):
    return "-" if value is None else "%.1f%s" % (value, unit)


async def main(url, token, users_file, out, counts):
    hub = Hub(url, token)
    await hub.wait_up(60)
    users = read_user_list(users_file)
    rows = []
    print("%4s %6s %8s %8s %8s %9s %9s %8s %8s %9s %9s %10s  %s" % (
        "N", "failed", "1st med", "1st p95", "1st max", "server", "whole", "cpu 1st", "cpu all", "kernel", "kern max",
        "students", "load 1/5 min (before -> after)"))
    for n in counts:
        row = await round_of(hub, users, n)
        rows.append(row)
        print("%4d %6d %8s %8s %8s %9s %9s %8s %8s %9s %9s %10s  %.2f/%.2f -> %.2f/%.2f" % (
            n, row["failures"], fmt(row["first_median_s"], "s"), fmt(row["first_p95_s"], "s"),
            fmt(row["first_max_s"], "s"), fmt(row["server_median_s"], "s"), fmt(row["whole_median_s"], "s"),
            fmt(row["cpu_first_median_s"], "s"), fmt(row["cpu_whole_median_s"], "s"),
            fmt(row["kernel_peak_rss_mb_median"], "M"), fmt(row["kernel_peak_rss_mb_max"], "M"),
            fmt(row["students_total_peak_rss_mb"], "M"), row["load_before"][0], row["load_before"][1],
            row["load_after"][0], row["load_after"][1]), flush=True)
        for message in row["failure_messages"]:
            print("      failure: %s" % message[:300], flush=True)
        with open(out, "w") as f:
            json.dump({"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30, 1),
                       "rounds": rows}, f, indent=2)
    print("(1st: login to the first cell's result; server: login to a ready server; whole: login to the end of "
          "notebook 01; cpu 1st / cpu all: CPU seconds one student's server and kernel used until the first result / "
          "the end, median; kernel: peak RSS of one kernel, median and max; students: peak RSS of all the students' "
          "processes, servers and kernels; %d cores)" % os.cpu_count())
    cpu = [r["cpu_first_median_s"] for r in rows if r["cpu_first_median_s"]]
    if cpu:
        per_student = statistics.median(cpu)
        print("on an otherwise idle machine, a class starting at once gets its first results within 5 s up to about "
              "%d students (%d cores x 5 s / %.1f CPU s a student; the hub and proxy not counted)"
              % (int(os.cpu_count() * 5 / per_student), os.cpu_count(), per_student))


if __name__ == "__main__":
    if len(sys.argv) < 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], [int(n) for n in sys.argv[5:]]))
