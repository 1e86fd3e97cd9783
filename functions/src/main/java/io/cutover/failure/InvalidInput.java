package io.cutover.failure;

import java.util.List;

/** The start input is wrong. Nothing has run; the message names every bad field. */
public class InvalidInput extends RuntimeException {
    private final List<String> problems;

    public InvalidInput(List<String> problems) {
        super("invalid start input: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
