package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PATCH body: only the fields set are sent, and only they change; a field set to {@code null} is sent as
 * {@code null} (which clears it where the route allows). The update params of each resource extend this, their
 * builders filling the map through {@link Fields}.
 */
public abstract class PatchParams {
    private final Map<String, Object> fields;

    PatchParams(Fields fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields.values));
    }

    /** The JSON body: wire names to values ({@code null} values clear). */
    @JsonValue
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + fields.keySet();
    }

    /** The fields a builder has set so far, in the order set. */
    static final class Fields {
        private final Map<String, Object> values = new LinkedHashMap<>();

        void set(String field, Object value) {
            values.put(field, value);
        }

        /** Unsets a field set earlier (one of two fields that exclude each other). */
        void remove(String field) {
            values.remove(field);
        }
    }
}
