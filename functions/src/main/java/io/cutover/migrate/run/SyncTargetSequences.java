package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.preflight.SequencePlan;
import io.cutover.run.RunStore;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SiteDatabase;
import io.cutover.switchover.SiteDatabases;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * DMS does not carry sequences: every sequence (identity and serial ones too) of the moved schemas
 * on the target is set to the source's next value plus {@code sequenceBuffer} (never moved back),
 * planned by {@link SequencePlan} (pairs through identity columns, refuses what cannot be set -
 * then nothing is changed), set through the two-way door's {@link SiteDatabase#advanceSequence},
 * and read back and verified. Run inside the freeze after the drain, so the source's values are final.
 */
public record SyncTargetSequences(MigrationCatalog catalog, SiteDatabases databases, RunStore runs) {
    public static final String SEQUENCES = "sequencesAdvanced";

    /** Section {@code sequences}: each target sequence's value before and after. */
    public record Sequences(List<Change> changes, int advanced) {
    }

    public record Change(String source, String target, long sourceNext, long targetBefore, long targetAfter) {
    }

    public Sequences sync(MigrationState state) {
        TableMapping mapping = TableMappingParser.parse(state.input().tableMappingTree(), "dms.tableMappings");
        Set<String> sourceSchemas = new TreeSet<>();
        Set<String> targetSchemas = new TreeSet<>();
        for (TableName t : mapping.selected(catalog.tables(state.sourceConnection()).stream().map(d -> d.name()).toList())) {
            sourceSchemas.add(t.schema());
            targetSchemas.add(mapping.targetTable(t).schema());
        }
        List<SequenceState> source = catalog.sequences(state.sourceConnection(), sourceSchemas);
        List<SequencePlan.Entry> plan = SequencePlan.plan(source, catalog.sequences(state.targetConnection(), targetSchemas),
                mapping, state.input().sequenceBuffer());
        List<String> refused = plan.stream().filter(e -> !e.settable()).map(SequencePlan.Entry::problem).toList();
        if (!refused.isEmpty()) {
            throw new StepFailed("sequences not set (none was changed): " + String.join("; ", refused));
        }
        SiteDatabase db = databases.forEngine(state.input().engine());
        List<Change> changes = plan.stream().map(e -> {
            SequenceAdvance a = db.advanceSequence(state.targetConnection(), e.target().schema(), e.target().name(),
                    e.wantedNext());
            return new Change(e.source().schema() + "." + e.source().name(), e.target().schema() + "." + e.target().name(),
                    e.source().next(), a.nextBefore(), a.nextAfter());
        }).toList();
        List<String> shortfalls = SequencePlan.verify(plan, catalog.sequences(state.targetConnection(), targetSchemas));
        if (!shortfalls.isEmpty()) throw new StepFailed("sequences set but not verified: " + String.join("; ", shortfalls));
        int advanced = (int) changes.stream().filter(c -> c.targetAfter() != c.targetBefore()).count();
        runs.recordResource(state.runId(), SEQUENCES, Integer.toString(advanced));
        return new Sequences(changes, advanced);
    }
}
