package io.cutover.probe;

import java.util.List;

/** Whether the source is set up for DMS CDC, and what is missing if not. */
public record CdcReadiness(boolean ready, List<String> problems) {
    public CdcReadiness {
        problems = List.copyOf(problems);
    }
}
