package esp32ota.kernel;

import esp32ota.notebook.MimeBundle;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** How the kernel shows a value: the library's {@link MimeBundle} (the same views JJava shows), as basekernel's type. */
final class RichDisplay {
    private RichDisplay() {}

    static DisplayData of(Object value) {
        if (value instanceof DisplayData d) return d;
        var d = new DisplayData();
        MimeBundle.of(value).forEach(d::putData);
        return d;
    }
}
