package io.cutover.migrate.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cutover.json.Json;

/** Table mappings for tests, from DMS's JSON text as an operator writes it. */
public final class Mappings {
    private Mappings() {
    }

    public static TableMapping parse(String json) {
        try {
            return TableMappingParser.parse(Json.mapper().readValue(json, Object.class), "dms.tableMappings");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
