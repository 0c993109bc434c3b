package io.touchpoint.spark.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.ingest.CheckedReader;
import io.touchpoint.core.ingest.CsvRecords;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.RawRecord;
import io.touchpoint.core.ingest.Reasons;
import io.touchpoint.core.ingest.TextInputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads text inputs (CSV, JSON Lines, access logs) one file per task, streaming its lines through
 * the core parsers. A whole file per task is what gives exact line numbers for the quarantine
 * table and lets compressed files be read at all; logs arrive as many files, so this still
 * spreads over the cluster.
 */
final class TextInput {
    private TextInput() {
    }

    /** @param ips access logs' address masking and visitor-id key, or null for the fixed test key */
    static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer, FileRanks ranks,
                              CarriedColumns carried, io.touchpoint.core.privacy.ClientIps ips) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        JavaRDD<Row> rows = jsc.binaryFiles(input.path())
                .flatMap(f -> parse(input, normalizer, f._1(), f._2(), ranks.rank(f._1()), carried, ips));
        return spark.createDataFrame(rows, ParsedSchema.SCHEMA);
    }

    private static Iterator<Row> parse(InputConfig input, EventNormalizer normalizer, String file, PortableDataStream data,
                                       int fileRank, CarriedColumns carried, io.touchpoint.core.privacy.ClientIps ips)
            throws IOException {
        Counting raw = new Counting(data.open());
        CheckedReader checked = open(file, raw, input);
        BufferedReader reader = new BufferedReader(checked, 1 << 16);
        Iterator<RawRecord> records;
        try {
            records = TextInputs.records(input, file, reader, ips);
        } catch (TouchpointException e) {
            if (checked.failure() == null) {
                throw e;
            }
            records = java.util.Collections.emptyIterator(); // broke before its header was whole: the file is unreadable
        }
        Iterator<RawRecord> read = records;
        return new Iterator<>() {
            private boolean closed;
            private boolean failureReported;

            @Override
            public boolean hasNext() {
                if (!closed) {
                    if (read.hasNext()) {
                        return true;
                    }
                    closed = true;
                    try {
                        reader.close();
                    } catch (IOException e) {
                        // every byte has been read; a failing close changes nothing
                    }
                }
                return checked.failure() != null && !failureReported;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                if (!closed) {
                    return ParsedSchema.toRow(checkEncoding(read.next(), checked, input), normalizer, fileRank, carried);
                }
                failureReported = true;
                return ParsedSchema.toRow(unreadable(file, checked.failure(), input), normalizer, fileRank, carried);
            }
        };
    }

    /**
     * A record with a line that was not valid in the input's charset is quarantined, unless it was
     * already (its lines decoded with replacement characters would otherwise merge visitors).
     */
    private static RawRecord checkEncoding(RawRecord r, CheckedReader checked, InputConfig input) {
        java.util.NavigableSet<Long> invalid = checked.invalidLines();
        if (invalid.isEmpty()) {
            return r;
        }
        invalid.headSet(r.line(), false).clear(); // lines before this record are done with
        long last = r.line() + (r.raw() == null ? 0 : r.raw().chars().filter(c -> c == '\n').count());
        Long bad = invalid.ceiling(r.line());
        if (bad == null || bad > last || r.problem() != null && r.problem().disposition() == RawRecord.Disposition.QUARANTINED) {
            return r;
        }
        return RawRecord.quarantined(r.file(), r.line(), r.raw(), Reasons.INVALID_ENCODING, "line " + bad + " is not valid "
                + input.charset().name() + ": set touchpoint.input.encoding to the file's charset (e.g. ISO-8859-1 or windows-1252)");
    }

    /** The quarantine row of a file that broke off, or the run's end when the user chose to stop. */
    private static RawRecord unreadable(String file, CheckedReader.Failure f, InputConfig input) {
        String where = "line " + f.line() + ", byte " + f.byteOffset() + " of the file as stored";
        if (input.onUnreadableFile() == InputConfig.OnUnreadableFile.FAIL) {
            throw TouchpointException.input(file, "The input file breaks off at " + where + " (" + f.message() + ")",
                    "Replace it with a complete copy, or set touchpoint.input.on-unreadable-file = quarantine to read the"
                            + " lines before the break and record the file in the quarantine table.", null);
        }
        return RawRecord.quarantined(file, f.line(), null, Reasons.UNREADABLE_FILE,
                "the file breaks off at " + where + " (" + f.message() + "); the lines before it were read");
    }

    /** Decompresses by file extension (.gz, .bz2, ...), as Hadoop's text input would, then decodes in the input's charset. */
    private static CheckedReader open(String file, Counting raw, InputConfig input) {
        CompressionCodec codec = new CompressionCodecFactory(new Configuration(false)).getCodec(new Path(file));
        InputStream in;
        try {
            in = codec == null ? raw : codec.createInputStream(raw);
        } catch (IOException | RuntimeException e) {
            in = new InputStream() { // not even the archive's header could be read: the file breaks off at once
                @Override
                public int read() throws IOException {
                    throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            };
        }
        return new CheckedReader(in, input.charset(), raw::count);
    }

    /** Counts the bytes read of the file as stored, to say where a broken file broke. */
    private static final class Counting extends java.io.FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Checks the header on the driver, so a missing column fails before any Spark job. */
    static void checkCsvHeader(Configuration hadoop, InputConfig input, Path first) {
        try (BufferedReader r = new BufferedReader(open(first.toString(), new Counting(first.getFileSystem(hadoop).open(first)), input))) {
            new CsvRecords(input, first.toString(), r);
        } catch (IOException e) {
            throw TouchpointException.input(first.toString(), "Input file cannot be read (" + e.getMessage() + ")",
                    "Check that the file is readable.", e);
        }
    }
}
