package esp32ota.examples;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.device.AppContext;
import esp32ota.device.LogLevel;
import esp32ota.image.AppImage;
import esp32ota.ota.AppView;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

/**
 * The SHA-256 lines the OTA examples print at start ({@code esp_partition_get_sha256}): for the partition table the
 * hash of its 0xC00 bytes; for an app (and the bootloader) the SHA-256 appended to the image, else the hash of the
 * image's bytes. The label already ends in ": " and the format adds another (formats.md §5.3).
 */
final class StartupHashes {
    private static final long BOOTLOADER = 0x1000;

    private StartupHashes() {}

    static void partitionTable(AppContext ctx, String tag) {
        Bytes t = ctx.readFlash(PartitionTable.DEFAULT_ADDRESS, PartitionTable.MAX_LENGTH);
        print(ctx, tag, "SHA-256 for the partition table: ", t.sha256());
    }

    static void bootloader(AppContext ctx, String tag) {
        print(ctx, tag, "SHA-256 for bootloader: ",
                imageHash(ctx.readFlash(BOOTLOADER, (int) (PartitionTable.DEFAULT_ADDRESS - BOOTLOADER))));
    }

    static void currentFirmware(AppContext ctx, String tag) {
        PartitionEntry p = AppView.of(ctx.table()).find(ctx.running()).orElseThrow();
        // esp_image_verify reads the image, not the whole partition: try the first 64 KiB before reading it all
        Bytes head = ctx.readFlash(p.offset(), (int) Math.min(p.size(), 0x10000));
        Bytes region = fits(head) ? head : ctx.readFlash(p.offset(), (int) p.size());
        print(ctx, tag, "SHA-256 for current firmware: ", imageHash(region));
    }

    private static boolean fits(Bytes region) {
        try {
            AppImage img = AppImage.decode(region);
            return img.length() <= region.size();
        } catch (DecodeException e) {
            return false;
        }
    }

    private static Bytes imageHash(Bytes region) {
        try {
            AppImage img = AppImage.decode(region);
            if (img.header().hasHash() && img.storedDigest().size() == AppImage.DIGEST_SIZE) return img.storedDigest();
            return region.slice(0, (int) Math.min(region.size(), img.length())).sha256();
        } catch (DecodeException e) {
            return region.sha256();
        }
    }

    private static void print(AppContext ctx, String tag, String label, Bytes sha) {
        ctx.log(LogLevel.INFO, tag, "%s: %s", label, sha.hex());
    }
}
