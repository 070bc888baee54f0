package esp32ota.otadata;

import java.util.Optional;

/**
 * {@code esp_ota_img_states_t} (ESP-IDF esp_flash_partitions.h): the state stored in each otadata copy. Codes are
 * u32; a copy may hold any other value, which the checks treat like VALID (only INVALID, ABORTED and a blank seq
 * disqualify a copy), so the raw code always stays in {@link OtaSelectEntry#stateCode()}.
 */
public enum OtaImgState {
    /** Written by {@code esp_ota_set_boot_partition} when rollback is enabled: the first boot is still to come. */
    NEW(0x0L),
    /** Set by the bootloader when it boots a NEW copy (rollback enabled): the app must now confirm itself. */
    PENDING_VERIFY(0x1L),
    /** Confirmed by the app ({@code esp_ota_mark_app_valid_cancel_rollback}) or recorded by the bootloader. */
    VALID(0x2L),
    /** Rejected by the app ({@code esp_ota_mark_app_invalid_rollback}): never selected again. */
    INVALID(0x3L),
    /** The bootloader found PENDING_VERIFY on the next boot (the app never confirmed): never selected again. */
    ABORTED(0x4L),
    /** Written when rollback is disabled; also what erased flash (0xFFFFFFFF) reads as. */
    UNDEFINED(0xFFFF_FFFFL);

    private final long code;

    OtaImgState(long code) { this.code = code; }

    /** The u32 stored in flash. */
    public long code() { return code; }

    public static Optional<OtaImgState> fromCode(long u32) {
        for (OtaImgState s : values()) if (s.code == u32) return Optional.of(s);
        return Optional.empty();
    }
}
