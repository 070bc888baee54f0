/**
 * Power-cut sweeps: "what if the power failed during flash operation N of an update?", asked for every N.
 * <p>
 * {@link esp32ota.sweep.PowerCutSweep} runs one OTA update on a copy of a {@link esp32ota.device.VirtualEsp32}
 * (begin, 1 KiB writes, end, set boot partition, then the reboot and the new app's first boot with its mark-valid),
 * recording every flash operation it makes and the data each page program left. It then replays that stream on a
 * second copy, one operation at a time, and at each operation takes a copy-on-write copy of the flash, performs the
 * operation there with the power failing during it ({@link esp32ota.flash.NorFlash.Tear}: not at all, half, all but
 * the last byte), powers the copy back on and resets it until it settles. The result
 * ({@link esp32ota.sweep.SweepResult}) is one {@link esp32ota.sweep.CutResult} per cut point: which app boots, or that
 * nothing does.
 * <p>
 * Replaying keeps the sweep linear in the number of operations: the update runs once, not once per cut point, and
 * each cut costs one copy, one torn operation and the boots after it. Two more things keep those boots cheap: cut
 * copies judge app images through an {@link esp32ota.ota.FlashedApps.Memo} (an image whose bytes did not change is not
 * verified again) and their bootloader verifies only the slots it tries, as the real one does
 * ({@link esp32ota.device.VirtualEsp32#copyWithMemo}); and contiguous ranges of operations are cut on parallel
 * threads. Neither changes an outcome (the tests compare both against the plain way).
 */
package esp32ota.sweep;
