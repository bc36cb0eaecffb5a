package dev.renown.store;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows for a bulk load, held column by column in primitive arrays where the type allows: a batch
 * of a million interactions is a dozen arrays, not a million row objects with boxed numbers.
 * Column types are fixed when the batch is made; nulls are allowed in {@link Type#STRING},
 * {@link Type#NULLABLE_LONG} and {@link Type#DATE} columns.
 */
final class ColumnBatch {

    /** The type of a column. */
    enum Type {
        LONG, NULLABLE_LONG, INT, DOUBLE, STRING, DATE
    }

    private final Type[] types;
    private final Object[] columns;
    private int size;

    ColumnBatch(Type... types) {
        this.types = types.clone();
        this.columns = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            columns[c] = allocate(types[c], 1024);
        }
    }

    private static Object allocate(Type type, int capacity) {
        switch (type) {
            case LONG: return new long[capacity];
            case NULLABLE_LONG: return new Long[capacity];
            case INT: return new int[capacity];
            case DOUBLE: return new double[capacity];
            case STRING: return new String[capacity];
            case DATE: return new LocalDate[capacity];
            default: throw new AssertionError(type);
        }
    }

    int size() {
        return size;
    }

    int columnCount() {
        return types.length;
    }

    Type type(int column) {
        return types[column];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Starts a new row and returns its index; fill it with the setters. */
    int addRow() {
        if (size == capacity()) {
            for (int c = 0; c < columns.length; c++) {
                columns[c] = grow(columns[c], size * 2);
            }
        }
        return size++;
    }

    private int capacity() {
        Object first = columns[0];
        return first instanceof long[] ? ((long[]) first).length : first instanceof int[] ? ((int[]) first).length
                : first instanceof double[] ? ((double[]) first).length : ((Object[]) first).length;
    }

    private static Object grow(Object column, int capacity) {
        if (column instanceof long[]) {
            return Arrays.copyOf((long[]) column, capacity);
        }
        if (column instanceof int[]) {
            return Arrays.copyOf((int[]) column, capacity);
        }
        if (column instanceof double[]) {
            return Arrays.copyOf((double[]) column, capacity);
        }
        return Arrays.copyOf((Object[]) column, capacity);
    }

    void setLong(int row, int column, long value) {
        ((long[]) columns[column])[row] = value;
    }

    void setNullableLong(int row, int column, Long value) {
        ((Long[]) columns[column])[row] = value;
    }

    void setInt(int row, int column, int value) {
        ((int[]) columns[column])[row] = value;
    }

    void setDouble(int row, int column, double value) {
        ((double[]) columns[column])[row] = value;
    }

    void setString(int row, int column, String value) {
        ((String[]) columns[column])[row] = value;
    }

    void setDate(int row, int column, LocalDate value) {
        ((LocalDate[]) columns[column])[row] = value;
    }

    long getLong(int row, int column) {
        return ((long[]) columns[column])[row];
    }

    Long getNullableLong(int row, int column) {
        return ((Long[]) columns[column])[row];
    }

    int getInt(int row, int column) {
        return ((int[]) columns[column])[row];
    }

    double getDouble(int row, int column) {
        return ((double[]) columns[column])[row];
    }

    String getString(int row, int column) {
        return ((String[]) columns[column])[row];
    }

    LocalDate getDate(int row, int column) {
        return ((LocalDate[]) columns[column])[row];
    }

    /** The value at a cell, boxed; for paths that are not hot. */
    Object get(int row, int column) {
        switch (types[column]) {
            case LONG: return getLong(row, column);
            case NULLABLE_LONG: return getNullableLong(row, column);
            case INT: return getInt(row, column);
            case DOUBLE: return getDouble(row, column);
            case STRING: return getString(row, column);
            case DATE: return getDate(row, column);
            default: throw new AssertionError(types[column]);
        }
    }
}
