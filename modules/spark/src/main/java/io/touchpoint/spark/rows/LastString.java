package io.touchpoint.spark.rows;

import org.apache.spark.unsafe.types.UTF8String;

/**
 * The decoded value of a run of equal Spark strings (rows sorted by visitor, person or session
 * repeat one id many times): compared as bytes, decoded when it changes, and the same Java string
 * returned for the whole run, so a caller can tell a change by identity. One per column and task.
 */
public final class LastString {
    private UTF8String utf8;
    private String value;

    /** {@code u} decoded (null for null); the same instance as last time when the bytes are equal. */
    public String of(UTF8String u) {
        if (u == null) {
            return null;
        }
        if (!u.equals(utf8)) {
            utf8 = u.copy(); // Spark reuses the row the bytes are in
            value = utf8.toString();
        }
        return value;
    }
}
