package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.HubSlugs;
import dev.memax.server.identity.HubType;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Hubs themselves: create, list, read, rename, delete, and slug availability. */
@Singleton
public class HubService {
    static final String SLUG_RULE = "must be 3-48 characters: lowercase letters, digits and single hyphens, "
            + "starting and ending with a letter or digit";
    private static final int GENERATED_SLUG_ATTEMPTS = 5;
    /** Members listed in a hub's detail ({@code GET …/members} pages them all). */
    static final int DETAIL_MEMBERS = 100;

    private final AccessPolicy policy;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final HubSlugs slugs;
    private final HubEvents events;
    private final OwnershipTransferService transfers;

    public HubService(
            AccessPolicy policy,
            HubRepository hubs,
            HubMemberRepository members,
            HubSlugs slugs,
            HubEvents events,
            OwnershipTransferService transfers) {
        this.events = events;
        this.transfers = transfers;
        this.policy = policy;
        this.hubs = hubs;
        this.members = members;
        this.slugs = slugs;
    }

    /** GET /v1/hubs/check-slug: {@code reason} is only present when the slug is not available. */
    public record SlugCheck(
            String slug,
            boolean available,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

    /** {@code hub_id} repeats {@code id} under the name the Memax SDK reads. */
    public record Deleted(UUID id, boolean deleted) {
        @JsonProperty("hub_id")
        public UUID hubId() {
            return id;
        }
    }

    /** A team hub owned by the caller. An explicit slug that is taken is a conflict; a derived one is made unique. */
    @Transactional
    public HubEntry create(Caller caller, HubRequests.CreateHub request) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        String name = requireName(request.name());
        String slug = request.slug() == null ? null : requireSlug(request.slug());
        String description =
                request.description() == null ? "" : request.description().trim();
        String timeZone = request.timeZone() == null ? Hub.DEFAULT_TIME_ZONE : requireTimeZone(request.timeZone());
        Instant now = Now.instant();
        for (int attempt = 0; ; attempt++) {
            Hub hub = new Hub(
                    Ids.newId(),
                    name,
                    slug == null ? slugs.unique(name) : slug,
                    HubType.TEAM,
                    caller.userId(),
                    description,
                    timeZone,
                    now,
                    now);
            if (hubs.insertIfSlugFree(hub)) {
                members.insert(hub.id(), caller.userId(), HubRole.OWNER, now);
                events.listChanged(caller.userId(), caller.userId(), hub.id(), "created");
                events.teamHubCreated(hub, caller.userId());
                return HubEntry.of(new HubAccess(hub, HubRole.OWNER));
            }
            if (slug != null) {
                throw HubRepository.slugTakenConflict(slug);
            }
            if (attempt >= GENERATED_SLUG_ATTEMPTS) {
                throw ApiException.conflict("Could not derive a free slug from the name: choose one");
            }
        }
    }

    /** Every hub the caller may read (a hub-restricted key sees only its hubs): personal first, then by name. */
    public List<HubEntry> list(Caller caller) {
        Set<UUID> readable = new HashSet<>(policy.readableHubIds(caller));
        Map<UUID, Long> counts = hubs.memoryCounts(readable);
        return hubs.listForMember(caller.userId()).stream()
                .filter(access -> readable.contains(access.hub().id()))
                .map(access ->
                        HubEntry.of(access, counts.getOrDefault(access.hub().id(), 0L)))
                .toList();
    }

    public SlugCheck checkSlug(Caller caller, String slug) {
        policy.requireScope(caller, Scope.READ);
        String value = slug == null ? "" : slug.trim();
        if (!HubSlugs.VALID.matcher(value).matches()) {
            return new SlugCheck(value, false, "invalid");
        }
        return hubs.slugTaken(value) ? new SlugCheck(value, false, "taken") : new SlugCheck(value, true, null);
    }

    public HubDetail get(Caller caller, String hubId) {
        HubEntry entry = hubs.entry(policy.authorize(caller, hubId, HubAction.READ));
        UUID id = entry.hub().id();
        return new HubDetail(
                entry.hub(),
                entry.role(),
                entry.memoryCount(),
                members.listAfter(id, null, null, DETAIL_MEMBERS),
                transfers.pendingOrNull(entry.hub()),
                false);
    }

    @Transactional
    public HubEntry update(Caller caller, String hubId, HubRequests.UpdateHub request) {
        HubAccess access = policy.authorize(caller, hubId, HubAction.UPDATE_HUB);
        Hub hub = hubs.lock(access.hub().id()).orElseThrow(() -> ApiException.notFound("Hub"));
        String name = request.name() == null ? hub.name() : requireName(request.name());
        String slug = request.slug() == null ? hub.slug() : requireSlug(request.slug());
        String description = request.description() == null
                ? hub.description()
                : request.description().trim();
        String timeZone = request.timeZone() == null ? hub.timeZone() : requireTimeZone(request.timeZone());
        Instant now = Now.instant();
        hubs.update(hub.id(), name, slug, description, timeZone, now);
        events.listChangedForMembers(hub.id(), caller.userId(), "updated");
        Hub updated = new Hub(
                hub.id(), name, slug, hub.hubType(), hub.ownerId(), description, timeZone, hub.createdAt(), now);
        return hubs.entry(new HubAccess(updated, access.role()));
    }

    /** Deletes a team hub with its memberships, invites and pending transfer. */
    @Transactional
    public Deleted delete(Caller caller, String hubId) {
        HubAccess access = policy.authorize(caller, hubId, HubAction.DELETE_HUB);
        if (access.hub().hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("A personal hub cannot be deleted");
        }
        events.listChangedForMembers(access.hub().id(), caller.userId(), "deleted");
        hubs.delete(access.hub().id());
        return new Deleted(access.hub().id(), true);
    }

    private static String requireName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw ApiException.invalidField("name", "must be 1-100 characters");
        }
        return trimmed;
    }

    /**
     * An IANA region id as java.time's zone rules know it (so DST follows them); fixed offsets
     * such as {@code +02:00} are refused, since a place's offset changes with its rules.
     */
    private static String requireTimeZone(String timeZone) {
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new ApiException(
                    ErrorCode.INVALID_TIME_ZONE,
                    "Invalid time zone",
                    Map.of("fields", Map.of("time_zone", "must be an IANA time zone id such as Europe/Paris")));
        }
        return timeZone;
    }

    private static String requireSlug(String slug) {
        if (!HubSlugs.VALID.matcher(slug).matches()) {
            throw ApiException.invalidField("slug", SLUG_RULE);
        }
        return slug;
    }
}
