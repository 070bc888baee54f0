package esp32ota.bytes;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SHA-256 in plain Java, from FIPS 180-4 §6.2 (64-byte blocks, 64 rounds, big-endian words), for the short
 * commands' JVM only ({@link DigestAlgorithm#start}). There the JIT stops at C1, which has no SHA intrinsic, so the
 * JDK's own SHA-256 is plain Java too, and asking the JDK for it first starts its security providers (about 12 ms,
 * cold) and method handles for its word reads (more): this one hashes a 1 MiB image in about 10 ms from a cold
 * start. Everywhere else the JDK's, with the CPU's SHA instructions, is several times faster.
 */
final class Sha256 extends MessageDigest implements Cloneable {
    /** FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    /** FIPS 180-4 §5.3.3: the initial hash value, from the square roots of the first 8 primes. */
    private static final int[] H0 = {
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

    private int[] h = H0.clone();
    private int[] w = new int[64];                   // the message schedule, reused block after block
    private byte[] pending = new byte[64];           // the start of a block that is not complete yet
    private int pendingLength;
    private long length;                             // bytes hashed so far

    Sha256() { super("SHA-256"); }

    @Override protected void engineUpdate(byte input) { engineUpdate(new byte[] {input}, 0, 1); }

    @Override protected void engineUpdate(byte[] input, int offset, int len) {
        length += len;
        if (pendingLength > 0) {
            int n = Math.min(len, 64 - pendingLength);
            System.arraycopy(input, offset, pending, pendingLength, n);
            pendingLength += n;
            offset += n;
            len -= n;
            if (pendingLength < 64) return;
            block(pending, 0);
            pendingLength = 0;
        }
        for (; len >= 64; offset += 64, len -= 64) block(input, offset);
        System.arraycopy(input, offset, pending, 0, len);
        pendingLength = len;
    }

    /** §5.1.1 padding: a 1 bit, zeros, then the message length in bits, big-endian, ending a block. */
    @Override protected byte[] engineDigest() {
        long bits = length * 8;
        byte[] tail = new byte[pendingLength < 56 ? 64 : 128];
        System.arraycopy(pending, 0, tail, 0, pendingLength);
        tail[pendingLength] = (byte) 0x80;
        for (int i = 0; i < 8; i++) tail[tail.length - 1 - i] = (byte) (bits >>> 8 * i);
        for (int at = 0; at < tail.length; at += 64) block(tail, at);
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) out[i] = (byte) (h[i / 4] >>> 24 - 8 * (i % 4));
        engineReset();
        return out;
    }

    @Override protected void engineReset() {
        h = H0.clone();
        pendingLength = 0;
        length = 0;
    }

    @Override protected int engineGetDigestLength() { return 32; }

    @Override public Object clone() throws CloneNotSupportedException {
        Sha256 copy = (Sha256) super.clone();
        copy.h = h.clone();
        copy.w = new int[64];
        copy.pending = Arrays.copyOf(pending, 64);
        return copy;
    }

    /** §6.2.2: one 64-byte block into the hash value (arrays in locals: C1 then keeps them in registers). */
    private void block(byte[] in, int at) {
        int[] w = this.w, h = this.h, k = K;
        for (int t = 0; t < 16; t++, at += 4) {
            w[t] = in[at] << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | in[at + 3] & 0xFF;
        }
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15], y = w[t - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ x >>> 3;
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ y >>> 10;
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int t1 = hh + sum1 + (e & f ^ ~e & g) + k[t] + w[t];
            int sum0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int t2 = sum0 + (a & b ^ a & c ^ b & c);
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
