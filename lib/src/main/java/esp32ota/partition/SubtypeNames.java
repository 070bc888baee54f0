package esp32ota.partition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subtype keywords gen_esp32part v1.5 knows (its {@code SUBTYPES} table), with what
 * {@code --extra-partition-subtypes} adds: the names a CSV may use, the names a decoded binary prints, the list in
 * its "Known keywords" message, and the codes its rules look up by name (data {@code ota}, {@code nvs},
 * {@code coredump}, {@code undefined}, {@code tee_ota}; bootloader and partition_table {@code primary}, bootloader
 * {@code recovery}). The standard table is {@link PartitionSubtype}, in the tool's order.
 *
 * <p>An extra entry is {@code type,name,value}, each field stripped:
 * <pre>
 * type    app, data, bootloader or partition_table, exactly (no numbers, no upper case)
 * name    any text; a new name goes last in its type's list, a name the type has gets the new value in place
 *         (so {@code data,nvs,0x40} moves the NVS rules to subtype 0x40). Only lower-case names can be written in a
 *         CSV (the tool lower-cases what it looks up); any name is printed for its code.
 * value   hex, as Python's int(value, 16): 40, 0x40, 0X4_0 (and 0b1 = 0xB1); must be new for that type
 * </pre>
 * Entries are applied in order; the first bad one fails the whole option. The tool's own error is
 * "Error parsing custom subtypes: Invalid partition type" (an unknown type with a value some type already has); for
 * the entries that crash it (a value already taken, an unknown type with a fresh value, a value that is not hex,
 * fewer than three fields) the kit's message starts the same way and names the entry.
 *
 * @param names every (type, keyword, code) in the tool's order: bootloader, partition_table, app, data, each type's
 *              keywords in dictionary order
 */
public record SubtypeNames(List<Name> names) {
    /** Codes beyond this are refused when defined; the tool would keep them and crash when writing the binary. */
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(31);

    /** One keyword of one type; {@code code} may lie outside 0–255 when an extra entry says so. */
    public record Name(int type, String keyword, long code) {}

    public SubtypeNames {
        names = List.copyOf(names);
    }

    /** The tool's table without extras: {@link PartitionSubtype} in the tool's order. */
    public static SubtypeNames standard() {
        List<Name> list = new ArrayList<>();
        for (PartitionType t : PartitionType.KEYWORD_ORDER) {
            for (PartitionSubtype s : PartitionSubtype.keywordsOf(t.code())) list.add(new Name(t.code(), s.keyword(), s.code()));
        }
        return new SubtypeNames(list);
    }

    /** This table with {@code --extra-partition-subtypes} entries applied in order; a bad one throws. */
    public SubtypeNames withExtras(List<String> entries) {
        SubtypeNames table = this;
        for (String entry : entries) table = table.withExtra(entry);
        return table;
    }

    private SubtypeNames withExtra(String entry) {
        String[] f = entry.split(",", -1);
        for (int i = 0; i < f.length; i++) f[i] = PythonText.strip(f[i]);
        if (f.length < 3) throw new PartitionTableException(PartitionTableException.Kind.EXTRA_NOT_THREE_FIELDS, entry);
        BigInteger value = PythonInt.parseHex(f[2]).orElseThrow(() -> new PartitionTableException(PartitionTableException.Kind.EXTRA_NOT_HEX, f[2], entry));
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new PartitionTableException(PartitionTableException.Kind.EXTRA_TOO_LARGE, f[2], entry);
        }
        long code = value.longValue();
        Optional<PartitionType> type = PartitionType.KEYWORD_ORDER.stream().filter(t -> t.keyword().equals(f[0])).findFirst();
        for (Name n : names) {
            if (n.code() != code) continue;
            // the tool asks for the type only once some type already has this value
            if (type.isEmpty()) throw new PartitionTableException(PartitionTableException.Kind.EXTRA_INVALID_TYPE);
            if (type.get().code() == n.type()) {
                throw new PartitionTableException(PartitionTableException.Kind.EXTRA_DUPLICATE, entry, f[0], code, n.keyword());
            }
        }
        if (type.isEmpty()) {
            throw new PartitionTableException(PartitionTableException.Kind.EXTRA_UNKNOWN_TYPE, f[0], entry);
        }
        List<Name> list = new ArrayList<>(names);
        Name added = new Name(type.get().code(), f[1], code);
        int at = indexOf(added.type(), added.keyword());
        if (at >= 0) list.set(at, added);
        else list.add(lastIndexOfType(added.type()) + 1, added);
        return new SubtypeNames(list);
    }

    /** The keywords of a type and their codes, in the tool's order; empty for custom types. */
    public Map<String, Long> keywords(int type) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Name n : names) if (n.type() == type) map.put(n.keyword(), n.code());
        return Collections.unmodifiableMap(map);
    }

    /** The keyword the tool prints for a code: the first of the type's keywords with that code. */
    public Optional<String> keyword(int type, int code) {
        return names.stream().filter(n -> n.type() == type && n.code() == code).map(Name::keyword).findFirst();
    }

    /** The code a standard keyword has now (an extra entry may have given it another one). */
    public long code(PartitionSubtype s) {
        int at = indexOf(s.type().code(), s.keyword());
        return at >= 0 ? names.get(at).code() : s.code();
    }

    /** True when the entry has the type of {@code s} and the code {@code s}'s keyword has in this table. */
    public boolean is(PartitionEntry e, PartitionSubtype s) { return e.type() == s.type().code() && e.subtype() == code(s); }

    /** True when some type has a keyword spelled exactly {@code name}. */
    public boolean isKeyword(String name) { return names.stream().anyMatch(n -> n.keyword().equals(name)); }

    private int indexOf(int type, String keyword) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).type() == type && names.get(i).keyword().equals(keyword)) return i;
        }
        return -1;
    }

    private int lastIndexOfType(int type) {
        int last = -1;
        for (int i = 0; i < names.size(); i++) if (names.get(i).type() == type) last = i;
        return last < 0 ? names.size() - 1 : last;
    }
}
