package dev.memax.server.hub;

import dev.memax.server.platform.Now;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAccess;
import dev.memax.server.access.HubAction;
import dev.memax.server.auth.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moving a hub's ownership: an owner offers it to a member, who accepts (becoming owner while
 * the previous owner becomes admin) or declines; the owner may withdraw. One offer per hub.
 */
@Singleton
public class OwnershipTransferService {
    private final AccessPolicy policy;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final TransferRepository transfers;
    private final HubEvents events;

    public OwnershipTransferService(AccessPolicy policy, HubRepository hubs, HubMemberRepository members,
                                    TransferRepository transfers, HubEvents events) {
        this.events = events;
        this.policy = policy;
        this.hubs = hubs;
        this.members = members;
        this.transfers = transfers;
    }

    public record Cancelled(UUID hubId, boolean cancelled) {
    }

    /** Offers the hub to a current member, replacing a pending offer. */
    @Transactional
    public Transfer offer(Caller caller, String hubId, HubRequests.OfferTransfer request) {
        Hub hub = lockedAccess(caller, hubId, HubAction.TRANSFER_OWNERSHIP).hub();
        if (hub.hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("A personal hub cannot be transferred");
        }
        if (request.userId().equals(caller.userId())) {
            throw ApiException.invalidField("user_id", "you already own this hub: name another member");
        }
        Member target = members.find(hub.id(), request.userId()).orElseThrow(() -> ApiException.notFound("Member"));
        Transfer transfer = new Transfer(hub.id(), caller.userId(), target.userId(), Now.instant());
        transfers.upsert(transfer);
        return transfer;
    }

    public Transfer get(Caller caller, String hubId) {
        HubAccess access = policy.authorize(caller, hubId, HubAction.READ);
        return pending(access.hub());
    }

    /** The offered user becomes the owner; whoever owned the hub becomes admin. */
    @Transactional
    public HubEntry accept(Caller caller, String hubId) {
        Hub hub = lockedAccess(caller, hubId, HubAction.RESPOND_TO_TRANSFER).hub();
        Transfer transfer = pending(hub);
        policy.requireOfferedUser(caller, transfer.toUserId());
        Instant now = Now.instant();
        // Every former owner becomes admin: each of them, and the new owner, sees a new role.
        List<UUID> formerOwners = members.userIdsWithRole(hub.id(), HubRole.OWNER).stream()
                .filter(id -> !id.equals(caller.userId())).toList();
        members.changeRoleOfOthers(hub.id(), caller.userId(), HubRole.OWNER, HubRole.ADMIN, now);
        members.updateRole(hub.id(), caller.userId(), HubRole.OWNER, now);
        hubs.setOwner(hub.id(), caller.userId(), now);
        transfers.delete(hub.id());
        for (UUID former : formerOwners) {
            events.membersChanged(hub.id(), caller.userId(), former, "ownership_transferred", HubRole.ADMIN);
            events.listChanged(former, caller.userId(), hub.id(), "ownership_transferred");
        }
        events.membersChanged(hub.id(), caller.userId(), caller.userId(), "ownership_transferred", HubRole.OWNER);
        events.listChanged(caller.userId(), caller.userId(), hub.id(), "ownership_transferred");
        Hub owned = new Hub(hub.id(), hub.name(), hub.slug(), hub.hubType(), caller.userId(), hub.description(),
                hub.createdAt(), now);
        return hubs.entry(new HubAccess(owned, HubRole.OWNER));
    }

    /** Withdrawn by an owner or declined by the offered user. */
    @Transactional
    public Cancelled cancel(Caller caller, String hubId) {
        HubAccess access = lockedAccess(caller, hubId, HubAction.RESPOND_TO_TRANSFER);
        Transfer transfer = pending(access.hub());
        policy.requireOwnerOrOfferedUser(caller, access, transfer.toUserId());
        transfers.delete(access.hub().id());
        return new Cancelled(access.hub().id(), true);
    }

    private Transfer pending(Hub hub) {
        return transfers.find(hub.id()).orElseThrow(() -> ApiException.notFound("Ownership transfer"));
    }

    private HubAccess lockedAccess(Caller caller, String hubId, HubAction action) {
        hubs.lock(Ids.parseOrNotFound(hubId, "Hub"));
        return policy.authorize(caller, hubId, action);
    }
}
