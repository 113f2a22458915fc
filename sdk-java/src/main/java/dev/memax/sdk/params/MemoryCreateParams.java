package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.ProjectContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /v1/memories} (and of each item of a batch). Only {@code content} is
 * required; unset fields take the server's defaults.
 *
 * @param content        Markdown, at most 1 MB of UTF-8 (required)
 * @param title          at most 500 characters
 * @param summary        at most 2000 characters
 * @param kind           {@code semantic} when null
 * @param stability      {@code evolving} when null
 * @param tags           at most 50 of at most 64 characters
 * @param source         where it comes from (at most 200 characters)
 * @param sourceAgent    the agent pushing it (at most 200 characters)
 * @param sourcePath     identifies it within its hub: a later push to the same path updates it
 * @param sessionId      the session or conversation it is recorded in (your own id, at most 200 characters):
 *                       recall reads memories of one session as context for each other
 * @param metadata       free JSON, at most 16 KB
 * @param projectContext the repository, project and branch it was made in
 * @param eventDates     when the things it is about happened
 * @param pinned         pin it
 * @param expiresAt      when it expires; or {@code expiresIn}, not both
 * @param expiresIn      how long from now it expires, e.g. {@code 7d}, {@code 12h}, {@code 30m}
 * @param hubId          the hub to push to (before the call's {@code X-Hub-ID}; else the personal hub)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryCreateParams(
        String content,
        String title,
        String summary,
        MemoryKind kind,
        MemoryStability stability,
        List<String> tags,
        String source,
        String sourceAgent,
        String sourcePath,
        String sessionId,
        Map<String, Object> metadata,
        ProjectContext projectContext,
        List<Instant> eventDates,
        Boolean pinned,
        Instant expiresAt,
        String expiresIn,
        UUID hubId) {
    /** Shorthand for a memory with just this content. */
    public static MemoryCreateParams of(String content) {
        return builder().content(content).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MemoryCreateParams}. */
    public static final class Builder {
        private String content;
        private String title;
        private String summary;
        private MemoryKind kind;
        private MemoryStability stability;
        private List<String> tags;
        private String source;
        private String sourceAgent;
        private String sourcePath;
        private String sessionId;
        private Map<String, Object> metadata;
        private ProjectContext projectContext;
        private List<Instant> eventDates;
        private Boolean pinned;
        private Instant expiresAt;
        private String expiresIn;
        private UUID hubId;

        private Builder() {}

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder kind(MemoryKind kind) {
            this.kind = Checks.known(kind, MemoryKind.UNKNOWN);
            return this;
        }

        public Builder stability(MemoryStability stability) {
            this.stability = Checks.known(stability, MemoryStability.UNKNOWN);
            return this;
        }

        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        public Builder tags(List<String> tags) {
            this.tags = tags == null ? null : List.copyOf(tags);
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder sourceAgent(String sourceAgent) {
            this.sourceAgent = sourceAgent;
            return this;
        }

        public Builder sourcePath(String sourcePath) {
            this.sourcePath = sourcePath;
            return this;
        }

        /** The session or conversation the memory is recorded in. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
            return this;
        }

        public Builder projectContext(ProjectContext projectContext) {
            this.projectContext = projectContext;
            return this;
        }

        public Builder eventDates(Instant... dates) {
            return eventDates(Arrays.asList(dates));
        }

        public Builder eventDates(List<Instant> dates) {
            this.eventDates = dates == null ? null : List.copyOf(dates);
            return this;
        }

        public Builder pinned(boolean pinned) {
            this.pinned = pinned;
            return this;
        }

        /** Expires at this instant (clears {@link #expiresIn}). */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            this.expiresIn = null;
            return this;
        }

        /** Expires this long from now: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w} (clears {@link #expiresAt}). */
        public Builder expiresIn(String expiresIn) {
            this.expiresIn = expiresIn;
            this.expiresAt = null;
            return this;
        }

        /** Expires this long from now, in whole seconds (clears {@link #expiresAt}). */
        public Builder expiresIn(Duration duration) {
            return expiresIn(duration.toSeconds() + "s");
        }

        /** The hub to push to. */
        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** @throws IllegalStateException when the content is missing */
        public MemoryCreateParams build() {
            return new MemoryCreateParams(
                    Checks.required(content, "content"),
                    title,
                    summary,
                    kind,
                    stability,
                    tags,
                    source,
                    sourceAgent,
                    sourcePath,
                    sessionId,
                    metadata,
                    projectContext,
                    eventDates,
                    pinned,
                    expiresAt,
                    expiresIn,
                    hubId);
        }
    }
}
