package io.cutover.testing;

import io.cutover.waiting.TaskCallbacks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records task-token completions; a token completes once, like in Step Functions. */
public final class RecordingCallbacks implements TaskCallbacks {
    public record Completion(String token, boolean success, String output, String error, String cause) {
    }

    public final List<Completion> completions = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();

    @Override
    public boolean succeed(String token, String outputJson) {
        if (done.putIfAbsent(token, true) != null) return false;
        completions.add(new Completion(token, true, outputJson, null, null));
        return true;
    }

    @Override
    public boolean fail(String token, String error, String cause) {
        if (done.putIfAbsent(token, true) != null) return false;
        completions.add(new Completion(token, false, null, error, cause));
        return true;
    }
}
