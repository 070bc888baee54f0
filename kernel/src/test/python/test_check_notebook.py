"""check_notebook.py: cells tagged raises-exception must fail, with the error their `// throws:` comment names;
exercise check cells must say solved in the teacher's version and not yet in the student's."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
import check_notebook  # noqa: E402


def cell(source, tags=(), error=None):
    outputs = [] if error is None else [{"output_type": "error", "ename": error[0], "evalue": error[1], "traceback": []}]
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)}, "outputs": outputs}


def notebook(*cells, student=False):
    nb = {"cells": [{"cell_type": "markdown", "source": "# t", "metadata": {}}] + list(cells), "metadata": {}}
    if student:
        nb["metadata"]["esp32ota"] = {"version": "student"}
    return nb


def shown(text):
    """A cell output as the kernel writes it for an Outcome (text/plain plus HTML)."""
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/plain": text, "text/html": "<div>" + text + "</div>"}}


def exercise(ident, *lines, tag=None):
    c = cell('Exercise.check("%s", freeBytes == expected, "free = size - end")' % ident,
             ["exercise:" + (tag or ident)])
    c["outputs"] = [shown(line) for line in lines]
    return c


BAD_MAGIC = ("DecodeException", "PartitionEntry.magic at 0x008040: bad magic (expected 0x50AA, got 0x00AA)")


class CheckNotebookTests(unittest.TestCase):
    def test_a_tagged_cell_that_fails_as_its_comment_says_passes(self):
        nb = notebook(cell("PartitionTable.decode(b, 0x8000)   // throws: DecodeException: PartitionEntry.magic at 0x008040",
                           ["raises-exception"], BAD_MAGIC))
        self.assertEqual([], check_notebook.problems(nb))

    def test_a_tagged_cell_without_a_comment_only_has_to_fail(self):
        self.assertEqual([], check_notebook.problems(notebook(cell(["x\n", "y"], ["raises-exception"], BAD_MAGIC))))

    def test_a_tagged_cell_that_does_not_fail_is_reported(self):
        nb = notebook(cell("1 + 1", []), cell("PartitionTable.decode(b, 0x8000)\n", ["raises-exception"]))
        self.assertEqual(["code cell 2 is tagged raises-exception but did not fail: PartitionTable.decode(b, 0x8000)"],
                         check_notebook.problems(nb))

    def test_a_different_error_is_reported(self):
        nb = notebook(cell("decode(b) // throws: DecodeException: Md5Row.digest at 0x0080D0", ["raises-exception"],
                           BAD_MAGIC))
        self.assertEqual(["code cell 1 should fail with 'DecodeException: Md5Row.digest at 0x0080D0' but failed with '"
                          + BAD_MAGIC[0] + ": " + BAD_MAGIC[1] + "'"], check_notebook.problems(nb))

    def test_jjavas_error_is_read_as_the_class_the_cell_threw(self):
        # As JJava 1.0-a7 sends it with the kit's extension: JShell's carrier in ename, the thrown class in the traceback.
        c = cell("PartitionTable.decode(damaged, 0x8000)  // throws: DecodeException: PartitionEntry.magic at 0x008040",
                 ["raises-exception"], ("EvalException", BAD_MAGIC[1]))
        c["outputs"][0]["traceback"] = [
            "\x1b[1m\x1b[31m-----------------------------------------\x1b[0m",
            "\x1b[39m\x1b[1m|   \x1b[1m\x1b[31mesp32ota.bytes.DecodeException: " + BAD_MAGIC[1] + "\x1b[0m",
            "\x1b[39m\x1b[1m|   \x1b[1m\x1b[31m\tat esp32ota.partition.PartitionEntry.decode(PartitionEntry.java:46)\x1b[0m"]
        self.assertEqual([], check_notebook.problems(notebook(c)))
        c["outputs"][0]["traceback"][1] = c["outputs"][0]["traceback"][1].replace("bytes.DecodeException", "Other")
        self.assertEqual(["code cell 1 should fail with 'DecodeException: PartitionEntry.magic at 0x008040' but failed "
                          "with 'Other: " + BAD_MAGIC[1] + "'"], check_notebook.problems(notebook(c)))

    def test_jjavas_wrapper_is_not_the_kits_exception(self):
        # JJava without the kit's extension: RuntimeException "esp32ota.bytes.DecodeException, message".
        nb = notebook(cell("decode(b) // throws: DecodeException: PartitionEntry.magic", ["raises-exception"],
                           ("RuntimeException", "esp32ota.bytes.DecodeException, " + BAD_MAGIC[1])))
        self.assertEqual(1, len(check_notebook.problems(nb)))

    def test_untagged_cells_are_not_its_business(self):
        self.assertEqual([], check_notebook.problems(notebook(cell("1", [], BAD_MAGIC), cell("2"))))



class ExerciseCheckTests(unittest.TestCase):
    SOLVED = "✔ solved (00-free-flash)"
    NOT_YET = "not yet: free = size - end (your answer: 0) (00-free-flash)"

    def test_the_teachers_version_passes_when_every_check_says_solved(self):
        self.assertEqual([], check_notebook.problems(notebook(exercise("00-free-flash", self.SOLVED))))

    def test_the_teachers_version_fails_on_a_check_that_says_not_yet(self):
        self.assertEqual(["exercise 00-free-flash (code cell 1) is not solved by the teacher's solution"],
                         check_notebook.problems(notebook(exercise("00-free-flash", self.NOT_YET))))

    def test_the_students_version_passes_when_every_check_says_not_yet(self):
        nb = notebook(exercise("00-free-flash", self.NOT_YET), student=True)
        self.assertEqual([], check_notebook.problems(nb))

    def test_the_students_version_fails_on_a_placeholder_that_solves_it(self):
        self.assertEqual(["exercise 00-free-flash (code cell 1) is solved in the student's version: its placeholder "
                          "gives the answer away"],
                         check_notebook.problems(notebook(exercise("00-free-flash", self.SOLVED), student=True)))

    def test_a_check_cell_without_an_outcome_is_reported_in_both_versions(self):
        for student in (False, True):
            self.assertEqual(['exercise 00-free-flash (code cell 1) shows no outcome: end the cell with '
                              'Exercise.check("00-free-flash", …)'],
                             check_notebook.problems(notebook(exercise("00-free-flash", "42"), student=student)))

    def test_an_outcome_of_another_exercise_is_reported(self):
        nb = notebook(exercise("01-md5-row", "✔ solved (01-md5-rows)"))
        self.assertEqual(["exercise 01-md5-row (code cell 1) shows no outcome: end the cell with "
                          'Exercise.check("01-md5-row", …)',
                          "code cell 1 shows the outcome of exercise 01-md5-rows but is tagged exercise:01-md5-row"],
                         check_notebook.problems(nb))

    def test_an_outcome_in_an_untagged_cell_is_reported(self):
        nb = notebook(cell("Exercise.check(…)", []))
        nb["cells"][1]["outputs"] = [shown(self.SOLVED)]
        self.assertEqual(["code cell 1 shows the outcome of exercise 00-free-flash but is not tagged "
                          "exercise:00-free-flash"], check_notebook.problems(nb))

    def test_a_hint_with_parentheses_still_names_its_exercise(self):
        nb = notebook(exercise("03-checksum-offset", "not yet: the last byte of a block (0x10) (03-checksum-offset)"),
                      student=True)
        self.assertEqual([], check_notebook.problems(nb))

    def test_a_broken_convention_in_the_teachers_version_is_reported(self):
        answer = cell("long freeBytes = 0;\n// BEGIN SOLUTION\nfreeBytes = 1;\n")
        nb = notebook(answer, exercise("00-free-flash", self.SOLVED), exercise("00-free-flash", self.SOLVED))
        self.assertEqual(["cell 2: 'BEGIN SOLUTION' without 'END SOLUTION'",
                          "cell 4: exercise id '00-free-flash' is used by cell 3 already"],
                         check_notebook.problems(nb))


if __name__ == "__main__":
    unittest.main()
