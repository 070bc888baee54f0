package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.Segment;
import esp32ota.image.Verdict;

/**
 * Every decoded field of an image, and the verdict, as the kit's JSON ({@code ./kit image-info --format json};
 * addresses as {@code "0x…"} strings).
 */
public final class ImageJson {
    private ImageJson() {}

    /** Every field of the image and the verdict; absent values (no chip name, no digest, no descriptor) are null. */
    public static JsonObject of(AppImage img, Verdict verdict) {
        JsonObject o = new JsonObject();
        ImageHeader h = img.header();
        JsonObject header = new JsonObject();
        header.addProperty("magic", hex(h.magic()));
        header.addProperty("segment_count", h.segmentCount());
        header.addProperty("spi_mode", h.spiMode());
        header.addProperty("spi_speed_nibble", h.flashSpeedBits());
        header.addProperty("spi_size_nibble", h.flashSizeBits() >> 4);
        header.addProperty("entry_addr", hex(h.entryAddr()));
        header.addProperty("wp_pin", hex(h.wpPin()));
        header.addProperty("spi_pin_drv", h.spiPinDrv().hex());
        header.addProperty("chip_id", h.chipId());
        header.addProperty("chip", h.chip().map(Chip::esptoolName).orElse(null));
        header.addProperty("min_chip_rev", h.minChipRev());
        header.addProperty("min_chip_rev_full", h.minChipRevFull());
        header.addProperty("max_chip_rev_full", h.maxChipRevFull());
        header.addProperty("reserved", h.reserved().hex());
        header.addProperty("hash_appended", h.hashAppended());
        o.add("header", header);
        JsonArray segs = new JsonArray();
        for (Segment s : img.segments()) {
            JsonObject j = new JsonObject();
            j.addProperty("index", s.index());
            j.addProperty("load_addr", hex(s.loadAddr()));
            j.addProperty("length", s.length());
            j.addProperty("header_offset", hex(s.headerOffset()));
            j.addProperty("data_offset", hex(s.dataOffset()));
            JsonArray types = new JsonArray();
            h.chip().ifPresent(c -> s.memoryTypes(c).forEach(types::add));
            j.add("memory_types", types);
            segs.add(j);
        }
        o.add("segments", segs);
        o.addProperty("checksum_offset", hex(img.checksumOffset()));
        o.addProperty("checksum", hex(img.storedChecksum()));
        o.addProperty("checksum_computed", hex(img.computedChecksum()));
        o.addProperty("checksum_valid", img.checksumValid());
        o.addProperty("digest_stored", h.hasHash() ? img.storedDigest().hex() : null);
        o.addProperty("digest_computed", h.hasHash() ? img.computedDigest().hex() : null);
        o.addProperty("digest_valid", h.hasHash() ? img.hashValid() : null);
        o.addProperty("image_length", img.length());
        o.addProperty("file_size", img.fileSize());
        o.add("app_desc", img.appDescriptor().<JsonElement>map(ImageJson::descriptor).orElse(JsonNull.INSTANCE));
        o.addProperty("signature", img.signature().map(SignatureBlockDescriber::line).orElse(null));
        JsonObject v = new JsonObject();
        v.addProperty("bootable", verdict.bootable());
        JsonArray failures = new JsonArray();
        for (Verdict.Failure f : verdict.failures()) {
            JsonObject j = new JsonObject();
            j.addProperty("check", f.check().name());
            j.addProperty("message", f.message());
            failures.add(j);
        }
        v.add("failures", failures);
        o.add("verdict", v);
        return o;
    }

    private static JsonObject descriptor(AppDescriptor d) {
        JsonObject j = new JsonObject();
        j.addProperty("address", hex(d.address()));
        j.addProperty("magic_word", hex(d.magicWord()));
        j.addProperty("secure_version", d.secureVersion());
        j.addProperty("version", d.versionText());
        j.addProperty("project_name", d.projectNameText());
        j.addProperty("time", AppDescriptor.text(d.time()));
        j.addProperty("date", AppDescriptor.text(d.date()));
        j.addProperty("idf_ver", AppDescriptor.text(d.idfVer()));
        j.addProperty("app_elf_sha256", d.appElfSha256().hex());
        j.addProperty("min_efuse_blk_rev_full", d.minEfuseBlkRevFull());
        j.addProperty("max_efuse_blk_rev_full", d.maxEfuseBlkRevFull());
        j.addProperty("mmu_page_size", d.mmuPageSize());
        return j;
    }

    private static String hex(long v) { return "0x" + Long.toHexString(v); }
}
