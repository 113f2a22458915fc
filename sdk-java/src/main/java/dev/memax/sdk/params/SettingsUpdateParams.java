package dev.memax.sdk.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Body of {@code PATCH /v1/settings}: a shallow merge into the stored settings. A key set to
 * a value replaces it; a key {@linkplain Builder#remove(String) removed} (sent as JSON
 * {@code null}) is deleted; keys not mentioned stay.
 *
 * @param settings the keys to change (a null value removes the key)
 */
public record SettingsUpdateParams(Map<String, Object> settings) {
    public SettingsUpdateParams {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SettingsUpdateParams}. */
    public static final class Builder {
        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder() {}

        /** Sets a key to a JSON value (string, number, boolean, list or map). */
        public Builder set(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        /** Sets every entry of the map (a null value removes its key). */
        public Builder setAll(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        /** Removes a key. */
        public Builder remove(String key) {
            settings.put(key, null);
            return this;
        }

        public SettingsUpdateParams build() {
            return new SettingsUpdateParams(settings);
        }
    }
}
