// notifications.*: an invite to an existing user reaches their inbox, and the SDK's calls act on it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freshUser, memaxError, raw } from "./helpers.mjs";

let host;
let guest;

before(async () => {
  host = await freshUser("host");
  guest = await freshUser("guest");
});

/** A team hub of host and the hub_invite notification it put in guest's inbox. */
async function invited(name) {
  const hub = await host.memax.hubs.create(name);
  await host.memax.hubs.createInvite(hub.id, { role: "viewer", invitee: { user_id: guest.id } });
  const page = await guest.memax.notifications.list();
  const notification = page.notifications.find((n) => n.kind === "hub_invite" && n.hub_id === hub.id);
  assert.ok(notification, `a hub_invite for ${hub.id} in ${JSON.stringify(page)}`);
  return { hub, notification };
}

/**
 * A team hub of host that guest was added to (the SDK has no call for adding a member), and the
 * membership_changed receipt it put in guest's inbox.
 */
async function added(name) {
  const hub = await host.memax.hubs.create(name);
  const add = await raw("POST", `/v1/hubs/${hub.id}/members`, { key: host.key, body: { user_id: guest.id, role: "viewer" } });
  assert.equal(add.status, 201, JSON.stringify(add.json));
  const page = await guest.memax.notifications.list();
  const notification = page.notifications.find((n) => n.kind === "membership_changed" && n.hub_id === hub.id);
  assert.ok(notification, `a membership_changed for ${hub.id} in ${JSON.stringify(page)}`);
  return { hub, notification };
}

test("list: an invite arrives unseen, and markSeen marks it", async () => {
  const { notification } = await invited("Inbox");
  assert.equal(notification.seen_at, null);
  assert.equal(typeof notification.created_at, "string");
  await guest.memax.notifications.markSeen(notification.id);
  const after = (await guest.memax.notifications.list()).notifications.find((n) => n.id === notification.id);
  assert.equal(typeof after.seen_at, "string");
});

test("resolve accept joins the hub", async () => {
  const { hub, notification } = await invited("Accepted by notification");
  const result = await guest.memax.notifications.resolve(notification.id, "accept");
  assert.equal(result.resolution, "accepted");
  assert.equal(result.resolution_action, "accept");
  assert.ok((await guest.memax.hubs.list()).some((e) => e.hub.id === hub.id && e.role === "viewer"));
  const accepted = await guest.memax.notifications.list({ status: "resolved", resolution: ["accepted"] });
  const listed = accepted.notifications.find((n) => n.id === notification.id);
  assert.equal(listed.status, "resolved");
  assert.equal(listed.resolution, "accepted");
  const declined = await guest.memax.notifications.list({ status: "resolved", resolution: ["declined"] });
  assert.ok(!declined.notifications.some((n) => n.id === notification.id));
});

test("dismiss dismisses a receipt; an open invite is answered with resolve, as in Memax", async () => {
  const invite = await invited("Not dismissed");
  const refused = await memaxError(() => guest.memax.notifications.dismiss(invite.notification.id));
  assert.equal(refused.status, 409);
  assert.equal(refused.code, "conflict");
  assert.match(refused.message, /answer it with resolve/);
  const { notification } = await added("Dismissed");
  await guest.memax.notifications.dismiss(notification.id);
  const after = (await guest.memax.notifications.list({ status: "dismissed" })).notifications
    .find((n) => n.id === notification.id);
  assert.equal(after.status, "dismissed");
});

test("list defaults to pending ones, as in Memax", async () => {
  const { notification } = await added("Default filter");
  await guest.memax.notifications.dismiss(notification.id);
  assert.ok(!(await guest.memax.notifications.list()).notifications.some((n) => n.id === notification.id));
  const pending = await guest.memax.notifications.list({ status: "pending" });
  assert.ok(pending.notifications.every((n) => n.status === "pending"));
});

test("list narrows by hub and kind, as the SDK sends them", async () => {
  const { hub, notification } = await invited("Narrowed");
  const mine = await guest.memax.notifications.list({ hub: hub.id });
  assert.deepEqual(mine.notifications.map((n) => n.id), [notification.id]);
  const invites = await guest.memax.notifications.list({ kind: ["hub_invite"] });
  assert.ok(invites.notifications.some((n) => n.id === notification.id));
  assert.ok(invites.notifications.every((n) => n.kind === "hub_invite"));
  const none = await guest.memax.notifications.list({ kind: ["hub_frozen", "system_notice"] });
  assert.equal(none.notifications.length, 0);
});

test("list pages chain", async () => {
  await invited("Paged one");
  await invited("Paged two");
  const first = await guest.memax.notifications.list({ limit: 1 });
  assert.equal(first.notifications.length, 1);
  assert.equal(first.has_more, true);
  const second = await guest.memax.notifications.list({ limit: 1, cursor: first.next_cursor });
  assert.notEqual(second.notifications[0].id, first.notifications[0].id);
});

test("the answers of markSeen, dismiss and resolve are {status}", async () => {
  const seen = await invited("Seen status");
  assert.equal((await guest.memax.notifications.markSeen(seen.notification.id)).status, "seen");
  const dismissed = await added("Dismissed status");
  assert.equal((await guest.memax.notifications.dismiss(dismissed.notification.id)).status, "dismissed");
  const declined = await invited("Declined status");
  const result = await guest.memax.notifications.resolve(declined.notification.id, "decline");
  assert.equal(result.status, "resolved");
  assert.equal(result.action, "decline");
  assert.equal(result.resolution, "declined");
});

test("notifications carry Memax's status and audience", async () => {
  const { hub, notification } = await invited("Memax fields");
  assert.equal(notification.status, "pending");
  assert.equal(notification.audience, "user");
  assert.equal(notification.recipient_user_id, guest.id);
  assert.equal(typeof notification.priority, "number");
  assert.equal(notification.source_kind, "hub_invite");
  assert.equal(notification.payload.hub.id, hub.id);
  assert.equal(notification.payload.hub.name, "Memax fields");
  assert.equal(notification.payload.role, "viewer");
});

test("summary answers {needs_action_pending, updates_pending, updates_unseen, by_kind}", async () => {
  const { hub } = await invited("Summary");
  const summary = await guest.memax.notifications.summary();
  assert.ok(summary.needs_action_pending >= 1);
  assert.equal(typeof summary.updates_pending, "number");
  assert.equal(typeof summary.updates_unseen, "number");
  assert.ok(summary.by_kind.hub_invite.pending >= 1);
  assert.deepEqual(summary.by_kind.review_contradiction, { pending: 0, unseen: 0 });
  const one = await guest.memax.notifications.summary(hub.id);
  assert.deepEqual(one.by_kind.hub_invite, { pending: 1, unseen: 1 });
  assert.equal(one.needs_action_pending, 1);
});
