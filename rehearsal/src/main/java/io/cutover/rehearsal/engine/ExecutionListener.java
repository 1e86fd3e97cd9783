package io.cutover.rehearsal.engine;

/**
 * Receives the events of one execution as they happen, on the engine's reader thread of that
 * execution (keep it quick; one execution's events arrive in order).
 */
@FunctionalInterface
public interface ExecutionListener {

    ExecutionListener NONE = event -> { };

    void onEvent(ExecutionEvent event);
}
