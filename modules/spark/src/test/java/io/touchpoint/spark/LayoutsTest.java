package io.touchpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.attribution.AttributionModels;
import io.touchpoint.core.attribution.ModelColumns;
import io.touchpoint.spark.attribution.JourneyRows;
import io.touchpoint.spark.ingest.IngestPass;
import io.touchpoint.spark.ingest.ParsedSchema;
import io.touchpoint.spark.output.TableSpec;
import io.touchpoint.spark.pipeline.Tables;
import io.touchpoint.spark.rows.Layout;
import io.touchpoint.spark.rows.Values;
import io.touchpoint.spark.session.SessionizedSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every layout against its schema, without Spark: the passes find columns by name, and these are
 * the names they rely on; every public table is documented column by column in docs/tables.md.
 */
class LayoutsTest {
    static List<TableSpec> tables() {
        var models = List.of(AttributionModels.parse("m", "first"), AttributionModels.parse("m", "last"),
                AttributionModels.parse("m", "time_decay"));
        return List.of(Tables.QUARANTINE, Tables.EVENTS, Tables.SESSIONS, Tables.CONVERSIONS, Tables.ATTRIBUTION_CREDIT,
                Tables.ATTRIBUTION_SUMMARY, Tables.modelComparison(models, ModelColumns.keys(models)), Tables.FUNNEL_PROGRESS,
                Tables.FUNNEL_STEPS, Tables.FUNNEL_TRENDS);
    }

    @Test
    void everyTableIsDocumentedColumnByColumn() throws Exception {
        String doc = Files.readString(Path.of("../../docs/tables.md"));
        for (TableSpec t : tables()) {
            int at = doc.indexOf("## `" + t.name() + "`");
            assertThat(at).as("docs/tables.md section of " + t.name()).isPositive();
            int end = doc.indexOf("\n## ", at + 1);
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            for (String c : t.schema().fieldNames()) {
                String generic = c.replaceFirst("^(first|last|time_decay)_", "<model>_");
                assertThat(section.contains("`" + c + "`") || section.contains("`" + generic + "`"))
                        .as(t.name() + "." + c + " documented").isTrue();
            }
            if (t.partitioned()) {
                assertThat(section).as(t.name()).containsIgnoringCase("partition");
            }
        }
    }

    @Test
    void theTablesAreCutFromThePassesRowsByName() {
        assertColumnsOf(Tables.EVENTS, SessionizedSchema.SCHEMA);
        assertColumnsOf(Tables.SESSIONS, SessionizedSchema.SCHEMA);
        assertColumnsOf(Tables.CONVERSIONS, io.touchpoint.spark.attribution.AttributionSchema.SCHEMA);
        assertColumnsOf(Tables.ATTRIBUTION_CREDIT, io.touchpoint.spark.attribution.AttributionSchema.SCHEMA);
        for (TableSpec t : tables()) {
            assertThat(t.partitioned() ? t.dataSchema().size() + 1 : t.dataSchema().size()).isEqualTo(t.schema().size());
            if (t.partitioned()) {
                assertThat(t.schema().apply(t.partitionColumn()).dataType().simpleString()).isEqualTo("date");
            }
        }
    }

    private static void assertColumnsOf(TableSpec table, StructType rows) {
        Layout l = Layout.of(rows);
        for (var f : table.schema().fields()) {
            assertThat(l.field(f.name()).dataType()).as(table.name() + "." + f.name()).isEqualTo(f.dataType());
        }
    }

    @Test
    void theVisitorPassReadsTheEventColumnsIngestHandsOn() {
        assertThat(IngestPass.schema(false).fieldNames()).containsExactly(ParsedSchema.EVENT_COLUMNS);
        assertThat(IngestPass.schema(true).fieldNames()).endsWith(IngestPass.IN_WINDOW);
        for (String c : ParsedSchema.EVENT_COLUMNS) {
            assertThat(IngestPass.schema(false).apply(c).dataType()).isEqualTo(ParsedSchema.SCHEMA.apply(c).dataType());
        }
    }

    @Test
    void journeyFieldsAreColumnsOfTheSessionisedStream() {
        List<String> missing = new ArrayList<>();
        for (String f : JourneyRows.FIELDS) {
            if (!List.of(SessionizedSchema.SCHEMA.fieldNames()).contains(f)) {
                missing.add(f);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(JourneyRows.FIELDS).containsAll(JourneyRows.SESSION_FIELDS);
    }

    @Test
    void rowKindsHaveDistinctCodes() {
        assertThat(java.util.Arrays.stream(SessionizedSchema.Kind.values()).map(SessionizedSchema.Kind::code).distinct())
                .hasSize(SessionizedSchema.Kind.values().length);
        assertThat(java.util.Arrays.stream(io.touchpoint.spark.attribution.AttributionSchema.Kind.values())
                .map(io.touchpoint.spark.attribution.AttributionSchema.Kind::code).distinct()).hasSize(2);
    }

    @Test
    void valuesByNameMustNameEveryColumnOnce() {
        StructType s = new StructType().add("a", "string").add("b", "long");
        assertThat(Values.of(s, "b", 2L, "a", "x")).containsExactly("x", 2L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Values.of(s, "a", "x")).hasMessageContaining("[a, b]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Values.of(s, "a", "x", "a", "y")).hasMessageContaining("twice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Layout.of(s).at("c")).hasMessageContaining("No column c");
    }
}
