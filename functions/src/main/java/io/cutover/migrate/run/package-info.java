/**
 * The full-load-and-CDC migration runbook's use cases (issue 11), one per state of
 * statemachines/migrate.asl.json, over the migration's domain ({@code io.cutover.migrate.*}), the
 * runbook kernel ({@code io.cutover.runbook}) and the ports. {@link io.cutover.migrate.run.MigrationState}
 * is its execution state.
 */
package io.cutover.migrate.run;
