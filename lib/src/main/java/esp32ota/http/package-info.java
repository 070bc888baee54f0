/**
 * The network half of an OTA update: a real HTTP(S) server for firmware images on 127.0.0.1 and the device's HTTP
 * client, both over real sockets.
 *
 * <ul>
 *   <li>{@link esp32ota.http.ImageServer} serves named images (GET, HEAD, {@code Range} requests) with
 *       {@link esp32ota.http.Shaping} (bandwidth, latency) and {@link esp32ota.http.Fault}s (a cut connection, an
 *       HTML page instead of the image, a stall, a TCP reset, a wrong {@code Content-Length}, an error status), and
 *       keeps a log of {@link esp32ota.http.ServedRequest}s.</li>
 *   <li>{@link esp32ota.http.SelfSignedCertificate} makes the HTTPS certificate at run time; its PEM text is what a
 *       firmware embeds as {@code cert_pem}.</li>
 *   <li>{@link esp32ota.http.EspHttpClient} is the device side, shaped like ESP-IDF's {@code esp_http_client}:
 *       {@code open}, {@code read} returning 0 at the end, {@code isCompleteDataReceived}, chunked bodies, redirects,
 *       timeouts, and a TLS trust store holding only the given PEM.</li>
 * </ul>
 *
 * <p>Everything here runs on the wall clock (real sockets, real sleeps); the simulated flash and device run on a
 * virtual clock and only meet this package when the device downloads.
 */
package esp32ota.http;
