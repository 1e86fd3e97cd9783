package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator policy documented for ./cleanup (docs/iam/cleanup-operator.iam-check.json), evaluated
 * with the step policies' checker against AWS's Service Authorization Reference: every call the
 * clean-up makes is allowed and every grant used (the functions module's CleanupOperatorCallsTest
 * proves the file lists exactly the calls the code makes), and the tag condition really bites.
 */
class CleanupOperatorPolicyTest {
    @TempDir
    Path work;

    private final Path root = RepoLayout.locate().root();

    @Test
    void everyCleanupCallIsAllowedPerAwsData() throws Exception {
        JsonNode policy = Synthesized.JSON.readTree(root.resolve("docs/iam/cleanup-operator.iam-check.json").toFile());

        IamCheck.Report report = IamCheck.run(root, policy, work.resolve("cleanup.json"));

        assertEquals(List.of(), report.problems(), report.json().toPrettyString());
        assertEquals(0, report.exitCode());
    }

    @Test
    void deletingATaskOrEndpointWithoutTheManagedTagIsDenied() throws Exception {
        ObjectNode policy = (ObjectNode) Synthesized.JSON.readTree(root.resolve("docs/iam/cleanup-operator.iam-check.json").toFile());
        for (JsonNode call : policy.at("/steps/0/calls")) {
            String action = call.get("action").asText();
            if (action.equals("dms:DeleteReplicationTask") || action.equals("dms:DeleteEndpoint")) {
                ((ObjectNode) call.get("context")).removeAll();
            }
        }

        IamCheck.Report report = IamCheck.run(root, policy, work.resolve("untagged.json"));

        assertEquals(1, report.exitCode(), report.json().toPrettyString());
        List<String> problems = report.problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("dms:DeleteReplicationTask") && p.contains("ImplicitlyDenied")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("dms:DeleteEndpoint") && p.contains("ImplicitlyDenied")),
                problems.toString());
    }
}
