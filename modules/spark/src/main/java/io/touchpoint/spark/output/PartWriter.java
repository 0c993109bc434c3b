package io.touchpoint.spark.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One Parquet file of a table, written straight from a pass's rows with Parquet's own writer: the
 * pass that makes a table's rows writes them as it goes, so no table is cut from a cached stream by
 * a job of its own. The file is what Spark's writer makes of the same rows: every column optional,
 * strings as UTF-8 {@code BINARY (STRING)}, timestamps as {@code INT64 TIMESTAMP(MICROS, UTC)},
 * dates as {@code INT32 DATE}, arrays as three-level lists, Snappy pages, and Spark's schema in the
 * footer, so Spark, DuckDB and pandas read it exactly as a Spark-written table.
 *
 * <p>A row's strings must not change after {@link #write}: Parquet keeps them (statistics,
 * dictionaries) without copying.
 */
public final class PartWriter implements Closeable {
    /** The footer key Spark reads its schema from (its writer's, so types round-trip exactly). */
    static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";
    static final String SPARK_VERSION = "org.apache.spark.version";

    /** Columns of few distinct values, dictionary-encoded (the others are written plain). */
    static final java.util.Set<String> DICTIONARY = java.util.Set.of("event_name", "source", "medium", "campaign", "term",
            "content", "channel", "goal", "model", "funnel", "unit", "breakdown", "reason", "step_name", "run_id",
            "input_file", "touchpoint_count", "touchpoint_index", "level", "step_index", "is_direct");

    private final ParquetWriter<InternalRow> writer;
    private long rows;

    /**
     * @param schema the file's columns (nullable, as {@link TableSpec#dataSchema})
     * @param from for each of them, its position in the rows handed to {@link #write}
     */
    public PartWriter(Path file, Configuration conf, StructType schema, int[] from) {
        try {
            Builder b = new Builder(file, conf, new RowWriteSupport(schema, from));
            // Dictionaries only where values repeat (channels, sources, models, event names, dates):
            // ids, URLs, user agents and times are nearly all distinct, and a dictionary of them is
            // built, copied and thrown away for nothing (half of a run's CPU went there).
            b.withDictionaryEncoding(false);
            for (StructField f : schema.fields()) {
                if (DICTIONARY.contains(f.name()) || f.dataType().equals(DataTypes.DateType)
                        || f.dataType().equals(DataTypes.BooleanType)) {
                    b.withDictionaryEncoding(f.name(), true);
                }
            }
            writer = b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    public void write(InternalRow row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Parquet schema Spark's writer gives {@code schema} (standard, non-legacy layout). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            b.addField(type(f.name(), f.dataType()));
        }
        return b.named("spark_schema");
    }

    private static Type type(String name, DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        if (t.equals(DataTypes.LongType)) {
            return Types.optional(PrimitiveTypeName.INT64).named(name);
        }
        if (t.equals(DataTypes.IntegerType)) {
            return Types.optional(PrimitiveTypeName.INT32).named(name);
        }
        if (t.equals(DataTypes.DoubleType)) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        }
        if (t.equals(DataTypes.BooleanType)) {
            return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        }
        if (t.equals(DataTypes.TimestampType)) {
            return Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        }
        if (t.equals(DataTypes.DateType)) {
            return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
        }
        if (t instanceof ArrayType a) {
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(type("element", a.elementType())).named("list"))
                    .named(name);
        }
        throw new IllegalArgumentException("No Parquet type for column " + name + " of type " + t.simpleString());
    }

    /**
     * Where the file goes: local files straight through java.nio, anything else (HDFS, S3A) through
     * Hadoop. Hadoop's local file system sets each new file's and folder's permissions with a
     * forked {@code chmod} process when its native library is absent (as in every embedded run):
     * one process per file, most of a run's time with a few thousand date-partition files.
     */
    private static org.apache.parquet.io.OutputFile outputFile(Path file, Configuration conf) throws IOException {
        java.net.URI uri = file.toUri();
        if ("file".equals(uri.getScheme()) || uri.getScheme() == null) {
            java.nio.file.Path local = java.nio.file.Path.of(uri.getPath());
            java.nio.file.Files.createDirectories(local.getParent());
            return new org.apache.parquet.io.LocalOutputFile(local);
        }
        return HadoopOutputFile.fromPath(file, conf);
    }

    private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
        private final WriteSupport<InternalRow> support;

        Builder(Path file, Configuration conf, WriteSupport<InternalRow> support) throws IOException {
            super(outputFile(file, conf));
            this.support = support;
            withConf(conf);
            withCompressionCodec(CompressionCodecName.SNAPPY);
            withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            // Neither is read by Spark, DuckDB or pandas when they scan a table; both cost per value.
            withPageWriteChecksumEnabled(false);
            withSizeStatisticsEnabled(false);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** Writes the chosen columns of Spark's rows; a value's kind is decided once per column. */
    private static final class RowWriteSupport extends WriteSupport<InternalRow> {
        private static final int STRING = 0;
        private static final int LONG = 1;
        private static final int INT = 2;
        private static final int DOUBLE = 3;
        private static final int BOOLEAN = 4;
        private static final int LONGS = 5;
        private static final int STRINGS = 6;

        private final StructType schema;
        private final int[] from;
        private final int[] kinds;
        private final String[] names;
        private RecordConsumer out;

        RowWriteSupport(StructType schema, int[] from) {
            this.schema = schema;
            this.from = from.clone();
            this.names = schema.fieldNames();
            this.kinds = new int[names.length];
            for (int i = 0; i < kinds.length; i++) {
                DataType t = schema.fields()[i].dataType();
                kinds[i] = t.equals(DataTypes.StringType) ? STRING
                        : t.equals(DataTypes.LongType) || t.equals(DataTypes.TimestampType) ? LONG
                        : t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType) ? INT
                        : t.equals(DataTypes.DoubleType) ? DOUBLE
                        : t.equals(DataTypes.BooleanType) ? BOOLEAN
                        : t instanceof ArrayType a && (a.elementType().equals(DataTypes.TimestampType)
                                || a.elementType().equals(DataTypes.LongType)) ? LONGS
                        : t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType) ? STRINGS : -1;
                if (kinds[i] < 0) {
                    throw new IllegalArgumentException("Cannot write column " + names[i] + " of type " + t.simpleString());
                }
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> meta = new HashMap<>();
            meta.put(SPARK_SCHEMA, schema.json());
            meta.put(SPARK_VERSION, org.apache.spark.package$.MODULE$.SPARK_VERSION());
            return new WriteContext(parquetSchema(schema), meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(InternalRow row) {
            out.startMessage();
            for (int i = 0; i < from.length; i++) {
                int at = from[i];
                if (row.isNullAt(at)) {
                    continue;
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary(binary(row.getUTF8String(at)));
                    case LONG -> out.addLong(row.getLong(at));
                    case INT -> out.addInteger(row.getInt(at));
                    case DOUBLE -> out.addDouble(row.getDouble(at));
                    case BOOLEAN -> out.addBoolean(row.getBoolean(at));
                    case STRINGS -> strings(row.getArray(at));
                    default -> longs(row.getArray(at));
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }

        private void strings(ArrayData a) {
            list(a, j -> out.addBinary(binary(a.getUTF8String(j))));
        }

        private void longs(ArrayData a) {
            list(a, j -> out.addLong(a.getLong(j)));
        }

        /** A Parquet list (standard layout) of {@code a}'s elements, each written by {@code element}. */
        private void list(ArrayData a, java.util.function.IntConsumer element) {
            out.startGroup();
            int n = a.numElements();
            if (n > 0) {
                out.startField("list", 0);
                for (int j = 0; j < n; j++) {
                    out.startGroup();
                    if (!a.isNullAt(j)) {
                        out.startField("element", 0);
                        element.accept(j);
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }

        /**
         * The string's bytes, not copied: the rows handed to a sink never change afterwards (the
         * passes' rows are their own copies or freshly built; ingest copies what it quarantines),
         * so Parquet may keep them for its statistics instead of copying every new minimum and
         * maximum (a copy per value of a sorted column, a sixth of a run's CPU).
         */
        private static Binary binary(UTF8String u) {
            if (u.getBaseObject() instanceof byte[] bytes) {
                return Binary.fromConstantByteArray(bytes, (int) (u.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), u.numBytes());
            }
            return Binary.fromConstantByteArray(u.getBytes());
        }
    }
}
