package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.models.ApiKey;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.Member;
import dev.memax.sdk.params.ListParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaginationTest {
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String key(int n) {
        return """
                {"id":"%s","name":"key-%d","prefix":"mxk_%04d","scopes":["memax:read"],"created_at":"2026-01-01T00:00:00Z"}
                """.formatted(new UUID(0, n), n, n);
    }

    /**
     * Serves keys 1..total in pages of `size`, with cursors "c<next index>": bare arrays, the next
     * cursor in X-Next-Cursor, as the server answers since 0.3.
     */
    private void serveKeys(int total, int size) {
        server.responder(request -> {
            String cursor = request.queryParam("cursor");
            int from = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
            int to = Math.min(total, from + size - 1);
            List<String> items = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                items.add(key(i));
            }
            String body = "{\"data\":[" + String.join(",", items) + "]}";
            return new MockServer.Reply(
                    200, body, to < total ? Map.of("X-Next-Cursor", "c" + (to + 1)) : Map.of(), null);
        });
    }

    @Test
    void aPageHoldsItsItemsAndCursor() {
        serveKeys(5, 2);
        Page<ApiKey> page = client.apiKeys().list(ListParams.limit(2));
        assertEquals(
                List.of("key-1", "key-2"),
                page.items().stream().map(ApiKey::name).toList());
        assertEquals("c3", page.nextCursor());
        assertTrue(page.hasMore());
        assertTrue(page.hasNextPage());
        assertFalse(page.total().isPresent());
        assertEquals("2", server.only().queryParam("limit"));
        assertNull(server.only().queryParam("cursor"));
    }

    @Test
    void autoPagingFollowsCursorsLazily() {
        serveKeys(5, 2);
        Page<ApiKey> first = client.apiKeys().list(ListParams.limit(2));
        assertEquals(1, server.requests().size());

        Iterator<ApiKey> it = first.autoPagingIterable().iterator();
        assertEquals("key-1", it.next().name());
        assertEquals("key-2", it.next().name());
        assertEquals(1, server.requests().size(), "the second page is fetched only when reached");

        assertTrue(it.hasNext());
        assertEquals(2, server.requests().size());
        assertEquals("c3", server.last().queryParam("cursor"));
        assertEquals("2", server.last().queryParam("limit"), "the page size is kept");
        assertEquals("key-3", it.next().name());
        assertEquals("key-4", it.next().name());
        assertEquals(2, server.requests().size());

        assertEquals("key-5", it.next().name());
        assertEquals(3, server.requests().size());
        assertFalse(it.hasNext());
        assertEquals(3, server.requests().size(), "nothing is fetched after the last page");
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void streamIsLazyToo() {
        serveKeys(10, 3);
        List<String> names = client.apiKeys().list(ListParams.limit(3)).stream()
                .limit(4)
                .map(ApiKey::name)
                .collect(Collectors.toList());
        assertEquals(List.of("key-1", "key-2", "key-3", "key-4"), names);
        assertEquals(2, server.requests().size(), "pages 3 and 4 are never fetched");

        assertEquals(10, client.apiKeys().list(ListParams.limit(3)).stream().count());
    }

    @Test
    void anIterableCanBeIteratedAgain() {
        serveKeys(3, 2);
        Iterable<ApiKey> all = client.apiKeys().list(ListParams.limit(2)).autoPagingIterable();
        List<String> first = new ArrayList<>();
        all.forEach(k -> first.add(k.name()));
        List<String> second = new ArrayList<>();
        all.forEach(k -> second.add(k.name()));
        assertEquals(List.of("key-1", "key-2", "key-3"), first);
        assertEquals(first, second);
    }

    @Test
    void nextPageAndTheLastPage() {
        serveKeys(3, 2);
        Page<ApiKey> first = client.apiKeys().list(ListParams.limit(2));
        Page<ApiKey> second = first.nextPage();
        assertEquals(List.of("key-3"), second.items().stream().map(ApiKey::name).toList());
        assertEquals("", second.nextCursor());
        assertFalse(second.hasMore());
        assertFalse(second.hasNextPage());
        assertThrows(NoSuchElementException.class, second::nextPage);
    }

    @Test
    void requestOptionsApplyToEveryPage() {
        serveKeys(3, 1);
        UUID hub = UUID.randomUUID();
        client.apiKeys().list(ListParams.limit(1), RequestOptions.ofHub(hub)).stream()
                .count();
        assertEquals(3, server.requests().size());
        server.requests().forEach(r -> assertEquals(hub.toString(), r.header("X-Hub-ID")));
    }

    @Test
    void startingFromACursor() {
        serveKeys(5, 2);
        Page<ApiKey> page =
                client.apiKeys().list(ListParams.builder().limit(2).cursor("c5").build());
        assertEquals(List.of("key-5"), page.items().stream().map(ApiKey::name).toList());
        assertEquals("c5", server.only().queryParam("cursor"));
    }

    @Test
    void emptyPagesAreSkippedAndInconsistentEndsStop() {
        UUID hub = UUID.randomUUID();
        server.data("{\"members\":[],\"next_cursor\":\"a\",\"has_more\":true}")
                .data("{\"members\":[" + Fixtures.MEMBER + "],\"next_cursor\":\"\",\"has_more\":true}");
        List<Member> all = client.hubs().members(hub).list().stream().toList();
        assertEquals(1, all.size());
        assertEquals(2, server.requests().size(), "has_more without a cursor ends the listing");
        assertEquals("/v1/hubs/" + hub + "/members", server.last().path());
    }

    @Test
    void totalIsReadWhenTheRouteCounts() {
        server.data("{\"invites\":[],\"next_cursor\":\"\",\"has_more\":false,\"total\":42}");
        assertEquals(42, client.hubs().invites(UUID.randomUUID()).list().total().getAsLong());
    }

    @Test
    void pagesOfOlderServersAreObjects() {
        server.data("{\"api_keys\":[" + key(1) + "],\"next_cursor\":\"c2\",\"has_more\":true}")
                .data("{\"api_keys\":[" + key(2) + "],\"next_cursor\":\"\",\"has_more\":false}");
        assertEquals(
                List.of("key-1", "key-2"),
                client.apiKeys().list().stream().map(ApiKey::name).toList());
        assertEquals("c2", server.requests().get(1).queryParam("cursor"));
    }

    @Test
    void theHubListIsOnePlainArray() {
        server.data("[" + Fixtures.PERSONAL_HUB_ENTRY + "," + Fixtures.TEAM_HUB_ENTRY + "]");
        Page<HubEntry> page = client.hubs().list();
        assertEquals(2, page.items().size());
        assertFalse(page.hasMore());
        assertEquals("", page.nextCursor());
        assertEquals(2, page.stream().count());
        assertEquals(1, server.requests().size());
        assertNull(server.only().query());
    }
}
