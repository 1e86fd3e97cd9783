package io.cutover.handler.operations;

import io.cutover.handler.AwsPorts;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppMap;
import io.cutover.appmap.admin.AppMapAdmin;
import io.cutover.appmap.admin.AppMapFileParser;
import io.cutover.failure.InvalidInput;
import io.cutover.input.FieldProblems;
import io.cutover.json.Json;
import io.cutover.runbook.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Appmap administration as a Lambda, for operators without direct table access (aws lambda
 * invoke): {"action": "load", "applications": [...]} (the ./appmap load file format, refused as
 * a whole with every problem named), {"action": "list"}, {"action": "show", "app": "orders-api"}.
 * Not a runbook step; the table itself is the CDK stack's.
 */
public final class AppMapAdminHandler implements RequestStreamHandler {
    private final AppMapAdmin admin;

    public AppMapAdminHandler() {
        this(AwsPorts.instance());
    }

    public AppMapAdminHandler(Ports ports) {
        this(ports.appMap());
    }

    public AppMapAdminHandler(AppMap appMap) {
        this.admin = new AppMapAdmin(appMap);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode request = Json.mapper().readTree(in);
        String action = request.path("action").asText("");
        ObjectNode response = Json.mapper().createObjectNode().put("action", action);
        switch (action) {
            case "load" -> response.set("loaded", Json.mapper().valueToTree(admin.load(AppMapFileParser.parse(((ObjectNode) request).without("action")))));
            case "list" -> response.set("applications", Json.mapper().valueToTree(admin.list()));
            case "show" -> {
                String app = request.path("app").asText(null);
                if (app == null) throw new InvalidInput(java.util.List.of("app: missing (the application to show)"));
                response.set("application", admin.show(app).map(a -> (JsonNode) Json.mapper().valueToTree(a))
                        .orElse(Json.mapper().nullNode()));
            }
            default -> throw new InvalidInput(java.util.List.of("action: " + FieldProblems.quote(action) + " is not load, list or show"));
        }
        Json.mapper().writeValue(out, response);
    }
}
