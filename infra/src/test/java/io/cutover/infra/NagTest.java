package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.sqs.Queue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cdk-nag AwsSolutions: zero unsuppressed findings; every suppression is one we reviewed, with a reason. */
class NagTest {
    private static Synthesized s;

    @BeforeAll
    static void synth() {
        s = Synthesized.get();
    }

    @Test
    void noUnsuppressedAwsSolutionsFindings() {
        List<SynthesisMessage> errors = s.annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = s.annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertTrue(errors.isEmpty(), "cdk-nag errors:\n" + describe(errors));
        assertTrue(warnings.isEmpty(), "cdk-nag warnings:\n" + describe(warnings));
        List<SynthesisMessage> anyError = s.annotations.findError("*", Match.anyValue());
        assertTrue(anyError.isEmpty(), "synth errors:\n" + describe(anyError));
        List<SynthesisMessage> anyWarning = s.annotations.findWarning("*", Match.anyValue());
        assertTrue(anyWarning.isEmpty(), "synth warnings:\n" + describe(anyWarning));
    }

    @Test
    void everySuppressionIsAReviewedRuleWithAReason() {
        Map<String, Integer> count = new TreeMap<>();
        s.json.path("Resources").fields().forEachRemaining(e -> {
            for (JsonNode rule : e.getValue().at("/Metadata/cdk_nag/rules_to_suppress")) {
                String id = rule.get("id").asText();
                count.merge(id, 1, Integer::sum);
                String reason = rule.path("reason").asText("");
                assertTrue(reason.length() >= 80, e.getKey() + " " + id + ": reason too thin: " + reason);
                if (id.equals(NagRules.IAM5)) {
                    // Granular: each IAM5 suppression names the wildcard it accepts.
                    assertFalse(rule.path("applies_to").isMissingNode(), e.getKey() + ": IAM5 without applies_to");
                }
            }
        });
        assertEquals(Set.of(NagRules.IAM5, NagRules.L1, NagRules.SQS3), count.keySet(), count.toString());
        int functions = s.resources("AWS::Lambda::Function").size();
        assertEquals(functions, count.get(NagRules.L1), "L1: one per function (java21)");
        assertEquals(1, count.get(NagRules.SQS3), "SQS3: the dead-letter queue only");
        Set<String> accepted = new TreeSet<>();
        s.json.path("Resources").forEach(r -> r.at("/Metadata/cdk_nag/rules_to_suppress").forEach(rule ->
                rule.path("applies_to").forEach(a -> accepted.add(a.asText()))));
        assertEquals(new TreeSet<>(List.of(NagRules.ANY, NagRules.RDS_DB, NagRules.RDS_CLUSTER, NagRules.RDS_SNAPSHOT,
                NagRules.RDS_CLUSTER_SNAPSHOT, NagRules.RDS_PG, NagRules.RDS_CLUSTER_PG, NagRules.DMS_ENDPOINT, NagRules.DMS_REP, NagRules.DMS_TASK,
                NagRules.s3Objects(Synthesized.S3_BUCKET, Synthesized.S3_PREFIX))), accepted);
    }

    @Test
    void theChecksRunHere() {
        // A canary: the same pack on a known violation must report it, or a green result means nothing.
        App app = new App();
        Stack stack = new Stack(app, "Canary");
        Queue.Builder.create(stack, "Plain").build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        List<SynthesisMessage> errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*"));
        assertFalse(errors.isEmpty(), "AwsSolutions-SQS4 (no SSL enforcement) not reported on a plain queue");
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + " " + m.getEntry().getData()).collect(Collectors.joining("\n"));
    }
}
