package dev.memax.server.idempotency;

/** The stored first request for a key: its fingerprint and, once finished, its response. */
record IdempotencyRecord(
        String fingerprint,
        boolean complete,
        Integer statusCode,
        String responseBody,
        String contentType,
        boolean stale) {}
