// notifications.*: an invite to an existing user reaches their inbox, and the SDK's calls act on it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freshUser } from "./helpers.mjs";

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
  await guest.memax.notifications.resolve(notification.id, "accept");
  assert.ok((await guest.memax.hubs.list()).some((e) => e.hub.id === hub.id && e.role === "viewer"));
});

test("dismiss dismisses it", async () => {
  const { notification } = await invited("Dismissed");
  await guest.memax.notifications.dismiss(notification.id);
  const after = (await guest.memax.notifications.list()).notifications.find((n) => n.id === notification.id);
  assert.equal(after.status, "dismissed");
});

test("list defaults to pending ones, as in Memax", { todo: "pending: issue 15 (Memax lists status=pending by default; here every status)" }, async () => {
  const { notification } = await invited("Default filter");
  await guest.memax.notifications.dismiss(notification.id);
  assert.ok(!(await guest.memax.notifications.list()).notifications.some((n) => n.id === notification.id));
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

test("the answers of markSeen and dismiss are {status}", { todo: "pending: issue 15 (Memax answers {status: seen|dismissed}; here the notification, whose status stays open|dismissed)" }, async () => {
  const { notification } = await invited("Seen status");
  assert.equal((await guest.memax.notifications.markSeen(notification.id)).status, "seen");
});

test("notifications carry Memax's status and audience", { todo: "pending: issue 15 (Memax: status pending, audience, priority, payload; here status open, title, body, data, actions)" }, async () => {
  const { notification } = await invited("Memax fields");
  assert.equal(notification.status, "pending");
  assert.equal(notification.audience, "user");
});

test("summary answers {needs_action_pending, updates_pending, updates_unseen, by_kind}", { todo: "pending: issue 15 (here {total, by_kind} of unseen open notifications)" }, async () => {
  await invited("Summary");
  const summary = await guest.memax.notifications.summary();
  assert.ok(summary.needs_action_pending >= 1);
});
