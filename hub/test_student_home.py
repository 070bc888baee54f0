"""Unit tests of hub/student_home.py's rule for a student's copy (run by the hub stage of ./kit test, no hub
needed): copied at the first start, never overwritten, a newer template beside it in new/, a removed copy (the
teacher's reset) copied in again."""
import json
import logging
import os
import pwd
import shutil
import stat
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import student_home  # noqa: E402

LOG = logging.getLogger("test")


class DeliverNotebooks(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.templates = os.path.join(self.dir, "templates")
        self.samples = os.path.join(self.dir, "samples")
        home = os.path.join(self.dir, "home")
        for d in (self.templates, self.samples, home):
            os.makedirs(d)
        me = pwd.getpwuid(os.getuid())
        self.entry = pwd.struct_passwd((me.pw_name, me.pw_passwd, me.pw_uid, me.pw_gid, me.pw_gecos, home, me.pw_shell))
        self.mine = os.path.join(home, "notebooks")
        self.template("00-a.ipynb", "version 1 of a")
        self.template("01-b.ipynb", "version 1 of b")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def template(self, name, text):
        with open(os.path.join(self.templates, name), "w") as f:
            f.write(text)

    def deliver(self):
        student_home.deliver_notebooks(self.entry, self.templates, self.samples, LOG)

    def read(self, *path):
        with open(os.path.join(self.mine, *path)) as f:
            return f.read()

    def test_first_start_copies_every_notebook_private_with_the_samples_beside(self):
        self.deliver()
        self.assertEqual("version 1 of a", self.read("00-a.ipynb"))
        self.assertEqual("version 1 of b", self.read("01-b.ipynb"))
        self.assertEqual(0o600, stat.S_IMODE(os.stat(os.path.join(self.mine, "00-a.ipynb")).st_mode))
        self.assertEqual(self.samples, os.readlink(os.path.join(self.mine, "sample-images")))
        self.assertEqual(self.samples, os.readlink(os.path.join(self.entry.pw_dir, "sample-images")))
        self.assertFalse(os.path.exists(os.path.join(self.mine, "new")))
        self.assertEqual({"00-a.ipynb", "01-b.ipynb"}, set(json.loads(self.read(student_home.MANIFEST))))

    def test_a_copy_is_never_overwritten_and_a_new_version_goes_to_new(self):
        self.deliver()
        with open(os.path.join(self.mine, "00-a.ipynb"), "w") as f:
            f.write("the student's work")
        self.deliver()                                          # same templates: nothing changes
        self.assertEqual("the student's work", self.read("00-a.ipynb"))
        self.assertFalse(os.path.exists(os.path.join(self.mine, "new")))
        self.template("00-a.ipynb", "version 2 of a")
        self.deliver()
        self.assertEqual("the student's work", self.read("00-a.ipynb"))
        self.assertEqual("version 2 of a", self.read("new", "00-a.ipynb"))
        self.assertFalse(os.path.exists(os.path.join(self.mine, "new", "01-b.ipynb")))
        with open(os.path.join(self.mine, "new", "00-a.ipynb"), "w") as f:
            f.write("the student opened the new one")
        self.deliver()                                          # delivered once: not written again
        self.assertEqual("the student opened the new one", self.read("new", "00-a.ipynb"))

    def test_a_new_notebook_arrives_and_a_removed_copy_comes_back(self):
        self.deliver()
        self.template("02-c.ipynb", "version 1 of c")
        os.rename(os.path.join(self.mine, "01-b.ipynb"), os.path.join(self.mine, "01-b.reset.ipynb"))
        self.deliver()
        self.assertEqual("version 1 of c", self.read("02-c.ipynb"))
        self.assertEqual("version 1 of b", self.read("01-b.ipynb"))


class LinkIntoClass(unittest.TestCase):
    def test_the_class_folder_links_each_student_by_name_to_their_notebooks(self):
        with tempfile.TemporaryDirectory() as d:
            me = pwd.getpwuid(os.getuid())
            entry = pwd.struct_passwd(("ana", "x", me.pw_uid, me.pw_gid, "", os.path.join(d, "home-ana"), "/bin/sh"))
            class_dir = os.path.join(d, "class")
            student_home.link_into_class(entry, class_dir)
            student_home.link_into_class(entry, class_dir)          # again: unchanged
            self.assertEqual(["ana"], os.listdir(class_dir))
            self.assertEqual(os.path.join(d, "home-ana", "notebooks"), os.readlink(os.path.join(class_dir, "ana")))


class EnsureAccount(unittest.TestCase):
    def test_a_system_account_is_refused(self):
        with self.assertRaisesRegex(RuntimeError, "system account"):
            student_home.ensure_account("daemon", LOG)


if __name__ == "__main__":
    unittest.main()
