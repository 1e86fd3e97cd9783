package io.cutover.catalog;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog names real code: every handler class exists where its group says, is a Lambda
 * handler Lambda can instantiate, and runs the use case the catalog names. All problems are
 * listed at once, so a package move is fixed in one pass (HandlerGroup, the use case names).
 */
class StepCatalogTest {

    @Test
    void everyHandlerIsALambdaHandlerThatRunsItsUseCase() {
        List<String> problems = new ArrayList<>();
        for (Step step : StepCatalog.all()) {
            Class<?> handler;
            try {
                handler = Class.forName(step.handlerClass(), false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(step.name() + ": no handler class " + step.handlerClass());
                continue;
            }
            if (!RequestStreamHandler.class.isAssignableFrom(handler) && !RequestHandler.class.isAssignableFrom(handler)) {
                problems.add(step.name() + ": " + handler.getName() + " is not a Lambda handler (RequestStreamHandler)");
            }
            if (!Modifier.isPublic(handler.getModifiers()) || Modifier.isAbstract(handler.getModifiers())) {
                problems.add(step.name() + ": " + handler.getName() + " must be a public concrete class");
            }
            try {
                handler.getConstructor();
            } catch (NoSuchMethodException e) {
                problems.add(step.name() + ": " + handler.getName() + " has no public no-argument constructor (Lambda needs one)");
            }
            try {
                Class.forName(step.useCase(), false, getClass().getClassLoader());
                if (!usesClass(handler, step.useCase())) {
                    problems.add(step.name() + ": " + handler.getName() + " does not use " + step.useCase());
                }
            } catch (ClassNotFoundException e) {
                problems.add(step.name() + ": no use case class " + step.useCase());
            }
        }
        assertEquals(List.of(), problems, "catalog entries that do not match the code (io.cutover.catalog.StepCatalog)");
    }

    @Test
    void namesAreUniqueAndTheOutsideStepsAreTheOperationsOnes() {
        Set<String> handlers = new HashSet<>();
        for (Step step : StepCatalog.all()) {
            assertTrue(handlers.add(step.handlerClass()), "one handler class per step: " + step.handlerClass());
            assertTrue(step.timeoutSeconds() < 300, "Lambda times out before the ASL's TimeoutSeconds: " + step.name());
        }
        assertEquals(List.of(StepCatalog.RESOURCE_EVENT, StepCatalog.APPMAP_ADMIN, StepCatalog.STATUS),
                StepCatalog.names(StepCatalog.outsideStateMachines()));
        assertTrue(StepCatalog.outsideStateMachines().stream().allMatch(s -> s.group() == HandlerGroup.OPERATIONS));
    }

    @Test
    void unknownStepsAreRefusedNamingTheCatalog() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StepCatalog.require("DrainHeartbeat", "switchover.asl.json"));
        assertTrue(e.getMessage().contains("DrainHeartbeat") && e.getMessage().contains("switchover.asl.json")
                && e.getMessage().contains("io.cutover.catalog.StepCatalog"), e.getMessage());
    }

    @Test
    void aMalformedTableEntryFailsNamingItsLine() {
        List<String> ok = List.of("# a comment", "group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s  vpc operator",
                "    Checks the thing", "    calls: RUNS APPMAP_WRITE APPMAP_READ");
        Step step = StepCatalog.read("t.txt", ok).get("CheckThing");
        assertEquals(new Step("CheckThing", HandlerGroup.MIGRATE, "CheckThingHandler", "io.cutover.x.Thing", "Checks the thing",
                512, 30, true, Invocation.OPERATOR, step.calls()), step);
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem"),
                step.calls().stream().map(AwsCall::action).toList(), "bundles in order, each call once");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s", "    Checks", "    calls: RUNZ"),
                "t.txt line 2", "RUNZ");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s", "    calls: RUNS"),
                "t.txt line 2", "purpose");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512  30s", "    Checks"),
                "t.txt line 2", "<memory>MB");
        assertRefused(List.of("CheckThing  io.cutover.x.Thing  512MB  30s", "    Checks"), "t.txt line 1", "group");
        assertRefused(List.of("group MIGRATE", "A  io.cutover.x.A  512MB  30s", "    Checks", "", "A  io.cutover.x.A  512MB  30s",
                "    Checks"), "t.txt line 5", "twice");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s", "    # not a purpose", "    Checks"),
                "t.txt line 3", "comment", "# not a purpose");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s", "    Checks", "  # nor a calls line"),
                "t.txt line 4", "comment");
        assertRefused(List.of("group MIGRATE", "CheckThing  io.cutover.x.Thing  512MB  30s  event-rule operator", "    Checks"),
                "t.txt line 2", "event-rule and operator");
    }

    private static void assertRefused(List<String> table, String... saying) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StepCatalog.read("t.txt", table));
        for (String s : saying) assertTrue(e.getMessage().contains(s), e.getMessage());
    }

    @Test
    void callsAreWellFormed() {
        assertThrows(IllegalArgumentException.class, () -> AwsCall.code("DescribeEndpoints", AwsResource.NO_RESOURCE_TYPE));
        assertThrows(IllegalArgumentException.class, () -> AwsCall.code("dms:TestConnection"));
        assertThrows(IllegalArgumentException.class,
                () -> AwsCall.code("dms:TestConnection", AwsResource.NO_RESOURCE_TYPE, AwsResource.DMS_ENDPOINT));
        Step endpoint = StepCatalog.require("CreateTargetEndpoint", "test");
        AwsCall passRole = endpoint.calls().stream().filter(c -> c.action().equals("iam:PassRole")).findFirst().orElseThrow();
        assertEquals(AwsCall.Origin.SERVICE, passRole.origin());
        assertEquals("dms:CreateEndpoint", passRole.cause());
        // The Lambda service's own requests follow from the profile.
        assertTrue(StepCatalog.require("Preflight", "test").has("ec2:CreateNetworkInterface"));
        assertTrue(!StepCatalog.require("PromoteReplica", "test").has("ec2:CreateNetworkInterface"));
        assertTrue(StepCatalog.require(StepCatalog.RESOURCE_EVENT, "test").has("sqs:SendMessage"));
        assertTrue(StepCatalog.all().stream().allMatch(s -> s.has("logs:PutLogEvents")));
    }

    /** True if the handler or one of its kernel base classes (a shared step such as AcquireLock) refers to the class. */
    private static boolean usesClass(Class<?> handler, String className) {
        for (Class<?> c = handler; c != null && c.getName().startsWith("io.cutover.handler."); c = c.getSuperclass()) {
            if (namesClass(c, className)) return true;
        }
        return false;
    }

    /** True if the class file of {@code type} (or of a class nested in it) refers to {@code className}. */
    private static boolean namesClass(Class<?> type, String className) {
        Pattern internal = Pattern.compile(Pattern.quote(className.replace('.', '/')) + "(?![A-Za-z0-9_$])");
        List<Class<?>> classes = new ArrayList<>(List.of(type));
        classes.addAll(List.of(type.getDeclaredClasses()));
        for (Class<?> c : classes) {
            try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
                if (in != null && internal.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).find()) return true;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
