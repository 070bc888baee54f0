package esp32ota.view;

import tech.tablesaw.api.StringColumn;

import java.util.List;
import java.util.function.Function;

/** Table columns made from a list of rows, one value per row. */
final class Columns {
    private Columns() {}

    static <T> StringColumn strings(String name, List<T> rows, Function<T, String> f) {
        return StringColumn.create(name, rows.stream().map(f).toList());
    }
}
