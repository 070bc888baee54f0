"""Writes a small class for testing ./kit grade: three students' folders with notebook 00, made from its student
version (student_notebook.py) the way students would edit it.
  alice   00-free-flash solved, 00-smallest-partition wrong ("ota_0" is not the smallest), 00-bad-magic untouched
  bob     00-free-flash does not compile, 00-smallest-partition throws, 00-bad-magic untouched
  carol   no notebook at all
Usage: example_class.py TEACHER_NOTEBOOK OUT   (OUT/alice/00-….ipynb, OUT/bob/…, OUT/carol/ empty)"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))
import student_notebook  # noqa: E402

ANSWERS = {
    "alice": {"long freeBytes = 0;": "freeBytes = 4L * 1024 * 1024 - table.flashEnd();",
              'String smallest = "";': 'smallest = "ota_0";'},
    "bob": {"long freeBytes = 0;": "freeBytes = table.sizeOfTheFreeSpace();",
            'String smallest = "";': "smallest = table.entries().get(99).name();"},
    "carol": None,
}


def answered(nb, answers):
    """The notebook with each answer written in place of the placeholder of the cell that declares its variable."""
    for cell in nb["cells"]:
        source = student_notebook.source_of(cell)
        for declaration, answer in answers.items():
            if cell["cell_type"] == "code" and source.startswith(declaration):
                cell["source"] = source.replace(student_notebook.CODE_PLACEHOLDER, answer)
    return nb


def main(teacher_path, out):
    with open(teacher_path, encoding="utf-8") as f:
        handed_out = student_notebook.dumps(student_notebook.student_version(json.load(f)))
    for student, answers in ANSWERS.items():
        folder = os.path.join(out, student)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, os.path.basename(teacher_path))
        if answers is None:
            if os.path.exists(path):
                os.remove(path)
            continue
        student_notebook.write(path, student_notebook.dumps(answered(json.loads(handed_out), answers)))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
