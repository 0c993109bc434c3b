package io.touchpoint.spark.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.AttributionModels;
import io.touchpoint.core.attribution.ModelColumns;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.funnel.FunnelDefinition;
import io.touchpoint.core.funnel.Funnels;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything the HTML report shows, computed from the output tables and the latest run manifest
 * only (so a report can be made for any output folder), as the JSON the report module renders.
 * Every query here aggregates; nothing event-sized reaches the driver.
 */
public final class ReportData {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int TOP_PATHS = 15;

    private final SparkSession spark;
    private final String output;
    /** report.min-people: rows that fewer people make up are hidden (0: every row is shown). */
    private final int minPeople;
    /** Rows hidden for min-people, by section. */
    private final Map<String, Long> hidden = new LinkedHashMap<>();
    /** Whether the run had a spend file: the comparison and campaigns then carry cost, CPA and ROAS. */
    private boolean spend;

    private ReportData(SparkSession spark, String output, int minPeople) {
        this.spark = spark;
        this.output = output;
        this.minPeople = minPeople;
    }

    public static String build(SparkSession spark, String outputPath, String title, String currency) throws IOException {
        return build(spark, outputPath, title, currency, 0);
    }

    /**
     * @param minPeople {@code report.min-people}: every row that can stand for few people (a
     *     goal's channel, a campaign, a conversion path, a touchpoint count, a funnel's breakdown
     *     value) is hidden when fewer than this many people make it up, and the report says how
     *     many rows were hidden. 0: every row, and the JSON is as without the option.
     */
    public static String build(SparkSession spark, String outputPath, String title, String currency, int minPeople)
            throws IOException {
        return new ReportData(spark, outputPath, minPeople).json(title, currency);
    }

    /** Whether a row that {@code people} people make up is shown; counts it under {@code section} when not. */
    private boolean shown(String section, long people) {
        hidden.putIfAbsent(section, 0L);
        if (people >= minPeople) {
            return true;
        }
        hidden.merge(section, 1L, Long::sum);
        return false;
    }

    /** Distinct people of attribution_credit per group of {@code columns} (null values as "null"); empty when min-people is 0. */
    private Map<List<String>, Long> creditPeople(String... columns) {
        Map<List<String>, Long> out = new java.util.HashMap<>();
        if (minPeople <= 0) {
            return out;
        }
        for (Row r : table("attribution_credit").groupBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
                .agg(countDistinct("person_id").as("people")).collectAsList()) {
            List<String> key = new ArrayList<>();
            for (String c : columns) {
                key.add(String.valueOf(r.<Object>getAs(c)));
            }
            out.put(key, r.<Long>getAs("people"));
        }
        return out;
    }

    private Dataset<Row> table(String name) {
        return spark.read().parquet(new Path(output, name).toString());
    }

    private boolean exists(String name) throws IOException {
        Path p = new Path(output, name);
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    }

    private String json(String title, String currency) throws IOException {
        JsonNode manifest = manifest();
        for (String t : List.of("sessions", "conversions", "attribution_credit", "attribution_summary", "model_comparison")) {
            if (!exists(t)) {
                throw TouchpointException.input(new Path(output, t).toString(), "The table " + t + " is missing",
                        "Run bin/touchpoint run (not sessionise) into this output folder first.", null);
            }
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", title);
        root.put("generated_at", Instant.now().toString());
        root.put("currency", currency);
        root.set("notes", manifest.path("notes").isArray() ? manifest.path("notes").deepCopy() : MAPPER.createArrayNode());
        spend = !manifest.path("config").path("touchpoint").path("spend").path("path").asText("").isBlank();
        ObjectNode run = root.putObject("run");
        for (String f : List.of("run_id", "command", "started_at", "finished_at", "touchpoint_version", "spark_version")) {
            run.put(f, manifest.path(f).asText(null));
        }
        headline(root.putObject("headline"));
        List<AttributionModel> models = models();
        Map<String, String> keys = ModelColumns.keys(models);
        root.put("baseline", keys.getOrDefault("last", keys.isEmpty() ? "last" : keys.values().iterator().next()));
        ArrayNode m = root.putArray("models");
        keys.forEach((name, key) -> m.addObject().put("key", key).put("name", name));
        ArrayNode goals = root.putArray("goals");
        table("conversions").select("goal").distinct().orderBy("goal").collectAsList().forEach(r -> goals.add(r.<String>getAs("goal")));
        comparison(root.putArray("comparison"), keys);
        campaigns(root.putArray("campaigns"), keys);
        if (spend) {
            spend(root.putArray("spend"), keys);
        }
        if (exists("self_reported")) {
            selfReported(root.putArray("self_reported"), keys);
        }
        journeys(root.putObject("journeys"));
        if (exists("accounts")) {
            accounts(root.putObject("accounts"), manifest);
        }
        funnels(root.putArray("funnels"), manifest);
        quality(root.putObject("quality"), manifest.path("counts"));
        if (minPeople > 0) {
            long total = hidden.values().stream().mapToLong(Long::longValue).sum();
            ObjectNode p = root.putObject("privacy").put("min_people", minPeople).put("hidden_rows", total);
            ObjectNode bySection = p.putObject("hidden");
            hidden.forEach(bySection::put);
            // One line, shown with the run's notes.
            ((ArrayNode) root.get("notes")).add(String.format(java.util.Locale.ROOT,
                    "Rows that fewer than %d people make up are hidden (report.min-people): %d row%s (%s).", minPeople, total,
                    total == 1 ? "" : "s", String.join(", ", hidden.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey().replace('_', ' ')).toList())));
        }
        root.put("config", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest.path("config")));
        return MAPPER.writeValueAsString(root);
    }

    private JsonNode manifest() throws IOException {
        Path p = new Path(new Path(output, "_manifests"), "latest.json");
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p)) {
            throw TouchpointException.input(p.toString(), "No run manifest in the output folder",
                    "Run bin/touchpoint run into this output folder first, or pass --output with the right folder.", null);
        }
        try (InputStream in = fs.open(p)) {
            return MAPPER.readTree(in);
        }
    }

    private void headline(ObjectNode h) {
        Row c = table("conversions").agg(count(lit(1)).as("n"), sum("revenue").as("revenue"),
                avg("touchpoint_count").as("touchpoints")).first();
        Row s = table("sessions").agg(count(lit(1)).as("n"), countDistinct("person_id").as("people"),
                min("session_date").as("first"), max("session_date").as("last")).first();
        h.put("conversions", c.<Long>getAs("n"));
        Double revenue = c.getAs("revenue");
        h.put("revenue", revenue == null ? 0.0 : revenue.doubleValue());
        h.put("journeys", c.<Long>getAs("n"));
        Double touchpoints = c.getAs("touchpoints");
        h.put("avg_touchpoints", touchpoints == null ? 0.0 : round(touchpoints, 2));
        h.put("date_from", s.getAs("first") == null ? null : s.getAs("first").toString());
        h.put("date_to", s.getAs("last") == null ? null : s.getAs("last").toString());
        h.put("people", s.<Long>getAs("people"));
        h.put("sessions", s.<Long>getAs("n"));
    }

    /** The models credited in this output, in the order of the model_comparison columns. */
    private List<AttributionModel> models() throws IOException {
        // The comparison's columns name every model of the run, also when nothing was credited.
        List<String> columns = List.of(table("model_comparison").columns());
        List<AttributionModel> parsed = new ArrayList<>();
        JsonNode configured = manifest().path("config").path("touchpoint").path("attribution").path("models");
        List<String> names = new ArrayList<>();
        configured.forEach(n -> names.add(n.isTextual() ? n.asText() : n.toString()));
        try {
            for (String n : names) {
                AttributionModel m = AttributionModels.parse("touchpoint.attribution.models", n);
                if (parsed.stream().noneMatch(p -> p.name().equals(m.name()))) {
                    parsed.add(m);
                }
            }
        } catch (RuntimeException e) {
            parsed.clear(); // a model the manifest spells another way: the credited ones, as the table names them
            for (Row r : table("attribution_credit").select("model").distinct().collectAsList()) {
                parsed.add(AttributionModels.parse("attribution_credit.model", r.<String>getAs("model")));
            }
        }
        if (parsed.stream().noneMatch(p -> p.name().equals("last"))) {
            parsed.add(AttributionModels.parse("touchpoint.attribution.models", "last"));
        }
        Map<String, String> keys = ModelColumns.keys(parsed);
        parsed.sort(java.util.Comparator.comparingInt(a -> columns.indexOf(keys.get(a.name()) + "_conversions")));
        return parsed;
    }

    private void comparison(ArrayNode out, Map<String, String> keys) {
        Map<List<String>, Long> people = creditPeople("goal", "channel");
        if (minPeople > 0) {
            // Counted over every (goal, channel) of the credits: the run may have left them out of model_comparison already.
            hidden.put("channels", people.values().stream().filter(n -> n < minPeople).count());
        }
        for (Row r : table("model_comparison").collectAsList()) {
            if (minPeople > 0 && people.getOrDefault(List.of(String.valueOf(r.<String>getAs("goal")),
                    String.valueOf(r.<String>getAs("channel"))), 0L) < minPeople) {
                continue;
            }
            ObjectNode o = out.addObject().put("goal", r.<String>getAs("goal")).put("channel", r.<String>getAs("channel"));
            boolean costs = spend && List.of(r.schema().fieldNames()).contains("cost"); // a table of an older version has none
            if (costs) {
                o.put("cost", money(r.<Double>getAs("cost")));
            }
            ObjectNode m = o.putObject("models");
            for (String key : keys.values()) {
                ObjectNode v = m.putObject(key).put("conversions", round(r.<Double>getAs(key + "_conversions"), 4))
                        .put("revenue", round(r.<Double>getAs(key + "_revenue"), 2));
                if (costs) {
                    v.put("cpa", money(r.<Double>getAs(key + "_cpa"))).put("roas", ratio(r.<Double>getAs(key + "_roas")));
                }
            }
        }
    }

    /**
     * Per goal: the spend of every date in the output (over every channel, also those hidden for
     * min-people: a total names no one), the part on channels that no model credited with a
     * conversion of the goal ("unspent"), and each model's CPA and ROAS over all channels. From
     * attribution_summary, whose every goal and model row of a key carries the key's cost: the
     * baseline's rows give it once.
     */
    private void spend(ArrayNode out, Map<String, String> keys) {
        Dataset<Row> summary = table("attribution_summary");
        if (!List.of(summary.columns()).contains("cost")) {
            return;
        }
        Map<String, ObjectNode> goals = new LinkedHashMap<>();
        for (Row r : summary.groupBy("goal", "channel").agg(
                        sum(expr("CASE WHEN model = 'last' THEN cast(cost AS decimal(38, 18)) END")).cast("double").as("cost"),
                        sum(expr("cast(conversions AS decimal(38, 18))")).cast("double").as("conversions"))
                .orderBy("goal", "channel").collectAsList()) {
            ObjectNode g = goals.computeIfAbsent(r.getAs("goal"), k -> {
                ObjectNode n = out.addObject().put("goal", k).put("cost", 0.0).put("unspent", 0.0);
                n.putArray("unspent_channels");
                n.putObject("models");
                return n;
            });
            Double cost = r.getAs("cost");
            if (cost == null) {
                continue;
            }
            g.put("cost", g.get("cost").asDouble() + cost);
            if (!(r.<Double>getAs("conversions") > 0)) { // no conversion under any model
                g.put("unspent", g.get("unspent").asDouble() + cost);
                ((ArrayNode) g.get("unspent_channels")).add(String.valueOf(r.<String>getAs("channel")));
            }
        }
        for (Row r : summary.groupBy("goal", "model").agg(sum(expr("cast(conversions AS decimal(38, 18))")).cast("double").as("c"),
                sum(expr("cast(revenue AS decimal(38, 18))")).cast("double").as("r")).collectAsList()) {
            ObjectNode g = goals.get(r.<String>getAs("goal"));
            String key = keys.get(r.<String>getAs("model"));
            if (g == null || key == null) {
                continue; // a model of an earlier run that this one did not apply
            }
            Double cost = g.get("cost").asDouble();
            ((ObjectNode) g.get("models")).putObject(key).put("cpa", money(io.touchpoint.spark.pipeline.Comparison.cpa(cost, r.<Double>getAs("c"))))
                    .put("roas", ratio(io.touchpoint.spark.pipeline.Comparison.roas(cost, r.<Double>getAs("r"))));
        }
        goals.values().forEach(g -> g.put("cost", round(g.get("cost").asDouble(), 2)).put("unspent", round(g.get("unspent").asDouble(), 2)));
    }

    private void campaigns(ArrayNode out, Map<String, String> keys) {
        Map<List<String>, ObjectNode> rows = new LinkedHashMap<>();
        Dataset<Row> summary = table("attribution_summary");
        boolean costs = spend && List.of(summary.columns()).contains("cost");
        List<Row> agg = summary.groupBy("goal", "channel", "campaign", "model")
                .agg(sum("conversions").as("conversions"), sum("revenue").as("revenue"),
                        costs ? sum("cost").as("cost") : lit(null).cast("double").as("cost"))
                .orderBy("goal", "channel", "campaign").collectAsList();
        Map<List<String>, Long> people = creditPeople("goal", "channel", "campaign");
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        java.util.Set<List<String>> few = new java.util.HashSet<>();
        for (Row r : agg) {
            List<String> group = List.of(String.valueOf(r.<String>getAs("goal")), String.valueOf(r.<String>getAs("channel")),
                    String.valueOf(r.<String>getAs("campaign")));
            if (minPeople > 0 && seen.add(group) && !shown("campaigns", people.getOrDefault(group, 0L))) {
                few.add(group); // one campaign row has a row per model here: counted once
            }
            if (few.contains(group)) {
                continue;
            }
            ObjectNode o = rows.computeIfAbsent(List.of(r.<String>getAs("goal"), r.<String>getAs("channel"),
                    String.valueOf(r.<String>getAs("campaign"))), k -> {
                ObjectNode n = out.addObject().put("goal", k.get(0)).put("channel", k.get(1)).put("campaign", k.get(2));
                ObjectNode models = n.putObject("models");
                keys.values().forEach(key -> models.putObject(key).put("conversions", 0.0).put("revenue", 0.0));
                return n;
            });
            String key = keys.get(r.<String>getAs("model"));
            if (key == null) {
                continue; // a model of an earlier run that this one did not apply
            }
            ((ObjectNode) o.get("models").get(key)).put("conversions", round(r.<Double>getAs("conversions"), 4))
                    .put("revenue", round(r.<Double>getAs("revenue"), 2));
            if (costs && "last".equals(r.getAs("model"))) {
                o.put("cost", money(r.<Double>getAs("cost"))); // the same under every model: the baseline's rows give it once
            }
        }
        if (costs) {
            // Each model's CPA and ROAS from the campaign's cost and the model's credit.
            for (ObjectNode o : rows.values()) {
                Double cost = o.path("cost").isNumber() ? o.get("cost").asDouble() : null;
                o.putIfAbsent("cost", null);
                o.get("models").forEach(m -> ((ObjectNode) m)
                        .put("cpa", money(io.touchpoint.spark.pipeline.Comparison.cpa(cost, m.get("conversions").asDouble())))
                        .put("roas", ratio(io.touchpoint.spark.pipeline.Comparison.roas(cost, m.get("revenue").asDouble()))));
            }
        }
    }

    private void journeys(ObjectNode j) {
        ArrayNode tp = j.putArray("touchpoints");
        table("conversions").groupBy("touchpoint_count")
                .agg(count(lit(1)).as("count"), minPeople > 0 ? countDistinct("person_id").as("people") : lit(0L).as("people"))
                .orderBy("touchpoint_count").collectAsList().stream()
                .filter(r -> minPeople <= 0 || shown("touchpoint_counts", r.<Long>getAs("people")))
                .forEach(r -> tp.addObject().put("touchpoints", r.<Integer>getAs("touchpoint_count"))
                        .put("conversions", r.<Long>getAs("count")));
        // One credit row set (the baseline's) describes every journey's touchpoints.
        Dataset<Row> touches = table("attribution_credit").where(col("model").equalTo("last"));
        Dataset<Row> firstTouch = touches.where("touchpoint_index = 1")
                .select(col("conversion_id"), expr("(unix_micros(conversion_time) - unix_micros(touch_time)) / 3.6e9").as("hours"));
        ArrayNode ttc = j.putArray("time_to_convert");
        Map<String, Long> buckets = new LinkedHashMap<>();
        for (String b : List.of("< 1 hour", "1-24 hours", "1-7 days", "7-30 days", "> 30 days")) {
            buckets.put(b, 0L);
        }
        firstTouch.selectExpr("CASE WHEN hours < 1 THEN '< 1 hour' WHEN hours < 24 THEN '1-24 hours' WHEN hours < 168 THEN '1-7 days'"
                        + " WHEN hours < 720 THEN '7-30 days' ELSE '> 30 days' END AS b").groupBy("b").count().collectAsList()
                .forEach(r -> buckets.put(r.<String>getAs("b"), r.<Long>getAs("count")));
        buckets.forEach((b, n) -> ttc.addObject().put("bucket", b).put("conversions", n));
        ArrayNode paths = j.putArray("top_paths");
        Dataset<Row> byPath = touches.groupBy("conversion_id").agg(
                        expr("array_join(transform(array_sort(collect_list(struct(touchpoint_index, channel))), x -> x.channel), ' > ')")
                                // under last touch the converting session carries the whole revenue
                                .as("path"), max("revenue_credit").as("revenue"), max("person_id").as("person_id"))
                .groupBy("path").agg(count(lit(1)).as("n"), sum("revenue").as("revenue"),
                        minPeople > 0 ? countDistinct("person_id").as("people") : lit(0L).as("people"));
        if (minPeople > 0) {
            // The top paths of those that enough people took; every path under the threshold counts as hidden.
            byPath = byPath.cache();
            hidden.put("paths", byPath.where(col("people").lt(minPeople)).count());
            byPath = byPath.where(col("people").geq(minPeople));
        }
        byPath.orderBy(col("n").desc(), col("revenue").desc(), col("path")).limit(TOP_PATHS).collectAsList()
                .forEach(r -> paths.addObject().put("path", collapse(r.<String>getAs("path"))).put("conversions", r.<Long>getAs("n"))
                        .put("revenue", round(r.<Double>getAs("revenue"), 2)));
        Row cross = touches.join(table("sessions").select("session_id", "visitor_id"), "session_id")
                .groupBy("conversion_id").agg(countDistinct("visitor_id").as("v"))
                .agg(count(lit(1)).as("journeys"), sum(expr("CASE WHEN v > 1 THEN 1 ELSE 0 END")).as("cross")).first();
        long journeys = cross.<Long>getAs("journeys");
        j.put("cross_device_share", journeys == 0 ? 0.0 : round((double) cross.<Long>getAs("cross") / journeys, 4));
        if (minPeople > 0) {
            byPath.unpersist();
        }
    }

    /** "Email > Email > Direct" reads better as "Email ×2 > Direct". */
    static String collapse(String path) {
        String[] parts = path.split(" > ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; ) {
            int j = i;
            while (j < parts.length && parts[j].equals(parts[i])) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : " > ").append(parts[i]).append(j - i > 1 ? " ×" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }

    private void funnels(ArrayNode out, JsonNode manifest) throws IOException {
        JsonNode cfg = manifest.path("config").path("touchpoint").path("funnels");
        if (!cfg.isArray() || cfg.isEmpty() || !exists("funnel_steps")) {
            return;
        }
        Funnels funnels = Funnels.fromConfig(ConfigFactory.parseString("f = " + MAPPER.writeValueAsString(cfg)).getValue("f"),
                "touchpoint.funnels");
        List<Row> steps = table("funnel_steps").orderBy("funnel", "breakdown", "step_index").collectAsList();
        Map<List<String>, Long> sessionPeople = minPeople > 0 ? sessionFunnelPeople(funnels) : Map.of();
        for (FunnelDefinition f : funnels.all()) {
            ObjectNode o = out.addObject().put("name", f.name()).put("unit", f.unit().name().toLowerCase(java.util.Locale.ROOT))
                    .put("window", windowOf(cfg, f.name()))
                    .put("breakdown_name", f.breakdown());
            ArrayNode modes = o.putArray("modes");
            f.modes().stream().map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).sorted().forEach(modes::add);
            ArrayNode s = o.putArray("steps");
            Map<String, ArrayNode> breakdown = new LinkedHashMap<>();
            for (Row r : steps) {
                if (!r.<String>getAs("funnel").equals(f.name())) {
                    continue;
                }
                String b = r.getAs("breakdown");
                if (b.equals("all")) {
                    s.addObject().put("index", r.<Integer>getAs("step_index")).put("name", r.<String>getAs("step_name"))
                            .put("units", r.<Long>getAs("units"))
                            .put("conversion_from_previous", r.<Double>getAs("conversion_from_previous"))
                            .put("conversion_from_start", r.<Double>getAs("conversion_from_start"))
                            .put("dropped", r.<Long>getAs("dropped"))
                            .put("median_seconds_from_previous", r.<Double>getAs("median_seconds_from_previous"))
                            .put("mean_seconds_from_previous", r.<Double>getAs("mean_seconds_from_previous"));
                } else {
                    breakdown.computeIfAbsent(b, k -> MAPPER.createArrayNode()).add(r.<Long>getAs("units"));
                }
            }
            if (minPeople > 0) {
                // The people behind a breakdown value: its units at step 1 for a person funnel; the
                // distinct people of its sessions (each by its best attempt) for a session funnel.
                boolean person = f.unit() == FunnelDefinition.Unit.PERSON;
                breakdown.entrySet().removeIf(e -> !shown("funnel_breakdown_values", person ? e.getValue().get(0).asLong()
                        : sessionPeople.getOrDefault(List.of(f.name(), e.getKey()), 0L)));
            }
            ArrayNode bd = o.putArray("breakdown");
            breakdown.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(0).asLong(), a.getValue().get(0).asLong()))
                    .forEach(e -> bd.addObject().put("value", e.getKey()).set("units", e.getValue()));
        }
    }

    /** Distinct people per (session funnel, breakdown value), from each session's best attempt in funnel_progress. */
    private Map<List<String>, Long> sessionFunnelPeople(Funnels funnels) throws IOException {
        List<String> names = funnels.all().stream().filter(f -> f.breakdown() != null && f.unit() != FunnelDefinition.Unit.PERSON)
                .map(FunnelDefinition::name).toList();
        Map<List<String>, Long> out = new java.util.HashMap<>();
        if (names.isEmpty() || !exists("funnel_progress")) {
            return out;
        }
        // A unit's best row, as funnel_steps counts it: highest level, then the one that reached it first, then the latest entry.
        org.apache.spark.sql.expressions.WindowSpec byUnit = org.apache.spark.sql.expressions.Window.partitionBy("funnel", "unit_id")
                .orderBy(col("level").desc(), org.apache.spark.sql.functions.element_at(col("step_times"), col("level")).asc(),
                        col("entered_at").desc());
        Dataset<Row> best = table("funnel_progress").where(col("funnel").isin(names.toArray()))
                .withColumn("rank", org.apache.spark.sql.functions.row_number().over(byUnit)).where(col("rank").equalTo(1));
        for (Row r : best.join(table("sessions").select(col("session_id").as("unit_id"), col("person_id")), "unit_id")
                .groupBy(col("funnel"), org.apache.spark.sql.functions.coalesce(col("breakdown"),
                        lit(io.touchpoint.spark.funnel.FunnelSteps.NONE)).as("breakdown"))
                .agg(countDistinct("person_id").as("people")).collectAsList()) {
            out.put(List.of(r.<String>getAs("funnel"), r.<String>getAs("breakdown")), r.<Long>getAs("people"));
        }
        return out;
    }

    private static String windowOf(JsonNode cfg, String name) {
        for (JsonNode f : cfg) {
            if (name.equals(f.path("name").asText()) && f.has("window")) {
                return f.get("window").asText();
            }
        }
        return "1d";
    }

    private static void quality(ObjectNode q, JsonNode counts) {
        for (String f : List.of("rows_read", "accepted", "quarantined", "duplicates", "skipped")) {
            q.put(f, counts.path(f).asLong());
        }
        q.set("quarantined_by_reason", counts.path("quarantined_by_reason").deepCopy());
        q.set("skipped_by_reason", counts.path("skipped_by_reason").deepCopy());
        q.put("bots", counts.path("skipped_by_reason").path("bot").asLong());
        q.put("reconciles", counts.path("reconciles").asBoolean());
    }

    /**
     * What people said next to each model's credit (the self_reported table, written with a CRM
     * input): per goal and channel, the share of answered conversions and each model's share.
     */
    private void selfReported(ArrayNode out, Map<String, String> keys) {
        Dataset<Row> said = table("self_reported");
        List<String> columns = List.of(said.columns());
        for (Row r : said.orderBy(col("goal"), col("conversions").desc(), col("channel")).collectAsList()) {
            ObjectNode o = out.addObject().put("goal", r.<String>getAs("goal")).put("channel", r.<String>getAs("channel"))
                    .put("dark", r.<Boolean>getAs("dark")).put("answers", r.<Long>getAs("answers"))
                    .put("conversions", r.<Long>getAs("conversions")).put("revenue", round(r.<Double>getAs("revenue"), 2));
            Double share = r.getAs("share");
            o.put("share", share == null ? null : round(share, 4));
            ObjectNode m = o.putObject("models");
            keys.values().forEach(key -> {
                Double v = columns.contains(key + "_share") ? r.<Double>getAs(key + "_share") : null;
                m.put(key, v == null ? null : round(v, 4));
            });
        }
    }

    /**
     * The accounts view (docs/accounts.md): for the deal goal (the goal counting the won
     * milestone's CRM stage, else the last goal configured), how many accounts converted, the top
     * accounts by its revenue, and per deal how many people and touchpoints its journey held and
     * how long from the account's first touch. Account ids are company ids; no person's id is in it.
     */
    private void accounts(ObjectNode out, JsonNode manifest) {
        JsonNode touchpoint = manifest.path("config").path("touchpoint");
        String won = touchpoint.path("attribution").path("milestones").path("won").asText("closed_won");
        String goal = null;
        for (JsonNode g : touchpoint.path("conversions").path("goals")) {
            if (won.equals(g.path("crm-stage").asText(null))) {
                goal = g.path("name").asText();
                break;
            }
            goal = g.path("name").asText(goal);
        }
        out.put("unit", touchpoint.path("attribution").path("unit").asText("person"));
        out.put("goal", goal);
        Dataset<Row> accounts = table("accounts");
        if (goal != null) {
            accounts = accounts.where(col("goal").equalTo(goal));
        }
        List<Row> rows = accounts.orderBy(col("revenue").desc(), col("conversions").desc(), col("account_id")).collectAsList();
        out.put("accounts", rows.size());
        out.put("converted", rows.stream().filter(r -> r.<Long>getAs("conversions") > 0).count());
        List<Double> days = rows.stream().map(r -> r.<Double>getAs("days_to_first_conversion")).filter(java.util.Objects::nonNull)
                .sorted().toList();
        if (!days.isEmpty()) {
            out.put("median_days_to_first_conversion", round(median(days), 1));
        }
        ArrayNode top = out.putArray("top");
        for (Row r : rows) {
            if (top.size() == 10) {
                break;
            }
            if (minPeople > 0 && !shown("accounts", r.<Long>getAs("people"))) {
                continue;
            }
            Double d = r.getAs("days_to_first_conversion");
            top.addObject().put("account", r.<String>getAs("account_id")).put("people", r.<Long>getAs("people"))
                    .put("sessions", r.<Long>getAs("sessions")).put("conversions", r.<Long>getAs("conversions"))
                    .put("revenue", round(r.<Double>getAs("revenue"), 2)).put("days", d == null ? null : round(d, 1))
                    .put("first_touch", r.<String>getAs("first_touch_channel"))
                    .put("last_touch", r.<String>getAs("last_touch_channel"));
        }
        // Per deal of an account: the people and touchpoints of its journey (the baseline model's credit rows list them).
        if (goal == null) {
            return;
        }
        List<Row> deals = table("attribution_credit").where(col("goal").equalTo(goal).and(col("model").equalTo("last"))
                        .and(col("account_id").isNotNull()).and(col("touchpoint_index").isNotNull()))
                .groupBy("conversion_id").agg(countDistinct("touchpoint_person_id").as("people"), count(lit(1)).as("touchpoints"))
                .collectAsList();
        out.put("deals", deals.size());
        if (deals.isEmpty()) {
            return;
        }
        out.put("median_people", median(deals.stream().map(r -> (double) r.<Long>getAs("people")).sorted().toList()));
        out.put("median_touchpoints", median(deals.stream().map(r -> (double) r.<Long>getAs("touchpoints")).sorted().toList()));
        Map<String, Long> byPeople = new LinkedHashMap<>();
        for (String b : List.of("1", "2", "3", "4", "5+")) {
            byPeople.put(b, 0L);
        }
        deals.forEach(r -> byPeople.merge(r.<Long>getAs("people") >= 5 ? "5+" : String.valueOf(r.<Long>getAs("people")), 1L, Long::sum));
        ArrayNode people = out.putArray("people_per_deal");
        byPeople.forEach((b, n) -> people.addObject().put("people", b).put("deals", n));
    }

    /** The median of sorted values (the mean of the middle two for an even count). */
    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Money to the cent; null stays null (no cost, no CPA). */
    private static Double money(Double v) {
        return v == null ? null : round(v, 2);
    }

    /** ROAS to four places; null stays null. */
    private static Double ratio(Double v) {
        return v == null ? null : round(v, 4);
    }

    private static double round(Double v, int places) {
        if (v == null) {
            return 0.0;
        }
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
