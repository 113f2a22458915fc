package dev.memax.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list. Read this page with {@link #items()}, or every item from here to the
 * end with {@link #autoPagingIterable()} / {@link #stream()}, which fetch the following pages
 * lazily: a page is requested only when iteration reaches it.
 *
 * <pre>{@code
 * for (ApiKey key : client.apiKeys().list().autoPagingIterable()) {
 *     System.out.println(key.name());
 * }
 * }</pre>
 *
 * <p>Following pages are fetched with the same parameters and {@link RequestOptions} as this
 * one. Pages are immutable; {@link #autoPagingIterable()} may be iterated more than once
 * (each iteration fetches the following pages again).
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final String nextCursor;
    private final boolean hasMore;
    private final Long total;
    private final Function<String, Page<T>> fetch;

    Page(List<T> items, String nextCursor, boolean hasMore, Long total, Function<String, Page<T>> fetch) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor == null ? "" : nextCursor;
        this.hasMore = hasMore;
        this.total = total;
        this.fetch = fetch;
    }

    /** The items of this page only. */
    public List<T> items() {
        return items;
    }

    /** The cursor of the next page; the empty string on the last page. */
    public String nextCursor() {
        return nextCursor;
    }

    /** Whether the server said another page follows. */
    public boolean hasMore() {
        return hasMore;
    }

    /** How many items the whole listing holds, on routes that count; empty otherwise. */
    public OptionalLong total() {
        return total == null ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /** Whether {@link #nextPage()} can fetch another page. */
    public boolean hasNextPage() {
        return hasMore && !nextCursor.isEmpty() && fetch != null;
    }

    /**
     * Fetches the next page.
     *
     * @throws NoSuchElementException on the last page
     */
    public Page<T> nextPage() {
        if (!hasNextPage()) {
            throw new NoSuchElementException("this is the last page");
        }
        return fetch.apply(nextCursor);
    }

    /** Every item from this page to the last, fetching pages as iteration reaches them. */
    public Iterable<T> autoPagingIterable() {
        return AutoPagingIterator::new;
    }

    /** Every item from this page to the last, as a lazy sequential stream. */
    public Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        new AutoPagingIterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    @Override
    public String toString() {
        return "Page[items=" + items.size() + ", hasMore=" + hasMore + "]";
    }

    private final class AutoPagingIterator implements Iterator<T> {
        private Page<T> page = Page.this;
        private Iterator<T> current = items.iterator();

        @Override
        public boolean hasNext() {
            // Loops in case a page is empty while the server still says more follow.
            while (!current.hasNext()) {
                if (!page.hasNextPage()) {
                    return false;
                }
                page = page.nextPage();
                current = page.items.iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
