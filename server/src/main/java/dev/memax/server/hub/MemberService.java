package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.HubType;
import dev.memax.server.identity.Member;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hub's members. Every change locks the hub row first, so the invariants hold under
 * concurrency: a hub always keeps its owner (ownership moves only by transfer) and a personal
 * hub is never shared.
 */
@Singleton
public class MemberService {
    private final AccessPolicy policy;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final TransferRepository transfers;
    private final UserRepository users;
    private final Cursors cursors;
    private final HubEvents events;

    public MemberService(
            AccessPolicy policy,
            HubRepository hubs,
            HubMemberRepository members,
            TransferRepository transfers,
            UserRepository users,
            Cursors cursors,
            HubEvents events) {
        this.events = events;
        this.policy = policy;
        this.hubs = hubs;
        this.members = members;
        this.transfers = transfers;
        this.users = users;
        this.cursors = cursors;
    }

    /** {@code status} ({@code removed}) as the Memax SDK reads it. */
    public record Removed(UUID userId, boolean removed, String status) {}

    /** A changed member, with the Memax SDK's {@code status} ({@code updated}). */
    public record RoleChanged(@JsonUnwrapped Member member, String status) {}

    /** {@code status} ({@code left}) as the Memax SDK reads it. */
    public record Left(UUID hubId, boolean left, String status) {}

    /** Members in the order they joined. */
    public Page<Member> list(Caller caller, String hubId, PageRequest page) {
        UUID id = policy.authorize(caller, hubId, HubAction.READ).hub().id();
        return cursors.page(
                "members",
                "hub-members:" + id,
                page,
                (after, limit) -> after == null
                        ? members.listAfter(id, null, null, limit)
                        : members.listAfter(id, Instant.parse(after.get(0)), UUID.fromString(after.get(1)), limit),
                member -> List.of(member.joinedAt().toString(), member.userId().toString()));
    }

    /** Adds an existing user, found by {@code user_id} or {@code email}. */
    @Transactional
    public Member add(Caller caller, String hubId, HubRequests.AddMember request) {
        Hub hub = lockedAccess(caller, hubId, HubAction.MANAGE_MEMBERS).hub();
        HubRole role = policy.requireAssignable(request.role(), "role");
        if (hub.hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("A personal hub cannot be shared");
        }
        User user = findUser(request);
        if (!members.insertIfAbsent(hub.id(), user.id(), role, Now.instant())) {
            throw ApiException.conflict("This user is already a member of the hub");
        }
        events.membershipChangedBy(hub, caller.userId(), user.id(), "added", role);
        return members.find(hub.id(), user.id()).orElseThrow();
    }

    @Transactional
    public Member changeRole(Caller caller, String hubId, String userId, HubRequests.ChangeRole request) {
        HubAccess access = lockedAccess(caller, hubId, HubAction.MANAGE_MEMBERS);
        HubRole role = policy.requireAssignable(request.role(), "role");
        Member target = member(access.hub(), userId);
        policy.requireMayManageMember(access, target.role());
        if (role != target.role()) {
            keepOwner(access.hub(), target, "be demoted");
            members.updateRole(access.hub().id(), target.userId(), role, Now.instant());
            events.membershipChangedBy(access.hub(), caller.userId(), target.userId(), "role_changed", role);
        }
        return members.find(access.hub().id(), target.userId()).orElseThrow();
    }

    @Transactional
    public Removed remove(Caller caller, String hubId, String userId) {
        HubAccess access = lockedAccess(caller, hubId, HubAction.MANAGE_MEMBERS);
        Member target = member(access.hub(), userId);
        policy.requireMayManageMember(access, target.role());
        keepOwner(access.hub(), target, "be removed");
        drop(access.hub().id(), target.userId());
        events.membershipChangedBy(access.hub(), caller.userId(), target.userId(), "removed", null);
        return new Removed(target.userId(), true, "removed");
    }

    @Transactional
    public Left leave(Caller caller, String hubId) {
        Hub hub = lockedAccess(caller, hubId, HubAction.LEAVE).hub();
        if (hub.hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("You cannot leave your personal hub");
        }
        Member self = members.find(hub.id(), caller.userId()).orElseThrow(() -> ApiException.notFound("Hub"));
        keepOwner(hub, self, "leave");
        drop(hub.id(), caller.userId());
        events.membersChanged(hub.id(), caller.userId(), caller.userId(), "left", null);
        events.listChanged(caller.userId(), caller.userId(), hub.id(), "left");
        return new Left(hub.id(), true, "left");
    }

    /** Locks the hub (see the class comment), then authorizes against the locked state. */
    private HubAccess lockedAccess(Caller caller, String hubId, HubAction action) {
        hubs.lock(Ids.parseOrNotFound(hubId, "Hub"));
        return policy.authorize(caller, hubId, action);
    }

    private Member member(Hub hub, String userId) {
        return members.find(hub.id(), Ids.parseOrNotFound(userId, "Member"))
                .orElseThrow(() -> ApiException.notFound("Member"));
    }

    /** The hub's owner stays until ownership is transferred (with several owners, any but the hub's owner may go). */
    private void keepOwner(Hub hub, Member target, String change) {
        if (target.role() == HubRole.OWNER
                && (target.userId().equals(hub.ownerId()) || members.countWithRole(hub.id(), HubRole.OWNER) <= 1)) {
            throw ApiException.conflict("The last owner of a hub cannot " + change + ": transfer ownership first");
        }
    }

    /** Removes the membership and withdraws an ownership offer made to that user. */
    private void drop(UUID hubId, UUID userId) {
        members.delete(hubId, userId);
        transfers.deleteOfferedTo(hubId, userId);
    }

    private User findUser(HubRequests.AddMember request) {
        String email = request.email() == null || request.email().isBlank()
                ? null
                : request.email().trim();
        if (request.userId() == null && email == null) {
            throw ApiException.invalidField("email", "email or user_id is required");
        }
        User user = (request.userId() != null ? users.findById(request.userId()) : users.findByEmail(email))
                .orElseThrow(() -> ApiException.notFound("User"));
        if (request.userId() != null && email != null && !user.email().equalsIgnoreCase(email)) {
            throw ApiException.invalidField("user_id", "names another user than email");
        }
        return user;
    }
}
