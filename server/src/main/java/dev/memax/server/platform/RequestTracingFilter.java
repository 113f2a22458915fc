package dev.memax.server.platform;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request its id (response header, MDC for log lines) and logs one line per
 * completed request. Only method, path (never the query string; invite tokens redacted),
 * status and duration are logged: headers and bodies may carry credentials.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestTracingFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger("memax.access");
    private static final String STARTED_AT = "memax.started_at";
    private static final Pattern SECRET_SEGMENT = Pattern.compile("(/v1/invites/)[^/]+");

    @RequestFilter
    public void assignId(HttpRequest<?> request, MutablePropagatedContext propagated) {
        String id = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        request.setAttribute(STARTED_AT, System.nanoTime());
        propagated.add(new MdcPropagationContext(Map.of(RequestIds.MDC_KEY, id)));
    }

    @ResponseFilter
    public void tagResponse(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        response.header(RequestIds.HEADER, id);
        long started = request.getAttribute(STARTED_AT, Long.class).orElse(System.nanoTime());
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            LOG.info(
                    "{} {} {} {}ms",
                    request.getMethodName(),
                    redact(request.getPath()),
                    response.code(),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /** Path segments that are bearer secrets (invite tokens) are never written to the log. */
    static String redact(String path) {
        return SECRET_SEGMENT.matcher(path).replaceAll("$1[redacted]");
    }

    /** Next to outermost: only test instrumentation wraps it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
