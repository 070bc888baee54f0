/**
 * Words about decoded values, kept apart from the decoders (metadata-extractor keeps its {@code Directory} and
 * {@code Descriptor} apart for the same reason): the reference tools' exact text and errors (esptool's
 * {@code image_info}, gen_esp32part's messages), the kit's JSON and its teaching reports, and one describer per
 * structure for the phrases the CLI, the views and the simulators' journals share.
 *
 * <p>The binary decoders in {@code image}, {@code partition} and {@code otadata} return plain records and throw a
 * {@link esp32ota.bytes.DecodeException} that holds data only; none of them formats a Python repr or a tool's
 * sentence. {@code PartitionRules} returns each broken rule as data ({@code Violation}: rule, partitions, values)
 * and {@link esp32ota.describe.GenEsp32PartWords} words it; the CSV text stays in {@code partition}, because it is a
 * file format the kit reads and writes, not a report.
 * Gson is used here and in the CLI that prints it, never in a decoder or a report: the scan, dump and diff reports
 * of {@code analysis} are plain values whose JSON {@link esp32ota.describe.CorpusJson},
 * {@link esp32ota.describe.DumpJson} and {@link esp32ota.describe.ImageDiffJson} write (the one other reader of
 * JSON is grading's {@code .ipynb} decoder).
 */
package esp32ota.describe;
