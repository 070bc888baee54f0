package esp32ota.ota;

import esp32ota.device.DeviceConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** One setting, the ESP-IDF release, decides the v5.5 otadata invalidation and the v6.0 set-boot rule. */
class OtaConfigTest {
    @Test void theReleaseDecidesTheVersionDependentBehaviour() {
        OtaConfig v54 = OtaConfig.of(true);
        assertEquals("v5.4.1", v54.idfVersion(), "the default");
        assertFalse(v54.invalidateInactiveOtadata());
        assertEquals(SetBootAlgorithm.LEGACY, v54.algorithm());
        OtaConfig v55 = v54.withIdfVersion("v5.5");
        assertTrue(v55.invalidateInactiveOtadata());
        assertEquals(SetBootAlgorithm.LEGACY, v55.algorithm(), "v4.x to v5.5 keep the legacy seq rule");
        OtaConfig v60 = v54.withIdfVersion("v6.0.1");
        assertTrue(v60.invalidateInactiveOtadata());
        assertEquals(SetBootAlgorithm.CURRENT, v60.algorithm());
        assertFalse(v54.withIdfVersion("v5.4.9").atLeast(5, 5));
        assertTrue(v54.withIdfVersion("5.10").atLeast(5, 5), "minor 10 > 5, with or without the v");
        assertEquals(new OtaConfig(true, true, "v6.0.1"), v60.withAntiRollback(true));
    }

    @Test void aDeviceNamesTheReleaseItsOtaApiFollows() {
        DeviceConfig d = DeviceConfig.of(false);
        assertEquals("v5.4.1", d.idfVersion());
        DeviceConfig v6 = d.withIdfVersion("v6.0");
        assertEquals("v6.0", v6.idfVersion());
        assertEquals(SetBootAlgorithm.CURRENT, v6.ota().algorithm());
        assertEquals("v6.0", v6.withAntiRollback(true).ota().idfVersion(), "other options keep the release");
    }
}
