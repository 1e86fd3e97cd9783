package io.cutover.migrate.mapping;

import java.util.Locale;

/**
 * A DMS transformation rule that changes a schema, table or column name on the target, or removes
 * a column. Applied to the source names its locator matches.
 *
 * @param column   the column pattern (column rules only, else null)
 * @param value    the new name (rename), the prefix or suffix added (add-), removed (remove-) or put in
 *                 place (replace-)
 * @param oldValue the prefix or suffix replaced (replace- only)
 */
public record NameTransformation(String ruleId, Target target, Action action, NamePattern schema, NamePattern table,
                                 NamePattern column, String value, String oldValue) {

    public enum Target { SCHEMA, TABLE, COLUMN }

    public enum Action {
        RENAME, CONVERT_LOWERCASE, CONVERT_UPPERCASE, ADD_PREFIX, REMOVE_PREFIX, REPLACE_PREFIX,
        ADD_SUFFIX, REMOVE_SUFFIX, REPLACE_SUFFIX, REMOVE_COLUMN;

        /** The DMS spelling, e.g. convert-lowercase. */
        public String dmsName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The name after this rule (REMOVE_COLUMN is handled by the caller). */
    String apply(String name) {
        return switch (action) {
            case RENAME -> value;
            case CONVERT_LOWERCASE -> name.toLowerCase(Locale.ROOT);
            case CONVERT_UPPERCASE -> name.toUpperCase(Locale.ROOT);
            case ADD_PREFIX -> value + name;
            case REMOVE_PREFIX -> name.startsWith(value) ? name.substring(value.length()) : name;
            case REPLACE_PREFIX -> name.startsWith(oldValue) ? value + name.substring(oldValue.length()) : name;
            case ADD_SUFFIX -> name + value;
            case REMOVE_SUFFIX -> name.endsWith(value) ? name.substring(0, name.length() - value.length()) : name;
            case REPLACE_SUFFIX -> name.endsWith(oldValue) ? name.substring(0, name.length() - oldValue.length()) + value : name;
            case REMOVE_COLUMN -> name;
        };
    }
}
