package esp32ota.view;

import esp32ota.describe.ExplainedField;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** Explained fields ({@link ExplainedField}) as a tablesaw {@link Table}: offset, size, field, value, meaning. */
final class ExplainedFieldTable {
    private ExplainedFieldTable() {}

    static Table table(String name, List<ExplainedField> fields) {
        return Table.create(name,
                Columns.strings("offset", fields, f -> "0x%02X".formatted(f.fileOffset())),
                IntColumn.create("size", fields.stream().mapToInt(ExplainedField::size).toArray()),
                Columns.strings("field", fields, ExplainedField::field),
                Columns.strings("value", fields, ExplainedField::value),
                Columns.strings("meaning", fields, ExplainedField::meaning));
    }
}
