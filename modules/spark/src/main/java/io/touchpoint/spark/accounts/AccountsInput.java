package io.touchpoint.spark.accounts;

import io.touchpoint.core.accounts.AccountColumn;
import io.touchpoint.core.accounts.AccountKey;
import io.touchpoint.core.accounts.AccountMapping;
import io.touchpoint.core.accounts.AccountsConfig;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.spark.ingest.SideInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the accounts file ({@code touchpoint.accounts}) into an {@link AccountMapping} on the
 * driver, before any event is read. The file has a row per domain, user or device of the customers'
 * companies: thousands of rows, some hundred bytes each, so it is collected whole and shipped to the
 * tasks with the event normaliser (no join, no broadcast of its own).
 */
public final class AccountsInput {
    /** The columns read, in this order: the key's, then these. */
    private static final List<AccountColumn> DESCRIBED = List.of(AccountColumn.ACCOUNT_ID, AccountColumn.ACCOUNT_NAME,
            AccountColumn.INDUSTRY, AccountColumn.EMPLOYEES);

    private AccountsInput() {
    }

    /**
     * The mapping of the file's rows, in file order (files by path); {@code progress} hears how many.
     *
     * @throws TouchpointException (INPUT, exit 3) when the path holds no file, or the file has no
     *     key column (as {@code key} names it) or no {@code account_id} column
     */
    public static AccountMapping read(SparkSession spark, AccountsConfig config, Consumer<String> progress) {
        SideInput in = SideInput.read(spark, config.path(), "touchpoint.accounts.path", config.format());
        List<String> names = new ArrayList<>();
        names.add(required(in, config, config.key().column(), " (the key of touchpoint.accounts.key = "
                + config.key().configName() + ")"));
        for (AccountColumn c : DESCRIBED) {
            names.add(c == AccountColumn.ACCOUNT_ID ? required(in, config, c, "") : in.column(config.columnOf(c)));
        }
        AccountMapping.Builder mapping = AccountMapping.builder(config.key());
        List<Row> rows = in.collect(names);
        for (Row r : rows) {
            mapping.add(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5));
        }
        progress.accept(String.format(java.util.Locale.ROOT, "[accounts] %,d rows read from %s", rows.size(), config.path()));
        return mapping.build();
    }

    /** The file's name of a column it must have. */
    private static String required(SideInput in, AccountsConfig config, AccountColumn c, String why) {
        String name = in.column(config.columnOf(c));
        if (name == null) {
            throw TouchpointException.input(config.path(), "The accounts file has no " + c.columnName() + " column" + why
                            + (config.columnOf(c).equals(c.columnName()) ? "" : ", named " + config.columnOf(c)),
                    "Its columns are: " + String.join(", ", in.columns()) + ". Rename with touchpoint.accounts.columns, e.g."
                            + " columns { " + c.columnName() + " = \"Your column\" }" + (why.isEmpty() ? ""
                            : ", or set touchpoint.accounts.key to what the file is keyed by (" + AccountKey.names() + ")")
                            + " (docs/accounts.md).", null);
        }
        return name;
    }
}
