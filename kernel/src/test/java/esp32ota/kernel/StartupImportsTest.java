package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StartupImportsTest {
    @Test void importsEveryLibraryPackageButTheCli() {
        List<String> packages = esp32ota.notebook.StartupImports.libraryPackages(esp32ota.notebook.StartupImports.libraryLocation());
        assertTrue(packages.containsAll(List.of("esp32ota.bytes", "esp32ota.partition", "esp32ota.view", "esp32ota.boot",
                "esp32ota.ota")), packages.toString());
        assertFalse(packages.contains("esp32ota.cli"));
        assertEquals(packages.stream().sorted().toList(), packages);
    }

    @Test void linesAreImportsThenTheNotebookFunctionsThenAssertionsOn() {
        List<String> lines = StartupImports.lines();
        assertEquals("import java.io.*;", lines.get(0));
        assertTrue(lines.contains("import esp32ota.partition.*;"));
        assertTrue(lines.contains("import tech.tablesaw.api.*;"));
        assertEquals("import static esp32ota.kernel.Notebook.*;", lines.get(lines.size() - 3));
        assertEquals(esp32ota.notebook.StartupImports.ASSERTIONS_ON, lines.get(lines.size() - 2));
        assertEquals(esp32ota.notebook.StartupImports.ASSERTIONS_CHECKED, lines.get(lines.size() - 1));
    }
}
