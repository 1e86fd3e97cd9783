package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the status command gets a report (in its JSON form) for a status input. */
interface ReportSource {

    JsonNode report(ObjectNode statusInput) throws Exception;

    /** Fills what the caller left out (the local rehearsal knows its own pair); default: nothing. */
    default ObjectNode complete(ObjectNode statusInput) throws Exception {
        return statusInput;
    }
}
