package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack synthesized once per test JVM (the first synth takes 8-25 s, jsii start-up included)
 * and shared by every test class, with cdk-nag applied exactly as in {@link CutoverApp}.
 */
final class Synthesized {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String S3_BUCKET = "orders-lake";
    static final String S3_PREFIX = "dms";
    private static Synthesized instance;

    final RepoLayout layout;
    final CutoverStack stack;
    final Template template;
    final Annotations annotations;
    /** The template as a tree, for assertions that walk it. */
    final JsonNode json;

    private Synthesized() {
        layout = RepoLayout.locate();
        // With an S3 target deployed, so the S3 copy's grants are synthesized and checked too.
        App app = new App(software.amazon.awscdk.AppProps.builder().context(Map.of(
                DmsS3TargetRole.CTX_BUCKET, S3_BUCKET, DmsS3TargetRole.CTX_PREFIX, S3_PREFIX)).build());
        stack = CutoverApp.build(app, layout);
        template = Template.fromStack(stack);
        annotations = Annotations.fromStack(stack);
        json = JSON.valueToTree(template.toJSON());
    }

    static synchronized Synthesized get() {
        if (instance == null) instance = new Synthesized();
        return instance;
    }

    /** Logical id -> resource, for one resource type. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.equals(e.getValue().path("Type").asText())) found.put(e.getKey(), e.getValue());
        }
        return found;
    }

    JsonNode resource(String logicalId) {
        JsonNode r = json.path("Resources").path(logicalId);
        if (r.isMissingNode()) throw new AssertionError("No resource " + logicalId + " in the template");
        return r;
    }

    /** The logical id of a construct's CloudFormation resource (itself, or its default child). */
    String logicalId(IConstruct construct) {
        CfnElement element = construct instanceof CfnElement c ? c : (CfnElement) construct.getNode().getDefaultChild();
        return String.valueOf(stack.resolve(element.getLogicalId()));
    }

    /** The logical id a {"Ref": id} or {"Fn::GetAtt": [id, ...]} points at; null otherwise. */
    static String referenced(JsonNode node) {
        if (node.has("Ref")) return node.get("Ref").asText();
        if (node.has("Fn::GetAtt")) return node.get("Fn::GetAtt").get(0).asText();
        return null;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        else if (!node.isMissingNode()) out.add(node.isTextual() ? node.asText() : node.toString());
        return out;
    }
}
