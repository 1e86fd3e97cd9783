package io.cutover.switchover;

import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;
import io.cutover.probe.DbConnection;
import io.cutover.run.RunStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DMS does not carry sequences: before applications write on the to-site, each of its sequences
 * is set past the from-site's value plus a buffer (never moved back), so new ids cannot collide
 * with rows that came over by replication. Every sequence is checked before any is changed.
 */
public final class SyncSequences {
    private final SiteDatabases sites;
    private final RunStore runs;

    public SyncSequences(SiteDatabases sites, RunStore runs) {
        this.sites = sites;
        this.runs = runs;
    }

    public SwitchoverState.Sequences sync(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SwitchoverState.Sequences result = sync(state, state.fromConnection(), in.fromSite().schema(),
                state.toConnection(), in.toSite().schema(), in.fromSite().name(), in.toSite().name());
        runs.recordResource(state.runId(), "sequencesAdvanced", Integer.toString(result.advanced()));
        return result;
    }

    /** Sets the sequences of {@code to} past those of {@code from}; also used by the rollback, the other way round. */
    SwitchoverState.Sequences sync(SwitchoverState state, DbConnection from, String fromSchema, DbConnection to,
                                   String toSchema, String fromName, String toName) {
        SiteDatabase db = sites.forEngine(state.engine());
        long buffer = state.input().sequenceBuffer();
        List<SequenceValue> source = db.sequences(from, fromSchema);
        Map<String, SequenceValue> target = db.sequences(to, toSchema).stream()
                .collect(Collectors.toMap(SequenceValue::name, Function.identity()));
        List<String> problems = new ArrayList<>();
        for (SequenceValue s : source) {
            SequenceValue t = target.get(s.name());
            if (t == null) {
                problems.add("sequence " + s.name() + " exists on " + fromName + " but not on " + toName);
            } else if (s.next() + buffer > t.maxValue()) {
                problems.add("sequence " + s.name() + " on " + toName + " cannot go past " + fromName + "'s " + s.next()
                        + " + buffer " + buffer + ": its maximum is " + t.maxValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new StepFailed("sequences not synchronised (none was changed): " + String.join("; ", problems));
        }
        Map<String, Long> wanted = new LinkedHashMap<>();
        source.forEach(s -> wanted.put(s.name(), s.next() + buffer));
        List<SequenceAdvance> done = db.advanceSequences(to, toSchema, wanted);
        List<SwitchoverState.SequenceChange> changes = new ArrayList<>();
        int advanced = 0;
        for (int i = 0; i < source.size(); i++) {
            SequenceValue s = source.get(i);
            SequenceAdvance a = done.get(i);
            changes.add(new SwitchoverState.SequenceChange(s.name(), s.next(), a.nextBefore(), a.nextAfter(), a.moved()));
            if (a.moved()) advanced++;
        }
        return new SwitchoverState.Sequences(changes, advanced);
    }
}
