package io.cutover.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The sample files of events/ (copied onto the test classpath under events/). */
public final class SampleEvents {
    private SampleEvents() {
    }

    public static ObjectNode load(String name) {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) throw new IllegalStateException("no sample event events/" + name);
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
