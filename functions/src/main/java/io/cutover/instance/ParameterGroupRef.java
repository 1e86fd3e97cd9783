package io.cutover.instance;

/**
 * A DB parameter group (an instance's) or a DB cluster parameter group (an Aurora cluster's).
 * RDS's {@code default.*} groups cannot be modified.
 */
public record ParameterGroupRef(String name, boolean cluster) {

    public ParameterGroupRef {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("parameter group name is missing");
    }

    public boolean isDefault() {
        return name.startsWith("default.");
    }
}
