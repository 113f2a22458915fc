package dev.memax.server.platform;

/** The success envelope: every 2xx JSON body is {@code {"data": …}}. */
public record Envelope<T>(T data) {
    public static <T> Envelope<T> of(T data) {
        return new Envelope<>(data);
    }
}
