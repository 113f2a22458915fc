package dev.memax.server.hub;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.HubType;
import dev.memax.server.identity.Member;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
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

    public OwnershipTransferService(
            AccessPolicy policy,
            HubRepository hubs,
            HubMemberRepository members,
            TransferRepository transfers,
            HubEvents events) {
        this.events = events;
        this.policy = policy;
        this.hubs = hubs;
        this.members = members;
        this.transfers = transfers;
    }

    /** A withdrawn or declined offer: this server's {@code {hub_id, cancelled}} and Memax's {@code {status, transfer_id}}. */
    public record Cancelled(UUID hubId, boolean cancelled, String status, UUID transferId) {}

    /** What an accept did: the new owner's entry and the accepted offer. */
    public record Accepted(HubEntry entry, Transfer transfer) {}

    /** Offers the hub to a current member, replacing a pending offer. */
    @Transactional
    public Transfer offer(Caller caller, String hubId, HubRequests.OfferTransfer request) {
        Hub hub = lockedAccess(caller, hubId, HubAction.TRANSFER_OWNERSHIP).hub();
        if (hub.hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("A personal hub cannot be transferred");
        }
        if (request.target() == null) {
            throw ApiException.invalidField("user_id", "must name the member to offer the hub to");
        }
        if (request.target().equals(caller.userId())) {
            throw ApiException.invalidField("user_id", "you already own this hub: name another member");
        }
        Member target = members.find(hub.id(), request.target()).orElseThrow(() -> ApiException.notFound("Member"));
        Transfer transfer = Transfer.offered(Ids.newId(), hub.id(), caller.userId(), target.userId(), Now.instant());
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
        return accept(caller, hubId, null).entry();
    }

    /** As {@link #accept(Caller, String)}, for the pending offer with this id ({@code not_found} otherwise); null: any. */
    @Transactional
    public Accepted accept(Caller caller, String hubId, String transferId) {
        Hub hub = lockedAccess(caller, hubId, HubAction.RESPOND_TO_TRANSFER).hub();
        Transfer transfer = pending(hub, transferId);
        policy.requireOfferedUser(caller, transfer.toUserId());
        Instant now = Now.instant();
        // Every former owner becomes admin: each of them, and the new owner, sees a new role.
        List<UUID> formerOwners = members.userIdsWithRole(hub.id(), HubRole.OWNER).stream()
                .filter(id -> !id.equals(caller.userId()))
                .toList();
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
        Hub owned = new Hub(
                hub.id(),
                hub.name(),
                hub.slug(),
                hub.hubType(),
                caller.userId(),
                hub.description(),
                hub.timeZone(),
                hub.createdAt(),
                now);
        return new Accepted(hubs.entry(new HubAccess(owned, HubRole.OWNER)), transfer.accepted(now));
    }

    /** Withdrawn by an owner or declined by the offered user. */
    @Transactional
    public Cancelled cancel(Caller caller, String hubId) {
        return cancel(caller, hubId, null);
    }

    /** As {@link #cancel(Caller, String)}, for the pending offer with this id ({@code not_found} otherwise); null: any. */
    @Transactional
    public Cancelled cancel(Caller caller, String hubId, String transferId) {
        HubAccess access = lockedAccess(caller, hubId, HubAction.RESPOND_TO_TRANSFER);
        Transfer transfer = pending(access.hub(), transferId);
        policy.requireOwnerOrOfferedUser(caller, access, transfer.toUserId());
        transfers.delete(access.hub().id());
        return new Cancelled(access.hub().id(), true, "cancelled", transfer.id());
    }

    /** The hub's pending offer, if any and not expired (for the hub's detail). */
    Transfer pendingOrNull(Hub hub) {
        return transfers.find(hub.id()).filter(t -> !t.expired(Now.instant())).orElse(null);
    }

    private Transfer pending(Hub hub) {
        return pending(hub, null);
    }

    /** The pending, unexpired offer; when {@code transferId} is given, only if it is that one. */
    private Transfer pending(Hub hub, String transferId) {
        Transfer transfer = pendingOrNull(hub);
        if (transfer == null
                || (transferId != null && !transfer.id().toString().equalsIgnoreCase(transferId.strip()))) {
            throw ApiException.notFound("Ownership transfer");
        }
        return transfer;
    }

    private HubAccess lockedAccess(Caller caller, String hubId, HubAction action) {
        hubs.lock(Ids.parseOrNotFound(hubId, "Hub"));
        return policy.authorize(caller, hubId, action);
    }
}
