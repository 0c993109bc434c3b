package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV cells: formula-like text gets a leading quote (OWASP), then RFC 4180 quoting; nothing else changes. */
class CsvCellsTest {
    @ParameterizedTest(name = "leading {0}")
    @ValueSource(strings = {"=", "+", "-", "@", "\t"})
    void eachFormulaCharacterGetsALeadingQuote(String lead) {
        assertThat(CsvCells.cell(lead + "SUM(A1:A9)", true)).isEqualTo("'" + lead + "SUM(A1:A9)");
    }

    @Test
    void aLeadingCarriageReturnIsNeutralisedAndQuoted() {
        assertThat(CsvCells.cell("\rcmd", true)).isEqualTo("\"'\rcmd\"");
    }

    @Test
    void theNeutralisedCellIsQuotedWhenItNeedsIt() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://x.example\",\"click\")", true))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"");
        assertThat(CsvCells.cell("-1,5", true)).isEqualTo("\"'-1,5\"");
        assertThat(CsvCells.cell("@a\nb", true)).isEqualTo("\"'@a\nb\"");
    }

    @Test
    void otherTextIsLeftAsItIs() {
        assertThat(CsvCells.cell("Paid Search", true)).isEqualTo("Paid Search");
        assertThat(CsvCells.cell("a=1+2", true)).isEqualTo("a=1+2");
        assertThat(CsvCells.cell("'=already", true)).isEqualTo("'=already");
        assertThat(CsvCells.cell(" =x", true)).as("a leading space is not one of OWASP's characters").isEqualTo(" =x");
        assertThat(CsvCells.cell("", true)).isEmpty();
    }

    @Test
    void cellsNotToNeutraliseAreOnlyQuoted() {
        // Numbers of numeric columns, and everything with --raw.
        assertThat(CsvCells.cell("-1.5", false)).isEqualTo("-1.5");
        assertThat(CsvCells.cell("-1.0E-5", false)).isEqualTo("-1.0E-5");
        assertThat(CsvCells.cell("=1+1", false)).isEqualTo("=1+1");
        assertThat(CsvCells.cell("=a,b", false)).isEqualTo("\"=a,b\"");
    }

    @Test
    void quotingFollowsRfc4180() {
        assertThat(CsvCells.quote("plain")).isEqualTo("plain");
        assertThat(CsvCells.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.quote("cr\rinside")).isEqualTo("\"cr\rinside\"");
    }
}
