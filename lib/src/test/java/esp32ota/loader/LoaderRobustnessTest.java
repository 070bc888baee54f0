package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.serial.PipeTransport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Whatever arrives on the line: the decoder and the packet readers give a value or a DecodeException, and the server keeps answering. */
class LoaderRobustnessTest {
    @Provide Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600)
                .injectDuplicates(0.2);
    }

    /** Requests with any command byte and words near the edges that matter (sizes, offsets, sequence numbers). */
    @Provide Arbitrary<List<Request>> requests() { return request().list().ofMaxSize(30); }

    private Arbitrary<Request> request() {
        Arbitrary<Integer> command = Arbitraries.oneOf(Arbitraries.of(Command.values()).map(Command::code),
                Arbitraries.integers().between(0, 255));
        Arbitrary<Long> word = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 0x400L, 0x1000L, 0x110000L, 0x3FF000L,
                        0x400000L, 0xFFFF_FFFFL, 0x8000_0000L, 0x400A902CL, 64L, 65L),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL));
        Arbitrary<List<Long>> words = word.list().ofMaxSize(8);
        Arbitrary<Bytes> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Bytes::of);
        return Combinators.combine(command, words, tail, Arbitraries.longs().between(0, 0xFF))
                .as((c, w, t, chk) -> new Request(c, chk, Request.words(w.stream().mapToLong(Long::longValue).toArray())
                        .concat(t)));
    }

    @Property(tries = 300)
    void slipAndPacketDecodingNeverThrowAnythingElse(@ForAll("noise") byte[] line) {
        SlipDecoder d = new SlipDecoder();
        for (byte[] frame : d.feed(line)) {
            assertTrue(frame.length > 0);
            try {
                Request.decode(frame);
            } catch (DecodeException expected) {
                assertNotNull(expected.kind());
            }
            try {
                Response.decode(frame);
            } catch (DecodeException expected) {
                assertNotNull(expected.kind());
            }
        }
    }

    @Property(tries = 200)
    void theServerAnswersAnySequenceOfRequestsAndStillSyncs(@ForAll("requests") List<Request> requests) throws IOException {
        PipeTransport[] p = PipeTransport.pair(false);
        RomLoaderServer server = RomLoaderServer.esp32(p[1], NorFlash.erased(2L << 20, FlashTiming.INSTANT));
        server.ackTimeout = Duration.ofMillis(5);          // a stub READ_FLASH nobody acknowledges
        for (Request r : requests) {
            try {
                server.handle(r);
            } catch (IllegalArgumentException refused) {
                fail("the server let the flash model refuse " + r + ": " + refused.getMessage());
            }
        }
        p[0].discardInput();
        server.handle(Request.of(Command.SYNC, RomLoaderClient.SYNC_PAYLOAD));
        byte[] buffer = new byte[4096];
        int n = p[0].read(buffer, 0, buffer.length, Duration.ZERO);
        List<byte[]> frames = new SlipDecoder().feed(buffer, 0, n);
        assertFalse(frames.isEmpty());
        Response r = Response.decode(frames.get(0));
        assertEquals(Command.SYNC.code(), r.command());
        assertEquals(0, r.status(0));
    }
}
