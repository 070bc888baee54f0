"""Checks an executed notebook for what nbconvert does not:
- a cell tagged `raises-exception` must really fail (else a failure shown on purpose could silently stop failing),
  and when such a cell has a line comment `// throws: TEXT`, its error, read as "Name: message", must contain TEXT
  (Name: the simple name of the class the cell threw, in the kit's kernel and in JJava's, see `thrown`);
- a cell tagged `exercise:ID` must show the outcome line of exercise ID (esp32ota.lesson.Outcome): "✔ solved (ID)"
  in the teacher's version, "not yet: HINT (ID)" in the student's (metadata esp32ota.version = "student", written
  by student_notebook.py); an outcome line in a cell without that tag is a problem too, as is a broken convention
  (unbalanced solution markers, duplicate exercise ids).
Usage: check_notebook.py EXECUTED.ipynb…  (one line per problem on stderr, exit status 1 if any)"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import student_notebook  # noqa: E402

MARKER = "// throws:"
OUTCOME = re.compile(r"^(✔ solved|not yet: .*) \(([^()]*)\)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
THROWN_CLASS = re.compile(r"^[|\s]*((?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*))(?::|$)")
JSHELL_CARRIER = "EvalException"


def thrown(error):
    """An error output as "Name: message". The kit's kernel names the thrown class in `ename`. JJava's kernel, with
    the kit's extension (esp32ota.notebook.JJavaExceptions), sends JShell's carrier of a cell's exception: `ename`
    EvalException, `evalue` the thrown exception's message, and the thrown class named where the traceback starts
    ("esp32ota.bytes.DecodeException: …", as the notebook shows it); then Name is that class's simple name."""
    name, value = error.get("ename", ""), error.get("evalue", "")
    if name == JSHELL_CARRIER:
        for line in error.get("traceback", []):
            match = THROWN_CLASS.match(ANSI.sub("", line))
            if match and match.group(1) != "jdk.jshell." + JSHELL_CARRIER:
                name = match.group(2)
                break
    return "%s: %s" % (name, value)


def problems(nb):
    """The problems of one executed notebook (a dict as nbformat's JSON), as one line each."""
    found = []
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, 1):
        if "raises-exception" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        first = source.strip().splitlines()[0] if source.strip() else ""
        if not errors:
            found.append("code cell %d is tagged raises-exception but did not fail: %s" % (number, first))
            continue
        said = thrown(errors[0])
        for line in source.splitlines():
            if MARKER in line:
                want = line.split(MARKER, 1)[1].strip()
                if want not in said:
                    found.append("code cell %d should fail with '%s' but failed with '%s'" % (number, want, said))
    return found + exercise_problems(nb)


def outcomes(cell):
    """The exercise outcome lines a cell shows, as (solved, id) pairs."""
    found = []
    for output in cell.get("outputs", []):
        text = output.get("data", {}).get("text/plain", "")
        text = "".join(text) if isinstance(text, list) else text
        for line in text.splitlines():
            match = OUTCOME.match(line.strip())
            if match:
                found.append((match.group(1).startswith("✔"), match.group(2)))
    return found


def exercise_problems(nb):
    """Every exercise check cell must say solved (teacher's version) or not yet (student's), for its own id."""
    student = student_notebook.is_student_version(nb)
    found = [] if student else student_notebook.problems(nb)
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, 1):
        ids, shown = student_notebook.exercise_ids(cell), outcomes(cell)
        if not ids:
            for _, ident in shown:
                found.append("code cell %d shows the outcome of exercise %s but is not tagged exercise:%s"
                             % (number, ident, ident))
            continue
        for ident in ids:
            mine = [solved for solved, shown_id in shown if shown_id == ident]
            if not mine:
                found.append("exercise %s (code cell %d) shows no outcome: end the cell with Exercise.check(\"%s\", …)"
                             % (ident, number, ident))
            elif student and any(mine):
                found.append("exercise %s (code cell %d) is solved in the student's version: its placeholder gives the "
                             "answer away" % (ident, number))
            elif not student and not all(mine):
                found.append("exercise %s (code cell %d) is not solved by the teacher's solution" % (ident, number))
        for _, ident in shown:
            if ident not in ids:
                found.append("code cell %d shows the outcome of exercise %s but is tagged %s"
                             % (number, ident, ", ".join("exercise:" + i for i in ids)))
    return found


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for problem in problems(json.load(f)):
                print("%s: %s" % (path, problem), file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
