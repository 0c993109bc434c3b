package io.touchpoint.core.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based (version 3, MD5) UUIDs, the same as {@link UUID#nameUUIDFromBytes} of the name's UTF-8
 * bytes, from one digest kept for the purpose: {@code nameUUIDFromBytes} looks the MD5
 * implementation up among the security providers for every id, which cost more than hashing (a
 * session id per session, a conversion id per conversion). Not thread-safe: one per sessioniser.
 */
public final class NameUuids {
    private final MessageDigest md5;

    public NameUuids() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 not supported", e); // every Java runtime has it
        }
    }

    /** The UUID of {@code name}, as text. */
    public String of(String name) {
        byte[] h = md5.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) (h[6] & 0x0f | 0x30); // version 3
        h[8] = (byte) (h[8] & 0x3f | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (h[i] & 0xff);
            lsb = lsb << 8 | (h[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
