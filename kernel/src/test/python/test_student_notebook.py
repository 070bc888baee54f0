"""student_notebook.py: solutions out, placeholders in, outputs of exercises gone, check cells left out, and
./kit lab's copies never overwrite a student's edits."""
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
import student_notebook  # noqa: E402


def code(source, tags=(), outputs=None):
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)}, "execution_count": 3,
            "outputs": outputs if outputs is not None else [{"output_type": "stream", "name": "stdout", "text": "x"}]}


def markdown(source):
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def teacher(*cells):
    return {"cells": list(cells), "metadata": {"kernelspec": {"name": "esp32ota-java"}}, "nbformat": 4,
            "nbformat_minor": 5}


ANSWER = ("long freeBytes = 0;                    // your answer\n"
          "// BEGIN SOLUTION\n"
          "freeBytes = (4L << 20) - table.flashEnd();\n"
          "// END SOLUTION\n")
CHECK = 'Exercise.checkEquals("00-free-flash", (4L << 20) - table.flashEnd(), freeBytes, "free = size - end")'


class StudentVersionTests(unittest.TestCase):
    def setUp(self):
        self.teacher = teacher(markdown("# t"), code("var table = 1;"), code(ANSWER),
                               code(CHECK, ["exercise:00-free-flash"]), code("assert table != null;", ["check"]),
                               code("    if (x) {\n        // BEGIN SOLUTION\n        y = 1;\n        // END SOLUTION\n    }"),
                               markdown("Why?\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"))
        self.student = student_notebook.student_version(self.teacher)

    def test_a_solution_becomes_the_placeholder_and_the_declaration_stays(self):
        self.assertEqual("long freeBytes = 0;                    // your answer\n// YOUR CODE HERE\n",
                         self.student["cells"][2]["source"])

    def test_the_placeholder_keeps_the_indentation_and_a_block_at_the_end_of_a_markdown_cell(self):
        self.assertEqual("    if (x) {\n        // YOUR CODE HERE\n    }", self.student["cells"][4]["source"])
        self.assertEqual("Why?\n*Your answer here.*", self.student["cells"][5]["source"])

    def test_solution_and_exercise_cells_lose_their_outputs_and_the_rest_keep_them(self):
        cells = self.student["cells"]
        self.assertEqual([[], []], [cells[2]["outputs"], cells[3]["outputs"]])
        self.assertEqual([None, None], [cells[2]["execution_count"], cells[3]["execution_count"]])
        self.assertEqual(self.teacher["cells"][1]["outputs"], cells[1]["outputs"])
        self.assertEqual(3, cells[1]["execution_count"])

    def test_check_cells_are_left_out_and_the_check_cell_is_unchanged(self):
        sources = [student_notebook.source_of(c) for c in self.student["cells"]]
        self.assertNotIn("assert table != null;", sources)
        self.assertEqual(6, len(sources))
        self.assertEqual(CHECK, sources[3])

    def test_the_student_version_says_so_and_the_teachers_is_untouched(self):
        self.assertTrue(student_notebook.is_student_version(self.student))
        self.assertFalse(student_notebook.is_student_version(self.teacher))
        self.assertIn("BEGIN SOLUTION", self.teacher["cells"][2]["source"])
        self.assertEqual(7, len(self.teacher["cells"]))

    def test_no_solution_text_is_left_anywhere(self):
        text = json.dumps(self.student)
        for word in ("SOLUTION", "flashEnd();\\n", "Because."):
            self.assertNotIn(word, text.replace(CHECK.replace('"', '\\"'), ""))

    def test_the_words_outside_a_marker_line_are_just_words(self):
        prose = teacher(markdown("Solutions sit between `// BEGIN SOLUTION` and `// END SOLUTION`."),
                        code('System.out.println("BEGIN SOLUTION");  // END SOLUTION is not at the start'),
                        markdown("// BEGIN SOLUTION is code's marker, not markdown's"))
        self.assertEqual(prose["cells"], student_notebook.student_version(prose)["cells"])

    def test_broken_markers_and_ids_are_refused(self):
        for cells, message in [
            ((code("// BEGIN SOLUTION\nx = 1;"),), "cell 1: 'BEGIN SOLUTION' without 'END SOLUTION'"),
            ((code("x = 1;\n// END SOLUTION"),), "cell 1: 'END SOLUTION' without 'BEGIN SOLUTION'"),
            ((code("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"),), "cell 1: 'BEGIN SOLUTION' inside a solution block"),
            ((code(CHECK, ["exercise:free flash"]),), "cell 1: exercise id 'free flash' is not NN-words-with-dashes"),
            ((code(CHECK, ["exercise:00-a"]), code(CHECK, ["exercise:00-a"])), "cell 2: exercise id '00-a' is used by cell 1 already"),
            ((code(CHECK, ["exercise:00-a", "check"]),), "cell 1: a cell is either a check or an exercise check, not both"),
        ]:
            with self.assertRaises(student_notebook.NotebookError) as caught:
                student_notebook.student_version(teacher(*cells))
            self.assertEqual(message, str(caught.exception))


class WritingTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.teachers = os.path.join(self.dir, "notebooks")
        self.out = os.path.join(self.dir, "student")
        os.makedirs(self.teachers)
        self.nb = os.path.join(self.teachers, "00-t.ipynb")
        self.save_teacher("freeBytes = 1;")
        self.addCleanup(shutil.rmtree, self.dir)

    def save_teacher(self, solution):
        nb = teacher(code(ANSWER.replace("freeBytes = (4L << 20) - table.flashEnd();", solution)))
        with open(self.nb, "w", encoding="utf-8") as f:
            json.dump(nb, f)

    def student_text(self, name="00-t.ipynb"):
        with open(os.path.join(self.out, name), encoding="utf-8") as f:
            return f.read()

    def lab(self):
        self.assertEqual(0, student_notebook.main(["--keep-edits", self.out, self.nb]))

    def test_hand_out_writes_every_student_version(self):
        self.assertEqual(0, student_notebook.main([self.out, self.nb]))
        self.assertIn("// YOUR CODE HERE", self.student_text())
        self.assertNotIn("freeBytes = 1;", self.student_text())

    def test_it_refuses_to_write_over_the_teachers_notebooks(self):
        self.assertEqual(2, student_notebook.main([self.teachers, self.nb]))
        with open(self.nb, encoding="utf-8") as f:
            self.assertIn("BEGIN SOLUTION", f.read())

    def test_a_broken_notebook_writes_nothing(self):
        with open(self.nb, "w", encoding="utf-8") as f:
            json.dump(teacher(code("// BEGIN SOLUTION")), f)
        self.assertEqual(2, student_notebook.main([self.out, self.nb]))
        self.assertFalse(os.path.exists(self.out))

    def test_lab_regenerates_an_untouched_copy_when_the_teachers_notebook_changes(self):
        self.lab()
        first = self.student_text()
        self.save_teacher("freeBytes = 2;")
        with open(self.nb, encoding="utf-8") as f:
            changed = json.load(f)
        changed["cells"].append(markdown("## new section"))
        with open(self.nb, "w", encoding="utf-8") as f:
            json.dump(changed, f)
        self.lab()
        self.assertNotEqual(first, self.student_text())
        self.assertIn("## new section", self.student_text())
        self.assertFalse(os.path.exists(os.path.join(self.out, "00-t.new.ipynb")))

    def test_lab_keeps_a_students_edits_and_writes_the_new_version_beside_them(self):
        self.lab()
        edited = self.student_text().replace("// YOUR CODE HERE", "freeBytes = 42;")
        with open(os.path.join(self.out, "00-t.ipynb"), "w", encoding="utf-8") as f:
            f.write(edited)
        self.lab()                                                    # teacher unchanged: nothing happens
        self.assertEqual(edited, self.student_text())
        self.assertFalse(os.path.exists(os.path.join(self.out, "00-t.new.ipynb")))
        with open(self.nb, encoding="utf-8") as f:
            changed = json.load(f)
        changed["cells"].append(markdown("## new section"))
        with open(self.nb, "w", encoding="utf-8") as f:
            json.dump(changed, f)
        self.lab()
        self.assertEqual(edited, self.student_text())
        self.assertIn("## new section", self.student_text("00-t.new.ipynb"))

    def test_lab_brings_back_a_deleted_copy(self):
        self.lab()
        os.remove(os.path.join(self.out, "00-t.ipynb"))
        self.lab()
        self.assertIn("// YOUR CODE HERE", self.student_text())


if __name__ == "__main__":
    unittest.main()
