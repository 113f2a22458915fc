package dev.memax.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.HubLeft;
import dev.memax.sdk.models.HubRole;
import dev.memax.sdk.models.Member;
import dev.memax.sdk.models.MemberRemoved;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemberAddParams;
import java.util.Objects;
import java.util.UUID;

/** The members of one hub: {@code /v1/hubs/{id}/members}. Get it from {@link HubService#members(UUID)}. */
public final class HubMemberService {
    private final Transport transport;
    private final String hubPath;

    HubMemberService(Transport transport, String hubPath) {
        this.transport = transport;
        this.hubPath = hubPath;
    }

    /** The members (first page, default size; viewer). {@code GET /v1/hubs/{id}/members}. */
    public Page<Member> list() {
        return list(ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** {@link #list()} with a page size or cursor. */
    public Page<Member> list(ListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /** {@link #list(ListParams)} with per-call options. */
    public Page<Member> list(ListParams params, RequestOptions options) {
        return transport.page(hubPath + "/members", "members", params, options, Member.class);
    }

    /**
     * Adds an existing user by email or id (admin). {@code POST /v1/hubs/{id}/members}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException no such user
     * @throws dev.memax.sdk.errors.ConflictException already a member, or a personal hub
     */
    public Member add(MemberAddParams params) {
        return add(params, RequestOptions.NONE);
    }

    /** {@link #add(MemberAddParams)} with per-call options. */
    public Member add(MemberAddParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", hubPath + "/members", params, options, Transport.Auth.REQUIRED, Member.class);
    }

    /**
     * Changes a member's role (admin; an owner's role needs owner). Ownership moves only by
     * transfer. {@code PATCH /v1/hubs/{id}/members/{user_id}}.
     *
     * @throws dev.memax.sdk.errors.ConflictException demoting the hub's owner (or its last owner)
     * @throws dev.memax.sdk.errors.ValidationException {@code owner}, or a role the server does not know
     */
    public Member updateRole(UUID userId, HubRole role) {
        return updateRole(userId, role, RequestOptions.NONE);
    }

    /** {@link #updateRole(UUID, HubRole)} with per-call options. */
    public Member updateRole(UUID userId, HubRole role, RequestOptions options) {
        Objects.requireNonNull(role, "role");
        if (role == HubRole.UNKNOWN) {
            throw new IllegalArgumentException("HubRole.UNKNOWN cannot be sent");
        }
        return updateRole(userId, role.wire(), options);
    }

    /** {@link #updateRole(UUID, HubRole)} with the role as its wire value. */
    public Member updateRole(UUID userId, String role, RequestOptions options) {
        Objects.requireNonNull(role, "role");
        return transport.call(
                "PATCH", memberPath(userId), new RoleBody(role), options, Transport.Auth.REQUIRED, Member.class);
    }

    /**
     * Removes a member (admin; removing an owner needs owner).
     * {@code DELETE /v1/hubs/{id}/members/{user_id}}.
     *
     * @throws dev.memax.sdk.errors.ConflictException the hub's owner (or its last owner):
     *                                                transfer ownership first
     */
    public MemberRemoved remove(UUID userId) {
        return remove(userId, RequestOptions.NONE);
    }

    /** {@link #remove(UUID)} with per-call options. */
    public MemberRemoved remove(UUID userId, RequestOptions options) {
        return transport.call(
                "DELETE", memberPath(userId), null, options, Transport.Auth.REQUIRED, MemberRemoved.class);
    }

    /**
     * The caller leaves the hub. {@code POST /v1/hubs/{id}/leave}.
     *
     * @throws dev.memax.sdk.errors.ConflictException the hub's owner (transfer ownership first), or
     *                                                a personal hub
     */
    public HubLeft leave() {
        return leave(RequestOptions.NONE);
    }

    /** {@link #leave()} with per-call options. */
    public HubLeft leave(RequestOptions options) {
        return transport.call("POST", hubPath + "/leave", null, options, Transport.Auth.REQUIRED, HubLeft.class);
    }

    private String memberPath(UUID userId) {
        return hubPath + "/members/" + ApiKeyService.id(userId);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoleBody(String role) {}
}
