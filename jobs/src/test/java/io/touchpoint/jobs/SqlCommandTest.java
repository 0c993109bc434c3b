package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.spark.Sparks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code touchpoint sql} is read-only and its CSV is safe to open in a spreadsheet: hostile
 * statements stop with exit 2 before they run and change nothing; queries over the output tables
 * keep working. One local Spark session for the class, over two small tables written here.
 */
class SqlCommandTest {
    /** Content no query may ever print: it is in a file outside the output folder. */
    private static final String CANARY = "touchpoint-canary-7f3a9c";
    /** A system property no query may read through reflection. */
    private static final String PROPERTY = "touchpoint.test.canary";
    private static final String PROPERTY_VALUE = "property-canary-51d2e8";

    @TempDir
    static Path dir;
    static Path out;
    static Path canary;
    static Path elsewhere;
    /** Where CREATE TABLE without LOCATION would write (Sparks.local's warehouse, shared with other runs). */
    static Path warehouse = Path.of(System.getProperty("java.io.tmpdir"), "touchpoint-warehouse");
    static SparkSession spark;
    static Map<String, String> outputFiles;
    static Map<String, String> conf;

    record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void writeTables() throws IOException {
        out = dir.resolve("out");
        elsewhere = dir.resolve("elsewhere");
        canary = dir.resolve("canary.txt");
        Files.writeString(canary, CANARY + "\n");
        System.setProperty(PROPERTY, PROPERTY_VALUE);
        spark = Sparks.local("local[2]", Sparks.localShufflePartitions(0));
        spark.sql("SELECT * FROM VALUES"
                        + " ('s1', 'Email', 'spring', 1L, 10.5D, DATE'2026-03-01'),"
                        + " ('s2', 'Paid Search', '=HYPERLINK(\"http://x.example/?a=1\",\"click\")', 0L, -1.5D, DATE'2026-03-01'),"
                        + " ('s3', 'Direct', '-2+3', 2L, 20.0D, DATE'2026-03-02')"
                        + " AS t(session_id, channel, campaign, conversions, revenue, session_date)")
                .write().partitionBy("session_date").parquet(out.resolve("sessions").toString());
        spark.sql("SELECT * FROM VALUES"
                        + " ('c1', 's1', 'purchase', 10.5D, DATE'2026-03-01'),"
                        + " ('c2', 's3', 'purchase', 12.0D, DATE'2026-03-02'),"
                        + " ('c3', 's3', 'signup', 8.0D, DATE'2026-03-02')"
                        + " AS t(conversion_id, session_id, goal, revenue, conversion_date)")
                .write().partitionBy("conversion_date").parquet(out.resolve("conversions").toString());
        // The first command registers the views and applies the CLI's settings: the state every statement must leave.
        assertThat(sql("SELECT 1").code()).isZero();
        outputFiles = files(out);
        conf = conf();
    }

    @AfterAll
    static void stopSpark() {
        System.clearProperty(PROPERTY);
        spark.stop();
    }

    /** After every statement, refused or run: the tables, the session and every place a write could go are as before. */
    @AfterEach
    void nothingChanged() throws IOException {
        assertThat(files(out)).as("output folder").isEqualTo(outputFiles);
        assertThat(elsewhere).as("write targets outside the output folder").doesNotExist();
        assertThat(warehouse.resolve("stolen")).doesNotExist();
        assertThat(warehouse.resolve("made")).doesNotExist();
        assertThat(conf()).as("session settings").isEqualTo(conf);
        assertThat(spark.catalog().listTables().collectAsList()).extracting(t -> t.name())
                .as("views and tables").containsExactlyInAnyOrder("conversions", "sessions");
        assertThat(spark.sparkContext().listJars().isEmpty()).as("no jar added").isTrue();
        assertThat(spark.sparkContext().listFiles().isEmpty()).as("no file added").isTrue();
    }

    private static Map<String, String> conf() {
        return Map.copyOf(scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll()));
    }

    record Hostile(String query, String construct) {
        @Override
        public String toString() {
            return query;
        }
    }

    static Stream<Hostile> hostileQueries() {
        String c = canary.toString();
        String e = elsewhere.toString();
        String reflect = "'java.lang.System', 'getProperty', '" + PROPERTY + "'";
        return Stream.of(
                // Files, by path, in any format, anywhere in a query.
                new Hostile("SELECT * FROM text.`/etc/passwd`", "text.`/etc/passwd`"),
                new Hostile("SELECT * FROM csv.`" + c + "`", "csv.`" + c + "`"),
                new Hostile("SELECT * FROM json.`" + c + "`", "json.`" + c + "`"),
                new Hostile("SELECT * FROM binaryFile.`" + dir + "`", "binaryFile.`"),
                new Hostile("SELECT * FROM parquet.`" + out.resolve("sessions") + "`", "parquet.`"),
                new Hostile("SELECT * FROM sessions WHERE channel IN (SELECT value FROM text.`" + c + "`)", "text.`"),
                new Hostile("WITH t AS (SELECT * FROM text.`" + c + "`) SELECT count(*) FROM sessions", "text.`"),
                new Hostile("SELECT * FROM IDENTIFIER('text.`/etc/passwd`')", "/etc/passwd"),
                new Hostile("SELECT * FROM spark_catalog.default.sessions", "spark_catalog.default.sessions"),
                new Hostile("SELECT * FROM passwd", "passwd is not one of them"),
                new Hostile("SELECT * FROM sessions WITH ('path' = '" + dir + "')", "table options"),
                new Hostile("DESCRIBE text.`/etc/passwd`", "text.`/etc/passwd`"),
                new Hostile("SELECT * FROM python_worker_logs()", "python_worker_logs"),
                // Code and the environment.
                new Hostile("SELECT reflect(" + reflect + ")", "reflect: it runs Java code"),
                new Hostile("SELECT java_method(" + reflect + ")", "java_method: it runs Java code"),
                new Hostile("SELECT try_reflect(" + reflect + ")", "try_reflect: it runs Java code"),
                new Hostile("SELECT channel FROM sessions WHERE channel = (SELECT upper(ReFlEcT(" + reflect + ")))", "ReFlEcT"),
                new Hostile("SELECT transform(array(1), x -> reflect(" + reflect + "))", "reflect"),
                new Hostile("SELECT system.builtin.reflect(" + reflect + ")", "system.builtin.reflect"),
                new Hostile("SELECT IDENTIFIER('reflect')(" + reflect + ")", "IDENTIFIER(...)"),
                new Hostile("SELECT TRANSFORM(session_id) USING 'touch " + e + "' AS (x) FROM sessions", "TRANSFORM ... USING"),
                new Hostile("SELECT current_user()", "current_user"),
                new Hostile("SELECT `user`", "does not call user"),
                new Hostile("SELECT xpath_string('<a>x</a>', 'a')", "xpath_string"),
                // Writes, DDL and session changes.
                new Hostile("INSERT INTO sessions SELECT * FROM sessions", "INSERT"),
                new Hostile("INSERT OVERWRITE DIRECTORY '" + e + "' USING csv SELECT * FROM sessions", "INSERT OVERWRITE DIRECTORY"),
                new Hostile("CREATE TABLE stolen USING parquet LOCATION '" + e + "' AS SELECT * FROM sessions", "CREATE TABLE ... AS SELECT"),
                new Hostile("CREATE TABLE made (a INT)", "CREATE TABLE"),
                new Hostile("CREATE OR REPLACE TEMPORARY VIEW sessions AS SELECT * FROM text.`" + c + "`", "CREATE VIEW"),
                new Hostile("DROP VIEW sessions", "DROP VIEW"),
                new Hostile("DELETE FROM sessions", "DELETE"),
                new Hostile("CACHE TABLE sessions", "CACHE TABLE"),
                new Hostile("SET spark.sql.ansi.enabled=false", "SET"),
                new Hostile("ADD JAR '" + e + "/x.jar'", "ADD JAR"),
                new Hostile("ADD FILE '" + c + "'", "ADD FILE"),
                new Hostile("LOAD DATA LOCAL INPATH '" + c + "' INTO TABLE sessions", "LOAD DATA"),
                new Hostile("MSCK REPAIR TABLE sessions", "MSCK REPAIR TABLE"),
                new Hostile("REFRESH TABLE sessions", "REFRESH TABLE"),
                new Hostile("USE default", "USE"),
                new Hostile("CALL system.proc()", "CALL"),
                new Hostile("EXECUTE IMMEDIATE 'SELECT * FROM text.`/etc/passwd`'", "EXECUTE IMMEDIATE"),
                new Hostile("DECLARE VARIABLE v STRING DEFAULT 'x'", "DECLARE VARIABLE"),
                new Hostile("BEGIN INSERT INTO sessions SELECT * FROM sessions; END", "SQL scripts"),
                new Hostile("EXPLAIN INSERT INTO sessions SELECT * FROM sessions", "INSERT"),
                // Two statements are not one query: Spark's parser stops at the second.
                new Hostile("SELECT 1; INSERT INTO sessions SELECT * FROM sessions", "extra input 'INSERT'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueries")
    void hostileStatementsStopBeforeTheyRun(Hostile h) {
        Outcome o = sql(h.query());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("touchpoint: ", h.construct(), "QUERY = ").doesNotContain("\tat ");
        if (!h.construct().startsWith("extra input")) {
            assertThat(o.err()).contains("touchpoint sql is read-only and",
                    "It runs SELECT (with WITH, joins, subqueries, VALUES), SHOW TABLES", "(conversions, sessions)");
        }
        assertThat(o.out() + o.err()).doesNotContain(CANARY, PROPERTY_VALUE, "root:x:0:0");
    }

    record Allowed(String query, List<String> csv) {
        @Override
        public String toString() {
            return query;
        }
    }

    static Stream<Allowed> allowedQueries() {
        return Stream.of(
                new Allowed("SELECT channel, count(*) AS n FROM sessions GROUP BY channel ORDER BY channel",
                        List.of("channel,n", "Direct,1", "Email,1", "Paid Search,1")),
                new Allowed("SELECT s.channel, sum(c.revenue) AS revenue FROM SESSIONS s JOIN conversions c"
                        + " ON s.session_id = c.session_id GROUP BY s.channel ORDER BY 1",
                        List.of("channel,revenue", "Direct,20.0", "Email,10.5")),
                new Allowed("WITH paid AS (SELECT session_id FROM conversions WHERE goal = 'purchase'),"
                        + " sessions AS (SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM paid))"
                        + " SELECT count(*) AS n FROM sessions", List.of("n", "2")),
                new Allowed("SELECT session_id, row_number() OVER (PARTITION BY session_date ORDER BY revenue DESC) AS rn,"
                        + " sum(revenue) OVER (ORDER BY session_id ROWS UNBOUNDED PRECEDING) AS running"
                        + " FROM sessions ORDER BY session_id", List.of("session_id,rn,running", "s1,1,10.5", "s2,2,9.0", "s3,1,29.0")),
                new Allowed("SELECT count(*) AS n, sum(conversions) AS c, max(revenue) AS m, count(DISTINCT session_date) AS d"
                        + " FROM sessions", List.of("n,c,m,d", "3,3,20.0,2")),
                new Allowed("SELECT (SELECT count(*) FROM conversions) AS c, (SELECT count(*) FROM sessions) AS s",
                        List.of("c,s", "3,3")),
                new Allowed("SELECT session_id FROM sessions s WHERE EXISTS"
                        + " (SELECT 1 FROM conversions c WHERE c.session_id = s.session_id AND c.goal = 'signup')",
                        List.of("session_id", "s3")),
                new Allowed("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT sum(n) AS t FROM r",
                        List.of("t", "6")),
                new Allowed("SELECT conversion_id, g FROM conversions LATERAL VIEW explode(array(1, 2)) t AS g"
                        + " WHERE conversion_id = 'c1' ORDER BY g", List.of("conversion_id,g", "c1,1", "c1,2")),
                new Allowed("SELECT goal, count(*) AS n FROM conversions GROUP BY goal HAVING count(*) > 1",
                        List.of("goal,n", "purchase,2")),
                new Allowed("SELECT session_id FROM sessions EXCEPT SELECT session_id FROM conversions", List.of("session_id", "s2")),
                new Allowed("FROM sessions |> WHERE revenue > 0 |> AGGREGATE count(*) AS n", List.of("n", "2")),
                new Allowed("SELECT * FROM range(2)", List.of("id", "0", "1")),
                new Allowed("VALUES (1, 'a')", List.of("col1,col2", "1,a")),
                new Allowed("SHOW TABLES", List.of("namespace,tableName,isTemporary", ",conversions,true", ",sessions,true")),
                new Allowed("SHOW COLUMNS IN conversions",
                        List.of("col_name", "conversion_id", "session_id", "goal", "revenue", "conversion_date")),
                new Allowed("SELECT input_file_name() LIKE '%conversion_date=2026-03-01%' AS f FROM conversions WHERE conversion_id = 'c1'",
                        List.of("f", "true")),
                new Allowed("SELECT t.user FROM (SELECT 'u' AS user) t", List.of("user", "u")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedQueries")
    void queriesOverTheTablesRun(Allowed a) {
        Outcome o = sql("--format", "csv", a.query());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out().lines()).containsExactlyElementsOf(a.csv());
    }

    @Test
    void describeAndExplainRun() {
        Outcome describe = sql("--format", "csv", "DESCRIBE sessions");
        assertThat(describe.code()).as(describe.err()).isZero();
        assertThat(describe.out().lines()).contains("col_name,data_type,comment", "campaign,string,", "revenue,double,");
        Outcome column = sql("--format", "csv", "DESCRIBE sessions revenue");
        assertThat(column.code()).as(column.err()).isZero();
        assertThat(column.out().lines()).contains("col_name,revenue", "data_type,double");
        Outcome query = sql("--format", "csv", "DESCRIBE QUERY SELECT goal, revenue FROM conversions");
        assertThat(query.code()).as(query.err()).isZero();
        assertThat(query.out().lines()).contains("goal,string,", "revenue,double,");
        Outcome explain = sql("EXPLAIN SELECT channel, count(*) FROM sessions GROUP BY channel");
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("Physical Plan", "HashAggregate");
    }

    @Test
    void csvNeutralisesTextCellsASpreadsheetWouldRun() {
        Outcome o = sql("--format", "csv", "SELECT session_id, campaign, revenue FROM sessions ORDER BY session_id");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out().lines()).containsExactly(
                "session_id,campaign,revenue",
                "s1,spring,10.5",
                "s2,\"'=HYPERLINK(\"\"http://x.example/?a=1\"\",\"\"click\"\")\",-1.5",
                "s3,'-2+3,20.0");
    }

    @Test
    void csvDecidesByTheColumnTypeAndNeutralisesHeaders() {
        Outcome o = sql("--format", "csv", "SELECT '-1.5' AS text, -1.5D AS dbl, -1.5 AS dec, -2 AS int,"
                + " DATE'2026-03-01' AS day, '+x' AS `=header`, '@x' AS at, concat(char(9), 'x') AS tab, concat(char(13), 'x') AS cr");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo("text,dbl,dec,int,day,'=header,at,tab,cr\n"
                + "'-1.5,-1.5,-1.5,-2,2026-03-01,'+x,'@x,'\tx,\"'\rx\"\n");
    }

    @Test
    void rawWritesCellsAsTheyAre() {
        Outcome o = sql("--format", "csv", "--raw", "SELECT session_id, campaign AS `=c` FROM sessions WHERE session_id <> 's1' ORDER BY 1");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out().lines()).containsExactly(
                "session_id,=c",
                "s2,\"=HYPERLINK(\"\"http://x.example/?a=1\"\",\"\"click\"\")\"",
                "s3,-2+3");
        Outcome table = sql("--raw", "SELECT 1");
        assertThat(table.code()).isEqualTo(2);
        assertThat(table.err()).contains("--raw only changes --format csv output", "--format csv");
    }

    @Test
    void helpSaysWhatIsAllowedAndDocumentsRaw() {
        Outcome o = cli("sql", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out().replaceAll("\\s+", " ")).contains("read-only", "SHOW TABLES", "DESCRIBE", "EXPLAIN",
                "stop with exit 2 before anything runs", "--raw", "leading '", "-1.5");
    }

    private static Outcome sql(String... args) {
        String[] all = Stream.concat(Stream.of("sql", "--master", "local[2]", "--output", out.toString()), Stream.of(args))
                .toArray(String[]::new);
        return cli(all);
    }

    private static Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            // Dataset.show prints through Scala's Console, which keeps the System.out it first saw.
            int code = scala.Console.withOut(System.out, () -> Main.execute(args));
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Every file and folder under root with its size and modification time (empty when root does not exist). */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    m.put(root.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        return m;
    }
}
