"""The hub stage of `./kit test` (the kit starts the hub, then this script, then grades): three students log in,
their servers start through the hub's REST API, each runs notebook 00 through the hub over the kernel's websocket
with one exercise solved, one wrong and one untouched (a different one each, so that a mix-up between students
shows), saves it into their own copy; then isolation is checked (another student's server, another student's home).

Usage: test_hub.py URL ADMIN_TOKEN USERS_FILE TEACHER_NB OUT
Writes OUT/expected.json: {student: {exercise id: "solved" | "wrong" | "not attempted"}}. Exit status 1 with one line
per failed check."""
import asyncio
import json
import os
import pwd
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hub_client  # noqa: E402
from hub_client import Hub, HubError, Student, source_of, text_of  # noqa: E402
from user_list import read_user_list  # noqa: E402

NOTEBOOK = "notebooks/00-start-here.ipynb"
KERNEL = "esp32ota-java"
CELL_TIMEOUT = 180
PLACEHOLDER = "// YOUR CODE HERE"
# A wrong answer a student could type, per exercise of notebook 00 (the right ones come from the teacher's version).
WRONG = {
    "00-free-flash": "freeBytes = 4L * 1024 * 1024;",
    "00-smallest-partition": 'smallest = "factory";',
    "00-bad-magic": "badMagicAt = 0x8000;",
}
STATES = ("solved", "wrong", "not attempted")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("  FAILED: " + message, file=sys.stderr)
    return condition


def exercise_of(cell):
    tags = cell.get("metadata", {}).get("tags", [])
    return next((t[len("exercise:"):] for t in tags if t.startswith("exercise:")), None)


def solutions(teacher_nb):
    """{exercise id: the solution lines} from the teacher's version: the answer cell is the one before the check."""
    cells, found = teacher_nb["cells"], {}
    for i, cell in enumerate(cells):
        ex = exercise_of(cell)
        if ex:
            source = source_of(cells[i - 1])
            body = source.split("// BEGIN SOLUTION\n", 1)[1].split("// END SOLUTION", 1)[0]
            found[ex] = body.rstrip("\n")
    return found


def answer(nb, plan, right):
    """The student's notebook with each exercise's answer cell edited as the plan says."""
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        ex = exercise_of(cell)
        if not ex or plan[ex] == "not attempted":
            continue
        target = cells[i - 1]
        source = source_of(target)
        assert PLACEHOLDER in source, "no placeholder in the answer cell of %s" % ex
        target["source"] = source.replace(PLACEHOLDER, right[ex] if plan[ex] == "solved" else WRONG[ex])
    return nb


def outcomes(nb):
    """{exercise id: the check cell's text}."""
    return {exercise_of(c): text_of(c.get("outputs", [])) for c in nb["cells"] if exercise_of(c)}


async def student_run(hub, name, plan, right):
    me = Student(hub, name)
    nb = await me.read_notebook(NOTEBOOK)
    check(nb.get("metadata", {}).get("esp32ota", {}).get("version") == "student",
          "%s's copy of %s is not the student version" % (name, NOTEBOOK))
    shown = [c for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs")]
    check(shown and all(c.get("metadata", {}).get("trusted") for c in shown),
          "%s's copy of %s is not trusted (its stored HTML outputs would lose their styles)" % (name, NOTEBOOK))
    answer(nb, plan, right)
    kernel = await me.start_kernel(KERNEL, NOTEBOOK)
    await kernel.connect()
    try:
        errors = await hub_client.run_notebook(kernel, nb, CELL_TIMEOUT)
        check(not errors, "%s: cells failed: %s" % (name, errors))
        for ex, text in outcomes(nb).items():
            want = "✔ solved (%s)" % ex if plan[ex] == "solved" else "not yet:"
            check(want in text, "%s: the check of %s (%s) shows %r" % (name, ex, plan[ex], text[:200]))
        await me.save_notebook(NOTEBOOK, nb)
        return kernel
    except Exception:
        kernel.close()
        raise


def limits_of_kernel(name):
    """The student's kernel runs at nice 10 and, where the machine has cgroups the hub could write, in the
    student's own cgroup."""
    uid = pwd.getpwnam(name).pw_uid
    kernels, servers = [], []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat("/proc/" + pid).st_uid != uid:
                continue
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmdline = f.read()
            if b"esp32ota.kernel.KitKernel" in cmdline:
                kernels.append(pid)
            elif b"jupyterhub-singleuser" in cmdline:
                servers.append(cmdline)
        except OSError:
            continue
    check(servers and all(b"--MappingKernelManager.kernel_info_timeout=300" in c for c in servers),
          "%s's notebook server does not wait 300 s for a busy kernel's first kernel_info: %s" % (name, servers))
    if not check(kernels, "no kernel process of %s found" % name):
        return
    for pid in kernels:
        with open("/proc/%s/stat" % pid) as f:
            nice = int(f.read().rsplit(")", 1)[1].split()[16])
        check(nice == 10, "%s's kernel (pid %s) runs at nice %d, not 10" % (name, pid, nice))
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            check(b"-Xmx" in f.read(), "%s's kernel (pid %s) has no heap cap (-Xmx)" % (name, pid))
        if os.path.isdir("/sys/fs/cgroup/cpu/esp32ota-kit") or os.path.isdir("/sys/fs/cgroup/esp32ota-kit"):
            with open("/proc/%s/cgroup" % pid) as f:
                groups = f.read()
            check("esp32ota-kit/%s" % name in groups, "%s's kernel is not in its cgroup: %s" % (name, groups[:300]))


async def isolation(hub, names, kernel_of_first):
    a, b = names[0], names[1]
    a_token = await hub.user_token(a)
    as_a = Student(hub, a, token=a_token)
    code, _ = await as_a.get("/api/contents/notebooks", ok=None)
    check(code == 200, "%s's own token cannot list %s's notebooks (HTTP %d)" % (a, a, code))
    code, _ = await hub.request("GET", "/user/%s/api/contents/notebooks" % b, token=a_token, ok=None)
    check(code in (302, 403, 404), "%s's token reaches %s's server: HTTP %d" % (a, b, code))
    for path in ("../%s" % b, "..%%2F%s" % b, "%%2E%%2E/%s/notebooks" % b, "/home/%s" % b):
        code, body = await as_a.get("/api/contents/" + path, ok=None)
        check(code in (400, 403, 404), "%s's contents API reaches %s for %r: HTTP %d %s"
              % (a, b, path, code, str(body)[:120]))
    # The kernel runs as the student: the other home cannot even be listed.
    home_b = pwd.getpwnam(b).pw_dir
    outputs, _ = await kernel_of_first.execute(
        'try { java.nio.file.Files.list(java.nio.file.Path.of("%s")).count(); System.out.println("READABLE"); }'
        ' catch (java.io.IOException e) { System.out.println("refused: " + e); }' % home_b, 60)
    text = text_of(outputs)
    check("refused: java.nio.file.AccessDeniedException" in text,
          "%s's kernel lists %s's home: %r" % (a, b, text[:200]))
    # A runaway allocation ends in that kernel's heap cap (the kernelspec's -Xmx), and the kernel goes on.
    outputs, _ = await kernel_of_first.execute("long[] huge = new long[400_000_000];", 120)
    text = text_of(outputs)
    check("OutOfMemoryError" in text, "a 3.2 GB array did not hit the kernel's heap cap: %r" % text[:200])
    outputs, _ = await kernel_of_first.execute("6 * 7", 60)
    check("42" in text_of(outputs), "the kernel does not answer after the OutOfMemoryError: %r" % text_of(outputs))
    for name in names:
        limits_of_kernel(name)
        entry = pwd.getpwnam(name)
        mode = stat.S_IMODE(os.stat(entry.pw_dir).st_mode)
        check(mode == 0o700, "%s's home %s has mode %o, not 700" % (name, entry.pw_dir, mode))
        check(os.stat(entry.pw_dir).st_uid == entry.pw_uid, "%s does not own %s" % (name, entry.pw_dir))
        copy = os.path.join(entry.pw_dir, NOTEBOOK)
        check(os.stat(copy).st_uid == entry.pw_uid, "%s does not own their copy %s" % (name, copy))


async def main(url, token, users_file, teacher_nb, out):
    hub = Hub(url, token)
    await hub.wait_up(60)
    users = read_user_list(users_file)
    names = sorted(users)
    for name in names:
        check(await hub.login(name, users[name][0]), "%s cannot log in with their password" % name)
        check(not await hub.login(name, users[name][0] + "x"), "%s logs in with a wrong password" % name)
    print("  logins: %d students, right passwords accepted, wrong ones refused" % len(names), file=sys.stderr)
    await asyncio.gather(*(hub.start_server(name) for name in names))
    print("  servers started through the hub's API", file=sys.stderr)
    right = solutions(json.load(open(teacher_nb, encoding="utf-8")))
    ids = sorted(right)
    check(sorted(WRONG) == ids, "notebook 00's exercises are %s, the test knows %s" % (ids, sorted(WRONG)))
    plans = {name: {ex: STATES[(i + k) % 3] for k, ex in enumerate(ids)} for i, name in enumerate(names)}
    kernels = await asyncio.gather(*(student_run(hub, name, plans[name], right) for name in names))
    print("  notebook 00 run and saved for each through the hub's websocket", file=sys.stderr)
    await isolation(hub, names, kernels[0])
    print("  isolation: contents API, kernel, home modes; limits: heap cap, nice, cgroup", file=sys.stderr)
    for k in kernels:
        k.close()
    # A copy is never overwritten: a new start of the server keeps the student's answers.
    await hub.stop_server(names[0])
    await hub.wait_stopped(names[0])
    await hub.start_server(names[0])
    kept = await Student(hub, names[0]).read_notebook(NOTEBOOK)
    solved = [ex for ex in ids if plans[names[0]][ex] == "solved"][0]
    check(right[solved] in "".join(source_of(c) for c in kept["cells"]),
          "%s's answers are gone after the server restarted" % names[0])
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(plans, f, indent=2, sort_keys=True)
    await asyncio.gather(*(hub.stop_server(name) for name in names))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        asyncio.run(main(*sys.argv[1:]))
    except HubError as e:
        failures.append(str(e))
        print("  FAILED: %s" % e, file=sys.stderr)
    sys.exit(1 if failures else 0)
