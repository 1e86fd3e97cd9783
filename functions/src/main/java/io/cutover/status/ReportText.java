package io.cutover.status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * A status report for people: one block per section, errors where the content would be. It
 * reads the report's JSON form, so a report from the status Lambda, from the local rehearsal or
 * from a file renders the same way.
 */
public final class ReportText {

    private ReportText() {
    }

    public static String render(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append("cutover status  ").append(text(report, "generatedAt")).append("  ")
                .append(report.path("engine").asText("engine unknown")).append('\n');
        out.append("source ").append(text(report, "sourceId")).append("   replica ").append(text(report, "replicaId"))
                .append("   run ").append(text(report, "runId")).append('\n');
        Iterator<Map.Entry<String, JsonNode>> sections = report.path("sections").fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> e = sections.next();
            JsonNode section = e.getValue();
            out.append('\n').append(section.path("title").asText(e.getKey()))
                    .append("  (").append(section.path("tookMs").asLong()).append(" ms)\n");
            if (section.hasNonNull("error")) {
                out.append("  ERROR: ").append(section.get("error").asText()).append('\n');
            } else if (isNote(section.path("content"))) {
                out.append("  ").append(section.path("content").path("note").asText()).append('\n');
            } else {
                body(e.getKey(), section.path("content"), out);
            }
        }
        return out.toString();
    }

    /** A {@link Note}: the only field is "note" (other content may carry a note among its fields). */
    private static boolean isNote(JsonNode content) {
        return content.isObject() && content.size() == 1 && content.has("note");
    }

    private static void body(String key, JsonNode c, StringBuilder out) {
        switch (key) {
            case StatusCollector.SOURCE_INSTANCE, StatusCollector.REPLICA_INSTANCE -> instance(c, out);
            case StatusCollector.SOURCE_POSITION -> out.append("  ").append(text(c, "value"))
                    .append("  (").append(text(c, "how")).append(")\n");
            case StatusCollector.REPLICA_POSITION -> replicaPosition(c, out);
            case StatusCollector.SOURCE_REPLICATION, StatusCollector.REPLICA_REPLICATION -> walSenders(c, out);
            case StatusCollector.SOURCE_SLOTS, StatusCollector.REPLICA_SLOTS -> slots(c, out);
            case StatusCollector.SOURCE_ARCHIVED_LOGS, StatusCollector.REPLICA_ARCHIVED_LOGS -> archivedLogs(c, out);
            case StatusCollector.SOURCE_LOG, StatusCollector.REPLICA_LOG -> log(c, out);
            case StatusCollector.DMS_TASKS -> tasks(c, out);
            case StatusCollector.DMS_ENDPOINTS -> endpoints(c, out);
            case StatusCollector.DMS_TABLES -> tables(c, out);
            case StatusCollector.RUN -> run(c, out);
            case StatusCollector.APP_MAP -> apps(c, out);
            default -> out.append("  ").append(c.toString()).append('\n');
        }
    }

    private static void instance(JsonNode c, StringBuilder out) {
        out.append("  ").append(text(c, "status")).append("   ").append(text(c, "engine")).append("   ")
                .append(text(c, "role")).append("   Multi-AZ ").append(c.path("multiAz").asBoolean() ? "yes" : "no")
                .append("   ").append(text(c, "endpoint")).append('\n');
        if (c.path("replicas").size() > 0) out.append("  read replicas: ").append(join(c.path("replicas"))).append('\n');
    }

    private static void replicaPosition(JsonNode c, StringBuilder out) {
        out.append("  ").append(text(c, "role")).append(": ")
                .append("replica".equals(c.path("role").asText()) ? "applied " : "at ")
                .append(text(c, "position")).append("  (").append(text(c, "how")).append(")\n");
        if (c.hasNonNull("lagSeconds")) {
            out.append(String.format("  lag %.1f s, %s %s behind the source at %s%n", c.get("lagSeconds").asDouble(),
                    c.path("distance").asText(), c.path("distanceUnit").asText(), text(c, "sourcePosition")));
        }
        if (c.hasNonNull("forkPosition")) out.append("  timeline forked at ").append(text(c, "forkPosition")).append('\n');
        if (c.hasNonNull("note")) out.append("  ").append(text(c, "note")).append('\n');
    }

    private static void walSenders(JsonNode c, StringBuilder out) {
        listed(c, "no WAL sender: nothing streams from this server", new TextTable("application", "client", "state",
                "sync", "slot", "sent", "replayed", "replay lag", "behind"), r -> new Object[]{text(r, "applicationName"),
                text(r, "clientAddress"), text(r, "state"), text(r, "syncState"), text(r, "slotName"), text(r, "sentLsn"),
                text(r, "replayLsn"), seconds(r, "replayLagSeconds"), bytes(r, "replayBehindBytes")}, out);
    }

    private static void slots(JsonNode c, StringBuilder out) {
        listed(c, "no replication slot", new TextTable("slot", "type", "plugin", "active", "restart_lsn", "confirmed_flush",
                "retained WAL", "wal_status"), r -> new Object[]{text(r, "name"), text(r, "type"), text(r, "plugin"),
                r.path("active").asBoolean() ? "yes" : "no", text(r, "restartLsn"), text(r, "confirmedFlushLsn"),
                bytes(r, "retainedWalBytes"), text(r, "walStatus")}, out);
    }

    private static void archivedLogs(JsonNode c, StringBuilder out) {
        listed(c, "no log archived in the last hour", new TextTable("thread", "sequence", "dest", "first SCN", "next SCN",
                "completed", "archived", "applied"), r -> new Object[]{text(r, "thread"), text(r, "sequence"),
                text(r, "destId"), text(r, "firstChange"), text(r, "nextChange"), text(r, "completionTime"),
                r.path("archived").asBoolean() ? "YES" : "NO", text(r, "applied")}, out);
    }

    /** A row per element of {@code c}, or the line saying there is none. */
    private static void listed(JsonNode c, String none, TextTable t, Function<JsonNode, Object[]> row, StringBuilder out) {
        if (c.isEmpty()) {
            out.append("  ").append(none).append('\n');
            return;
        }
        for (JsonNode r : c) t.row(row.apply(r));
        t.render(out, "  ");
    }

    private static void log(JsonNode c, StringBuilder out) {
        if (c.hasNonNull("notReadable")) {
            out.append("  ").append(text(c, "notReadable")).append('\n');
            return;
        }
        out.append("  ").append(text(c, "source")).append('\n');
        for (JsonNode line : c.path("lines")) out.append("  | ").append(line.asText()).append('\n');
    }

    private static void tasks(JsonNode c, StringBuilder out) {
        for (JsonNode t : c) {
            out.append("  ").append(text(t, "identifier")).append("  ").append(text(t, "status"))
                    .append("  ").append(text(t, "migrationType")).append("  started ").append(text(t, "startedAt")).append('\n');
            out.append("    ").append(text(t, "arn")).append('\n');
            out.append("    CDC start position ").append(text(t, "cdcStartPosition"))
                    .append("   checkpoint ").append(text(t, "checkpoint")).append('\n');
            if (t.hasNonNull("stopReason") || t.hasNonNull("lastFailureMessage")) {
                out.append("    stop reason ").append(text(t, "stopReason")).append("   last failure ")
                        .append(text(t, "lastFailureMessage")).append('\n');
            }
            JsonNode p = t.path("progress");
            if (p.isObject()) {
                out.append("    full load ").append(p.path("fullLoadProgressPercent").isNumber()
                                ? LoadBar.of(p.path("fullLoadProgressPercent").asInt()) : text(p, "fullLoadProgressPercent") + "%")
                        .append("   tables loaded ")
                        .append(text(p, "tablesLoaded")).append(", loading ").append(text(p, "tablesLoading"))
                        .append(", queued ").append(text(p, "tablesQueued")).append(", errored ")
                        .append(text(p, "tablesErrored")).append('\n');
            }
            JsonNode l = t.path("cdcLatency");
            if (l.isObject()) {
                out.append("    CDC latency: source ").append(seconds(l, "sourceSeconds")).append(", target ")
                        .append(seconds(l, "targetSeconds")).append("  (").append(text(l, "how")).append(")\n");
            }
        }
    }

    private static void endpoints(JsonNode c, StringBuilder out) {
        TextTable t = new TextTable("endpoint", "type", "engine", "status", "connection tests");
        for (JsonNode e : c) {
            StringBuilder tests = new StringBuilder();
            for (JsonNode test : e.path("connections")) {
                if (!tests.isEmpty()) tests.append("; ");
                tests.append(text(test, "status")).append(" from ").append(text(test, "replicationInstance"));
                if (test.hasNonNull("message")) tests.append(": ").append(text(test, "message"));
            }
            t.row(e.hasNonNull("identifier") ? text(e, "identifier") : text(e, "arn"), text(e, "type"), text(e, "engine"),
                    text(e, "status"), tests.isEmpty() ? "never tested" : tests);
        }
        t.render(out, "  ");
    }

    private static void tables(JsonNode c, StringBuilder out) {
        TextTable t = new TextTable("task", "table", "state", "rows", "inserts", "updates", "deletes", "validation");
        for (JsonNode r : c) {
            t.row(text(r, "task"), text(r, "schema") + "." + text(r, "table"), text(r, "state"), text(r, "rows"),
                    text(r, "inserts"), text(r, "updates"), text(r, "deletes"), text(r, "validationState"));
        }
        t.render(out, "  ");
    }

    private static void run(JsonNode c, StringBuilder out) {
        out.append("  ").append(text(c, "runId")).append("  ").append(text(c, "status"))
                .append("   current step ").append(text(c, "currentStep")).append('\n');
        out.append("  started ").append(text(c, "createdAt")).append("   updated ").append(text(c, "updatedAt")).append('\n');
        if (c.hasNonNull("position")) out.append("  captured position ").append(text(c, "position")).append('\n');
        Iterator<Map.Entry<String, JsonNode>> resources = c.path("resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> r = resources.next();
            out.append("  ").append(r.getKey()).append(": ").append(r.getValue().asText()).append('\n');
        }
        if (c.hasNonNull("cause")) out.append("  cause: ").append(text(c, "cause")).append('\n');
        TextTable t = new TextTable("step", "outcome", "took", "attempts", "started");
        for (JsonNode s : c.path("steps")) {
            t.row(text(s, "step"), text(s, "outcome"), seconds(s, "seconds"), text(s, "attempts"), text(s, "startedAt"));
        }
        t.render(out, "  ");
    }

    private static void apps(JsonNode c, StringBuilder out) {
        TextTable t = new TextTable("application", "status", "active site", "frozen by", "sites", "shown as");
        for (JsonNode a : c) {
            StringBuilder sites = new StringBuilder();
            Iterator<Map.Entry<String, JsonNode>> it = a.path("sites").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> s = it.next();
                if (!sites.isEmpty()) sites.append(' ');
                sites.append(s.getKey()).append('=').append(s.getValue().asText());
            }
            t.row(text(a, "name"), text(a, "status"), text(a, "activeSite"), text(a, "frozenBy"), sites, text(a, "involvement"));
        }
        t.render(out, "  ");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode v : array) sb.append(sb.isEmpty() ? "" : ", ").append(v.asText());
        return sb.toString();
    }

    private static String seconds(JsonNode node, String field) {
        return node.hasNonNull(field) ? String.format("%.3f s", node.get(field).asDouble()) : "-";
    }

    private static String bytes(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asLong() + " B" : "-";
    }
}
