package dev.memax.server.memory;

/** Size limits of a memory (docs/architecture.md §5.5), one place for the service, the tests and the docs. */
public final class MemoryLimits {
    /** UTF-8 bytes of {@code content}; over it is {@code 413 payload_too_large}. */
    public static final int CONTENT_BYTES = 1024 * 1024;

    public static final int TITLE_CHARS = 500;
    public static final int SUMMARY_CHARS = 2000;
    public static final int TAGS = 50;
    public static final int TAG_CHARS = 64;
    /** UTF-8 bytes of {@code metadata} serialized as JSON. */
    public static final int METADATA_BYTES = 16 * 1024;
    /** {@code source}, {@code source_agent} and each {@code project_context} field. */
    public static final int SHORT_TEXT_CHARS = 200;

    public static final int SOURCE_PATH_CHARS = 1024;
    public static final int EVENT_DATES = 100;
    /** Items of a batch create, ids of a batch delete or move. */
    public static final int BATCH = 100;

    public static final int RELATED_DEFAULT = 10;
    public static final int RELATED_MAX = 50;
    /** Results of {@code GET /v1/memories/search}, and the characters of its {@code q}. */
    public static final int SEARCH_DEFAULT = 20;

    public static final int SEARCH_MAX = 100;
    public static final int SEARCH_QUERY = 500;

    private MemoryLimits() {}
}
