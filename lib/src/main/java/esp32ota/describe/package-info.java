/**
 * Words about decoded values, kept apart from the decoders (metadata-extractor keeps its {@code Directory} and
 * {@code Descriptor} apart for the same reason): the reference tools' exact text and errors (esptool's
 * {@code image_info}, gen_esp32part's messages), the kit's JSON and its teaching reports, and one describer per
 * structure for the phrases the CLI, the views and the simulators' journals share.
 *
 * <p>The binary decoders in {@code image}, {@code partition} and {@code otadata} return plain records and throw a
 * {@link esp32ota.bytes.DecodeException} that holds data only; none of them formats a Python repr or a tool's
 * sentence (gen_esp32part's CSV format and its rule messages still live in {@code partition}). Gson is used here and in the CLI, never in a decoder (analysis's scan, dump and diff reports still build
 * their own JSON: they are the next to move).
 */
package esp32ota.describe;
