package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller's free-form settings: a JSON object of at most 16 KB.
 *
 * @param values the settings (JSON values: strings, numbers, booleans, lists, maps)
 */
public record Settings(@JsonProperty("settings") Map<String, Object> values) {
    public Settings {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One setting, or null when it is not set. */
    public Object get(String key) {
        return values.get(key);
    }
}
