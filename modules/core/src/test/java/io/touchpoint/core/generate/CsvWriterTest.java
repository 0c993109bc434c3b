package io.touchpoint.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesOnlyFieldsThatNeedIt() {
        assertThat(CsvWriter.format(new String[] {"plain", "a,b", "say \"hi\"", ""}))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",");
    }

    @Test
    void formattedRowsReadBackUnchanged() {
        String[] fields = {"e1", "Mozilla/5.0 (KHTML, like Gecko)", "\"quoted\"", "x"};
        assertThat(SampleLog.parse(CsvWriter.format(fields))).containsExactly(fields);
    }
}
