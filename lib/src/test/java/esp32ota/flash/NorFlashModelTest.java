package esp32ota.flash;

import esp32ota.bytes.Bytes;
import esp32ota.flash.NorFlash.Tear;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link NorFlash} against a reference model that is as plain as possible: one byte array, and every operation
 * written out byte by byte. Random sequences of erases, erase regions, programs, copies and power cuts must leave
 * both with the same bytes, counters, operation count and virtual time.
 */
class NorFlashModelTest {
    private static final int SIZE = 2 << 20, AREA = 0x40000;   // operations land in the first 256 KiB, so they overlap

    /** One step of a random run. */
    sealed interface Step permits EraseSector, EraseBlock, EraseRegion, Program, Copy, Cut, PowerOn {}

    record EraseSector(int address) implements Step {}

    record EraseBlock(int address) implements Step {}

    record EraseRegion(int address, int length) implements Step {}

    record Program(int address, byte[] data) implements Step {
        @Override public String toString() { return "Program[0x%X+%d]".formatted(address, data.length); }
    }

    /** Copy the flash; go on with the copy ({@code switchToCopy}) or the original; the other must never change. */
    record Copy(boolean switchToCopy) implements Step {}

    /** Arm a cut {@code ahead} operations from now. */
    record Cut(int ahead, Tear tear) implements Step {}

    record PowerOn() implements Step {}

    /** The reference: a byte array and counters, each operation spelled out. */
    static final class Model {
        byte[] bytes = new byte[SIZE];
        int[] erases = new int[SIZE / 0x1000];
        long ops, programmed, micros, cutAt = -1;
        Tear tear = Tear.NONE;
        boolean dead;

        Model() { Arrays.fill(bytes, (byte) 0xFF); }

        Model copy() {
            Model m = new Model();
            m.bytes = bytes.clone();
            m.erases = erases.clone();
            m.ops = ops;
            m.programmed = programmed;
            m.micros = micros;
            return m;
        }

        /** Runs one operation; false when the power is or goes off (the real flash must throw then). */
        boolean erase(int address, int length, long time) {
            if (dead) return false;
            int done = doneBytes(length);
            for (int i = 0; i < done; i++) bytes[address + i] = (byte) 0xFF;
            for (int s = address / 0x1000; s * 0x1000 < address + done; s++) erases[s]++;
            return end(time, done, length);
        }

        boolean programPage(int address, byte[] data, int from, int length) {
            if (dead) return false;
            int done = doneBytes(length);
            for (int i = 0; i < done; i++) bytes[address + i] &= data[from + i];
            programmed += done;
            return end(400, done, length);
        }

        private int doneBytes(int length) {
            if (ops != cutAt) return length;
            return tear == Tear.NONE ? 0 : tear == Tear.HALF ? length / 2 : length - 1;
        }

        private boolean end(long time, int done, int length) {
            micros += time * done / length;
            if (ops++ == cutAt) dead = true;
            return !dead;
        }

        boolean program(int address, byte[] data) {
            int i = 0;
            while (i < data.length) {
                int pageEnd = ((address + i) / 256 + 1) * 256;
                int n = Math.min(data.length - i, pageEnd - (address + i));
                if (!programPage(address + i, data, i, n)) return false;
                i += n;
            }
            return true;
        }

        /** esp_flash_erase_region, spelled out: sectors up to a block boundary, whole blocks, sectors for the rest. */
        boolean eraseRegion(int address, int length) {
            int at = address, end = address + length;
            for (; at < end && at % 0x10000 != 0; at += 0x1000) if (!erase(at, 0x1000, 45_000)) return false;
            for (; end - at >= 0x10000; at += 0x10000) if (!erase(at, 0x10000, 150_000)) return false;
            for (; at < end; at += 0x1000) if (!erase(at, 0x1000, 45_000)) return false;
            return true;
        }
    }

    @Provide
    Arbitrary<List<Step>> runs() {
        Arbitrary<Integer> sector = Arbitraries.integers().between(0, AREA / 0x1000 - 1).map(s -> s * 0x1000);
        Arbitrary<Step> eraseSector = sector.map(EraseSector::new);
        Arbitrary<Step> eraseBlock = Arbitraries.integers().between(0, AREA / 0x10000 - 1).map(b -> new EraseBlock(b * 0x10000));
        Arbitrary<Step> region = Combinators.combine(sector, Arbitraries.integers().between(0, 0x28))
                .as((a, n) -> new EraseRegion(a, Math.min(n * 0x1000, AREA - a)));
        Arbitrary<Step> program = Combinators.combine(Arbitraries.integers().between(0, AREA - 1),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(700))
                .as((a, d) -> new Program(a, Arrays.copyOf(d, Math.min(d.length, AREA - a))));
        Arbitrary<Step> copy = Arbitraries.of(true, false).map(Copy::new);
        Arbitrary<Step> cut = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(Tear.class))
                .as(Cut::new);
        Arbitrary<Step> powerOn = Arbitraries.just(new PowerOn());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, eraseSector), net.jqwik.api.Tuple.of(1, eraseBlock),
                net.jqwik.api.Tuple.of(2, region), net.jqwik.api.Tuple.of(8, program),
                net.jqwik.api.Tuple.of(1, copy), net.jqwik.api.Tuple.of(1, cut), net.jqwik.api.Tuple.of(1, powerOn))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void matchesTheByteArrayModel(@ForAll("runs") List<Step> run) {
        NorFlash flash = NorFlash.erased(SIZE, FlashTiming.TYPICAL);
        Model model = new Model();
        List<NorFlash> frozen = new ArrayList<>();
        List<Bytes> frozenDumps = new ArrayList<>();
        for (Step step : run) {
            if (step instanceof Copy c) {
                NorFlash other = flash.copy();
                frozen.add(c.switchToCopy() ? flash : other);     // the side we leave must never change again
                frozenDumps.add(Bytes.of(model.bytes));
                if (c.switchToCopy()) {
                    flash = other;
                    model = model.copy();                          // a copy has power and no armed cut
                }
                continue;
            }
            if (step instanceof Cut c) {
                flash.cutPowerAt(flash.opCount() + c.ahead(), c.tear());
                model.cutAt = model.ops + c.ahead();
                model.tear = c.tear();
                continue;
            }
            if (step instanceof PowerOn) {
                flash.powerOn();
                model.dead = false;
                model.cutAt = -1;
                continue;
            }
            NorFlash f = flash;
            boolean modelOk;
            Runnable real;
            if (step instanceof EraseSector e) {
                modelOk = model.erase(e.address(), 0x1000, 45_000);
                real = () -> f.eraseSector(e.address());
            } else if (step instanceof EraseBlock e) {
                modelOk = model.erase(e.address(), 0x10000, 150_000);
                real = () -> f.eraseBlock(e.address());
            } else if (step instanceof EraseRegion e) {
                modelOk = model.eraseRegion(e.address(), e.length());
                real = () -> f.eraseRegion(e.address(), e.length());
            } else {
                Program p = (Program) step;
                modelOk = model.program(p.address(), p.data());
                real = () -> f.program(p.address(), Bytes.of(p.data()));
            }
            if (modelOk) {
                real.run();
            } else {
                assertThrows(PowerLossException.class, real::run, step.toString());
            }
            assertEquals(model.dead, flash.powerLost(), step.toString());
        }
        assertArrayEquals(model.bytes, flash.dump().toByteArray());
        assertEquals(model.ops, flash.opCount());
        assertEquals(new FlashCounters(model.ops, model.programmed, model.erases), flash.counters());
        assertEquals(model.micros, flash.clock().nowMicros());
        for (int i = 0; i < frozen.size(); i++) {
            assertEquals(frozenDumps.get(i), frozen.get(i).dump(), "copy " + i + " was changed by the other side");
        }
    }
}
