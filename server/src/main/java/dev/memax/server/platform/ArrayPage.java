package dev.memax.server.platform;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/**
 * A page answered as a bare array, for routes where Memax's SDK reads {@code data} as an array
 * (docs/architecture.md §5.12). Paging still works: {@code limit}/{@code cursor} query parameters as on every
 * list, and the next page's cursor in the {@value #NEXT_CURSOR} header (absent on the last page).
 */
public final class ArrayPage {
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private ArrayPage() {}

    public static <T> MutableHttpResponse<Envelope<List<T>>> of(Page<T> page) {
        MutableHttpResponse<Envelope<List<T>>> response = HttpResponse.ok(Envelope.of(page.items()));
        if (page.hasMore() && !page.nextCursor().isEmpty()) {
            response.header(NEXT_CURSOR, page.nextCursor());
        }
        return response;
    }
}
