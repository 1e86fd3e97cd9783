package io.cutover.dms.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.dms.layout.TaskSettingsLayout;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;
import io.cutover.json.MergePatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Named DMS task settings documents a run starts from, overridden by the input with a JSON Merge
 * Patch (RFC 7386: objects merge, {@code null} removes a key, anything else replaces), then checked
 * against DMS's task settings layout before any API call.
 *
 * <p>The documents are resources {@code dms/templates/<name>.json}:
 * <ul>
 *   <li>{@code oracle-to-aurora}: the Oracle 12 -> Aurora PostgreSQL by-hand runbook's settings, key
 *       for key, without its {@code null} sections ({@code BeforeImageSettings},
 *       {@code CharacterSetSettings}, {@code LoopbackPreventionSettings}, {@code PostProcessingRules}):
 *       an absent section and a null one both leave DMS's defaults;</li>
 *   <li>{@code postgres}: PostgreSQL/Aurora PostgreSQL -> PostgreSQL with the schema loaded on the
 *       target first (DO_NOTHING), validation on, limited LOB mode, batch apply off;</li>
 *   <li>{@code s3}: a copy beside the database (DROP_AND_CREATE: a reload starts the table's files
 *       over; DMS's validation off).</li>
 * </ul>
 */
public final class TaskSettingsTemplates {
    /** The values DMS accepts for FullLoadSettings.TargetTablePrepMode. */
    static final Set<String> PREP_MODES = Set.of("DO_NOTHING", "DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD");

    /** A named template; {@code databaseTarget}: its target has tables a pre-made schema owns. */
    public enum Template {
        ORACLE_TO_AURORA("oracle-to-aurora", true),
        POSTGRES("postgres", true),
        S3("s3", false);

        private final String templateName;
        private final boolean databaseTarget;

        Template(String templateName, boolean databaseTarget) {
            this.templateName = templateName;
            this.databaseTarget = databaseTarget;
        }

        public String templateName() {
            return templateName;
        }

        public static Optional<Template> named(String name) {
            return Arrays.stream(values()).filter(t -> t.templateName.equals(name)).findFirst();
        }

        /** A fresh copy of the template's document. */
        public ObjectNode document() {
            String resource = "/dms/templates/" + templateName + ".json";
            try (InputStream in = TaskSettingsTemplates.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("missing resource " + resource);
                return (ObjectNode) Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Who made the target's schema: it decides what TargetTablePrepMode may do to it. */
    public enum SchemaOrigin {
        /** DMS creates the tables itself (DROP_AND_CREATE is the by-hand runbook's choice). */
        DMS,
        /** The schema was loaded on the target before the task (AWS SCT, or a dump of the source's). */
        PRE_CREATED
    }

    /**
     * Settings built from a template and the input's overrides.
     *
     * @param settings the merged document, ready for CreateReplicationTask (valid when no problems)
     * @param problems every wrong field, named by its path; non-empty means no API call may be made
     * @param notes    what the product changed or the DBA should know (e.g. TargetTablePrepMode guidance)
     */
    public record Result(ObjectNode settings, List<String> problems, List<String> notes) {
        public Result {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        /** The settings JSON; refuses the input naming every problem. */
        public String settingsJsonOrThrow() {
            if (!problems.isEmpty()) throw new InvalidInput(problems);
            return settings.toString();
        }
    }

    private TaskSettingsTemplates() {
    }

    /**
     * @param templateName one of the templates' names
     * @param overrides    the input's merge patch (null or missing: the template as it is)
     * @param origin       who made the target's schema
     * @param path         how the overrides are named in messages, e.g. "dms.taskSettings"
     */
    public static Result build(String templateName, JsonNode overrides, SchemaOrigin origin, String path) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<Template> template = Template.named(templateName);
        if (template.isEmpty()) {
            problems.add(path + ".template: '" + templateName + "' is not a task settings template (templates: "
                    + String.join(", ", Arrays.stream(Template.values()).map(Template::templateName).toList()) + ")");
            return new Result(Json.mapper().createObjectNode(), problems, notes);
        }
        ObjectNode base = template.get().document();
        boolean patched = overrides != null && !overrides.isMissingNode();
        if (patched && !overrides.isObject()) {
            problems.add(path + ": must be an object (a JSON merge patch over the template's settings)");
            return new Result(base, problems, notes);
        }
        ObjectNode merged = patched ? (ObjectNode) MergePatch.apply(base, overrides) : base;
        problems.addAll(TaskSettingsLayout.dms().problems(merged, path));
        prepMode(template.get(), merged, patched ? overrides : null, origin, path, problems, notes);
        return new Result(merged, problems, notes);
    }

    /**
     * TargetTablePrepMode against a schema made before the task (the by-hand runbook's warning "be
     * aware of TargetTablePrepMode if you plan to use AWS SCT"): DROP_AND_CREATE would drop SCT's
     * tables and let DMS recreate them with only the primary key - no defaults, secondary indexes,
     * foreign keys, and DMS's own type mapping. The template's DROP_AND_CREATE becomes DO_NOTHING;
     * the input asking for it outright is refused.
     */
    private static void prepMode(Template template, ObjectNode merged, JsonNode overrides, SchemaOrigin origin,
                                 String path, List<String> problems, List<String> notes) {
        String at = path + ".FullLoadSettings.TargetTablePrepMode";
        JsonNode mode = merged.path("FullLoadSettings").path("TargetTablePrepMode");
        if (mode.isMissingNode()) return;
        if (!mode.isTextual() || !PREP_MODES.contains(mode.asText())) {
            problems.add(at + ": '" + mode.asText() + "' is not one of " + String.join(", ", PREP_MODES.stream().sorted().toList()));
            return;
        }
        if (!template.databaseTarget || origin != SchemaOrigin.PRE_CREATED) return;
        boolean asked = overrides != null && overrides.path("FullLoadSettings").has("TargetTablePrepMode");
        switch (mode.asText()) {
            case "DROP_AND_CREATE" -> {
                if (asked) {
                    problems.add(at + ": DROP_AND_CREATE drops the tables of the schema made before the load (AWS SCT"
                            + " or a schema dump) and DMS recreates them with only their primary keys and its own type"
                            + " mapping; use DO_NOTHING (empty tables) or TRUNCATE_BEFORE_LOAD (tables to empty first)");
                } else {
                    ((ObjectNode) merged.path("FullLoadSettings")).put("TargetTablePrepMode", "DO_NOTHING");
                    notes.add(at + ": DO_NOTHING instead of the template's DROP_AND_CREATE, which would drop the"
                            + " tables of the schema made before the load (AWS SCT or a schema dump)");
                }
            }
            case "TRUNCATE_BEFORE_LOAD" -> notes.add(at + ": TRUNCATE_BEFORE_LOAD empties every selected table of the"
                    + " pre-made schema before the load; a table other tables reference is truncated only if DMS may"
                    + " (session_replication_role = replica on the target)");
            default -> {
            }
        }
    }
}
