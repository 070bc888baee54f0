package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.describe.EsptoolReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The differential sweep against the real esptool v4.12.0: several thousand corner images built with
 * {@link ImageBuilder} (every chip, every chip id byte, every flash size/speed byte and mode, reserved bytes, pins,
 * revisions, hash byte, entry points, segments at every memory-map boundary, descriptors, truncations, byte flips,
 * Intel HEX variants) are written to a folder, {@code src/test/scripts/esptool_oracle.py} runs esptool's
 * {@code image_info --version 2} on each, and {@link EsptoolReport#render} must print the same text with the same exit
 * status (2 where esptool crashes with a traceback).
 *
 * <p>A test mode, skipped unless esptool is given (it is not part of this repository):
 * <pre>
 * git -C esptool-mirror archive v4.12.0 | tar -x -C /tmp/esptool      # github.com/espressif/esptool, e6ce5c41
 * mvn -o -pl lib test -Dtest=EsptoolSweepTest -Desptool.home=/tmp/esptool
 * </pre>
 * Interesting cases found here are frozen in {@link EsptoolOracleCasesTest}.
 */
class EsptoolSweepTest {
    @TempDir Path dir;

    @Test
    void silentAgainstRealEsptool() throws Exception {
        Map<String, Bytes> cases = corpus();
        Map<String, String> esptool = runEsptool(cases);
        List<String> differ = new ArrayList<>();
        for (var e : cases.entrySet()) {
            String got = esptool.get(e.getKey());
            int status = Integer.parseInt(got.substring(0, got.indexOf('\n')));
            String text = got.substring(got.indexOf('\n') + 1);
            EsptoolReport.Result r = EsptoolReport.render(e.getValue());
            if (!r.text().equals(text) || r.exitStatus() != (status == 1 ? 2 : status)
                    || r.kitError().isPresent() != (status == 1)) {
                differ.add(e.getKey() + "\n" + firstDifference(text, status, r));
            }
        }
        System.out.printf("esptool sweep: %d images, %d differ%n", cases.size(), differ.size());
        differ.stream().limit(40).forEach(System.out::println);
        assertEquals(List.of(), differ.stream().map(d -> d.substring(0, d.indexOf('\n'))).toList());
    }

    /**
     * With {@code -Desptool.freeze=true}: writes the real esptool's answers for {@link EsptoolOracleCasesTest#cases()}
     * into src/test/resources/esptool-oracle/ ({@code <case>.txt}, {@code <case>.exit}).
     */
    @Test
    void freezeOracleCases() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("esptool.freeze"), "set -Desptool.freeze=true to rewrite the cases");
        Path target = Path.of("src/test/resources/esptool-oracle");
        for (var e : runEsptool(EsptoolOracleCasesTest.cases()).entrySet()) {
            String got = e.getValue();
            Files.writeString(target.resolve(e.getKey() + ".exit"), got.substring(0, got.indexOf('\n') + 1));
            Files.writeString(target.resolve(e.getKey() + ".txt"), got.substring(got.indexOf('\n') + 1));
        }
    }

    /** esptool's exit status (first line) and output after its banner, per case, from esptool_oracle.py. */
    private Map<String, String> runEsptool(Map<String, Bytes> cases) throws Exception {
        String home = System.getProperty("esptool.home");
        Assumptions.assumeTrue(home != null && !home.isBlank(), "set -Desptool.home=<esptool v4.12.0 checkout>");
        for (var e : cases.entrySet()) Files.write(dir.resolve(e.getKey() + ".bin"), e.getValue().toByteArray());
        Path script = Path.of("src/test/scripts/esptool_oracle.py").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), home, dir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : cases.keySet()) {
            out.put(name, Files.readString(dir.resolve(name + ".esptool"), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^esptool\\.py v4\\.12\\.0\\n", ""));
        }
        return out;
    }

    /** The first line where the two outputs part, or the exit statuses. */
    private static String firstDifference(String esptool, int status, EsptoolReport.Result kit) {
        String[] a = esptool.split("\n", -1), b = kit.text().split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>", y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) return "  line %d\n  esptool: %s\n  kit:     %s".formatted(i + 1, x, y);
        }
        return "  exit: esptool %d, kit %d %s".formatted(status, kit.exitStatus(), kit.kitError().orElse(""));
    }

    /** The sweep's images by name. */
    static Map<String, Bytes> corpus() {
        Map<String, Bytes> c = new LinkedHashMap<>();
        Set<Long> addresses = new TreeSet<>();
        for (Chip chip : Chip.values()) {
            for (MemoryMap.Region r : chip.memoryMap().regions()) {
                addresses.add(r.start());
                addresses.add(r.end() - 4);
                addresses.add(r.end());
            }
        }
        for (Chip chip : Chip.values()) {
            if (chip == Chip.ESP8266) continue;
            String n = chip.name().toLowerCase();
            ImageBuilder app = EsptoolOracleCasesTest.app(chip);
            Bytes base = app.build();
            c.put(n + "_app", base);
            for (int b = 0; b < 256; b++) c.put(n + "_speedsize_%02x".formatted(b), app.withFlashBytes(2, b).build());
            for (int m : new int[] {0, 1, 2, 3, 4, 5, 6, 0x7F, 0xFF}) c.put(n + "_mode_" + m, app.withFlashBytes(m, 0x20).build());
            for (int id = 0; id < 64; id++) c.put(n + "_chipid_" + id, app.withChipId(id).build());
            for (int id : new int[] {0x100, 0x105, 0xFF, 0xFFFF}) c.put(n + "_chipid_" + id, app.withChipId(id).build());
            for (int i = 0; i < 4; i++) {
                c.put(n + "_reserved_" + i, app.withReserved(Bytes.filled(4, 0).with(i, Bytes.of(0x80))).build());
            }
            for (int h : new int[] {0, 1, 2, 0x80, 0xFF}) c.put(n + "_hash_" + h, app.withHashAppendedByte(h).build());
            for (long entry : new long[] {0, 1, 0x1234, 0xFFFFFFFFL}) c.put(n + "_entry_" + entry, app.withEntry(entry).build());
            c.put(n + "_pins", app.withPins(0x05, Bytes.of(0x12, 0x34, 0x56)).build());
            c.put(n + "_revs", app.withChipRevisions(3, 305, 0xFFFF).build());
            for (long a : addresses) {
                c.put(n + "_seg_%08x".formatted(a), ImageBuilder.forChip(chip).withSegment(a, Bytes.filled(8, 1)).build());
            }
            for (int mmu : new int[] {0, 10, 13, 15, 16, 17, 40, 255}) {
                c.put(n + "_mmu_" + mmu, ImageBuilder.app(chip, AppDescriptor.of("1", "p", 1, "t", "d", "i",
                        Bytes.filled(32, 0), 0, 0, mmu), 5).build());
            }
            int cut = (int) AppImage.decode(base).checksumOffset();
            for (int t : new int[] {1, 8, 9, 23, 24, 25, 31, 32, 40, 0x120, cut, cut + 1, base.size() - 1, base.size() - 31}) {
                c.put(n + "_truncated_" + t, base.slice(0, Math.min(t, base.size())));
            }
            for (int off : new int[] {0, 1, 2, 3, 4, 7, 8, 12, 13, 14, 15, 16, 20, 23, 24, 28, 0x30, 0x130}) {
                c.put(n + "_flip_" + off, base.with(off, Bytes.of(base.u8(off) ^ 0xFF)));
            }
            java.util.Random random = new java.util.Random(chip.ordinal());
            for (int i = 0; i < 80; i++) {
                int off = i < 60 ? random.nextInt(0x140) : random.nextInt(base.size());
                c.put(n + "_mutation_" + i, base.with(off, Bytes.of(random.nextInt(256))));
            }
            c.put(n + "_hex", Bytes.utf8(intelHex(List.of(new long[] {0}), List.of(base), "\n")));
            c.put(n + "_hex_high", Bytes.utf8(intelHex(List.of(new long[] {0x10000}), List.of(base), "\r\n")));
            c.put(n + "_hex_two", Bytes.utf8(intelHex(List.of(new long[] {0x20000}, new long[] {0x1000}),
                    List.of(Bytes.filled(16, 0x44), base), "\n")));
        }
        c.put("hex_no_data", Bytes.utf8(":00000001FF\n"));
        c.put("hex_overlap", Bytes.utf8(":0100000041BE\n:0100000041BE\n:00000001FF\n"));
        c.put("hex_bad_checksum", Bytes.utf8(":0100000041BF\n:00000001FF\n"));
        c.put("hex_lowercase", Bytes.utf8(intelHex(List.of(new long[] {0}), List.of(EsptoolOracleCasesTest.app(Chip.ESP32).build()), "\n").toLowerCase()));
        c.put("hex_trailing_space", Bytes.utf8(":0100000041BE \n:00000001FF\n"));
        c.put("hex_after_eof", Bytes.utf8(":01000000E916\n:00000001FF\nnot hex at all\n"));
        c.put("hex_blank_lines", Bytes.utf8(":01000000E916\n\n\r\n:00000001FF"));
        c.put("hex_segment_record", Bytes.utf8(":020000021000EC\n:01000000E916\n:00000001FF\n"));
        c.put("hex_start_records", Bytes.utf8(":0400000300001000E9\n:0400000500001000E7\n:01000000E916\n"));
        c.put("hex_latin1", Bytes.of(':', '0', '1', 0xE9));
        c.put("colon_only", Bytes.utf8(":"));
        c.put("empty", Bytes.EMPTY);
        c.put("esp8266_v2", EsptoolOracleCasesTest.esp8266V2());
        return c;
    }

    /** Intel HEX text (record types 04 and 00, then 01) holding each block at its address. */
    static String intelHex(List<long[]> at, List<Bytes> blocks, String newline) {
        StringBuilder s = new StringBuilder();
        for (int b = 0; b < blocks.size(); b++) {
            long base = at.get(b)[0];
            Bytes data = blocks.get(b);
            long upper = -1;
            for (int i = 0; i < data.size(); i += 16) {
                long a = base + i;
                if (a >> 16 != upper) {
                    upper = a >> 16;
                    s.append(record(0, 4, Bytes.of((int) (upper >> 8) & 0xFF, (int) upper & 0xFF))).append(newline);
                }
                s.append(record((int) (a & 0xFFFF), 0, data.slice(i, Math.min(i + 16, data.size())))).append(newline);
            }
        }
        return s.append(record(0, 1, Bytes.EMPTY)).append(newline).toString();
    }

    private static String record(int address, int type, Bytes data) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(data.size());
        r.write(address >> 8);
        r.write(address & 0xFF);
        r.write(type);
        r.writeBytes(data.toByteArray());
        int sum = 0;
        for (byte x : r.toByteArray()) sum += x & 0xFF;
        r.write(-sum & 0xFF);
        return ":" + Bytes.of(r.toByteArray()).hex().toUpperCase();
    }

}
