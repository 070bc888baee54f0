package esp32ota.sweep;

/** One row of a sweep: a cut point and where the device settled after it. */
public record CutResult(CutPoint cut, Outcome outcome) {}
