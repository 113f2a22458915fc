package dev.memax.sdk;

import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.HubSummary;
import dev.memax.sdk.models.HubVisit;
import dev.memax.sdk.models.SlugCheck;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.HubUpdateParams;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Hubs: {@code /v1/hubs}. Each answer is a {@link HubEntry}: the hub with the caller's role.
 * A hub the caller cannot see is always {@link dev.memax.sdk.errors.NotFoundException}; a role
 * too low is {@link dev.memax.sdk.errors.PermissionDeniedException}.
 */
public final class HubService {
    private final Transport transport;

    HubService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a team hub owned by the caller. {@code POST /v1/hubs}.
     *
     * @throws dev.memax.sdk.errors.ConflictException   the slug is taken
     * @throws dev.memax.sdk.errors.ValidationException an invalid name, slug or description
     */
    public HubEntry create(HubCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(HubCreateParams)} with per-call options. */
    public HubEntry create(HubCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", "/v1/hubs", params, options, Transport.Auth.REQUIRED, HubEntry.class);
    }

    /**
     * Every hub the caller belongs to, the personal hub first, then by name. The API answers
     * them all at once, so the page is always the only one. {@code GET /v1/hubs}.
     */
    public Page<HubEntry> list() {
        return list(RequestOptions.NONE);
    }

    /** {@link #list()} with per-call options. */
    public Page<HubEntry> list(RequestOptions options) {
        return transport.page("/v1/hubs", "hubs", null, options, HubEntry.class);
    }

    /** One hub. {@code GET /v1/hubs/{id}}. */
    public HubEntry get(UUID hubId) {
        return get(hubId, RequestOptions.NONE);
    }

    /** {@link #get(UUID)} with per-call options. */
    public HubEntry get(UUID hubId, RequestOptions options) {
        return transport.call("GET", path(hubId), null, options, Transport.Auth.REQUIRED, HubEntry.class);
    }

    /** Renames a hub or changes its slug or description (admin). {@code PATCH /v1/hubs/{id}}. */
    public HubEntry update(UUID hubId, HubUpdateParams params) {
        return update(hubId, params, RequestOptions.NONE);
    }

    /** {@link #update(UUID, HubUpdateParams)} with per-call options. */
    public HubEntry update(UUID hubId, HubUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("PATCH", path(hubId), params, options, Transport.Auth.REQUIRED, HubEntry.class);
    }

    /**
     * Deletes a team hub (owner). {@code DELETE /v1/hubs/{id}}.
     *
     * @throws dev.memax.sdk.errors.ConflictException a personal hub
     */
    public Deleted delete(UUID hubId) {
        return delete(hubId, RequestOptions.NONE);
    }

    /** {@link #delete(UUID)} with per-call options. */
    public Deleted delete(UUID hubId, RequestOptions options) {
        return transport.call("DELETE", path(hubId), null, options, Transport.Auth.REQUIRED, Deleted.class);
    }

    /** Whether a slug is free and valid. {@code GET /v1/hubs/check-slug?slug=}. */
    public SlugCheck checkSlug(String slug) {
        return checkSlug(slug, RequestOptions.NONE);
    }

    /** {@link #checkSlug(String)} with per-call options. */
    public SlugCheck checkSlug(String slug, RequestOptions options) {
        Objects.requireNonNull(slug, "slug");
        return transport.call("GET", "/v1/hubs/check-slug", Map.of("slug", slug), options, SlugCheck.class);
    }

    /** The members of a hub: list, add, change roles, remove, leave. */
    public HubMemberService members(UUID hubId) {
        return new HubMemberService(transport, path(hubId));
    }

    /** The invites of a hub: create, list, revoke, regenerate. */
    public HubInviteService invites(UUID hubId) {
        return new HubInviteService(transport, path(hubId));
    }

    /**
     * The hub's summary: counts, a few members, the greeting header. {@code GET /v1/hubs/{id}/summary}.
     */
    public HubSummary summary(UUID hubId) {
        return summary(hubId, RequestOptions.NONE);
    }

    /** {@link #summary(UUID)} with per-call options. */
    public HubSummary summary(UUID hubId, RequestOptions options) {
        return transport.call(
                "GET", path(hubId) + "/summary", null, options, Transport.Auth.REQUIRED, HubSummary.class);
    }

    /** Records that the caller opened the hub now. {@code POST /v1/hubs/{id}/visit}. */
    public HubVisit visit(UUID hubId) {
        return visit(hubId, RequestOptions.NONE);
    }

    /** {@link #visit(UUID)} with per-call options. */
    public HubVisit visit(UUID hubId, RequestOptions options) {
        return transport.call("POST", path(hubId) + "/visit", null, options, Transport.Auth.REQUIRED, HubVisit.class);
    }

    /** Handing a hub's ownership to another member: offer, get, accept, cancel. */
    public HubTransferService transfer(UUID hubId) {
        return new HubTransferService(transport, path(hubId));
    }

    private static String path(UUID hubId) {
        return "/v1/hubs/" + ApiKeyService.id(hubId);
    }
}
