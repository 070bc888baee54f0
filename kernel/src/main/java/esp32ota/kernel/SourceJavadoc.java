package esp32ota.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Javadoc of the kit's own classes, read from their source files. JShell finds Javadoc only in the JDK's src.zip, so
 * for a signature such as {@code PartitionTable PartitionTable.decode(Bytes data, long address)} the kernel looks for
 * {@code PartitionTable.java} under the source folders named by the system property {@code esp32ota.sources}
 * (set in kernel.json) and takes the comment before the member with that name and number of parameters.
 */
final class SourceJavadoc {
    static final String PROPERTY = "esp32ota.sources";
    private static final Pattern COMMENT_THEN_DECLARATION =
            Pattern.compile("/\\*\\*(.*?)\\*/\\s*((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([^;{}=]*?)(?=[;{=])", Pattern.DOTALL);

    private final Map<String, Path> filesBySimpleName = new HashMap<>();

    SourceJavadoc(List<Path> roots) {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java"))
                 .forEach(p -> filesBySimpleName.putIfAbsent(p.getFileName().toString().replace(".java", ""), p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The folders listed in {@code -Desp32ota.sources=a:b}, or none. */
    static SourceJavadoc fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "");
        return new SourceJavadoc(value.isBlank() ? List.of()
                : Stream.of(value.split(java.io.File.pathSeparator)).map(Path::of).toList());
    }

    /** The raw Javadoc text for a JShell signature, or "" when the kit's sources do not declare it. */
    String find(String signature) {
        int paren = signature.indexOf('(');
        String head = (paren < 0 ? signature.split(":")[0] : signature.substring(0, paren)).strip();
        head = head.substring(head.lastIndexOf(' ') + 1).replaceAll("<.*>", "");
        String[] names = head.split("\\.");
        String member = names[names.length - 1];
        Path file = Stream.of(names).map(filesBySimpleName::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (file == null) return "";                       // the outermost type's file: HexDump.Row is in HexDump.java
        int parameters = paren < 0 ? -1 : countParameters(signature.substring(paren + 1, signature.lastIndexOf(')')));
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            return "";
        }
        Matcher m = COMMENT_THEN_DECLARATION.matcher(source);
        while (m.find()) {
            if (declares(m.group(3), member, parameters)) return m.group(1).replaceAll("(?m)^\\s*\\*", "").strip();
        }
        return "";
    }

    /** Does this declaration text name {@code member} (with that many parameters, for methods; -1: not a method)? */
    static boolean declares(String declaration, String member, int parameters) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(member) + "\\b\\s*(\\()?").matcher(declaration);
        if (!m.find()) return false;
        if (parameters < 0) return true;
        if (m.group(1) == null) return declaration.matches("(?s).*\\b(class|record|enum|interface)\\s+" + Pattern.quote(member) + "\\b.*");
        int close = declaration.lastIndexOf(')');
        return close > m.end() - 1 && countParameters(declaration.substring(m.end(), close)) == parameters;
    }

    /** Top-level commas + 1 in a parameter list ({@code Map<K, V> m, int n} has 2); 0 when blank. */
    static int countParameters(String list) {
        if (list.isBlank()) return 0;
        int depth = 0, count = 1;
        for (char c : list.toCharArray()) {
            if (c == '<' || c == '(') depth++;
            else if (c == '>' || c == ')') depth--;
            else if (c == ',' && depth == 0) count++;
        }
        return count;
    }
}
