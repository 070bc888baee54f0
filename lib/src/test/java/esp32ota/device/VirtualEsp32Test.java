package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.ota.EspErr;
import esp32ota.ota.OtaConfig;
import esp32ota.bytes.Bytes;
import esp32ota.flash.FlashOp;
import esp32ota.flash.NorFlash;
import esp32ota.image.ImageBuilder;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The virtual ESP32: boots, a whole OTA update, rollback (self-test failure, watchdog), bad images, power cuts. */
class VirtualEsp32Test {
    static final long OTADATA = 0xD000;

    static OtaData otadata(VirtualEsp32 d) { return OtaData.decode(d.readFlash(OTADATA, 0x2000), OTADATA); }

    @Test void firstBootPrintsTheRomBannerTheBootloaderAndTheApp() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        Boot b = d.reset();
        assertEquals(List.of(
                "ets Jul 29 2019 12:21:46",
                "",
                "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "configsip: 0, SPIWP:0xee",
                "clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00",
                "mode:DIO, clock div:2",
                "load:0x3fff0030,len:7132",
                "load:0x40078000,len:15708",
                "load:0x40080400,len:3632",
                "entry 0x4008067c",
                "I boot: ESP-IDF v5.4.1 2nd stage bootloader",
                "I boot: compile time Jan  1 2025 12:00:00",
                "I boot: Multicore bootloader",                 // bootloader_print_banner, v5.1+
                "I boot: chip revision: v3.0",
                "I boot.esp32: SPI Speed      : 40MHz",
                "I boot.esp32: SPI Mode       : DIO",
                "I boot.esp32: SPI Flash Size : 4MB",
                "I boot: Enabling RNG early entropy source...",
                "I boot: Partition Table:",
                "I boot: ## Label            Usage          Type ST Offset   Length",
                "I boot:  0 nvs              WiFi data        01 02 00009000 00004000",
                "I boot:  1 otadata          OTA data         01 00 0000d000 00002000",
                "I boot:  2 phy_init         RF data          01 01 0000f000 00001000",
                "I boot:  3 ota_0            OTA app          00 10 00010000 00140000",
                "I boot:  4 ota_1            OTA app          00 11 00150000 00140000",
                "I boot: End of partition table",
                "I boot: No factory image, trying OTA 0",
                "I esp_image: segment 0: paddr=00010020 vaddr=3f400020 size=00200h (   512) map",
                "I esp_image: segment 1: paddr=00010228 vaddr=3ffb0000 size=00080h (   128) load",
                "I esp_image: segment 2: paddr=000102b0 vaddr=40080000 size=00200h (   512) load",
                "I esp_image: segment 3: paddr=000104b8 vaddr=400d04b8 size=00400h (  1024) map",
                "I boot: Loaded app from partition at offset 0x10000",
                "I boot: Set actual ota_seq=1 in otadata[0]",
                "I boot: Disabling RNG early entropy source...",   // bootloader_utility.c load_image
                "I blink: blink 1.0.0 running from ota_0"), Rig.untimed(b));
        assertEquals(Boot.End.RUNNING, b.end());
        assertEquals(AppSlot.ota(0), b.booted().orElseThrow());
        assertEquals("1.0.0", b.app().orElseThrow().versionText());
        assertEquals(1, otadata(d).copy(0).otaSeq());
        assertTrue(otadata(d).copy(0).hasState(OtaImgState.VALID));
    }

    @Test void logLinesHaveEspIdfShapeAndTimestampsCountFromTheReset() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        Boot first = d.reset(), second = d.reset();
        Pattern shape = Pattern.compile("[EWIDV] \\((\\d+)\\) [a-z_.0-9]+: .*");
        long previous = -1;
        for (ConsoleLine l : second.console()) {
            if (l.isRom()) continue;
            var m = shape.matcher(l.formatted());
            assertTrue(m.matches(), l.formatted());
            long ms = Long.parseLong(m.group(1));
            assertEquals(l.millis().orElseThrow(), ms);
            assertTrue(ms >= previous, "timestamps never go back within a boot");
            previous = ms;
        }
        // the bootloader's first line comes after the ROM has printed ~10 lines at 115200 baud: tens of ms
        long firstMs = second.console().stream().filter(l -> !l.isRom()).findFirst().orElseThrow().millis().orElseThrow();
        assertTrue(firstMs > 10 && firstMs < 100, "first bootloader line at " + firstMs + " ms");
        List<String> expected = new java.util.ArrayList<>(Rig.untimed(first));
        expected.remove("I boot: No factory image, trying OTA 0");     // otadata now selects ota_0 itself
        expected.remove("I boot: Set actual ota_seq=1 in otadata[0]");  // and is no longer initial
        assertEquals(expected, Rig.untimed(second));
    }

    @Test void aWholeUpdateBootsTheNewAppWhichConfirmsItself() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        d.reset();
        List<DeviceEvent> events = Rig.record(d);
        Rig.update(d, AppSlot.ota(1), Rig.blink("2.0.0", 1));
        assertEquals(2, otadata(d).copy(1).otaSeq());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.NEW));
        List<String> calls = events.stream().filter(e -> e instanceof DeviceEvent.ApiCall)
                .map(e -> ((DeviceEvent.ApiCall) e).function()).toList();
        assertEquals("esp_ota_begin(ota_1, OTA_WITH_SEQUENTIAL_WRITES)", calls.get(0));
        assertEquals("esp_ota_set_boot_partition(ota_1)", calls.get(calls.size() - 1));

        Boot b = d.reset();
        assertEquals(AppSlot.ota(1), b.booted().orElseThrow());
        assertEquals(Boot.End.RUNNING, b.end());
        List<String> lines = Rig.untimed(b);
        int loaded = lines.indexOf("I boot: Loaded app from partition at offset 0x150000");
        assertTrue(loaded > 0, lines.toString());
        assertEquals(List.of("I boot: Disabling RNG early entropy source...",
                "I blink: blink 2.0.0 running from ota_1", "I blink: Diagnostics (5 sec)...",
                "I blink: Diagnostics completed successfully! Continuing execution ..."),
                lines.subList(loaded + 1, lines.size()));
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.VALID));
        assertEquals(OtaImgState.VALID.code(), d.ota().getStatePartition(AppSlot.ota(1)).orElseThrow());
    }

    @Test void withDebugLevelTheBootloaderShowsNewBecomingPendingVerify() {
        VirtualEsp32 d = Rig.withBlink100(true).config(DeviceConfig.of(true).withLogLevel(LogLevel.DEBUG)).build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), Rig.blink("2.0.0", 1));
        List<String> lines = Rig.untimed(d.reset());
        assertTrue(lines.contains("D boot: Active otadata[1]"), lines.toString());
        assertTrue(lines.contains("D boot: Mapping seq 1 -> OTA slot 1"));
        assertTrue(lines.contains("D boot: otadata[1] is selected as new and marked PENDING_VERIFY state"));
        assertTrue(lines.contains("D boot: Trying partition index 1 offs 0x150000 size 0x140000"));
        assertTrue(lines.contains("D esp_ota_ops: OTA[current] partition is marked as VALID"));
    }

    @Test void aFailedSelfTestRollsBackToThePreviousApp() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), ImageSamples.blink("2.0.0-selftest-fail", 1).build());
        List<Boot> boots = d.resetUntilSettled(5);
        assertEquals(2, boots.size());
        Boot failed = boots.get(0), back = boots.get(1);
        assertEquals(AppSlot.ota(1), failed.booted().orElseThrow());
        assertEquals(Boot.End.RESTART, failed.end());
        List<String> lines = Rig.untimed(failed);
        assertEquals(List.of("I blink: blink 2.0.0-selftest-fail running from ota_1", "I blink: Diagnostics (5 sec)...",
                "E blink: Diagnostics failed! Start rollback to the previous version ...",
                "I esp_ota_ops: Rollback to previously worked partition. Restart."),   // v5.4 wording
                lines.subList(lines.size() - 4, lines.size()));
        List<String> app = failed.appLines();                    // the app's lines only: from its first line on
        assertEquals(4, app.size(), app.toString());
        assertTrue(app.get(0).endsWith("blink: blink 2.0.0-selftest-fail running from ota_1"), app.get(0));
        assertEquals(failed.lines().subList(failed.lines().size() - 4, failed.lines().size()), app);
        assertEquals(ResetReason.SW_CPU_RESET, back.reason());
        assertEquals("rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", back.console().get(2).text());
        assertEquals(AppSlot.ota(0), back.booted().orElseThrow());
        assertEquals(Boot.End.RUNNING, back.end());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.INVALID));
        assertEquals(AppSlot.ota(1), d.ota().getLastInvalidPartition().orElseThrow());
    }

    /** task_wdt.c task_wdt_isr (v5.4.1): main spins on CPU 0, so IDLE0 never resets the task watchdog. */
    private static final List<String> TASK_WDT = List.of(
            "E task_wdt: Task watchdog got triggered. The following tasks/users did not reset the watchdog in time:",
            "E task_wdt:  - IDLE0 (CPU 0)",
            "E task_wdt: Tasks currently running:",
            "E task_wdt: CPU 0: main",
            "E task_wdt: CPU 1: IDLE1");

    private static VirtualEsp32 hangingUpdate(DeviceConfig config) {
        VirtualEsp32 d = Rig.withBlink100(true).config(config).build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), ImageSamples.blink("2.0.0-hang", 1).build());
        return d;
    }

    @Test void anAppThatHangsPanicsOnTheTaskWatchdogRebootsAndTheBootloaderAbortsIt() {
        VirtualEsp32 d = hangingUpdate(DeviceConfig.of(true).withLogLevel(LogLevel.DEBUG));
        assertEquals(Watchdog.TASK_WDT_PANIC, d.config().watchdog());
        List<Boot> boots = d.resetUntilSettled(5);
        assertEquals(2, boots.size());
        Boot hung = boots.get(0);
        assertEquals(Boot.End.WATCHDOG, hung.end());
        assertTrue(hung.restarts());
        assertEquals(AppSlot.ota(1), hung.booted().orElseThrow());
        List<String> lines = Rig.untimed(hung);
        int diag = lines.indexOf("I blink: Diagnostics (5 sec)...");
        List<String> expected = new java.util.ArrayList<>(TASK_WDT);
        expected.addAll(List.of("E task_wdt: Aborting.", "E task_wdt: Print CPU 0 (current core) backtrace", "",
                WatchdogRun.BACKTRACE, "",
                "ELF file SHA256: " + hung.app().orElseThrow().appElfSha256().hex().substring(0, 8), "",
                "Rebooting..."));
        assertEquals(expected, lines.subList(diag + 1, lines.size()));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("Guru Meditation")), "the task wdt abort has no reason");
        // the task watchdog fires CONFIG_ESP_TASK_WDT_TIMEOUT_S (5 s) after the hang began
        long diagMs = hung.console().get(diag).millis().orElseThrow();
        long wdtMs = hung.console().get(diag + 1).millis().orElseThrow();
        assertTrue(wdtMs - diagMs >= 5_000 && wdtMs - diagMs < 5_100, diagMs + " → " + wdtMs);

        Boot back = boots.get(1);
        assertEquals(ResetReason.SW_CPU_RESET, back.reason());
        assertEquals("rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", back.console().get(2).text());
        List<String> backLines = Rig.untimed(back);
        assertFalse(backLines.stream().anyMatch(l -> l.contains("reset by WDT")), "a panic restart is no WDT reset");
        assertTrue(backLines.contains("D boot: otadata[1] is marking as ABORTED"));
        assertEquals(AppSlot.ota(0), back.booted().orElseThrow());
        assertEquals(Boot.End.RUNNING, back.end());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.ABORTED));
    }

    @Test void aTaskWatchdogWithoutPanicOnlyLogsUntilSomeonePressesReset() {
        VirtualEsp32 d = hangingUpdate(DeviceConfig.of(true).withWatchdog(Watchdog.TASK_WDT_LOG_ONLY));
        Boot hung = d.reset();
        assertEquals(Boot.End.HUNG, hung.end());
        assertFalse(hung.restarts());
        List<String> lines = Rig.untimed(hung);
        assertFalse(lines.contains("Rebooting..."));
        assertEquals(WatchdogRun.LOG_ONLY_PERIODS, java.util.Collections.frequency(lines, TASK_WDT.get(0)));
        assertFalse(lines.contains("E task_wdt: Aborting."));
        int first = lines.indexOf(TASK_WDT.get(0));
        List<String> period = new java.util.ArrayList<>(TASK_WDT);
        period.addAll(List.of("E task_wdt: Print CPU 0 (current core) backtrace", "", WatchdogRun.BACKTRACE));
        assertEquals(period, lines.subList(first, first + period.size()));
        List<Long> fired = hung.console().stream().filter(l -> l.text().equals(TASK_WDT.get(0).substring("E task_wdt: ".length())))
                .map(l -> l.millis().orElseThrow()).toList();
        assertTrue(fired.get(1) - fired.get(0) >= 5_000 && fired.get(1) - fired.get(0) < 5_100, fired.toString());
        // nothing restarted the chip: ota_1 is still on probation, the next reset is the EN button
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.PENDING_VERIFY));
        assertEquals(ResetReason.POWERON_RESET, d.nextResetReason());
        assertThrows(IllegalStateException.class, d::ota);
        Boot back = d.reset();
        assertEquals("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", back.console().get(2).text());
        assertEquals(AppSlot.ota(0), back.booted().orElseThrow());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.ABORTED));
    }

    @Test void aHangWithInterruptsOffPanicsOnTheInterruptWatchdog() {
        VirtualEsp32 d = hangingUpdate(DeviceConfig.of(true).withWatchdog(Watchdog.INTERRUPT_WDT));
        java.util.Map<String, Long> printedAt = new java.util.HashMap<>();   // first time each text was printed
        d.addListener(e -> {
            if (e instanceof DeviceEvent.Console c) printedAt.putIfAbsent(c.line().text(), d.flash().clock().nowMicros());
        });
        List<Boot> boots = d.resetUntilSettled(5);
        assertEquals(2, boots.size());
        Boot hung = boots.get(0);
        assertEquals(Boot.End.WATCHDOG, hung.end());
        List<String> lines = Rig.untimed(hung);
        int diag = lines.indexOf("I blink: Diagnostics (5 sec)...");
        assertEquals(List.of("Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0). ", "",
                WatchdogRun.BACKTRACE, ""), lines.subList(diag + 1, diag + 5));
        assertEquals("Rebooting...", lines.get(lines.size() - 1));
        assertFalse(lines.stream().anyMatch(l -> l.contains("task_wdt")));
        long after = (printedAt.get(lines.get(diag + 1)) - printedAt.get("Diagnostics (5 sec)...")) / 1000;
        assertTrue(after >= Watchdog.INTERRUPT_WDT_MILLIS && after < 400, "CONFIG_ESP_INT_WDT_TIMEOUT_MS: " + after);
        assertEquals(ResetReason.SW_CPU_RESET, boots.get(1).reason());
        assertEquals(AppSlot.ota(0), boots.get(1).booted().orElseThrow());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.ABORTED));
    }

    @Test void onlyATimerGroupOneSystemResetMakesTheBootloaderWarnAboutTheWatchdog() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        List<String> lines = bootloaderLines(d, ResetReason.TG1WDT_SYS_RESET);
        int rng = lines.indexOf("Enabling RNG early entropy source...");
        assertEquals(List.of("SPI Flash Size : 4MB", "PRO CPU has been reset by WDT", "APP CPU has been reset by WDT"),
                lines.subList(rng - 3, rng));
        assertFalse(bootloaderLines(d, ResetReason.SW_CPU_RESET).stream().anyMatch(l -> l.contains("reset by WDT")));
    }

    @Test void badImagesNeverChangeOtadataAndTheOldAppKeepsBooting() {
        for (ImageBuilder.Defect defect : List.of(ImageBuilder.Defect.BAD_MAGIC, ImageBuilder.Defect.TRUNCATED,
                ImageBuilder.Defect.BAD_CHECKSUM, ImageBuilder.Defect.BAD_HASH)) {
            VirtualEsp32 d = Rig.withBlink100(true).build();
            d.reset();
            Bytes before = d.readFlash(OTADATA, 0x2000);
            Bytes bad = ImageSamples.blink("2.0.0", 1).buildBroken(defect);
            var ota = d.ota();
            int h = ota.begin(AppSlot.ota(1), esp32ota.ota.OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
            EspErr first = ota.write(h, bad);
            EspErr end = ota.end(h);
            if (defect == ImageBuilder.Defect.BAD_MAGIC) {
                assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, first, defect.name());
            } else {
                assertEquals(EspErr.ESP_OK, first, defect.name());
                assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, end, defect.name());
            }
            assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, ota.setBootPartition(AppSlot.ota(1)), defect.name());
            assertEquals(before, d.readFlash(OTADATA, 0x2000), defect.name() + ": otadata untouched");
            Boot b = d.reset();
            assertEquals(AppSlot.ota(0), b.booted().orElseThrow(), defect.name());
        }
    }

    @Test void aPowerCutDuringAnyOperationOfAnUpdateLeavesABootableDevice() {
        VirtualEsp32 template = Rig.withBlink100(true).build();
        template.reset();
        int cuts = 0;
        for (long n = 0; n < 40; n++) {
            for (NorFlash.Tear tear : NorFlash.Tear.values()) {
                VirtualEsp32 d = template.copy();
                d.reset();
                List<DeviceEvent> events = Rig.record(d);
                d.flash().cutPowerAt(d.flash().opCount() + n, tear);
                try {
                    Rig.update(d, AppSlot.ota(1), Rig.blink("2.0.0", 1));
                    Boot b = d.reset();
                    if (b.end() != Boot.End.POWER_LOSS) continue;
                } catch (esp32ota.flash.PowerLossException e) {
                    // cut during the update: the device recorded it and is off
                }
                cuts++;
                assertTrue(events.stream().anyMatch(e -> e instanceof DeviceEvent.PowerLoss), "cut " + n + " " + tear);
                List<Boot> boots = d.resetUntilSettled(4);
                Boot last = boots.get(boots.size() - 1);
                assertEquals(Boot.End.RUNNING, last.end(), "cut at op +" + n + " " + tear + ": " + last.lines());
                assertTrue(last.booted().isPresent());
            }
        }
        assertTrue(cuts >= 30, "the update has enough operations to cut: " + cuts);
    }

    @Test void aCutDuringTheBootloadersOwnWriteStopsTheBootBeforeItsLogLine() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        List<DeviceEvent> events = Rig.record(d);
        d.flash().cutPowerAt(d.flash().opCount() + 1, NorFlash.Tear.HALF);   // op 0 erases copy 0, op 1 programs it
        Boot b = d.reset();
        assertEquals(Boot.End.POWER_LOSS, b.end());
        assertEquals("I boot: Loaded app from partition at offset 0x10000", Rig.untimed(b).get(b.console().size() - 1));
        assertEquals(new DeviceEvent.PowerLoss(1), events.get(events.size() - 1));
        assertFalse(otadata(d).copy(0).isSelectValid(), "half an entry: seq cleared in part, CRC still erased");
        Boot again = d.reset();
        assertEquals(ResetReason.POWERON_RESET, again.reason());
        assertEquals(AppSlot.ota(0), again.booted().orElseThrow());
        // formats.md §3.7: one copy blank, the other non-blank with a bad CRC → index -1, error, forward scan, and
        // nothing is recorded: the torn copy stays as it is
        assertTrue(Rig.untimed(again).contains("E boot: ota data partition invalid and no factory, will try all partitions"));
        assertFalse(Rig.untimed(again).contains("I boot: Set actual ota_seq=1 in otadata[0]"));
        assertEquals(1, otadata(d).copy(0).otaSeq());
        assertFalse(otadata(d).copy(0).crcOk());
    }

    /**
     * esp_ota_ops.c esp_ota_current_ota_is_workable(false): v5.4 logs "Rollback to previously worked partition.
     * Restart." and restarts there; v5.5+ (esp_ota_mark_app_invalid_rollback) logs it without " Restart.".
     */
    @Test void theRollbackLineLostItsRestartInV55() {
        VirtualEsp32 d = Rig.withBlink100(true).config(DeviceConfig.of(true).withIdfVersion("v5.5"))
                .build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), ImageSamples.blink("2.0.0-selftest-fail", 1).build());
        List<String> lines = Rig.untimed(d.resetUntilSettled(5).get(0));
        assertEquals("I esp_ota_ops: Rollback to previously worked partition.", lines.get(lines.size() - 1));
    }

    @Test void aCutDuringMarkInvalidLeavesTheUpdateInPlaceUntilTheNextTry() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), ImageSamples.blink("2.0.0-selftest-fail", 1).build());
        // the reset's own writes: erase + program (NEW -> PENDING_VERIFY); then the app's INVALID write: erase, program
        d.flash().cutPowerAt(d.flash().opCount() + 3, NorFlash.Tear.NONE);
        Boot b = d.reset();
        assertEquals(Boot.End.POWER_LOSS, b.end());
        assertFalse(Rig.untimed(b).contains("I esp_ota_ops: Rollback to previously worked partition. Restart."));
        assertTrue(otadata(d).copy(1).isBlankSeq(), "erased, not yet programmed: copy 1 is blank");
        Boot back = d.reset();
        assertEquals(AppSlot.ota(0), back.booted().orElseThrow(), "copy 0 still selects the old app");
    }

    @Test void aCopySharesNothingWritableWithItsOriginal() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        d.reset();
        Bytes otadata = d.readFlash(OTADATA, 0x2000);
        VirtualEsp32 c = d.copy();
        assertTrue(c.running().isEmpty());
        c.reset();
        Rig.update(c, AppSlot.ota(1), Rig.blink("2.0.0", 1));
        assertEquals(AppSlot.ota(1), c.reset().booted().orElseThrow());
        assertEquals(otadata, d.readFlash(OTADATA, 0x2000), "the original's flash is untouched");
        assertEquals(AppSlot.ota(0), d.reset().booted().orElseThrow());
    }

    @Test void aDeviceMadeFromADumpBootsWhatTheDumpHolds() {
        VirtualEsp32 d = Rig.withBlink100(true).build();
        d.reset();
        Rig.update(d, AppSlot.ota(1), Rig.blink("2.0.0", 1));
        d.reset();
        VirtualEsp32 copy = VirtualEsp32.fromDump(d.flash().dump()).rollback(true).build();
        Boot b = copy.reset();
        assertEquals(AppSlot.ota(1), b.booted().orElseThrow());
        assertEquals("2.0.0", b.app().orElseThrow().versionText());
    }

    @Test void writeFlashErasesTheSectorsItTouchesThenPrograms() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        List<DeviceEvent> events = Rig.record(d);
        d.writeFlash(0x150000, Rig.blink("2.0.0", 1));
        List<FlashOp> ops = events.stream().filter(e -> e instanceof DeviceEvent.FlashOperation)
                .map(e -> ((DeviceEvent.FlashOperation) e).op()).toList();
        assertInstanceOf(FlashOp.Erase.class, ops.get(0));
        assertEquals(0x150000, ops.get(0).address());
        assertEquals(0x1000, ops.get(0).length());
        assertTrue(ops.subList(1, ops.size()).stream().allMatch(o -> o instanceof FlashOp.Program));
        assertEquals(Rig.blink("2.0.0", 1), d.readFlash(0x150000, Rig.blink("2.0.0", 1).size()));
    }

    @Test void erasedFlashPrintsTheRomsInvalidHeaderAndBootsNothing() {
        VirtualEsp32 d = VirtualEsp32.fromDump(Bytes.filled(4 << 20, 0xFF)).build();
        Boot b = d.reset();
        assertEquals(Boot.End.NOTHING_BOOTED, b.end());
        assertEquals("invalid header: 0xffffffff", b.console().get(b.console().size() - 1).text());
        assertEquals(ResetReason.RTCWDT_RTC_RESET, d.nextResetReason());
        assertEquals("rst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", d.reset().console().get(2).text());
    }

    @Test void withNoLoadableImageTheBootloaderGivesUpAndResets() {
        VirtualEsp32 d = VirtualEsp32.builder(Rig.noFactory())
                .app(AppSlot.ota(0), ImageSamples.blink("1.0.0", 0).buildBroken(ImageBuilder.Defect.BAD_HASH)).build();
        Boot b = d.reset();
        assertEquals(Boot.End.NOTHING_BOOTED, b.end());
        List<String> lines = Rig.untimed(b);
        assertEquals(List.of("I boot: No factory image, trying OTA 0",
                "I esp_image: segment 0: paddr=00010020 vaddr=3f400020 size=00200h (   512) map",
                "I esp_image: segment 1: paddr=00010228 vaddr=3ffb0000 size=00080h (   128) load",
                "I esp_image: segment 2: paddr=000102b0 vaddr=40080000 size=00200h (   512) load",
                "I esp_image: segment 3: paddr=000104b8 vaddr=400d04b8 size=00400h (  1024) map",
                "E esp_image: Image hash failed - image is corrupt",
                "E boot: OTA app partition slot 0 is not bootable",
                "E esp_image: image at 0x150000 has invalid magic byte (nothing flashed here?)",
                "E boot: OTA app partition slot 1 is not bootable",
                "E boot: No bootable app partitions in the partition table"),
                lines.subList(lines.indexOf("I boot: End of partition table") + 1, lines.size()));
        assertEquals(ResetReason.SW_RESET, d.nextResetReason());
        assertTrue(d.readFlash(OTADATA, 0x2000).allEqual(0xFF), "nothing booted, nothing recorded");
    }

    /**
     * esp_image_format.c process_segment / should_load (v5.3-v6.0.x): the bootloader's last word is
     * do_load ? "load" : should_map ? "map" : "", and nothing below 0x10000000 is loaded, so a padding segment
     * (load address 0) gets an empty word; the app's esp_ota_end never loads, so its RAM segments get one too.
     */
    @Test void aPaddingSegmentIsNeitherLoadedNorMapped() {
        Bytes padded = ImageSamples.blink("1.0.0", 0).withSegment(0, Bytes.filled(16, 0)).build();
        VirtualEsp32 d = VirtualEsp32.builder(Rig.noFactory()).app(AppSlot.ota(0), padded).build();
        List<String> lines = Rig.untimed(d.reset());
        assertTrue(lines.contains("I esp_image: segment 4: paddr=000108c0 vaddr=00000000 size=00010h (    16) "),
                lines.toString());
        assertTrue(lines.contains("I esp_image: segment 1: paddr=00010228 vaddr=3ffb0000 size=00080h (   128) load"));
        assertEquals(AppSlot.ota(0), d.lastBoot().orElseThrow().booted().orElseThrow());
    }

    /**
     * bootloader_init.c bootloader_print_banner: "Multicore bootloader" since v5.1; bootloader_esp32.c
     * bootloader_check_wdt_reset: "PRO CPU has been reset by WDT" with a full stop up to v5.3, without from v5.4;
     * only a watchdog reset prints it.
     */
    @Test void theBannerFollowsTheIdfVersion() {
        for (String version : new String[] {"v5.0.7", "v5.3.2", "v5.4.1", "v6.0"}) {
            DeviceConfig c = new DeviceConfig(OtaConfig.of(false).withIdfVersion(version), LogLevel.INFO, 5_000);
            VirtualEsp32 d = Rig.withBlink100(false).config(c).build();
            List<String> lines = Rig.untimed(d.reset());
            assertEquals("I boot: ESP-IDF " + version + " 2nd stage bootloader", lines.get(10));
            assertEquals(!version.equals("v5.0.7"), lines.contains("I boot: Multicore bootloader"), version);
            assertTrue(lines.stream().noneMatch(l -> l.contains("reset by WDT")), "a power-on reset");
        }
        assertTrue(OtaConfig.of(false).withIdfVersion("v5.4.1").atLeast(5, 4));
        assertFalse(OtaConfig.of(false).withIdfVersion("v5.3.2").atLeast(5, 4));
        assertTrue(OtaConfig.of(false).withIdfVersion("v6.0").atLeast(5, 4));
        assertTrue(OtaConfig.of(false).withIdfVersion("master").atLeast(5, 4), "not a version: the newest wording");
        assertEquals("W boot.esp32: PRO CPU has been reset by WDT.", hangThenBoot("v5.3.2"));
        assertEquals("W boot.esp32: PRO CPU has been reset by WDT", hangThenBoot("v5.4.1"));
    }

    /** The bootloader after a TG1 system reset (an interrupt watchdog's second stage; no hang ends so). */
    private static String hangThenBoot(String version) {
        VirtualEsp32 d = Rig.withBlink100(true).config(DeviceConfig.of(true).withIdfVersion(version)).build();
        return bootloaderLines(d, ResetReason.TG1WDT_SYS_RESET).stream().filter(l -> l.contains("PRO CPU"))
                .map(l -> "W boot.esp32: " + l).findFirst().orElseThrow();
    }

    private static List<String> bootloaderLines(VirtualEsp32 d, ResetReason reason) {
        List<String> lines = new java.util.ArrayList<>();
        java.util.function.Consumer<DeviceEvent> l = e -> {
            if (e instanceof DeviceEvent.Console c) lines.add(c.line().text());
        };
        d.addListener(l);
        BootloaderRun.run(d, reason);
        d.removeListener(l);
        return lines;
    }

    /**
     * bootloader_flash_config_esp32.c print_flash_info: its own names — 26 MHz is "26.7MHz", a size nibble past
     * 16MB "2MB", a mode past FAST READ "SLOW READ", an unknown speed "20MHz".
     */
    @Test void theSpiLinesUseTheBootloadersNames() {
        assertEquals(List.of("40MHz", "26.7MHz", "20MHz", "80MHz", "20MHz"),
                java.util.stream.IntStream.of(0, 1, 2, 0xF, 7).mapToObj(BootloaderRun::speedName).toList());
        assertEquals(List.of("QIO", "QOUT", "DIO", "DOUT", "FAST READ", "SLOW READ"),
                java.util.stream.IntStream.rangeClosed(0, 5).mapToObj(BootloaderRun::modeName).toList());
        assertEquals(List.of("1MB", "2MB", "4MB", "8MB", "16MB", "2MB"),
                java.util.stream.IntStream.rangeClosed(0, 5).mapToObj(BootloaderRun::sizeName).toList());
    }

    @Test void aFactoryTableBootsFactoryFromBlankOtadata() {
        VirtualEsp32 d = VirtualEsp32.builder(Rig.twoOta()).flashSize(16L << 20)
                .app(AppSlot.FACTORY, Rig.blink("1.0.0", 0)).build();
        List<String> lines = Rig.untimed(d.reset());
        assertTrue(lines.contains("I boot.esp32: SPI Flash Size : 16MB"), lines.toString());
        assertTrue(lines.contains("I boot: Defaulting to factory image"));
        assertTrue(lines.contains("I boot: Loaded app from partition at offset 0x10000"));
        assertEquals(AppSlot.FACTORY, d.running().orElseThrow());
    }

    @Test void theCatalogPicksTheBehaviourAndTheUserCanReplaceIt() {
        List<String> ran = new java.util.ArrayList<>();
        AppCatalog mine = AppCatalog.builtIn().with("blink", "1.0.0", ctx -> {
            ran.add(ctx.descriptor().versionText() + " on " + ctx.running());
            ctx.log(LogLevel.WARN, "mine", "hello %d", 42);
        });
        VirtualEsp32 d = Rig.withBlink100(false).apps(mine).build();
        Boot b = d.reset();
        assertEquals(List.of("1.0.0 on ota_0"), ran);
        assertEquals("W mine: hello 42", Rig.untimed(b).get(b.console().size() - 1));
        VirtualEsp32 unknown = VirtualEsp32.builder(Rig.noFactory())
                .app(AppSlot.ota(0), ImageSamples.hello(esp32ota.image.Chip.ESP32).build()).build();
        Boot u = unknown.reset();
        assertEquals(Boot.End.RUNNING, u.end());
        assertEquals("I boot: Disabling RNG early entropy source...", Rig.untimed(u).get(u.console().size() - 1),
                "an unregistered app idles silently");
    }

    @Test void theOtaApiOfAnAppIsDeadAfterTheDeviceResets() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        d.reset();
        var ota = d.ota();
        d.reset();
        assertThrows(IllegalStateException.class, () -> ota.begin(AppSlot.ota(1), 0));
        assertThrows(IllegalStateException.class, () -> VirtualEsp32.fromDump(Bytes.filled(4 << 20, 0xFF)).build().ota());
    }

    @Test void theBuilderRefusesLayoutsThatCannotBeFlashed() {
        assertThrows(IllegalArgumentException.class, () -> VirtualEsp32.builder(Rig.noFactory())
                .app(AppSlot.FACTORY, Rig.blink("1.0.0", 0)).build());
        assertThrows(IllegalArgumentException.class, () -> VirtualEsp32.builder(Rig.noFactory())
                .app(AppSlot.ota(0), Bytes.filled(0x140001, 0xE9)).build());
        assertThrows(IllegalArgumentException.class, () -> VirtualEsp32.builder(Rig.noFactory())
                .flashSize(3L << 20).build());
        assertThrows(IllegalArgumentException.class, () -> VirtualEsp32.fromDump(Bytes.filled(1000, 0xFF)));
    }

    @Test void eventsArriveInOrderForABoot() {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        List<DeviceEvent> events = Rig.record(d);
        d.reset();
        assertEquals(new DeviceEvent.Reset(ResetReason.POWERON_RESET), events.get(0));
        int boot = indexOf(events, DeviceEvent.Boot.class);
        int written = indexOf(events, DeviceEvent.OtadataWritten.class);
        assertTrue(written < boot, "the bootloader's otadata write is reported before its decision event");
        var w = (DeviceEvent.OtadataWritten) events.get(written);
        assertEquals(0, w.copy());
        assertEquals(1, w.entry().otaSeq());
        var erase = (DeviceEvent.FlashOperation) events.get(written - 2);
        assertEquals(OTADATA, erase.op().address());
        assertInstanceOf(FlashOp.Erase.class, erase.op());
        assertInstanceOf(FlashOp.Program.class, ((DeviceEvent.FlashOperation) events.get(written - 1)).op());
    }

    static int indexOf(List<DeviceEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) if (type.isInstance(events.get(i))) return i;
        return -1;
    }
}
