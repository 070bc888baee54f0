"""check_notebook.py: cells tagged raises-exception must fail, with the error their `// throws:` comment names."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
import check_notebook  # noqa: E402


def cell(source, tags=(), error=None):
    outputs = [] if error is None else [{"output_type": "error", "ename": error[0], "evalue": error[1], "traceback": []}]
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)}, "outputs": outputs}


def notebook(*cells):
    return {"cells": [{"cell_type": "markdown", "source": "# t", "metadata": {}}] + list(cells)}


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

    def test_untagged_cells_are_not_its_business(self):
        self.assertEqual([], check_notebook.problems(notebook(cell("1", [], BAD_MAGIC), cell("2"))))


if __name__ == "__main__":
    unittest.main()
