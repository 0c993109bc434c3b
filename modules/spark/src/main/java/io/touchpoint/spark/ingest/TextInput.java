package io.touchpoint.spark.ingest;

import io.touchpoint.core.config.InputConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.ingest.CsvRecords;
import io.touchpoint.core.ingest.EventNormalizer;
import io.touchpoint.core.ingest.RawRecord;
import io.touchpoint.core.ingest.TextInputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    static Dataset<Row> read(SparkSession spark, InputConfig input, EventNormalizer normalizer, FileRanks ranks,
                              CarriedColumns carried) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        JavaRDD<Row> rows = jsc.binaryFiles(input.path())
                .flatMap(f -> parse(input, normalizer, f._1(), f._2(), ranks.rank(f._1()), carried));
        return spark.createDataFrame(rows, ParsedSchema.SCHEMA);
    }

    private static Iterator<Row> parse(InputConfig input, EventNormalizer normalizer, String file, PortableDataStream data,
                                       int fileRank, CarriedColumns carried) throws IOException {
        BufferedReader reader = open(file, data.open());
        Iterator<RawRecord> records = TextInputs.records(input, file, reader);
        return new Iterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more && !closed) {
                    closed = true;
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return more;
            }

            @Override
            public Row next() {
                return ParsedSchema.toRow(records.next(), normalizer, fileRank, carried);
            }
        };
    }

    /** Decompresses by file extension (.gz, .bz2, ...), as Hadoop's text input would. */
    private static BufferedReader open(String file, InputStream raw) throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(new Configuration(false)).getCodec(new Path(file));
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Checks the header on the driver, so a missing column fails before any Spark job. */
    static void checkCsvHeader(Configuration hadoop, InputConfig input, Path first) {
        try (BufferedReader r = open(first.toString(), first.getFileSystem(hadoop).open(first))) {
            new CsvRecords(input, first.toString(), r);
        } catch (IOException e) {
            throw TouchpointException.input(first.toString(), "Input file cannot be read (" + e.getMessage() + ")",
                    "Check that the file is readable.", e);
        }
    }
}
