package io.touchpoint.core.spend;

/**
 * One row of a spend file as read, every value as text (null: absent), before any check.
 *
 * @param file the file it is in, as the user would look for it
 * @param row its 1-based number among the file's data rows (for CSV the first row after the header is 1)
 */
public record SpendRow(String file, long row, String date, String channel, String campaign, String cost, String currency) {
}
