package io.cutover.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.catalog.PortCalls;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.run.RunStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator policy for ./cleanup (docs/iam/cleanup-operator.iam-check.json, evaluated against
 * AWS's Service Authorization Reference by the infra module's CleanupOperatorPolicyTest) lists
 * exactly the AWS calls the clean-up makes: a complete clean-up (stop, delete, wait, endpoints,
 * slot) runs over the fakes through ports that turn each call into its IAM actions
 * ({@link PortCalls}, proved against the adapters by AdapterCallsTest).
 */
class CleanupOperatorCallsTest {
    static final Path POLICY = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("docs/iam/cleanup-operator.iam-check.json");

    @Test
    void theOperatorPolicyFileListsEveryCallAFullCleanupMakes() throws IOException {
        LeftRunning left = new LeftRunning().stopsAndGoes();
        Set<String> made = new TreeSet<>();
        RunCleanup cleanup = new RunCleanup(recording(RunStore.class, left.runs, made),
                recording(Replication.class, left.dms, made), recording(SourceProbes.class, left.probes, made),
                d -> left.duringPause.run());

        CleanupOutcome outcome = cleanup.execute(cleanup.plan(LeftRunning.RUN, true),
                new RunCleanup.Waiting(Duration.ofSeconds(1), Duration.ofSeconds(10)));

        assertTrue(outcome.complete(), outcome.toString());
        Set<String> listed = new TreeSet<>();
        JsonNode step = new ObjectMapper().readTree(POLICY.toFile()).path("steps").get(0);
        step.path("calls").forEach(c -> listed.add(c.path("action").asText()));
        assertEquals(listed, made, "the calls in " + POLICY.getFileName() + " against those ./cleanup makes");
    }

    /** The port, recording the IAM actions of each call (the table suffix of DynamoDB's dropped). */
    @SuppressWarnings("unchecked")
    private static <T> T recording(Class<T> port, T target, Set<String> made) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return method.invoke(target, args);
            PortCalls.of(port, method.getName()).forEach(a -> made.add(a.replaceAll("@.*", "")));
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return method.getName().equals("forEngine") ? recording((Class<Object>) method.getReturnType(), result, made) : result;
        });
    }
}
