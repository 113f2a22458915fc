// hubs.*, invites.*: team hubs, members, invites and ownership transfer, shaped as the SDK's types.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { freshUser, memaxError, timestamp, uuid } from "./helpers.mjs";

/** A slug no earlier run took (the suite may run against a long-lived server). */
const unique = (slug) => `${slug}-${Date.now().toString(36)}`;

let owner;
let member;

before(async () => {
  owner = await freshUser("owner");
  member = await freshUser("member");
});

/** A team hub of owner with member in it (joined through an invite link). */
async function teamWithMember(name, role = "contributor") {
  const hub = await owner.memax.hubs.create(name);
  const invite = await owner.memax.hubs.createInvite(hub.id, { role });
  await member.memax.invites.accept(invite.token);
  return hub;
}

describe("hubs", () => {
  test("create answers the hub itself; list answers {hub, role, memory_count}", async () => {
    const slug = unique("compat-team");
    const hub = await owner.memax.hubs.create("Compat Team", slug);
    assert.match(hub.id, uuid);
    assert.equal(hub.name, "Compat Team");
    assert.equal(hub.slug, slug);
    assert.equal(hub.hub_type, "team");
    assert.equal(hub.owner_id, owner.id);
    await owner.memax.push("One memory in the team hub.", { hubId: hub.id });
    const list = await owner.memax.hubs.list();
    assert.ok(Array.isArray(list));
    const personal = list.find((e) => e.hub.id === owner.personalHubId);
    assert.equal(personal.hub.hub_type, "personal");
    assert.equal(personal.role, "owner");
    const team = list.find((e) => e.hub.id === hub.id);
    assert.equal(team.role, "owner");
    assert.equal(team.memory_count, 1);
  });

  test("checkSlug", async () => {
    const taken = unique("taken");
    await owner.memax.hubs.create("Taken", taken);
    assert.equal((await owner.memax.hubs.checkSlug(taken)).available, false);
    assert.equal((await owner.memax.hubs.checkSlug(unique("free"))).available, true);
  });

  test("get answers {hub, role, members}", async () => {
    const hub = await teamWithMember("Detail");
    const detail = await owner.memax.hubs.get(hub.id);
    assert.equal(detail.hub.id, hub.id);
    assert.equal(detail.role, "owner");
    const byUser = Object.fromEntries(detail.members.map((m) => [m.user_id, m]));
    assert.equal(byUser[owner.id].role, "owner");
    assert.equal(byUser[member.id].role, "contributor");
    assert.equal(byUser[member.id].user_email, member.email);
    assert.equal(byUser[member.id].user_name, member.name);
    assert.match(byUser[member.id].joined_at, timestamp);
    assert.equal((await member.memax.hubs.get(hub.id)).role, "contributor");
  });

  test("update answers the hub", async () => {
    const hub = await owner.memax.hubs.create("Before rename");
    const updated = await owner.memax.hubs.update(hub.id, { name: "After rename" });
    assert.equal(updated.id, hub.id);
    assert.equal(updated.name, "After rename");
    assert.equal((await owner.memax.hubs.get(hub.id)).hub.name, "After rename");
  });

  test("summary and markVisit", async () => {
    const hub = await teamWithMember("Summary");
    await owner.memax.push("Summaries count memories.", { hubId: hub.id });
    await member.memax.push("Members add memories too.", { hubId: hub.id });
    const summary = await owner.memax.hubs.summary(hub.id);
    assert.equal(summary.hub.id, hub.id);
    assert.equal(summary.role, "owner");
    assert.equal(summary.stats.memories, 2);
    assert.equal(summary.stats.members, 2);
    assert.equal(typeof summary.stats.topics, "number");
    assert.equal(typeof summary.stats.inbox, "number");
    assert.equal(typeof summary.stats.pending_review, "number");
    assert.equal(typeof summary.header.state, "string");
    assert.equal(typeof summary.header.greeting_key, "string");
    assert.equal(typeof summary.header.time_bucket, "string");
    assert.ok(summary.members_preview.some((m) => m.user_id === member.id));
    const visit = await member.memax.hubs.markVisit(hub.id);
    assert.equal(visit.hub_id, hub.id);
    assert.equal(visit.status, "ok");
  });

  test("delete answers {deleted, hub_id}", async () => {
    const hub = await owner.memax.hubs.create("Short lived");
    const deleted = await owner.memax.hubs.delete(hub.id);
    assert.equal(deleted.deleted, true);
    assert.equal(deleted.hub_id, hub.id);
    const error = await memaxError(() => owner.memax.hubs.get(hub.id));
    assert.ok(error.isNotFound);
  });
});

describe("members", () => {
  test("updateMemberRole, removeMember, leave", async () => {
    const hub = await teamWithMember("Members");
    const changed = await owner.memax.hubs.updateMemberRole(hub.id, member.id, "viewer");
    assert.equal(changed.user_id, member.id);
    assert.equal(changed.role, "viewer");
    assert.equal(typeof changed.status, "string");
    const viewerWrite = await memaxError(() => member.memax.push("viewers cannot write", { hubId: hub.id }));
    assert.ok(viewerWrite.isForbidden);
    const removed = await owner.memax.hubs.removeMember(hub.id, member.id);
    assert.equal(removed.user_id, member.id);
    assert.equal(typeof removed.status, "string");
    assert.ok((await memaxError(() => member.memax.hubs.get(hub.id))).isNotFound);

    const other = await teamWithMember("Leaving");
    const left = await member.memax.hubs.leave(other.id);
    assert.equal(left.hub_id, other.id);
    assert.equal(typeof left.status, "string");
    assert.ok(!(await member.memax.hubs.list()).some((e) => e.hub.id === other.id));
  });
});

describe("invites", () => {
  test("createInvite, listInvites, regenerate, resend, revoke; invites.get and accept", async () => {
    const hub = await owner.memax.hubs.create("Invites");
    const invite = await owner.memax.hubs.createInvite(hub.id, { role: "viewer" });
    assert.match(invite.id, uuid);
    assert.equal(invite.hub_id, hub.id);
    assert.equal(invite.role, "viewer");
    assert.equal(invite.invited_by, owner.id);
    assert.match(invite.token, /\S/);
    assert.match(invite.expires_at, timestamp);
    assert.match(invite.created_at, timestamp);


    const regenerated = await owner.memax.hubs.regenerateInvite(hub.id, invite.id);
    assert.equal(regenerated.hub_id, hub.id);
    assert.notEqual(regenerated.token, invite.token);

    const byEmail = await owner.memax.hubs.createInvite(hub.id, { role: "contributor", invitee: { email: member.email } });
    assert.equal(byEmail.invitee_email, member.email);
    // This server sends no email: a resend notifies the invitee again (email_enqueued_at stays null).
    const resent = await owner.memax.hubs.resendInvite(hub.id, byEmail.id);
    assert.equal(resent.status, "resent");
    assert.equal(resent.notified, true);
    const inbox = await member.memax.notifications.list();
    assert.equal(inbox.notifications.filter((n) => n.kind === "hub_invite" && n.hub_id === hub.id).length, 2);

    const accepted = await member.memax.invites.accept(regenerated.token);
    assert.equal(accepted.hub.id, hub.id);
    assert.equal(accepted.role, "viewer");

    const revoked = await owner.memax.hubs.revokeInvite(hub.id, byEmail.id);
    assert.equal(revoked.invite_id, byEmail.id);
    assert.equal(typeof revoked.status, "string");
  });
});

describe("invites: Memax's list and preview shapes", () => {
  test("listInvites answers an array", async () => {
    const hub = await owner.memax.hubs.create("Listed invites");
    const invite = await owner.memax.hubs.createInvite(hub.id, {});
    const listed = await owner.memax.hubs.listInvites(hub.id);
    assert.ok(Array.isArray(listed));
    assert.deepEqual(listed.map((i) => i.id), [invite.id]);
  });

  test("invites.get(token) answers {invite, hub, member_count, invited_by}", async () => {
    const hub = await owner.memax.hubs.create("Previewed");
    const invite = await owner.memax.hubs.createInvite(hub.id, {});
    const details = await member.memax.invites.get(invite.token);
    assert.equal(details.hub.id, hub.id);
    assert.equal(details.member_count, 1);
  });
});

describe("ownership transfer", () => {
  test("create, accept: the target becomes owner", async () => {
    const hub = await teamWithMember("Transfer");
    const transfer = await owner.memax.hubs.createOwnershipTransfer(hub.id, member.id);
    assert.match(transfer.id, uuid);
    assert.equal(transfer.hub_id, hub.id);
    assert.equal(transfer.initiated_by, owner.id);
    assert.equal(transfer.target_user_id, member.id);
    assert.match(transfer.expires_at, timestamp);
    assert.match(transfer.created_at, timestamp);
    const pending = await owner.memax.hubs.get(hub.id);
    assert.equal(pending.pending_transfer.id, transfer.id);

    const accepted = await member.memax.hubs.acceptOwnershipTransfer(hub.id, transfer.id);
    assert.equal(accepted.id, transfer.id);
    assert.match(accepted.accepted_at, timestamp);
    const after = await member.memax.hubs.get(hub.id);
    assert.equal(after.role, "owner");
    assert.equal(after.hub.owner_id, member.id);
    assert.equal(after.members.find((m) => m.user_id === owner.id).role, "admin");
  });

  test("cancel; a stale transfer id is not found", async () => {
    const hub = await teamWithMember("Cancelled transfer");
    const transfer = await owner.memax.hubs.createOwnershipTransfer(hub.id, member.id);
    const cancelled = await owner.memax.hubs.cancelOwnershipTransfer(hub.id, transfer.id);
    assert.equal(cancelled.transfer_id, transfer.id);
    assert.equal(cancelled.status, "cancelled");
    const error = await memaxError(() => member.memax.hubs.acceptOwnershipTransfer(hub.id, transfer.id));
    assert.ok(error.isNotFound);
  });

  test("only the owner may offer", async () => {
    const hub = await teamWithMember("Not yours");
    const error = await memaxError(() => member.memax.hubs.createOwnershipTransfer(hub.id, member.id));
    assert.ok(error.isForbidden);
  });
});
