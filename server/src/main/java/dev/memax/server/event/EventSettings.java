package dev.memax.server.event;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The event stream's settings ({@code memax.events}, README "Events").
 *
 * @param retention      how long published events stay resumable ({@code MEMAX_EVENTS_RETENTION})
 * @param heartbeat      interval of the {@code ping} events on every stream
 * @param channel        the Redis pub/sub channel every instance listens on
 * @param streamBuffer   frames a stream may hold for a slow client before it is closed
 * @param accessTtl      how long a stream trusts its cached list of readable hubs
 * @param relayPoll      the relay's longest wait between passes when no NOTIFY wakes it
 * @param tailInterval   how often an instance reads the table for events Redis did not bring
 * @param retryHint      the {@code retry:} hint sent when the server closes a stream
 * @param cleanupInterval how often the retention job runs
 */
@ConfigurationProperties("memax.events")
public record EventSettings(
        Duration retention,
        Duration heartbeat,
        String channel,
        int streamBuffer,
        Duration accessTtl,
        Duration relayPoll,
        Duration tailInterval,
        Duration retryHint,
        Duration cleanupInterval) {}
