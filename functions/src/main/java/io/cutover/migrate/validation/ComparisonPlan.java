package io.cutover.migrate.validation;

import java.util.List;

/**
 * How one table is compared: each side's plan, the columns left out (with why) and, for a table
 * compared whole, why it cannot be ranged by key.
 *
 * @param notCompared columns whose values cannot be compared exactly, e.g. "price (BINARY_DOUBLE -> double precision):
 *                    binary floating point prints differently on the two engines"
 * @param unkeyed     why rows cannot be ranged and listed by key, null when they can
 */
public record ComparisonPlan(RowHashPlan source, RowHashPlan target, List<String> notCompared, String unkeyed) {

    public ComparisonPlan {
        notCompared = List.copyOf(notCompared);
    }

    /** Whether an equal result means every value is equal. */
    public boolean exact() {
        return notCompared.isEmpty();
    }
}
