package io.cutover.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cutover.catalog.StepCatalog;
import io.cutover.json.Json;
import io.cutover.runbook.RunScoped;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/ARCHITECTURE.md's table "state -> handler -> use case -> ports" is true to the code: for
 * every state of every statemachines/*.asl.json, the handler class its Task invokes, the use
 * case methods that handler calls (read from its bytecode), and the ports those use cases are
 * built with (their constructors, followed through shared use cases). On a difference the
 * failure message holds the table as it must read.
 */
class StepTableTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** Packages whose classes, and records holding collaborators, are use cases a handler may call. */
    private static final Set<String> USE_CASE_PACKAGES = Set.of("io.cutover.promote", "io.cutover.switchover",
            "io.cutover.migrate", "io.cutover.migrate.run", "io.cutover.runbook", "io.cutover.waiting", "io.cutover.input");
    private static final Set<String> ENTRY_METHODS = Set.of("apply", "rollBack", "parse");
    private static final String BEGIN = "<!-- step table: generated rows checked by StepTableTest -->";
    private static final String END = "<!-- end of step table -->";

    private final Map<String, JavaClass> classes = new java.util.HashMap<>();

    StepTableTest() {
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cutover").forEach(c -> classes.put(c.getName(), c));
    }

    @Test
    void architectureDocHasEveryStateWithItsHandlerUseCaseAndPorts() throws IOException {
        String expected = table();
        String doc = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertFalse(from < 0 || to < 0, "docs/ARCHITECTURE.md lacks the markers " + BEGIN + " ... " + END);
        String actual = doc.substring(from + BEGIN.length(), to).strip();
        if (Boolean.getBoolean("cutover.updateDocs")) {
            Files.writeString(ROOT.resolve("docs/ARCHITECTURE.md"), doc.substring(0, from + BEGIN.length()) + "\n"
                    + expected.strip() + "\n\n" + doc.substring(to));
            return;
        }
        assertEquals(expected.strip(), actual, "docs/ARCHITECTURE.md's step table must read (or rerun with"
                + " -Dcutover.updateDocs=true to rewrite it):\n" + expected);
    }

    private String table() throws IOException {
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> s = Files.list(ROOT.resolve("statemachines"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".asl.json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no statemachines/*.asl.json");
        for (Path file : files) {
            out.append("\n`").append(file.getFileName()).append("`\n\n")
                    .append("| state | type | handler | use case | ports |\n|---|---|---|---|---|\n");
            JsonNode states = Json.mapper().readTree(file.toFile()).path("States");
            for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> state = it.next();
                out.append(row(state.getKey(), state.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    private String row(String name, JsonNode state) {
        String type = state.path("Type").asText();
        String function = state.at("/Parameters/FunctionName").asText("");
        if (!"Task".equals(type) || !function.startsWith("${")) {
            return "| " + name + " | " + type + " | - | - | - |";
        }
        String step = function.substring(2, function.length() - "FunctionArn}".length());
        Class<?> handler = handlerOf(StepCatalog.require(step, name).handlerClass());
        Set<String> calls = new TreeSet<>();
        Set<String> ports = new TreeSet<>();
        for (JavaClass c = classes.get(handler.getName()); c != null && c.getPackageName().startsWith("io.cutover.handler");
             c = c.getRawSuperclass().orElse(null)) {
            List<JavaAccess<?>> accesses = new ArrayList<>();
            for (JavaMethod m : c.getMethods()) {
                if (ENTRY_METHODS.contains(m.getName())) accesses.addAll(m.getMethodCallsFromSelf());
            }
            // A use case handed to the base as a method reference (the start input parsers).
            c.getConstructors().forEach(k -> accesses.addAll(k.getMethodReferencesFromSelf()));
            for (JavaAccess<?> access : accesses) {
                JavaClass owner = access.getTargetOwner();
                if (!isUseCase(owner) || isComponentRead(owner, access.getName())) continue;
                calls.add(relative(owner.getName()) + "." + access.getName());
                ports(owner.reflect(), ports);
            }
        }
        assertFalse(calls.isEmpty(), name + ": " + handler.getName() + " calls no use case");
        return "| " + name + " | Task | `" + relative(handler.getName()) + "` | "
                + String.join(", ", calls.stream().map(c -> "`" + c + "`").toList()) + " | "
                + (ports.isEmpty() ? "-" : String.join(", ", ports)) + " |";
    }

    private static boolean isUseCase(JavaClass owner) {
        return USE_CASE_PACKAGES.contains(owner.getPackageName()) && !owner.isInterface()
                && !owner.isAssignableTo(RunScoped.class) && (!owner.isRecord() || holdsCollaborators(owner.reflect()));
    }

    /** Reading a record's component (a port from a port bundle such as {@code Ports}) is no use case call. */
    private static boolean isComponentRead(JavaClass owner, String method) {
        return owner.isRecord() && Arrays.stream(owner.reflect().getRecordComponents())
                .anyMatch(c -> c.getName().equals(method));
    }

    /** A record that holds collaborators (ports, use cases) rather than data: a use case written as a record. */
    private static boolean holdsCollaborators(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .anyMatch(t -> t.getName().startsWith("io.cutover.") && !t.isRecord() && !t.isEnum());
    }

    /** Ports a use case is built with: interfaces of the product, through the shared use cases it is given. */
    private static void ports(Class<?> useCase, Set<String> ports) {
        for (Constructor<?> c : useCase.getConstructors()) {
            for (Class<?> p : c.getParameterTypes()) {
                if (!p.getName().startsWith("io.cutover.")) continue;
                if (p.isInterface()) ports.add(p.getSimpleName());
                else if (!p.isRecord() || holdsCollaborators(p)) ports(p, ports);
            }
        }
    }

    private static String relative(String className) {
        return className.substring("io.cutover.".length());
    }

    private static Class<?> handlerOf(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the step catalog names " + className + ", which does not exist", e);
        }
    }
}
