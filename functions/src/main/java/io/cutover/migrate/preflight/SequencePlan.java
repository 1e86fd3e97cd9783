package io.cutover.migrate.preflight;

import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.migrate.mapping.TableMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DMS moves rows, not sequences: before applications write on the target, every sequence there is
 * set to the source's next value plus a buffer, and checked after. A sequence that feeds an
 * identity or serial column is paired through its column (the two engines name such sequences
 * differently), a free-standing one by schema (as the mappings rename it) and name.
 */
public final class SequencePlan {

    /**
     * @param target     the target's sequence, null when none was found
     * @param wantedNext the value the target's sequence must hand out next, at least
     * @param problem    why it cannot be set, null when it can
     */
    public record Entry(SequenceState source, SequenceState target, long wantedNext, String problem) {
        public boolean settable() {
            return problem == null;
        }
    }

    private SequencePlan() {
    }

    public static List<Entry> plan(List<SequenceState> source, List<SequenceState> target, TableMapping mapping, long buffer) {
        List<Entry> out = new ArrayList<>();
        for (SequenceState s : source) {
            long wanted = s.next() + buffer;
            Optional<SequenceState> t = counterpart(s, target, mapping);
            String problem = t.isEmpty() ? "no counterpart on the target for " + s
                    : wanted > t.get().maxValue() ? "the target's " + t.get().schema() + "." + t.get().name()
                    + " cannot reach " + wanted + ": its maximum is " + t.get().maxValue() : null;
            out.add(new Entry(s, t.orElse(null), wanted, problem));
        }
        return out;
    }

    /** What is still short after the sequences were set: each target sequence must hand out at least the wanted value next. */
    public static List<String> verify(List<Entry> plan, List<SequenceState> targetAfter) {
        List<String> problems = new ArrayList<>();
        for (Entry e : plan) {
            if (e.target() == null) continue;
            Optional<SequenceState> now = targetAfter.stream()
                    .filter(t -> t.schema().equals(e.target().schema()) && t.name().equals(e.target().name())).findFirst();
            if (now.isEmpty()) {
                problems.add(e.target().schema() + "." + e.target().name() + " is gone from the target");
            } else if (now.get().next() < e.wantedNext()) {
                problems.add(e.target().schema() + "." + e.target().name() + " hands out " + now.get().next() + " next, short of "
                        + e.wantedNext() + " (source " + e.source().next() + " + buffer)");
            }
        }
        return problems;
    }

    private static Optional<SequenceState> counterpart(SequenceState s, List<SequenceState> target, TableMapping mapping) {
        if (s.owned()) {
            TableName owner = new TableName(s.schema(), s.ownerTable());
            TableName mapped = mapping.targetTable(owner);
            Optional<String> column = mapping.targetColumn(owner, s.ownerColumn());
            if (column.isEmpty()) return Optional.empty();
            Optional<SequenceState> byColumn = target.stream().filter(t -> t.owned()
                    && mapped.schema().equals(t.schema()) && mapped.table().equals(t.ownerTable())
                    && column.get().equals(t.ownerColumn())).findFirst();
            if (byColumn.isPresent()) return byColumn;
        }
        String schema = mapping.targetTable(new TableName(s.schema(), s.name())).schema();
        return target.stream().filter(t -> Objects.equals(schema, t.schema()) && t.name().equals(s.name())).findFirst()
                .or(() -> target.stream().filter(t -> schema.equalsIgnoreCase(t.schema()) && t.name().equalsIgnoreCase(s.name()))
                        .findFirst());
    }
}
