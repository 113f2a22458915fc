package dev.memax.sdk;

/**
 * One block of an event stream, ended by a blank line.
 *
 * @param id          the value of this block's own {@code id:} field, or null when it had none
 * @param event       the event type: this block's {@code event:} field, {@code "message"} when absent or empty
 * @param data        the {@code data:} lines joined with {@code \n}; null when the block had no
 *                    {@code data:} field (such a block is not dispatched as an event per the spec, but its
 *                    {@code id} still moves the stream's position)
 * @param lastEventId the stream's last event ID after this block (the spec's "last event ID buffer"):
 *                    this block's id, or the one of an earlier block
 */
record SseFrame(String id, String event, String data, String lastEventId) {
    /** Whether the spec dispatches this block as an event (it had at least one {@code data:} line). */
    boolean dispatched() {
        return data != null;
    }
}
