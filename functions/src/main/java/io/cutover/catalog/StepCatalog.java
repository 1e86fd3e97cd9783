package io.cutover.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cutover.catalog.Invocation.STATE_MACHINE;

/**
 * Every Lambda step: state-machine function name -> handler class -> use case -> the AWS calls
 * it makes -> memory, timeout, VPC. The one source the CDK stack (functions, IAM policies), the
 * rehearsal (local Lambda wiring) and docs/DEPLOY.md read. The entries are the table
 * {@code steps.txt} beside this class (its header says the format), the calls they name are
 * {@link CallBundle}s. A step an ASL file names but this catalog lacks fails the synth: a new step
 * gets no permissions by default.
 *
 * <p>AWS calls are what the code sends through its SDK clients (the declared-calls test records
 * them and fails on one not declared here) and what AWS authorizes with the step's credentials
 * while serving them; the iam-check evaluates each against the step's synthesized policy with
 * AWS's Service Authorization Reference.
 */
public final class StepCatalog {

    private static final String TABLE = "steps.txt";
    /** {@code <name> <use case> <memory>MB <timeout>s [vpc] [event-rule | operator]} */
    private static final Pattern STEP = Pattern.compile(
            "(\\S+)\\s+(\\S+)\\s+(\\d+)MB\\s+(\\d+)s((?:\\s+(?:vpc|event-rule|operator))*)");
    private static final String CALLS = "calls:";

    private static final Map<String, Step> STEPS = read(TABLE, lines(TABLE));

    /** The EventBridge target. */
    public static final String RESOURCE_EVENT = "ResourceEvent";
    /** Appmap administration for operators. */
    public static final String APPMAP_ADMIN = "AppMapAdmin";
    /** The read-only status function operators invoke. */
    public static final String STATUS = "Status";

    private StepCatalog() {
    }

    public static Optional<Step> find(String name) {
        return Optional.ofNullable(STEPS.get(name));
    }

    /** The step, or an error saying where the name came from and what to add. */
    public static Step require(String name, String usedBy) {
        return find(name).orElseThrow(() -> new IllegalStateException("Step '" + name + "' (used by " + usedBy
                + ") has no entry in " + StepCatalog.class.getName() + "'s " + TABLE
                + ": add its use case, memory, timeout, VPC need, purpose and AWS calls there"));
    }

    public static List<Step> all() {
        return List.copyOf(STEPS.values());
    }

    /** Steps that open JDBC connections and therefore run in the VPC. */
    public static List<String> jdbcSteps() {
        return STEPS.values().stream().filter(Step::jdbc).map(Step::name).toList();
    }

    /** Steps no state machine invokes (they are deployed whatever the ASL files say). */
    public static List<Step> outsideStateMachines() {
        return STEPS.values().stream().filter(s -> s.invocation() != STATE_MACHINE).toList();
    }

    /** Names of the given steps, in catalog order. */
    public static List<String> names(Collection<Step> steps) {
        return steps.stream().map(Step::name).toList();
    }

    /** The table's steps by name, in table order; a malformed entry fails naming its line. */
    static Map<String, Step> read(String table, List<String> lines) {
        Map<String, Step> steps = new LinkedHashMap<>();
        HandlerGroup group = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int first = i;
            try {
                if (line.startsWith("group ")) {
                    group = HandlerGroup.valueOf(line.substring("group ".length()).strip());
                    continue;
                }
                List<String> body = new ArrayList<>();
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith(" ") && !lines.get(i + 1).isBlank()) {
                    String next = lines.get(++i);
                    // Else it would be read as the purpose (or refused as a second one, far from the cause).
                    if (next.strip().startsWith("#")) {
                        throw malformed(table, i, "a comment inside an entry (comments start in the first column)", next);
                    }
                    body.add(next.strip());
                }
                Step step = step(group, line, body);
                if (steps.putIfAbsent(step.name(), step) != null) {
                    throw new IllegalArgumentException("step listed twice");
                }
            } catch (IllegalArgumentException e) {
                IllegalStateException failure = malformed(table, first, e.getMessage(), line);
                failure.initCause(e);
                throw failure;
            }
        }
        return steps;
    }

    private static IllegalStateException malformed(String table, int index, String problem, String line) {
        return new IllegalStateException(table + " line " + (index + 1) + ": " + problem + ": " + line);
    }

    /** One entry: its step line, then its purpose and its calls, if any. */
    private static Step step(HandlerGroup group, String line, List<String> body) {
        if (group == null) throw new IllegalArgumentException("a step before the first group line");
        Matcher m = STEP.matcher(line);
        if (!m.matches()) throw new IllegalArgumentException("not <name> <use case> <memory>MB <timeout>s [flags]");
        boolean hasCalls = body.size() == 2 && body.get(1).startsWith(CALLS);
        if (body.isEmpty() || body.get(0).startsWith(CALLS) || body.size() != (hasCalls ? 2 : 1)) {
            throw new IllegalArgumentException("wants a purpose line, then at most a calls line");
        }
        List<AwsCall> calls = hasCalls ? calls(body.get(1).substring(CALLS.length())) : List.of();
        List<String> flags = Arrays.asList(m.group(5).strip().split("\\s+"));
        if (flags.contains("event-rule") && flags.contains("operator")) {
            throw new IllegalArgumentException("event-rule and operator both: a step has one invoker outside the state machines");
        }
        Invocation invocation = flags.contains("event-rule") ? Invocation.EVENT_RULE
                : flags.contains("operator") ? Invocation.OPERATOR : STATE_MACHINE;
        String name = m.group(1);
        return new Step(name, group, name + "Handler", m.group(2), body.get(0), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), flags.contains("vpc"), invocation, calls);
    }

    /** Bundles overlap (RUNS and APPMAP_READ both read with GetItem, on different tables): each call once. */
    private static List<AwsCall> calls(String bundles) {
        return Arrays.stream(bundles.strip().split("\\s+"))
                .flatMap(b -> CallBundle.valueOf(b).calls().stream())
                .distinct().toList();
    }

    private static List<String> lines(String table) {
        try (InputStream in = StepCatalog.class.getResourceAsStream(table)) {
            if (in == null) throw new IllegalStateException("no " + table + " beside " + StepCatalog.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
