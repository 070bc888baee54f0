"""Writes the student version of the kit's notebooks (the committed notebooks are the teacher's; notebooks/EXERCISES.md
has the convention, after nbgrader's markers):
- in a code cell, the lines from `// BEGIN SOLUTION` through `// END SOLUTION` become one `// YOUR CODE HERE` line
  (indented as the BEGIN line); in a markdown cell, `<!-- BEGIN SOLUTION -->` … `<!-- END SOLUTION -->` become
  `*Your answer here.*`;
- cells that held a solution and exercise check cells (tagged `exercise:ID`) lose their outputs;
- cells tagged `check` (regression guards, not part of the lesson) are left out;
- every other output is kept, and the notebook's metadata says `"esp32ota": {"version": "student"}`.

Usage:
  student_notebook.py OUT NB.ipynb…          write OUT/NB.ipynb for each (what a teacher hands out; overwrites)
  student_notebook.py --keep-edits OUT NB…   what ./kit lab does: write a notebook only if the teacher's version
                                             changed since it was last written there; a copy the student has edited
                                             since is kept, and the new version is written beside it as NB.new.ipynb
Exit status 2 with one line per problem (unbalanced markers, duplicate exercise ids) and nothing written."""
import copy
import hashlib
import json
import os
import re
import sys

BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
MARKER_OPENERS = {"code": "// ", "markdown": "<!-- "}     # a marker line starts with one of these, then BEGIN or END
CODE_PLACEHOLDER = "// YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
EXERCISE_TAG = "exercise:"
CHECK_TAG = "check"
ID_PATTERN = re.compile(r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")
MANIFEST = ".generated.json"


class NotebookError(Exception):
    """A notebook that breaks the convention; the message has one line per problem."""


def source_of(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def tags_of(cell):
    return cell.get("metadata", {}).get("tags", [])


def exercise_ids(cell):
    return [t[len(EXERCISE_TAG):] for t in tags_of(cell) if t.startswith(EXERCISE_TAG)]


def marker(line, cell_type):
    """BEGIN or END if the line is a solution marker in a cell of that type (`// BEGIN SOLUTION`,
    `<!-- END SOLUTION -->`), else None; the words anywhere else in a line are just words."""
    opener = MARKER_OPENERS.get(cell_type)
    text = line.strip()
    if opener is None or not text.startswith(opener):
        return None
    rest = text[len(opener):].lstrip()
    return BEGIN if rest.startswith(BEGIN) else END if rest.startswith(END) else None


def without_solutions(source, placeholder, cell_type="code"):
    """The source with each solution block replaced by the placeholder, and whether there was one.
    Raises ValueError for a block that is not closed, or an END without BEGIN."""
    out, inside, found = [], False, False
    for line in source.splitlines(keepends=True):
        kind = marker(line, cell_type)
        if kind == BEGIN:
            if inside:
                raise ValueError("'%s' inside a solution block" % BEGIN)
            inside, found = True, True
            indent = line[:len(line) - len(line.lstrip())]
            out.append(indent + placeholder + ("\n" if line.endswith("\n") else ""))
        elif kind == END:
            if not inside:
                raise ValueError("'%s' without '%s'" % (END, BEGIN))
            inside = False
            if not line.endswith("\n") and out and out[-1].endswith("\n"):
                out[-1] = out[-1][:-1]        # the block ended the cell: so does the placeholder
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("'%s' without '%s'" % (BEGIN, END))
    return "".join(out), found


def problems(nb):
    """What breaks the convention in a teacher's notebook, one line each."""
    found, seen = [], {}
    for number, cell in enumerate(nb.get("cells", []), 1):
        placeholder = CODE_PLACEHOLDER if cell.get("cell_type") == "code" else MARKDOWN_PLACEHOLDER
        try:
            without_solutions(source_of(cell), placeholder, cell.get("cell_type"))
        except ValueError as e:
            found.append("cell %d: %s" % (number, e))
        for ident in exercise_ids(cell):
            if cell.get("cell_type") != "code":
                found.append("cell %d: only a code cell can be an exercise check (%s)" % (number, ident))
            if not ID_PATTERN.match(ident):
                found.append("cell %d: exercise id '%s' is not NN-words-with-dashes" % (number, ident))
            if ident in seen:
                found.append("cell %d: exercise id '%s' is used by cell %d already" % (number, ident, seen[ident]))
            seen.setdefault(ident, number)
        if CHECK_TAG in tags_of(cell) and exercise_ids(cell):
            found.append("cell %d: a cell is either a check or an exercise check, not both" % number)
    return found


def student_version(nb):
    """The student's notebook made from the teacher's (a new dict; raises NotebookError if the convention is broken)."""
    found = problems(nb)
    if found:
        raise NotebookError("\n".join(found))
    student = copy.deepcopy(nb)
    cells = []
    for cell in student.get("cells", []):
        if CHECK_TAG in tags_of(cell):
            continue
        code = cell.get("cell_type") == "code"
        source, had_solution = without_solutions(source_of(cell), CODE_PLACEHOLDER if code else MARKDOWN_PLACEHOLDER,
                                                 cell.get("cell_type"))
        if had_solution:
            cell["source"] = source
        if code and (had_solution or exercise_ids(cell)):
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    student["cells"] = cells
    student.setdefault("metadata", {})["esp32ota"] = {"version": "student"}
    return student


def is_student_version(nb):
    return nb.get("metadata", {}).get("esp32ota", {}).get("version") == "student"


def dumps(nb):
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_of_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def keep_edits(out_dir, name, text, manifest):
    """Writes text as out_dir/name unless a student edited that file since the kit wrote it; manifest maps each name
    to the digest of what the kit last wrote. Returns what happened: written, unchanged, or kept (new version beside)."""
    path = os.path.join(out_dir, name)
    new = digest(text)
    last = manifest.get(name)
    if os.path.exists(path):
        current = digest_of_file(path)
        if last == new or current == new:
            manifest[name] = new
            return "unchanged"                         # (perhaps edited by the student: that is theirs)
        if current != last:                            # edited since the kit wrote it, or written by someone else
            beside = os.path.join(out_dir, name[:-len(".ipynb")] + ".new.ipynb")
            write(beside, text)
            manifest[name] = new
            return "kept the student's edits; the new version is %s" % os.path.basename(beside)
    write(path, text)
    manifest[name] = new
    return "written"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    keep = bool(argv) and argv[0] == "--keep-edits"
    if keep:
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, paths = argv[0], argv[1:]
    for path in paths:
        if os.path.abspath(os.path.dirname(path)) == os.path.abspath(out_dir):
            print("student_notebook.py: %s: the student version would overwrite the teacher's" % path, file=sys.stderr)
            return 2
    texts, failed = {}, False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            try:
                texts[os.path.basename(path)] = dumps(student_version(json.load(f)))
            except NotebookError as e:
                for line in str(e).splitlines():
                    print("%s: %s" % (path, line), file=sys.stderr)
                failed = True
    if failed:
        return 2
    os.makedirs(out_dir, exist_ok=True)
    manifest_path = os.path.join(out_dir, MANIFEST)
    manifest = {}
    if keep and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    for name, text in texts.items():
        if keep:
            what = keep_edits(out_dir, name, text, manifest)
            if what != "unchanged":
                print("%s: %s" % (name, what), file=sys.stderr)
        else:
            write(os.path.join(out_dir, name), text)
    if keep:
        write(manifest_path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
