package io.cutover.status;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One view of a cutover: every section of the source/replica pair, its DMS resources, its run and
 * its applications, each section either content or the error that kept it from being read.
 *
 * @param engine   postgres | oracle; null when neither instance nor run says
 * @param sections by key (sourceInstance, replicaPosition, dmsTasks, run, ...), in display order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusReport(
        Instant generatedAt,
        String sourceId,
        String replicaId,
        String runId,
        String engine,
        Map<String, Section> sections) {

    public StatusReport {
        sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * @param content what was read (null when failed)
     * @param error   why it could not be read (null when read)
     * @param tookMs  how long reading it took
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String title, Object content, String error, long tookMs) {

        public static Section content(String title, Object content, long tookMs) {
            return new Section(title, content, null, tookMs);
        }

        public static Section error(String title, String error, long tookMs) {
            return new Section(title, null, error == null ? "unknown error" : error, tookMs);
        }

        public boolean failed() {
            return error != null;
        }
    }

    public boolean complete() {
        return sections.values().stream().noneMatch(Section::failed);
    }
}
