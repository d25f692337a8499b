package io.comply360.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaStaysText() {
        assertThat(Csv.line(List.of("=HYPERLINK(\"http://x\")", "+27", "-1", "@SUM(A1)", "\tx")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+27,'-1,'@SUM(A1),'\tx\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndNullsAreEmpty() {
        assertThat(Csv.line(Arrays.asList("Acme, Inc.", "say \"hi\"", "two\nlines", null, 42)))
                .isEqualTo("\"Acme, Inc.\",\"say \"\"hi\"\"\",\"two\nlines\",,42\r\n");
    }

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(Csv.line(List.of("ACME-2026-000001", "DRAFT"))).isEqualTo("ACME-2026-000001,DRAFT\r\n");
    }
}
