"""Runs students' copies of the kit's notebooks for grading (./kit grade; the Java side, esp32ota.grade, reads the
results). Nothing in a student's folder is written: each notebook is read, executed in a fresh kernel with a time
limit per cell, and the executed copy is written under OUT; a cell that fails does not stop the notebook (the error is
kept in its outputs), a cell that times out or kills the kernel ends that notebook there, with an error output
(TimeoutError, DeadKernelError) in that cell.

Usage:
  grade_notebooks.py OUT KERNEL TIMEOUT TEACHER_DIR NAMES STUDENT=DIR…
writes
  OUT/pristine/NB.ipynb            the student version of each teacher notebook named in NAMES (comma-separated file
                                   names, e.g. 00-start-here.ipynb), what a student who changed nothing has
  OUT/students/STUDENT/NB.ipynb    each of those notebooks the student's DIR holds, executed (cwd: that folder)
  OUT/students/STUDENT/NB.ipynb.error   instead, when the student's file could not be run (not a notebook): why
  OUT/students/sample-images       a link to the kit's samples (the notebooks read ../sample-images)
Progress goes to stderr, one line per notebook. Exit status 0 when every notebook was run (its cells may have
failed), 2 for bad arguments."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import student_notebook  # noqa: E402

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: E402


def error_output(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=["%s: %s" % (ename, evalue)])


def execute(source_path, target_path, kernel, timeout):
    """Executes the notebook at source_path (only read) into target_path, its cells in order in one fresh kernel."""
    with open(source_path, encoding="utf-8") as f:
        nb = nbformat.read(f, as_version=4)
    cwd = os.path.dirname(target_path)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=120, allow_errors=True,
                            record_timing=False, resources={"metadata": {"path": cwd}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                cell.outputs.append(error_output("TimeoutError", "the cell did not finish in %d s" % timeout))
                break
            except DeadKernelError:
                cell.outputs.append(error_output("DeadKernelError", "the kernel died while running this cell"))
                break
    with open(target_path + ".tmp", "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    os.replace(target_path + ".tmp", target_path)


def link_samples(folder, samples):
    link = os.path.join(folder, "sample-images")
    if os.path.islink(link):
        os.remove(link)
    if not os.path.exists(link):
        os.symlink(samples, link)


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    out, kernel, timeout, teacher_dir, names = argv[0], argv[1], int(argv[2]), argv[3], argv[4].split(",")
    students = [a.split("=", 1) for a in argv[5:]]
    samples = os.path.join(os.path.dirname(os.path.abspath(teacher_dir)), "sample-images")
    pristine = os.path.join(out, "pristine")
    os.makedirs(pristine, exist_ok=True)
    for name in names:
        with open(os.path.join(teacher_dir, name), encoding="utf-8") as f:
            student = student_notebook.student_version(json.load(f))
        student_notebook.write(os.path.join(pristine, name), student_notebook.dumps(student))
    os.makedirs(os.path.join(out, "students"), exist_ok=True)
    link_samples(os.path.join(out, "students"), samples)
    for student, folder in students:
        target_dir = os.path.join(out, "students", student)
        os.makedirs(target_dir, exist_ok=True)
        for name in names:
            target = os.path.join(target_dir, name)
            for old in (target, target + ".error"):     # a copy from an earlier run must not be graded again
                if os.path.exists(old):
                    os.remove(old)
            source = os.path.join(folder, name)
            if not os.path.isfile(source):
                print("  %-16s %-32s missing" % (student, name), file=sys.stderr)
                continue
            start = time.monotonic()
            try:
                execute(source, target, kernel, timeout)
            except (ValueError, OSError, nbformat.ValidationError) as e:   # not JSON, not a notebook, unreadable
                with open(target + ".error", "w", encoding="utf-8") as f:
                    f.write("could not run %s: %s\n" % (name, str(e).splitlines()[0] if str(e) else type(e).__name__))
                print("  %-16s %-32s could not be run: %s" % (student, name, e), file=sys.stderr)
                continue
            print("  %-16s %-32s ran in %.1f s" % (student, name, time.monotonic() - start), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
