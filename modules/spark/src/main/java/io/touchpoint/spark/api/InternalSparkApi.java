package io.touchpoint.spark.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.parquet.hadoop.Footer;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The fast path, on Spark's internals: passes read and write Spark's own binary rows (no encoder
 * turns every field into a Java object and back), the Parquet scan's column batches are read
 * straight, the footer schema is read without a job, and the columns a reader reads come from its
 * analysed plan. The only class that touches these APIs; {@link PublicSparkApi} is its twin.
 */
final class InternalSparkApi implements SparkApi {
    @Override
    public Dataset<Row> mapPartitions(Dataset<Row> in, StructType out, FlatMapFunction<Iterator<InternalRow>, InternalRow> pass) {
        RDD<InternalRow> rows = rdd(in).toJavaRDD().mapPartitions(pass).rdd();
        return ((org.apache.spark.sql.classic.SparkSession) in.sparkSession()).internalCreateDataFrame(rows, out, false);
    }

    @Override
    public Dataset<Row> fromRdd(SparkSession spark, RDD<InternalRow> rows, StructType out) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, out, false);
    }

    /**
     * The rows of {@code df} as Spark produces them (each may be reused for the next one), without
     * running anything. A plan with a shuffle is planned without adaptive execution: adaptive
     * execution would run the shuffle right here, to re-plan what follows it, where the pass wants
     * its shuffle run lazily as part of the job that reads the pass's output.
     */
    static RDD<InternalRow> rdd(Dataset<Row> df) {
        org.apache.spark.sql.classic.Dataset<Row> d = (org.apache.spark.sql.classic.Dataset<Row>) df;
        org.apache.spark.sql.classic.SparkSession session = d.sparkSession();
        if (!session.sessionState().conf().adaptiveExecutionEnabled()) {
            return d.queryExecution().toRdd();
        }
        org.apache.spark.sql.classic.SparkSession planned = session.cloneSession();
        planned.conf().set("spark.sql.adaptive.enabled", "false");
        return org.apache.spark.sql.classic.Dataset.ofRows(planned, d.logicalPlan()).queryExecution().toRdd();
    }

    @Override
    public ColumnarScan columnarScan(Dataset<Row> df) {
        SparkPlan plan = ((org.apache.spark.sql.classic.Dataset<Row>) df).queryExecution().executedPlan();
        FileSourceScanExec scan = find(plan);
        if (scan == null || !scan.supportsColumnar()) {
            return null;
        }
        StructType columns = new StructType();
        for (Attribute a : CollectionConverters.asJava(scan.output())) {
            columns = columns.add(a.name(), a.dataType());
        }
        return new ColumnarScan(scan.executeColumnar(), columns);
    }

    private static FileSourceScanExec find(SparkPlan plan) {
        if (plan instanceof FileSourceScanExec f) {
            return f;
        }
        for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
            FileSourceScanExec f = find(child);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /**
     * The schema Spark would infer (from one file, as it does unless schemas are merged), read from
     * the footer on the driver: Spark's own inference runs a Spark job for that one footer, which
     * cost most of a second per run.
     */
    @Override
    public StructType parquetFooterSchema(SparkSession spark, org.apache.hadoop.fs.FileStatus file) {
        try {
            ParquetFileFormat$ parquet = ParquetFileFormat$.MODULE$;
            org.apache.spark.sql.classic.SparkSession s = (org.apache.spark.sql.classic.SparkSession) spark;
            Seq<Footer> footers = parquet.readParquetFootersInParallel(s.sessionState().newHadoopConf(),
                    CollectionConverters.asScala(List.of(file)).toSeq(), false, false);
            Option<StructType> schema = parquet.readSchema(footers, s);
            return schema.isDefined() ? schema.get() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Set<String> columnsRead(SparkSession spark, StructType schema, UnaryOperator<Dataset<Row>> reader) {
        Dataset<Row> empty = spark.createDataFrame(List.<Row>of(), schema);
        return references(((org.apache.spark.sql.classic.Dataset<Row>) reader.apply(empty)).queryExecution().analyzed());
    }

    /**
     * The names of the leaf columns that any node of {@code plan} references, or that the plan
     * returns as they are (the reader's own caller reads those). Every leaf counts as the input:
     * a reader that joins the rows with themselves sees them under new ids on one side, and a
     * column of another input that shares a name only keeps more than needed, never less.
     */
    private static Set<String> references(LogicalPlan plan) {
        List<LogicalPlan> nodes = new ArrayList<>();
        Deque<LogicalPlan> todo = new ArrayDeque<>(List.of(plan));
        while (!todo.isEmpty()) {
            LogicalPlan node = todo.pop();
            nodes.add(node);
            todo.addAll(CollectionConverters.asJava(node.children()));
        }
        Set<ExprId> leaves = new HashSet<>();
        for (LogicalPlan node : nodes) {
            if (node.children().isEmpty()) {
                CollectionConverters.asJava(node.output()).forEach(a -> leaves.add(a.exprId()));
            }
        }
        Set<String> read = new HashSet<>();
        List<Attribute> used = new ArrayList<>(CollectionConverters.asJava(plan.output()));
        for (LogicalPlan node : nodes) {
            used.addAll(CollectionConverters.asJava(node.references().toSeq()));
        }
        for (Attribute a : used) {
            if (leaves.contains(a.exprId())) {
                read.add(a.name());
            }
        }
        return read;
    }

    @Override
    public void awaitListeners(SparkSession spark, long millis) {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(millis);
        } catch (java.util.concurrent.TimeoutException e) {
            // the figures waited for are for information only
        }
    }

    @Override
    public java.nio.file.Path spillFile() throws java.io.IOException {
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            return env.blockManager().diskBlockManager().createTempLocalBlock()._2().toPath();
        }
        return java.nio.file.Files.createTempFile("touchpoint-visitor", ".rows");
    }
}
