/**
 * Exploring firmware you did not build: flash dumps, merged images and folders of {@code .bin} files, read with the
 * kit's own decoders (partition, otadata, boot, image) and shown as text, JSON, tablesaw tables and XChart charts
 * ({@link esp32ota.view.FirmwareCharts}).
 *
 * <ul>
 * <li>{@link esp32ota.analysis.Identification} says what a file <em>is</em> from its bytes alone
 *     ({@link esp32ota.analysis.FileKind}: app image, bootloader, ESP8266 image, flash dump, partition table,
 *     otadata, encrypted, unknown); {@link esp32ota.analysis.ImageFacts} holds an image's header fields,
 *     descriptor texts and the bootloader's verdict.</li>
 * <li>{@link esp32ota.analysis.DumpReport#split} takes a full dump or a merged image apart: where the file starts
 *     in flash ({@link esp32ota.analysis.BootloaderAddress}), the partition table (scanned for when moved), each
 *     partition's contents and fill ({@link esp32ota.analysis.Fill}), otadata and the boot decision;
 *     {@link esp32ota.analysis.DumpRender} shows it. {@link esp32ota.analysis.MergedImage} is the inverse: it lays a
 *     device's flash out as {@code merge_bin} or {@code read_flash} would.</li>
 * <li>{@link esp32ota.analysis.Corpus} scans a folder on all cores with bounded memory into one row per file
 *     ({@link esp32ota.analysis.CorpusRow}, a tablesaw table); a bad file is a row with an error.
 *     {@link esp32ota.analysis.SyntheticCorpus} writes a reproducible folder to scan.</li>
 * <li>{@link esp32ota.analysis.ImageDiff} compares two app images: fields, segments by load address, and the 4 KiB
 *     blocks a delta update would send.</li>
 * </ul>
 * On the command line: {@code ./kit scan}, {@code ./kit diff}, {@code ./kit samples --corpus},
 * {@code ./kit bench scan}; in the lab: {@code notebooks/06-exploring-firmware.ipynb}.
 */
package esp32ota.analysis;
