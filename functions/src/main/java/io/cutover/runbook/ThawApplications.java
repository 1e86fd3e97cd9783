package io.cutover.runbook;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Opens the applications this run froze (leaves others alone) and measures the freeze window. */
public record ThawApplications(AppMap appMap, RunStore runs, Clock clock) {

    /** @param freeze the run's freeze section (null or skipped: no window) */
    public Thaw thawApplications(String runId, List<String> apps, Freeze freeze) {
        return thawApplications(runId, apps, freeze, null);
    }

    /**
     * @param recordedAs run item resource set to the time before anything opens (null: none), so a
     *                   rollback knows the applications may have written since
     */
    public Thaw thawApplications(String runId, List<String> apps, Freeze freeze, String recordedAs) {
        if (recordedAs != null) runs.recordResource(runId, recordedAs, clock.instant().toString());
        List<String> thawed = thaw(runId, apps);
        Instant now = clock.instant();
        double window = freeze == null || freeze.skipped() ? 0 : Duration.between(freeze.at(), now).toMillis() / 1000.0;
        return new Thaw(thawed, now, window);
    }

    /** @return the applications opened */
    public List<String> thaw(String runId, List<String> apps) {
        List<String> thawed = new ArrayList<>();
        for (String app : apps) {
            Application after = appMap.change(app, current ->
                    current.status() == AppStatus.FROZEN && runId.equals(current.frozenBy()) ? current.thawed() : null);
            if (after != null) thawed.add(app);
        }
        return thawed;
    }
}
