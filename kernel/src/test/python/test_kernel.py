"""Conformance of the kit's Java kernel, driven over the Jupyter protocol.

JavaKernelTests runs every test of jupyter_kernel_test (kernel_info, stdout/stderr, error, execute_result,
display_data, completion, is_complete, pager, clear_output, history, inspect); KitKernelTests checks what the kit
adds: rich display, display updates, interrupt, magics, the preloaded library.

Run by `./kit test` as `/usr/bin/python3 -m unittest -v test_kernel` with the kernelspec installed under
JUPYTER_DATA_DIR (KERNEL names it; default esp32ota-java).
"""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("KERNEL", "esp32ota-java")


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".length()', "result": "3"},
        {"code": "List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": "display(new java.awt.image.BufferedImage(4, 4, 1));", "mime": "image/png"},
        {"code": "display(Bytes.of(0xAA, 0x50));", "mime": "text/plain"},
        {"code": 'display(Table.create("t", IntColumn.create("n", 1, 2)));', "mime": "text/html"},
    ]
    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "PartitionTable.deco", "matches": {"decode("}},
    ]
    complete_code_samples = ["int a = 1;", "int b = 2", 'System.out.println("x");\nint c = 3;', "class A {}"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int d = (1 +", "class B {"]
    invalid_code_samples = ["int e = 1 +* 2;", "}"]
    code_page_something = "PartitionTable?"
    code_clear_output = "clearOutput();"
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "System.out"


class KitKernelTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def run_cell(self, code, timeout=60):
        """Executes code; returns (reply content, [iopub messages of this cell except status/execute_input])."""
        msgs = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append)
        return reply["content"], [m for m in msgs if m["msg_type"] not in ("status", "execute_input")]

    def error_of(self, code, ename):
        """Runs a cell that must fail with ename; returns the error reply's content."""
        reply, _ = self.run_cell(code)
        self.assertEqual("error", reply["status"])
        self.assertEqual(ename, reply["ename"])
        return reply

    def outputs(self, msgs, kind):
        return [m["content"] for m in msgs if m["msg_type"] == kind]

    def test_library_is_imported_at_start(self):
        reply, msgs = self.run_cell('Bytes.fromHex("aa50").u16le(0)')
        self.assertEqual("ok", reply["status"])
        self.assertEqual("20650", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])

    def test_kernel_info_has_status_ok(self):
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=15)
        self.assertEqual("ok", reply["content"]["status"])
        self.assertEqual("java", reply["content"]["language_info"]["name"])

    def test_chart_is_displayed_as_png(self):
        reply, msgs = self.run_cell(
            'var c = new XYChartBuilder().width(640).height(360).title("t").build();\n'
            'c.addSeries("s", new double[] {1, 2}, new double[] {3, 4});\n'
            "display(c);")
        self.assertEqual("ok", reply["status"])
        data = self.outputs(msgs, "display_data")[0]["data"]
        self.assertTrue(data["image/png"].startswith("iVBORw0KGgo"))   # base64 of the PNG signature
        self.assertEqual('XYChart "t" (640×360)', data["text/plain"])

    def test_record_is_shown_as_html_field_table(self):
        reply, msgs = self.run_cell("new FieldSpan(\"PartitionEntry\", \"offset\", 0x8004, 4)")
        html = self.outputs(msgs, "execute_result")[0]["data"]["text/html"]
        self.assertIn("<b>FieldSpan</b>", html)
        self.assertIn("0x8004 = 32772", html)

    def test_display_can_be_updated_in_place(self):
        reply, msgs = self.run_cell('display("step 1", "progress");\nupdateDisplay("progress", "step 2");')
        self.assertEqual("ok", reply["status"])
        shown = self.outputs(msgs, "display_data")[0]
        updated = self.outputs(msgs, "update_display_data")[0]
        self.assertEqual("progress", shown["transient"]["display_id"])
        self.assertEqual("progress", updated["transient"]["display_id"])
        self.assertEqual("step 2", updated["data"]["text/plain"])

    def test_library_views_update_in_place_through_live_display(self):
        reply, msgs = self.run_cell('LiveDisplay.current().show("ota", "0 %");\n'
                                    'LiveDisplay.current().update("ota", "100 %");')
        self.assertEqual("ok", reply["status"])
        shown = self.outputs(msgs, "display_data")[0]
        updated = self.outputs(msgs, "update_display_data")[0]
        self.assertEqual("ota", shown["transient"]["display_id"])
        self.assertEqual("0 %", shown["data"]["text/plain"])
        self.assertEqual("ota", updated["transient"]["display_id"])
        self.assertEqual("100 %", updated["data"]["text/plain"])

    def test_compile_error_names_the_problem(self):
        reply = self.error_of("int x = \"text\";", "CompileError")
        self.assertIn("incompatible types", reply["evalue"])

    def test_decode_exception_arrives_with_its_message(self):
        reply = self.error_of("PartitionTable.decode(Bytes.filled(32, 0), 0x8000)", "DecodeException")
        self.assertIn("0x008000", reply["evalue"])

    def test_interrupt_stops_a_sleeping_cell_and_the_next_cell_runs(self):
        msg_id = self.kc.execute("Thread.sleep(60_000);")
        time.sleep(1.5)
        started = time.monotonic()
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=20)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("Interrupted", reply["content"]["ename"])
        reply, msgs = self.run_cell("1 + 1")
        self.assertEqual("2", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])

    def test_interrupt_stops_a_loop_that_ignores_interrupts(self):
        msg_id = self.kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(1.5)
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=20)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertEqual("Interrupted", reply["content"]["ename"])
        time.sleep(1.5)   # the grace period before Thread.stop, and then some
        # No worker thread still spinning: the only runnable "cell" thread is the one running this check.
        reply, msgs = self.run_cell('Thread.getAllStackTraces().keySet().stream()'
                                    '.filter(t -> t.getName().equals("cell") && t.getState() == Thread.State.RUNNABLE).count()')
        self.assertEqual("1", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])

    def test_classpath_magic_adds_a_folder(self):
        # A class folder made here: compile kit.probe.Greeter with javac, add the folder, call the class.
        folder = tempfile.mkdtemp(prefix="kit-cp-")
        src = os.path.join(folder, "Greeter.java")
        with open(src, "w") as f:
            f.write('package kit.probe; public class Greeter { public static String hi() { return "hi"; } }')
        subprocess.run(["javac", "-d", folder, src], check=True)
        reply, msgs = self.run_cell("%classpath " + folder + "\nkit.probe.Greeter.hi()")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual("hi", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])
        self.assertIn("added to the class path", "".join(s["text"] for s in self.outputs(msgs, "stream")))

    def test_maven_magic_resolves_an_artifact(self):
        # apiguardian-api is in the local repository after any build of the kit (JUnit uses it), so this
        # needs no network; it is not on the kernel's class path before the magic.
        self.error_of("Class.forName(\"org.apiguardian.api.API\")", "ClassNotFoundException")
        reply, msgs = self.run_cell("%maven org.apiguardian:apiguardian-api:1.1.2\norg.apiguardian.api.API.Status.STABLE",
                                    timeout=180)
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual("STABLE", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])

    def test_assert_statements_are_checked(self):
        # kernel.json starts the JVM with -ea: notebook cells assert what they show.
        reply = self.error_of('assert 1 + 1 == 3 : "arithmetic";', "AssertionError")
        self.assertEqual("arithmetic", reply["evalue"])

    def test_unknown_magic_is_a_clear_error(self):
        reply = self.error_of("%frobnicate x", "MagicError")
        self.assertIn("%frobnicate is not a magic here", reply["evalue"])

    def test_load_magic_runs_a_file(self):
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "kit_load_test.jsh")
        with open(path, "w") as f:
            f.write("int loadedValue = 41;\nloadedValue++;\n")
        reply, msgs = self.run_cell("%load " + path + "\nloadedValue")
        self.assertEqual("42", self.outputs(msgs, "execute_result")[0]["data"]["text/plain"])

    def test_inspect_gives_signature_and_first_javadoc_sentence(self):
        code = "PartitionTable.decode"
        self.kc.inspect(code, len(code))
        reply = self.kc.get_shell_msg(timeout=15)
        text = reply["content"]["data"]["text/plain"]
        self.assertIn("PartitionTable.decode(Bytes data, long address)", text)
        # the first sentence of the method's Javadoc in lib/src/main/java/esp32ota/partition/PartitionTable.java
        self.assertIn("Decodes a binary table the way gen_esp32part does with MD5 checking on (its default).", text)
        self.assertTrue(reply["content"]["found"])

    def test_inspect_of_a_jdk_method_uses_the_jdk_javadoc(self):
        code = "Math.abs("
        self.kc.inspect(code, len(code))
        text = self.kc.get_shell_msg(timeout=15)["content"]["data"]["text/plain"]
        self.assertIn("int Math.abs(int a)", text)
        # JShell reads the JDK's Javadoc from lib/src.zip, which Debian ships in openjdk-17-source (not installed
        # by the kit); with it, the first sentence follows the signature.
        src_zip = os.path.join(os.path.dirname(os.path.realpath(shutil.which("java"))), "..", "lib", "src.zip")
        if os.path.exists(src_zip):
            self.assertIn("Returns the absolute value of an int value.", text)

    def test_is_complete_ignores_magic_lines(self):
        self.kc.is_complete("%maven a:b:1\nint z = 1;")
        self.assertEqual("complete", self.kc.get_shell_msg(timeout=15)["content"]["status"])


if __name__ == "__main__":
    unittest.main()
