package io.cutover.migrate.preflight;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every table the table mappings select on the source must exist on the target (schema loaded
 * first: DMS does not create secondary objects) under the name the mappings give it, with the same
 * primary key columns in the same order and every moved column present. Tables without a primary
 * key are refused unless the input allows them: DMS cannot validate them and applies their
 * updates and deletes by matching every column.
 */
public final class SchemaComparison {

    /** The selected tables paired with their targets, and what is wrong. */
    public record Report(List<TablePair> pairs, List<Finding> findings) {
        public Report {
            pairs = List.copyOf(pairs);
            findings = List.copyOf(findings);
        }

        public boolean blocked() {
            return findings.stream().anyMatch(Finding::blocks);
        }
    }

    private SchemaComparison() {
    }

    /** @param allowTablesWithoutKey whether tables without a primary key are moved (with a warning) rather than refused */
    public static Report compare(List<TableDefinition> sourceTables, List<TableDefinition> targetTables, TableMapping mapping,
                                 boolean allowTablesWithoutKey) {
        Map<TableName, TableDefinition> targets = targetTables.stream()
                .collect(Collectors.toMap(TableDefinition::name, Function.identity(), (a, b) -> a));
        List<TablePair> pairs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<TableDefinition> selected = sourceTables.stream().filter(t -> mapping.selects(t.name()))
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        if (selected.isEmpty()) {
            findings.add(Finding.blocker("table mappings", "select no table of the source", List.of()));
        }
        for (String rule : mapping.notInterpreted()) {
            findings.add(Finding.warning("table mappings", rule + " is not interpreted: the table, key and column"
                    + " checks do not account for what it changes", List.of()));
        }
        for (TableDefinition source : selected) {
            TableName targetName = mapping.targetTable(source.name());
            TableDefinition target = targets.get(targetName);
            pairs.add(new TablePair(source, target));
            String subject = source.name() + (targetName.equals(source.name()) ? "" : " -> " + targetName);
            mapping.filter(source.name()).ifPresent(rule -> findings.add(Finding.warning(subject, "selection rule "
                    + rule.ruleId() + " filters its rows: row counts differ from the source by design and the"
                    + " product's own validation leaves it out", List.of())));
            if (!source.hasPrimaryKey()) {
                String why = "has no primary key: DMS cannot validate it and applies its updates and deletes by"
                        + " matching every column; the product's own validation can only count and checksum it whole";
                findings.add(allowTablesWithoutKey ? Finding.warning(subject, why, List.of())
                        : Finding.blocker(subject, why + " (allowed only when the input allows tables without a primary key)",
                        List.of("ALTER TABLE " + source.name() + " ADD PRIMARY KEY (<columns>);  (on the source, if a key exists)")));
            }
            if (target == null) {
                findings.add(Finding.blocker(subject, "is missing on the target" + caseHint(targetName, targetTables)
                        + " (load the schema on the target before the task starts)", List.of()));
                continue;
            }
            compareKeys(subject, source, target, mapping).ifPresent(findings::add);
            compareColumns(subject, source, target, mapping, findings);
        }
        return new Report(pairs, findings);
    }

    private static String caseHint(TableName wanted, List<TableDefinition> targetTables) {
        return targetTables.stream().map(TableDefinition::name)
                .filter(t -> t.schema().equalsIgnoreCase(wanted.schema()) && t.table().equalsIgnoreCase(wanted.table()))
                .findFirst()
                .map(t -> "; it has " + t + ", which differs only in case (DMS keeps the source's case unless a"
                        + " convert-lowercase or convert-uppercase transformation rule says otherwise)")
                .orElse("");
    }

    private static Optional<Finding> compareKeys(String subject, TableDefinition source, TableDefinition target, TableMapping mapping) {
        List<String> expected = new ArrayList<>();
        for (String k : source.primaryKey()) {
            Optional<String> mapped = mapping.targetColumn(source.name(), k);
            if (mapped.isEmpty()) {
                return Optional.of(Finding.blocker(subject, "primary key column " + k + " is removed by a transformation rule",
                        List.of()));
            }
            expected.add(mapped.get());
        }
        if (expected.equals(target.primaryKey())) return Optional.empty();
        String has = target.hasPrimaryKey() ? "(" + String.join(", ", target.primaryKey()) + ")" : "no primary key";
        String wants = source.hasPrimaryKey() ? "(" + String.join(", ", expected) + ")" : "no primary key";
        return Optional.of(Finding.blocker(subject, "primary key differs: the source's maps to " + wants
                + ", the target has " + has, List.of()));
    }

    private static void compareColumns(String subject, TableDefinition source, TableDefinition target, TableMapping mapping,
                                       List<Finding> findings) {
        List<String> missing = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (ColumnDefinition c : source.columns()) {
            Optional<String> mapped = mapping.targetColumn(source.name(), c.name());
            if (mapped.isEmpty()) continue;
            moved.add(mapped.get());
            if (target.column(mapped.get()).isEmpty()) {
                missing.add(mapped.get() + caseOnly(mapped.get(), target));
            }
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.blocker(subject, "columns missing on the target: " + String.join(", ", missing), List.of()));
        }
        List<String> extra = target.columns().stream().map(ColumnDefinition::name)
                .filter(n -> !moved.contains(n) && moved.stream().noneMatch(m -> m.equalsIgnoreCase(n))).toList();
        if (!extra.isEmpty()) {
            findings.add(Finding.warning(subject, "columns only on the target (DMS leaves them to their defaults): "
                    + String.join(", ", extra), List.of()));
        }
    }

    private static String caseOnly(String name, TableDefinition target) {
        return target.columns().stream().map(ColumnDefinition::name).filter(n -> n.equalsIgnoreCase(name)).findFirst()
                .map(n -> " (the target has " + n + ": differs only in case)").orElse("");
    }
}
