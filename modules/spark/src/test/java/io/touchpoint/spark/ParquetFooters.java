package io.touchpoint.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/** Reads Parquet footers directly, to check the physical contract (not what Spark infers). */
final class ParquetFooters {
    private ParquetFooters() {
    }

    /** The time units of all timestamp columns in all files under {@code dir}. */
    static Set<String> timestampUnits(Path dir) throws IOException {
        Set<String> units = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                    for (Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
                        if (t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                            units.add(ts.getUnit().name());
                        }
                    }
                }
            }
        }
        return units;
    }
}
