package dev.memax.sdk.params;

import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.MemoryState;
import dev.memax.sdk.models.ProjectContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code PATCH /v1/memories/{id}}: only the fields set are sent, and only they change.
 * The {@code clear…} methods send {@code null}, which empties a field (title, summary, tags,
 * event dates) or removes it (source, source agent, source path, project context, topic,
 * expiry).
 */
public final class MemoryUpdateParams extends PatchParams {
    private MemoryUpdateParams(Fields fields) {
        super(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MemoryUpdateParams}. */
    public static final class Builder {
        private final Fields fields = new Fields();

        private Builder() {}

        private Builder set(String field, Object value) {
            fields.set(field, value);
            return this;
        }

        /** New content (re-chunked and re-embedded); cannot be cleared. */
        public Builder content(String content) {
            return set("content", java.util.Objects.requireNonNull(content, "content"));
        }

        public Builder title(String title) {
            return set("title", title);
        }

        public Builder summary(String summary) {
            return set("summary", summary);
        }

        public Builder kind(MemoryKind kind) {
            return set("kind", java.util.Objects.requireNonNull(Checks.known(kind, MemoryKind.UNKNOWN), "kind"));
        }

        public Builder stability(MemoryStability stability) {
            return set(
                    "stability",
                    java.util.Objects.requireNonNull(Checks.known(stability, MemoryStability.UNKNOWN), "stability"));
        }

        /** Replaces every tag. */
        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        /** Replaces every tag (an empty list removes them all). */
        public Builder tags(List<String> tags) {
            return set("tags", List.copyOf(tags));
        }

        public Builder source(String source) {
            return set("source", source);
        }

        public Builder sourceAgent(String sourceAgent) {
            return set("source_agent", sourceAgent);
        }

        public Builder sourcePath(String sourcePath) {
            return set("source_path", sourcePath);
        }

        /** The session or conversation the memory was recorded in. */
        public Builder sessionId(String sessionId) {
            return set("session_id", sessionId);
        }

        public Builder clearSessionId() {
            return set("session_id", null);
        }

        /** Replaces the metadata. */
        public Builder metadata(Map<String, Object> metadata) {
            return set("metadata", new LinkedHashMap<>(metadata));
        }

        public Builder projectContext(ProjectContext projectContext) {
            return set("project_context", projectContext);
        }

        public Builder eventDates(Instant... dates) {
            return eventDates(Arrays.asList(dates));
        }

        public Builder eventDates(List<Instant> dates) {
            return set("event_dates", List.copyOf(dates));
        }

        public Builder pinned(boolean pinned) {
            return set("pinned", pinned);
        }

        /** {@link MemoryState#ACTIVE} or {@link MemoryState#ARCHIVED} ({@code processing} is the server's). */
        public Builder state(MemoryState state) {
            return set("state", java.util.Objects.requireNonNull(Checks.known(state, MemoryState.UNKNOWN), "state"));
        }

        public Builder topicId(UUID topicId) {
            return set("topic_id", topicId);
        }

        public Builder expiresAt(Instant expiresAt) {
            fields.remove("expires_in");
            return set("expires_at", expiresAt);
        }

        /** Expires this long from now: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w}. */
        public Builder expiresIn(String expiresIn) {
            fields.remove("expires_at");
            return set("expires_in", java.util.Objects.requireNonNull(expiresIn, "expiresIn"));
        }

        /** Expires this long from now, in whole seconds. */
        public Builder expiresIn(Duration duration) {
            return expiresIn(duration.toSeconds() + "s");
        }

        public Builder clearTitle() {
            return set("title", null);
        }

        public Builder clearSummary() {
            return set("summary", null);
        }

        public Builder clearTags() {
            return set("tags", null);
        }

        public Builder clearSource() {
            return set("source", null);
        }

        public Builder clearSourceAgent() {
            return set("source_agent", null);
        }

        /** Removes the source path: later pushes to it make a new memory. */
        public Builder clearSourcePath() {
            return set("source_path", null);
        }

        public Builder clearProjectContext() {
            return set("project_context", null);
        }

        public Builder clearEventDates() {
            return set("event_dates", null);
        }

        public Builder clearTopicId() {
            return set("topic_id", null);
        }

        /** The memory never expires (revives an expired one). */
        public Builder clearExpiry() {
            fields.remove("expires_in");
            return set("expires_at", null);
        }

        public MemoryUpdateParams build() {
            return new MemoryUpdateParams(fields);
        }
    }
}
