package io.touchpoint.spark.session;

import io.touchpoint.spark.ReadColumns;
import java.io.Serializable;

/**
 * Which columns the reader of the sessionised stream reads from each kind of row: an event row
 * shares the schema with session and conversion rows but is read for far fewer of its columns.
 */
public record SessionizedColumns(ReadColumns events, ReadColumns sessions, ReadColumns conversions)
        implements Serializable {
    /** Every column of every row: the cached stream the tables are cut from. */
    public static final SessionizedColumns ALL = new SessionizedColumns(ReadColumns.all(SessionizedSchema.SCHEMA),
            ReadColumns.all(SessionizedSchema.SCHEMA), ReadColumns.all(SessionizedSchema.SCHEMA));
}
