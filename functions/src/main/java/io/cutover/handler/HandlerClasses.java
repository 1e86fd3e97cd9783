package io.cutover.handler;

import java.util.List;

/**
 * Where the handler of a step lives: {@code io.cutover.handler.<group>.<Step>Handler}, one group
 * per runbook plus the operations functions (events, waits, status, appmap admin).
 */
public final class HandlerClasses {
    public static final List<String> GROUPS = List.of("promote", "switchover", "migrate", "operations");

    private HandlerClasses() {
    }

    /** The handler class of {@code ${<step>FunctionArn}}, or empty when no group has one. */
    public static java.util.Optional<Class<?>> forStep(String step) {
        for (String group : GROUPS) {
            try {
                return java.util.Optional.of(Class.forName("io.cutover.handler." + group + "." + step + "Handler"));
            } catch (ClassNotFoundException e) {
                // not in this group
            }
        }
        return java.util.Optional.empty();
    }
}
