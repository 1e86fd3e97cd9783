package io.cutover.infra;

import io.cutover.catalog.AwsCall;
import io.cutover.catalog.AwsResource;
import io.cutover.catalog.Guard;
import io.cutover.catalog.Invocation;
import io.cutover.catalog.Step;
import io.cutover.catalog.StepCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/DEPLOY.md's table of steps and their permissions is the step catalog, rendered: this test
 * fails when they differ. {@code -Dcutover.updateDocs=true} rewrites the table.
 */
class DeployDocTest {
    static final String BEGIN = "<!-- step-permissions: generated from io.cutover.catalog.StepCatalog by DeployDocTest -->";
    static final String END = "<!-- end of step-permissions -->";

    @Test
    void deployGuideListsEachStepsPermissionsAsTheCatalogDeclaresThem() throws IOException {
        RepoLayout layout = RepoLayout.locate();
        Path doc = layout.root().resolve("docs/DEPLOY.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/DEPLOY.md needs the markers " + BEGIN + " and " + END);
        String current = text.substring(begin + BEGIN.length(), end);
        String expected = System.lineSeparator() + table(AslDefinition.discover(layout.stateMachines()));
        if (Boolean.getBoolean("cutover.updateDocs")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
            return;
        }
        assertEquals(expected, current, "docs/DEPLOY.md is behind the step catalog: rerun this test with "
                + "-Dcutover.updateDocs=true (mvn -B -pl functions,infra -am verify -Dtest=DeployDocTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dcutover.updateDocs=true)");
    }

    /** One row per step: who invokes it, its handler, size, VPC, and its permissions grouped as in the policy. */
    static String table(List<AslDefinition> definitions) {
        StringBuilder b = new StringBuilder();
        b.append("| Step | Invoked by | Handler | Memory, timeout | VPC | Permissions (beyond its own logs) |\n");
        b.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Step step : StepCatalog.all()) {
            b.append("| `").append(step.name()).append("` | ").append(invokedBy(step, definitions))
                    .append(" | `").append(step.handler()).append("` | ")
                    .append(step.memoryMb()).append(" MB, ").append(step.timeoutSeconds()).append(" s | ")
                    .append(step.jdbc() ? "yes" : "").append(" | ").append(permissions(step)).append(" |\n");
        }
        b.append("\nEvery function may also write its runbook's log group (`logs:CreateLogStream`, `logs:PutLogEvents`; one log group per runbook: promote-replica, switchover, migrate, operations). ")
                .append("The VPC functions have the network interface calls of `AWSLambdaVPCAccessExecutionRole` ")
                .append("(`ec2:CreateNetworkInterface`, `DescribeNetworkInterfaces`, `DescribeSubnets`, ")
                .append("`DeleteNetworkInterface`, `AssignPrivateIpAddresses`, `UnassignPrivateIpAddresses` on `*`), ")
                .append("and `ResourceEvent` `sqs:SendMessage` on the dead-letter queue (its failure destination). ")
                .append("¹ AWS checks this permission of the step while serving the step's call named after it.\n");
        return b.toString();
    }

    private static String invokedBy(Step step, List<AslDefinition> definitions) {
        if (step.invocation() == Invocation.EVENT_RULE) return "EventBridge";
        if (step.invocation() == Invocation.OPERATOR) return "operators";
        Set<String> machines = new TreeSet<>();
        definitions.stream().filter(d -> d.steps().contains(step.name())).forEach(d -> machines.add(d.name()));
        return String.join(", ", machines);
    }

    /** Calls on the same resource under the same guards, together: "`dynamodb:GetItem`, `PutItem` on the runs table". */
    private static String permissions(Step step) {
        Map<List<Object>, Set<String>> grouped = new LinkedHashMap<>();
        Map<List<Object>, String> lastService = new LinkedHashMap<>();
        for (AwsCall call : step.calls()) {
            List<Object> key = List.of(call.resources(), call.guards());
            String name = call.service().equals(lastService.put(key, call.service())) ? call.operation() : call.action();
            String action = "`" + name + "`" + (call.cause() == null ? "" : "¹ (" + call.cause() + ")");
            grouped.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(action);
        }
        if (grouped.isEmpty()) return "none";
        List<String> lines = new ArrayList<>();
        grouped.forEach((key, actions) -> {
            @SuppressWarnings("unchecked") List<AwsResource> resources = (List<AwsResource>) key.get(0);
            @SuppressWarnings("unchecked") Set<Guard> guards = (Set<Guard>) key.get(1);
            List<String> on = resources.stream().map(AwsResource::description).toList();
            StringBuilder line = new StringBuilder(String.join(", ", actions)).append(" on ").append(String.join(" + ", on));
            guards.forEach(g -> line.append(", ").append(g.description()));
            lines.add(line.toString());
        });
        return String.join("<br>", lines);
    }
}
