package io.touchpoint.core.util;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum of the canonical columns of an input (events, CRM export, accounts file, spend file):
 * each has the name configs and file headers use. One lookup and one list for error messages,
 * whichever input.
 */
public interface NamedColumn {
    /** The column's canonical name. */
    String columnName();

    /** The constant of {@code type} whose name is exactly {@code name}. */
    static <E extends Enum<E> & NamedColumn> Optional<E> byName(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.columnName().equals(name)).findFirst();
    }

    /** Every canonical name of {@code type}, comma-separated, for error messages. */
    static <E extends Enum<E> & NamedColumn> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(NamedColumn::columnName).collect(Collectors.joining(", "));
    }
}
