package io.cutover.migrate.validation;

import io.cutover.instance.Engine;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.ValueKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, column by column, how the two sides hash a table so that equal rows hash equal:
 * <ul>
 *   <li>PostgreSQL on both sides, same type: the stored value through the engine's exact hash
 *       ({@link ColumnEncoding#NATIVE}), or its text form where the hash would equate distinct
 *       values (numeric scale, floats' -0, intervals, json) ({@link ColumnEncoding#TEXT});</li>
 *   <li>otherwise a canonical text of the value's {@link ValueKind} both engines render the same
 *       way: numbers without trailing zeros, strings as they are (CHAR without its padding, and an
 *       empty string as NULL across engines, Oracle having no empty string), bytes in hex,
 *       timestamps to the microsecond, instants in UTC, and a timestamp without zone against one
 *       with a zone only under a declared time zone rule.</li>
 * </ul>
 * A column that fits none of these is left out and named: the table is then "not comparable
 * exactly" and its result says so rather than claim equality.
 */
public final class ComparisonPlanner {

    private static final Set<ValueKind> CANONICAL = EnumSet.of(ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.STRING,
            ValueKind.FIXED_STRING, ValueKind.BINARY, ValueKind.DATE, ValueKind.TIMESTAMP, ValueKind.TIMESTAMP_TZ);

    /** PostgreSQL 17: infinite timestamps can be subtracted, which {@link RowHashFunction#COLUMN_HASHES} relies on. */
    static final int COLUMN_HASHES_SINCE = 170000;

    private ComparisonPlanner() {
    }

    /**
     * @param targetColumn  the target name of a source column, empty when the task drops it
     * @param timeZoneRule  the zone timestamps without zone are read in when compared with ones with a zone, or null
     */
    public static ComparisonPlan plan(TableDefinition source, TableDefinition target, ServerTraits sourceTraits,
                                      ServerTraits targetTraits, Function<String, Optional<String>> targetColumn,
                                      String timeZoneRule) {
        boolean samePostgres = sourceTraits.engine() == Engine.POSTGRES && targetTraits.engine() == Engine.POSTGRES;
        RowHashFunction function = !samePostgres || !sourceTraits.recordHash() || !targetTraits.recordHash()
                ? RowHashFunction.MD5_TEXT
                : sourceTraits.versionNum() >= COLUMN_HASHES_SINCE && targetTraits.versionNum() >= COLUMN_HASHES_SINCE
                ? RowHashFunction.COLUMN_HASHES : RowHashFunction.RECORD_HASH;
        boolean sameBytes = sourceTraits.utf8() && targetTraits.utf8();
        List<HashedColumn> sourceColumns = new ArrayList<>();
        List<HashedColumn> targetColumns = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        for (ColumnDefinition s : source.columns()) {
            Optional<String> tName = targetColumn.apply(s.name());
            if (tName.isEmpty()) continue; // dropped by the task on purpose: nothing to compare
            Optional<ColumnDefinition> t = target.column(tName.get());
            if (t.isEmpty()) {
                notCompared.add(s.name() + ": no column " + tName.get() + " on the target");
                continue;
            }
            Pair pair = pair(s, t.get(), samePostgres, function, sameBytes, sourceTraits, targetTraits, timeZoneRule);
            if (pair.reason() != null) {
                notCompared.add(s.name() + " (" + s.dataType() + " -> " + t.get().dataType() + "): " + pair.reason());
            } else {
                sourceColumns.add(pair.source());
                targetColumns.add(pair.target());
            }
        }
        String unkeyed = unkeyed(source, target, targetColumn, sourceColumns);
        List<ColumnDefinition> sourceKey = unkeyed == null ? source.keyColumns() : List.of();
        List<ColumnDefinition> targetKey = unkeyed == null ? target.keyColumns() : List.of();
        boolean binaryOrder = !samePostgres || binaryOrderNeeded(sourceKey, targetKey);
        return new ComparisonPlan(
                new RowHashPlan(source.name(), sourceKey, sourceColumns, function, binaryOrder),
                new RowHashPlan(target.name(), targetKey, targetColumns, function, binaryOrder),
                notCompared, unkeyed);
    }

    private record Pair(HashedColumn source, HashedColumn target, String reason) {
        static Pair of(HashedColumn s, HashedColumn t) {
            return new Pair(s, t, null);
        }

        static Pair no(String reason) {
            return new Pair(null, null, reason);
        }
    }

    private static Pair pair(ColumnDefinition s, ColumnDefinition t, boolean samePostgres, RowHashFunction function,
                             boolean sameBytes, ServerTraits st, ServerTraits tt, String zone) {
        if (samePostgres && s.dataType().equals(t.dataType())) {
            return function != RowHashFunction.MD5_TEXT && s.nativeHash() && t.nativeHash()
                    ? Pair.of(HashedColumn.nativeValue(s), HashedColumn.nativeValue(t))
                    : Pair.of(HashedColumn.text(s), HashedColumn.text(t));
        }
        if ((s.lob() && !st.textLobs()) || (t.lob() && !tt.textLobs())) {
            return Pair.no("a LOB the engine cannot render as one string for hashing");
        }
        if (s.kind() == ValueKind.FLOAT || t.kind() == ValueKind.FLOAT) {
            return Pair.no("binary floating point prints differently on the two engines");
        }
        if (!CANONICAL.contains(s.kind()) || !CANONICAL.contains(t.kind())) {
            return Pair.no(s.kind() + " and " + t.kind() + " values have no common canonical form");
        }
        ValueKind kind = commonKind(s.kind(), t.kind());
        if (kind == null) return Pair.no(s.kind() + " and " + t.kind() + " values are of different kinds");
        if ((kind == ValueKind.STRING || kind == ValueKind.FIXED_STRING) && !sameBytes) {
            return Pair.no("strings are not stored as UTF-8 on both sides, so their bytes differ");
        }
        if (kind == ValueKind.TIMESTAMP_TZ && s.kind() != t.kind()) {
            if (zone == null) {
                return Pair.no("a timestamp without zone against one with a zone needs a declared time zone rule");
            }
            return Pair.of(HashedColumn.canonical(s, kind, s.kind() == ValueKind.TIMESTAMP_TZ ? null : zone),
                    HashedColumn.canonical(t, kind, t.kind() == ValueKind.TIMESTAMP_TZ ? null : zone));
        }
        return Pair.of(HashedColumn.canonical(s, kind, null), HashedColumn.canonical(t, kind, null));
    }

    /** The canonical form two kinds meet in, or null. */
    private static ValueKind commonKind(ValueKind a, ValueKind b) {
        if (a == b) return a == ValueKind.DATE ? ValueKind.TIMESTAMP : a;
        Set<ValueKind> both = EnumSet.of(a, b);
        if (both.equals(EnumSet.of(ValueKind.INTEGER, ValueKind.DECIMAL))) return ValueKind.DECIMAL;
        if (both.equals(EnumSet.of(ValueKind.STRING, ValueKind.FIXED_STRING))) return ValueKind.FIXED_STRING;
        if (both.equals(EnumSet.of(ValueKind.DATE, ValueKind.TIMESTAMP))) return ValueKind.TIMESTAMP;
        if (both.contains(ValueKind.TIMESTAMP_TZ) && (both.contains(ValueKind.TIMESTAMP) || both.contains(ValueKind.DATE))) {
            return ValueKind.TIMESTAMP_TZ;
        }
        return null;
    }

    private static String unkeyed(TableDefinition source, TableDefinition target, Function<String, Optional<String>> targetColumn,
                                  List<HashedColumn> sourceColumns) {
        if (!source.hasPrimaryKey()) return "the source table has no primary key";
        if (!target.hasPrimaryKey()) return "the target table has no primary key";
        List<String> mapped = source.primaryKey().stream().map(k -> targetColumn.apply(k).orElse("?")).toList();
        if (!mapped.equals(target.primaryKey())) {
            return "the primary keys differ: (" + String.join(", ", mapped) + ") against (" + String.join(", ", target.primaryKey()) + ")";
        }
        for (int i = 0; i < source.primaryKey().size(); i++) {
            ColumnDefinition s = source.keyColumns().get(i);
            ColumnDefinition t = target.keyColumns().get(i);
            if (!s.kind().rangeable() || !t.kind().rangeable()) {
                return "key column " + s.name() + " (" + s.dataType() + ") cannot be ranged";
            }
            if (commonKind(s.kind(), t.kind()) == null || sourceColumns.stream().noneMatch(h -> h.column().equals(s))) {
                return "key column " + s.name() + " (" + s.dataType() + " -> " + t.dataType() + ") is not comparable";
            }
        }
        return null;
    }

    /** String keys whose collations differ between the sides must be ordered by bytes on both. */
    private static boolean binaryOrderNeeded(List<ColumnDefinition> sourceKey, List<ColumnDefinition> targetKey) {
        for (int i = 0; i < sourceKey.size(); i++) {
            if (!Objects.equals(sourceKey.get(i).collation(), targetKey.get(i).collation())) return true;
        }
        return false;
    }
}
