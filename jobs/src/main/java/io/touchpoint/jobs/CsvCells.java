package io.touchpoint.jobs;

/**
 * CSV cells that a spreadsheet opens as data, never as a formula.
 *
 * <p>A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} as a
 * formula (and some also after a leading tab or carriage return), so a campaign named
 * {@code =HYPERLINK(...)} in a query result would run when the CSV is opened. As OWASP recommends
 * for CSV injection, such text gets a single quote in front, which spreadsheets show as text; the
 * cell is then quoted as RFC 4180 needs. Only text is neutralised: the caller decides by the
 * column's type, so a number Spark writes for a numeric column ({@code -1.5}) stays a number.
 */
final class CsvCells {
    private CsvCells() {
    }

    /**
     * One cell.
     *
     * @param value the cell's text as written (not null)
     * @param neutralise whether the value is text a spreadsheet must not run: a string column's value
     *        or a header, unless {@code --raw}
     */
    static String cell(String value, boolean neutralise) {
        return quote(neutralise && isFormula(value) ? "'" + value : value);
    }

    /** Whether a spreadsheet may take this text for a formula (OWASP's leading characters). */
    static boolean isFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** RFC 4180: a cell holding a comma, a double quote or a line break is quoted, its quotes doubled. */
    static String quote(String value) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
