package io.cutover.switchover;

import io.cutover.dms.TwoWayTasks;
import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.failure.StepFailed;
import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.probe.DbConnection;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks everything the switchover relies on before it touches anything, and reports every
 * problem at once: DMS instance, endpoints and both tasks (loopback prevention mirrored), both
 * sites reachable with the sentinel (and heartbeat) table, the appmap entries on the from-site.
 */
public record SwitchoverPreflight(Replication replication, SourceProbes probes, SiteDatabases sites, AppMap appMap,
                                  RunStore runs) {

    public SwitchoverState.Preflight check(SwitchoverState state) {
        SwitchoverInput in = state.input();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String instance = in.dms().replicationInstanceArn();

        String instanceStatus = replication.replicationInstanceStatus(instance).orElse(null);
        if (instanceStatus == null) {
            problems.add("DMS replication instance " + instance + " does not exist");
        } else if (!"available".equals(instanceStatus)) {
            problems.add("DMS replication instance is " + instanceStatus + ", not available");
        }

        Optional<TaskDescription> forward = replication.findTaskByIdentifier(in.forwardTaskIdentifier());
        Optional<String> forwardSettings = Optional.empty();
        if (forward.isEmpty()) {
            problems.add("forward task " + in.forwardTaskIdentifier() + " (" + in.fromSite().name() + " -> "
                    + in.toSite().name() + ") does not exist");
        } else {
            if (!forward.get().isRunning()) {
                problems.add("forward task " + in.forwardTaskIdentifier() + " is " + forward.get().status()
                        + ", not running: the to-site is not being kept current");
            }
            forwardSettings = replication.taskSettings(forward.get().arn());
            if (forwardSettings.isPresent()) {
                problems.addAll(TwoWayTasks.twoWayProblems(in.forwardTaskIdentifier(), forwardSettings.get()));
            } else {
                notes.add("settings of the forward task could not be read: loopback prevention not checked");
            }
        }

        Optional<TaskDescription> backward = replication.findTaskByIdentifier(in.backwardTaskIdentifier());
        if (backward.isPresent()) {
            TaskDescription b = backward.get();
            if (!b.isRunning() && !"ready".equals(b.status()) && !"starting".equals(b.status())) {
                problems.add("backward task " + b.identifier() + " exists and is " + b.status()
                        + ": resume it in DMS (resume-processing), or delete it so the run creates it anew");
            }
            Optional<String> backwardSettings = replication.taskSettings(b.arn());
            if (backwardSettings.isPresent()) {
                problems.addAll(TwoWayTasks.twoWayProblems(b.identifier(), backwardSettings.get()));
                mirrorProblem(forwardSettings, backwardSettings.get(), in).ifPresent(problems::add);
            }
            notes.add("backward task " + b.identifier() + " exists (" + b.status() + "): it is reused");
        } else {
            endpointProblems(in.toSite(), in.toSite().sourceEndpointArn(), "source", instance, problems);
            if (in.engine() == io.cutover.instance.Engine.POSTGRES) {
                slotProblem(in).ifPresent(problems::add);
                slotReaderProblem(in).ifPresent(problems::add);
            }
            endpointProblems(in.fromSite(), in.fromSite().targetEndpointArn(), "target", instance, problems);
            try {
                probes.forEngine(in.engine()).cdcReadiness(state.toConnection()).problems()
                        .forEach(p -> problems.add(in.toSite().name() + " CDC set-up (the backward task reads it): " + p));
            } catch (RuntimeException e) {
                problems.add(in.toSite().name() + " could not be checked for CDC set-up: " + e.getMessage());
            }
        }

        for (SiteRef site : List.of(in.fromSite(), in.toSite())) {
            tableProblems(state, site, problems);
        }
        for (String app : in.applications()) {
            appProblems(state, app, problems);
        }

        if (!problems.isEmpty()) {
            throw new StepFailed("preflight failed: " + String.join("; ", problems));
        }
        runs.recordResource(state.runId(), "forwardTaskArn", forward.get().arn());
        return new SwitchoverState.Preflight(forward.get().arn(), backward.map(TaskDescription::arn).orElse(null),
                backward.map(TaskDescription::status).orElse("absent"), notes);
    }

    private static Optional<String> mirrorProblem(Optional<String> forwardSettings, String backwardSettings,
                                                  SwitchoverInput in) {
        Optional<List<String>> f = forwardSettings.flatMap(TwoWayTasks::loopbackSchemas);
        Optional<List<String>> b = TwoWayTasks.loopbackSchemas(backwardSettings);
        if (f.isEmpty() || b.isEmpty()) return Optional.empty();
        if (f.get().get(0).equals(b.get().get(1)) && f.get().get(1).equals(b.get().get(0))) return Optional.empty();
        return Optional.of("loopback prevention schemas are not mirrored: forward task " + in.forwardTaskIdentifier()
                + " has source/target " + f.get() + ", backward task " + in.backwardTaskIdentifier() + " has " + b.get());
    }

    /** The to-site's source endpoint reads sites.<to>.slotName (see {@link BackwardEndpoints}). */
    private Optional<String> slotProblem(SwitchoverInput in) {
        SiteRef site = in.toSite();
        return new BackwardEndpoints(replication).slotProblem("sites." + site.name() + ".sourceEndpointArn",
                site.sourceEndpointArn(), "sites." + site.name() + ".slotName", site.slotName(), "dms.postgresPlugin",
                in.dms().postgresPlugin());
    }

    /**
     * A logical slot has one reader at a time: another task already on the to-site's source
     * endpoint would fight the backward task for the slot (the second fails with "replication slot
     * is active"), and each would see only part of the changes.
     */
    private Optional<String> slotReaderProblem(SwitchoverInput in) {
        SiteRef site = in.toSite();
        if (replication.describeEndpoint(site.sourceEndpointArn()).isEmpty()) return Optional.empty();
        List<String> others = replication.tasksUsingEndpoint(site.sourceEndpointArn()).stream()
                .filter(t -> !t.identifier().equals(in.backwardTaskIdentifier()))
                .map(t -> t.identifier() + " (" + t.status() + ")").toList();
        if (others.isEmpty()) return Optional.empty();
        return Optional.of("sites." + site.name() + ".sourceEndpointArn is already used by task(s) " + String.join(", ", others)
                + ": they read slot " + site.slotName() + " too, and a logical slot has one reader - give the backward task"
                + " an endpoint of its own with its own SlotName, or delete those tasks");
    }

    private void endpointProblems(SiteRef site, String endpointArn, String role, String instance, List<String> problems) {
        new BackwardEndpoints(replication).problem("sites." + site.name() + "." + role + "EndpointArn", endpointArn, instance)
                .ifPresent(problems::add);
    }

    private void tableProblems(SwitchoverState state, SiteRef site, List<String> problems) {
        SwitchoverInput in = state.input();
        DbConnection conn = state.connection(site);
        SiteDatabase db = sites.forEngine(in.engine());
        try {
            if (!db.tableExists(conn, site.schema(), in.sentinelTable())) {
                problems.add(site.name() + " has no table " + site.schema() + "." + in.sentinelTable()
                        + " for the drain sentinel (create it on both sites, in the tasks' table mappings; see docs/TWO-WAY-DOOR.md)");
            }
            if (in.heartbeatTable() != null && !db.tableExists(conn, site.schema(), in.heartbeatTable())) {
                problems.add(site.name() + " has no heartbeat table " + site.schema() + "." + in.heartbeatTable());
            }
        } catch (RuntimeException e) {
            problems.add(site.name() + " (" + site.address() + ") could not be checked: " + e.getMessage());
        }
    }

    private void appProblems(SwitchoverState state, String app, List<String> problems) {
        SwitchoverInput in = state.input();
        Optional<Application> entry = appMap.get(app);
        if (entry.isEmpty()) {
            problems.add("application " + app + " has no appmap entry");
            return;
        }
        Application a = entry.get();
        if (!in.fromSite().name().equals(a.activeSite())) {
            problems.add("application " + app + " is active on " + a.activeSite() + ", not on " + in.fromSite().name()
                    + " (wrong direction?)");
        }
        if (a.status() == AppStatus.FROZEN && !state.runId().equals(a.frozenBy())) {
            problems.add("application " + app + " is already FROZEN by " + a.frozenBy());
        }
        for (SiteRef site : List.of(in.fromSite(), in.toSite())) {
            Site s = a.sites().get(site.name());
            if (s == null) {
                problems.add("application " + app + " has no site " + site.name() + " in the appmap");
            } else if (!s.host().equalsIgnoreCase(site.host()) || s.port() != site.port()
                    || !site.database().equals(s.database()) || s.engine() != in.engine()) {
                problems.add("application " + app + " site " + site.name() + " is " + s.engine().dmsEngineName() + " "
                        + s.host() + ":" + s.port() + "/" + s.database() + " in the appmap, but the input says "
                        + in.engine().dmsEngineName() + " " + site.address());
            }
        }
    }
}
