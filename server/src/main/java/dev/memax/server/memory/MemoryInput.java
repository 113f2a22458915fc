package dev.memax.server.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.PatchBody;
import dev.memax.server.platform.TextInput;
import dev.memax.server.platform.Timestamps;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates and normalises what clients send for a memory: every limit of docs/architecture.md §5.5, every
 * format (timestamps, durations, ids). Content over its limit is {@code 413 payload_too_large};
 * everything else invalid is one {@code 422 validation_failed} naming each field.
 */
@Singleton
public class MemoryInput {
    /** {@code expires_in}: a positive number of seconds, minutes, hours, days or weeks. */
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,7})([smhdw])$");

    private static final Duration MAX_EXPIRY = Duration.ofDays(3650);
    private final ObjectMapper json;

    public MemoryInput(ObjectMapper json) {
        this.json = json;
    }

    /** A validated create: the fields to store, which of them the client sent, and its target hub. */
    record Draft(MemoryFields fields, Set<String> sent, String hubId) {}

    /**
     * Checks one create body; {@code prefix} is prepended to field names (e.g. {@code memories[3].}).
     * Content over its limit throws {@code 413} at once; other problems go to {@code errors}.
     */
    Draft create(MemoryRequests.CreateMemory body, String prefix, Instant now, FieldErrors errors) {
        if (body == null) {
            errors.add(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a memory object");
            return null;
        }
        MemoryFields f = new MemoryFields();
        Set<String> sent = new LinkedHashSet<>();
        f.content = content(body.content(), prefix, errors);
        sent.add("content");
        if (body.title() != null) {
            f.title = title(body.title(), prefix, errors);
            sent.add("title");
        }
        if (body.summary() != null) {
            f.summary = summary(body.summary(), prefix, errors);
            sent.add("summary");
        }
        if (body.kind() != null) {
            f.kind = body.kind();
            sent.add("kind");
        }
        if (body.stability() != null) {
            f.stability = body.stability();
            sent.add("stability");
        }
        if (body.tags() != null) {
            f.tags = tags(body.tags(), prefix, errors);
            sent.add("tags");
        }
        if (body.source() != null) {
            f.source = shortText(body.source(), prefix + "source", errors);
            sent.add("source");
        }
        if (body.sourceAgent() != null) {
            f.sourceAgent = shortText(body.sourceAgent(), prefix + "source_agent", errors);
            sent.add("source_agent");
        }
        if (body.sourcePath() != null) {
            f.sourcePath = sourcePath(body.sourcePath(), prefix, errors);
            sent.add("source_path");
        }
        f.metadata = metadata(body.metadata(), prefix, errors);
        if (body.metadata() != null) {
            sent.add("metadata");
        }
        String namedInMetadata = sessionInMetadata(f.metadata);
        if (body.sessionId() != null) {
            f.sessionId = shortText(body.sessionId(), prefix + "session_id", errors);
            sent.add("session_id");
        } else if (namedInMetadata != null) {
            f.sessionId = shortText(namedInMetadata, prefix + "metadata.session_id", errors);
            sent.add("session_id");
        }
        if (body.projectContext() != null) {
            f.projectContext = projectContext(body.projectContext(), prefix, errors);
            sent.add("project_context");
        }
        if (body.eventDates() != null) {
            f.eventDates = eventDates(body.eventDates(), prefix, errors);
            sent.add("event_dates");
        }
        if (body.pinned() != null) {
            f.pinned = body.pinned();
            sent.add("pinned");
        }
        if (body.expiresAt() != null || body.expiresIn() != null) {
            f.expiresAt = expiry(body.expiresAt(), body.expiresIn(), prefix, now, errors);
            sent.add("expires_at");
        }
        String hubId = body.hubId() == null || body.hubId().isBlank()
                ? null
                : body.hubId().trim();
        return new Draft(f, sent, hubId);
    }

    /**
     * Applies a PATCH to the memory's current fields.
     */
    MemoryFields update(MemoryFields current, PatchBody<MemoryRequests.UpdateMemory> patch, Instant now) {
        MemoryRequests.UpdateMemory body = patch.values();
        Set<String> present = patch.present();
        FieldErrors errors = new FieldErrors();
        MemoryFields f = current.copy();
        if (present.contains("content")) {
            f.content = content(body.content(), "", errors);
        }
        if (present.contains("title")) {
            f.title = body.title() == null ? "" : title(body.title(), "", errors);
        }
        if (present.contains("summary")) {
            f.summary = body.summary() == null ? "" : summary(body.summary(), "", errors);
        }
        if (present.contains("kind")) {
            required(body.kind(), "kind", errors);
            f.kind = body.kind() == null ? f.kind : body.kind();
        }
        if (present.contains("stability")) {
            required(body.stability(), "stability", errors);
            f.stability = body.stability() == null ? f.stability : body.stability();
        }
        if (present.contains("tags")) {
            f.tags = body.tags() == null ? List.of() : tags(body.tags(), "", errors);
        }
        if (present.contains("source")) {
            f.source = shortText(body.source(), "source", errors);
        }
        if (present.contains("source_agent")) {
            f.sourceAgent = shortText(body.sourceAgent(), "source_agent", errors);
        }
        if (present.contains("source_path")) {
            f.sourcePath = body.sourcePath() == null ? null : sourcePath(body.sourcePath(), "", errors);
        }
        if (present.contains("metadata")) {
            f.metadata = metadata(body.metadata(), "", errors);
        }
        String namedInMetadata = present.contains("metadata") ? sessionInMetadata(f.metadata) : null;
        if (present.contains("session_id")) {
            f.sessionId = shortText(body.sessionId(), "session_id", errors);
        } else if (namedInMetadata != null) {
            f.sessionId = shortText(namedInMetadata, "metadata.session_id", errors);
        }
        if (present.contains("project_context")) {
            f.projectContext = body.projectContext() == null ? null : projectContext(body.projectContext(), "", errors);
        }
        if (present.contains("event_dates")) {
            f.eventDates = body.eventDates() == null ? List.of() : eventDates(body.eventDates(), "", errors);
        }
        if (present.contains("pinned")) {
            required(body.pinned(), "pinned", errors);
            f.pinned = body.pinned() == null ? f.pinned : body.pinned();
        }
        if (present.contains("state")) {
            if (body.state() == MemoryState.PROCESSING) {
                errors.add("state", "must be one of: active, archived (processing is set by the server)");
            } else {
                required(body.state(), "state", errors);
                f.state = body.state() == null ? f.state : body.state();
            }
        }
        if (present.contains("topic_id")) {
            f.topicId = body.topicId() == null ? null : uuid(body.topicId(), "topic_id", errors);
        }
        if (present.contains("expires_at") || present.contains("expires_in")) {
            f.expiresAt = body.expiresAt() == null && body.expiresIn() == null
                    ? null
                    : expiry(body.expiresAt(), body.expiresIn(), "", now, errors);
        }
        errors.throwIfAny();
        return f;
    }

    /** Serialises metadata for the {@code jsonb} column. */
    String metadataJson(JsonNode metadata) {
        return metadata == null ? "{}" : metadata.toString();
    }

    String projectContextJson(ProjectContext context) {
        try {
            return context == null ? null : json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A UUID sent as text, or a {@code 422} on {@code field}. */
    static UUID uuid(String value, String field, FieldErrors errors) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be a UUID");
            return null;
        }
    }

    /** An RFC 3339 timestamp, or a date (midnight UTC), years 0001-9999 ({@link Timestamps}). */
    static Instant timestamp(String value) {
        return Timestamps.parse(value);
    }

    /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w}. */
    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    private static void required(Object value, String field, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "cannot be null");
        }
    }

    private static String content(String content, String prefix, FieldErrors errors) {
        if (content == null || content.isBlank()) {
            errors.add(prefix + "content", "is required");
            return content;
        }
        if (!TextInput.hasText(content)) {
            // Nothing would be left to embed (the models drop control and format characters).
            errors.add(prefix + "content", TextInput.EMPTY_MESSAGE);
            return content;
        }
        if (content.length() > MemoryLimits.CONTENT_BYTES / 4
                && content.getBytes(StandardCharsets.UTF_8).length > MemoryLimits.CONTENT_BYTES) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "content exceeds " + MemoryLimits.CONTENT_BYTES + " bytes",
                    Map.of(
                            "fields",
                            Map.of(
                                    prefix + "content",
                                    "must be at most 1 MB (" + MemoryLimits.CONTENT_BYTES + " bytes of UTF-8)"),
                            "limit_bytes",
                            MemoryLimits.CONTENT_BYTES));
        }
        return content;
    }

    private static String title(String title, String prefix, FieldErrors errors) {
        String value = title.strip();
        if (value.codePointCount(0, value.length()) > MemoryLimits.TITLE_CHARS) {
            errors.add(prefix + "title", "must be at most " + MemoryLimits.TITLE_CHARS + " characters");
        }
        return value;
    }

    private static String summary(String summary, String prefix, FieldErrors errors) {
        String value = summary.strip();
        if (value.codePointCount(0, value.length()) > MemoryLimits.SUMMARY_CHARS) {
            errors.add(prefix + "summary", "must be at most " + MemoryLimits.SUMMARY_CHARS + " characters");
        }
        return value;
    }

    /** Trimmed, duplicates dropped (first occurrence kept); blank or over-long tags are invalid. */
    private static List<String> tags(List<String> tags, String prefix, FieldErrors errors) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? "" : tags.get(i).strip();
            if (tag.isEmpty()) {
                errors.add(prefix + "tags[" + i + "]", "must not be blank");
            } else if (tag.codePointCount(0, tag.length()) > MemoryLimits.TAG_CHARS) {
                errors.add(prefix + "tags[" + i + "]", "must be at most " + MemoryLimits.TAG_CHARS + " characters");
            } else {
                out.add(tag);
            }
        }
        if (out.size() > MemoryLimits.TAGS) {
            errors.add(prefix + "tags", "must hold at most " + MemoryLimits.TAGS + " tags");
        }
        return List.copyOf(out);
    }

    /** Blank is absent (null). */
    private static String shortText(String value, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > MemoryLimits.SHORT_TEXT_CHARS) {
            errors.add(field, "must be at most " + MemoryLimits.SHORT_TEXT_CHARS + " characters");
        }
        return v;
    }

    private static String sourcePath(String value, String prefix, FieldErrors errors) {
        if (value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > MemoryLimits.SOURCE_PATH_CHARS) {
            errors.add(prefix + "source_path", "must be at most " + MemoryLimits.SOURCE_PATH_CHARS + " characters");
        }
        return v;
    }

    private JsonNode metadata(Map<String, Object> metadata, String prefix, FieldErrors errors) {
        JsonNode node = metadata == null ? json.createObjectNode() : json.valueToTree(metadata);
        if (metadata != null && node.toString().getBytes(StandardCharsets.UTF_8).length > MemoryLimits.METADATA_BYTES) {
            errors.add(
                    prefix + "metadata", "must be at most 16 KB (" + MemoryLimits.METADATA_BYTES + " bytes) as JSON");
        }
        return node;
    }

    /**
     * A session named in metadata, for clients that have no {@code session_id} field (Memax's
     * SDK sends free-form metadata): {@code session_id} or {@code conversation_id}, when a string.
     */
    private static String sessionInMetadata(JsonNode metadata) {
        for (String key : List.of("session_id", "conversation_id")) {
            JsonNode value = metadata == null ? null : metadata.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static ProjectContext projectContext(ProjectContext context, String prefix, FieldErrors errors) {
        ProjectContext normalised = new ProjectContext(
                shortText(context.repo(), prefix + "project_context.repo", errors),
                shortText(context.project(), prefix + "project_context.project", errors),
                shortText(context.branch(), prefix + "project_context.branch", errors));
        return normalised.repo() == null && normalised.project() == null && normalised.branch() == null
                ? null
                : normalised;
    }

    private static List<Instant> eventDates(List<String> dates, String prefix, FieldErrors errors) {
        if (dates.size() > MemoryLimits.EVENT_DATES) {
            errors.add(prefix + "event_dates", "must hold at most " + MemoryLimits.EVENT_DATES + " dates");
            return List.of();
        }
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            String date = dates.get(i);
            try {
                if (date == null) {
                    throw new DateTimeParseException("null", "", 0);
                }
                out.add(timestamp(date));
            } catch (DateTimeParseException e) {
                errors.add(prefix + "event_dates[" + i + "]", "must be " + Timestamps.EXPECTED);
            }
        }
        return List.copyOf(out);
    }

    private static Instant expiry(String expiresAt, String expiresIn, String prefix, Instant now, FieldErrors errors) {
        if (expiresAt != null && expiresIn != null) {
            errors.add(prefix + "expires_in", "send expires_at or expires_in, not both");
            return null;
        }
        if (expiresIn != null) {
            try {
                Duration duration = duration(expiresIn);
                if (duration.isZero() || duration.compareTo(MAX_EXPIRY) > 0) {
                    errors.add(prefix + "expires_in", "must be more than 0 and at most 3650d");
                    return null;
                }
                return now.plus(duration);
            } catch (IllegalArgumentException e) {
                errors.add(prefix + "expires_in", "must be a duration such as 30m, 12h, 7d or 2w");
                return null;
            }
        }
        try {
            Instant at = timestamp(expiresAt);
            if (!at.isAfter(now)) {
                errors.add(prefix + "expires_at", "must be in the future");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(prefix + "expires_at", "must be " + Timestamps.EXPECTED);
            return null;
        }
    }
}
