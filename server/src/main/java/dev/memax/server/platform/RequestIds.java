package dev.memax.server.platform;

import io.micronaut.http.HttpRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The request id: the client's {@code X-Request-ID} when sane, otherwise a new one. */
public final class RequestIds {
    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";
    static final String ATTRIBUTE = "memax.request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    static String accept(String clientValue) {
        return clientValue != null && SANE.matcher(clientValue).matches()
                ? clientValue
                : UUID.randomUUID().toString();
    }

    /** The id assigned to this request by {@link RequestTracingFilter}. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class)
                .orElseGet(() -> accept(request.getHeaders().get(HEADER)));
    }
}
