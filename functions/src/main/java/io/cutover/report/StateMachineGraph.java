package io.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The states and transitions of an ASL definition (top level; a Parallel or Map state is one
 * box), laid out in layers: each state's depth is its distance from StartAt along the normal
 * transitions (Next, Default, Choices, and Catch of specific errors such as States.Timeout);
 * states reached only by a Catch of States.ALL (the rollback path) go below the deepest state
 * that catches into them, as the console draws a failure path under the flow.
 */
public final class StateMachineGraph {

    public enum EdgeKind { NEXT, CHOICE, DEFAULT, CATCH, CATCH_ALL }

    public record State(String name, String type, int depth, int column) {
    }

    public record Edge(String from, String to, EdgeKind kind, String label) {
        boolean failurePath() {
            return kind == EdgeKind.CATCH_ALL;
        }
    }

    private final String startAt;
    private final Map<String, State> states;
    private final List<Edge> edges;

    private StateMachineGraph(String startAt, Map<String, State> states, List<Edge> edges) {
        this.startAt = startAt;
        this.states = states;
        this.edges = edges;
    }

    public static StateMachineGraph of(Path aslFile) {
        try {
            return of(Json.mapper().readTree(aslFile.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read state machine " + aslFile + ": " + e.getMessage(), e);
        }
    }

    public static StateMachineGraph of(JsonNode asl) {
        String startAt = asl.path("StartAt").asText();
        JsonNode defs = asl.path("States");
        if (!defs.isObject() || !defs.has(startAt)) throw new IllegalArgumentException("not an ASL definition: no StartAt state");
        Map<String, String> types = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        defs.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode s = e.getValue();
            types.put(name, s.path("Type").asText());
            if (s.hasNonNull("Next")) edges.add(new Edge(name, s.get("Next").asText(), EdgeKind.NEXT, null));
            for (JsonNode choice : s.path("Choices")) {
                edges.add(new Edge(name, choice.path("Next").asText(), EdgeKind.CHOICE, null));
            }
            if (s.hasNonNull("Default")) edges.add(new Edge(name, s.get("Default").asText(), EdgeKind.DEFAULT, "default"));
            for (JsonNode c : s.path("Catch")) {
                List<String> errors = new ArrayList<>();
                c.path("ErrorEquals").forEach(x -> errors.add(x.asText()));
                boolean all = errors.contains("States.ALL");
                edges.add(new Edge(name, c.path("Next").asText(), all ? EdgeKind.CATCH_ALL : EdgeKind.CATCH,
                        String.join(",", errors)));
            }
        });
        Map<String, Integer> depth = layers(startAt, types, edges);
        Map<Integer, Integer> columns = new LinkedHashMap<>();
        Map<String, State> states = new LinkedHashMap<>();
        // Row order: the order states were reached, so the main flow stays in the first column.
        depth.forEach((name, d) -> states.put(name, new State(name, types.get(name), d, columns.merge(d, 1, Integer::sum) - 1)));
        return new StateMachineGraph(startAt, states, List.copyOf(edges));
    }

    private static Map<String, Integer> layers(String startAt, Map<String, String> types, List<Edge> edges) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(startAt));
        depth.put(startAt, 0);
        while (!queue.isEmpty()) {
            String s = queue.poll();
            for (Edge e : edges) {
                if (e.from().equals(s) && !e.failurePath() && types.containsKey(e.to()) && !depth.containsKey(e.to())) {
                    depth.put(e.to(), depth.get(s) + 1);
                    queue.add(e.to());
                }
            }
        }
        // The failure path: below what reaches it, then on from there. A state many states catch
        // into (the rollback) goes below the whole flow, where the catch rail reaches it unobstructed.
        int flowBottom = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        boolean changed = true;
        for (int round = 0; changed && round < types.size(); round++) {
            changed = false;
            for (String name : types.keySet()) {
                if (depth.containsKey(name)) continue;
                int deepest = -1;
                boolean allKnown = true;
                for (Edge e : edges) {
                    if (!e.to().equals(name)) continue;
                    Integer d = depth.get(e.from());
                    if (d == null) allKnown = false;
                    else deepest = Math.max(deepest, d);
                }
                if (deepest >= 0 && (allKnown || round == types.size() - 1)) {
                    depth.put(name, sharedCatchTarget(name, edges) ? Math.max(deepest, flowBottom) + 1 : deepest + 1);
                    changed = true;
                }
            }
        }
        int bottom = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (String name : types.keySet()) depth.putIfAbsent(name, bottom); // unreachable states, shown at the end
        return depth;
    }

    /** More than one state catches States.ALL into it (drawn along the catch rail). */
    public static boolean sharedCatchTarget(String name, List<Edge> edges) {
        return edges.stream().filter(e -> e.failurePath() && e.to().equals(name)).count() > 1;
    }

    public String startAt() {
        return startAt;
    }

    public Map<String, State> states() {
        return states;
    }

    public List<Edge> edges() {
        return edges;
    }
}
