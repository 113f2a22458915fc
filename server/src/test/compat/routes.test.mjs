// The routes the Memax TypeScript SDK calls beyond CRUD, driven through the real SDK against a
// running server (issue 15): memories.search, trackAccessed, share, list sort/actor, agents,
// notification items and bulk seen/dismiss. MEMAX_URL and MEMAX_API_KEY (a fresh user's read+write
// key) name the server and the caller.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Memax, MemaxError } from "memax-sdk";

const apiUrl = process.env.MEMAX_URL;
const apiKey = process.env.MEMAX_API_KEY;
assert.ok(apiUrl && apiKey, "MEMAX_URL and MEMAX_API_KEY must be set");
const memax = new Memax({ apiUrl, apiKey, maxRetries: 0 });
const run = randomUUID().slice(0, 8);

/** Asserts that the promise rejects with a MemaxError of this status and code. */
async function rejects(promise, status, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof MemaxError, `expected a MemaxError, got ${error}`);
    assert.equal(error.status, status, error.message);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** A new team hub of the caller, found by name in the hub list (which the SDK reads as `{hub, role}` entries). */
async function teamHub(name) {
  await memax.hubs.create(name);
  const entry = (await memax.hubs.list()).find((e) => e.hub.name === name);
  assert.ok(entry, `hub ${name} is listed`);
  return entry.hub.id;
}

test("memories.search finds every word, the last as a prefix, with the SDK's SearchResult fields", async () => {
  const word = `zq${run}`;
  const guide = await memax.push(
    `# Deploying\n\n## Rollback ${word}\n\nRun make rollback when the canary alarm fires.`,
    { title: "Deploy guide" },
  );
  const hits = await memax.memories.search(`${word} rollback cana`);
  assert.deepEqual(hits.map((h) => h.memory_id), [guide.id]);
  const hit = hits[0];
  assert.equal(hit.title, "Deploy guide");
  assert.match(hit.snippet, /canary/);
  assert.equal(hit.heading_chain, `Deploying > Rollback ${word}`);
  assert.equal(hit.kind, "semantic");
  assert.equal(hit.stability, "evolving");
  assert.equal(hit.hub_id, guide.hub_id);
  assert.equal(typeof hit.hub_name, "string");

  // The active hub (hubId: X-Hub-ID) ranks first; limit caps.
  const team = await teamHub(`Search ${run}`);
  const teamCopy = await memax.push(`The ${word} rollback also runs in the team hub.`, { hubId: team });
  const ranked = await memax.memories.search(`${word} rollback`, { hubId: team });
  assert.deepEqual(ranked.map((h) => h.memory_id), [teamCopy.id, guide.id]);
  assert.equal((await memax.memories.search(`${word} rollback`, { limit: 1 })).length, 1);
  assert.deepEqual(await memax.memories.search(`nothingmatches${run}`), []);
  await rejects(memax.memories.search("!!!"), 422, "validation_failed");
});

test("memories.trackAccessed counts deliberate opens; get does not", async () => {
  const memory = await memax.push(`The on-call phone is in the drawer ${run}.`);
  await memax.memories.get(memory.id);
  assert.equal((await memax.memories.get(memory.id)).access_count, 0);
  assert.equal(await memax.memories.trackAccessed(memory.id), undefined);
  await memax.memories.trackAccessed(memory.id);
  const after = await memax.memories.get(memory.id);
  assert.equal(after.access_count, 2);
  assert.ok(Date.parse(after.accessed_at) >= Date.parse(memory.created_at));
  assert.equal(after.version, memory.version);
  await rejects(memax.memories.trackAccessed(randomUUID()), 404, "not_found");
});

test("memories.share copies a memory into another hub", async () => {
  const team = await teamHub(`Share ${run}`);
  const original = await memax.push(`Use the staging bucket for load tests ${run}.`, {
    title: "Load tests",
    tags: ["ops"],
    sourceAgent: "claude-code",
  });
  const copy = await memax.memories.share(original.id, team);
  assert.notEqual(copy.id, original.id);
  assert.equal(copy.hub_id, team);
  assert.equal(copy.content, original.content);
  assert.equal(copy.title, "Load tests");
  assert.deepEqual(copy.tags, ["ops"]);
  assert.equal(copy.source_agent, "claude-code");
  assert.equal(copy.metadata.shared_from.memory_id, original.id);
  assert.equal(copy.metadata.shared_from.hub_id, original.hub_id);
  const unchanged = await memax.memories.get(original.id);
  assert.equal(unchanged.hub_id, original.hub_id);
  await rejects(memax.memories.share(original.id, original.hub_id), 422, "validation_failed");
  await rejects(memax.memories.share(original.id, randomUUID()), 404, "not_found");
  await rejects(memax.memories.share(randomUUID(), team), 404, "not_found");
});

test("memories.list sorts by relevance and filters by actor, with per-actor counts", async () => {
  // createdAfter keeps this test to its own memories (the shared user's hub holds others).
  const human = await memax.push(`written by hand ${run}`);
  const createdAfter = new Date(Date.parse(human.created_at) - 1).toISOString();
  const claude = await memax.push(`from claude ${run}`, { sourceAgent: "Claude Code" });
  const cursor = await memax.push(`from cursor ${run}`, { sourceAgent: "cursor" });
  await memax.memories.trackAccessed(human.id);
  await memax.memories.trackAccessed(human.id);
  await memax.memories.trackAccessed(cursor.id);

  const relevant = await memax.memories.list({ createdAfter, sort: "relevant", limit: 2 });
  assert.deepEqual(relevant.memories.map((m) => m.id), [human.id, cursor.id]);
  assert.equal(relevant.has_more, true);
  const rest = await memax.memories.list({ createdAfter, sort: "relevant", limit: 2, cursor: relevant.next_cursor });
  assert.deepEqual(rest.memories.map((m) => m.id), [claude.id]);

  const claudes = await memax.memories.list({ createdAfter, actor: "claude-code" });
  assert.deepEqual(claudes.memories.map((m) => m.id), [claude.id]);
  assert.equal(claudes.total, 1);
  assert.deepEqual(claudes.actors, { "claude-code": 1, cursor: 1, human: 1 });
  const humans = await memax.memories.list({ createdAfter, actor: "human" });
  assert.deepEqual(humans.memories.map((m) => m.id), [human.id]);
  await rejects(memax.memories.list({ sort: "best" }), 422, "validation_failed");
});

test("agents: listed from keys and memories, renamed, disconnected", async () => {
  const name = `Compat Agent ${run}`;
  const slug = `compat-agent-${run}`;
  const key = await memax.auth.createKey({ name: "compat agent key", agentName: name });
  const agent = new Memax({ apiUrl, apiKey: key.key, maxRetries: 0 });
  await agent.push(`the agent wrote this ${run}`, { sourceAgent: slug });

  const listed = (await memax.agents.list()).find((a) => a.agent_name === slug);
  assert.ok(listed, `${slug} is listed`);
  assert.equal(listed.display_name, name);
  assert.equal(listed.status, "active");
  assert.equal(listed.key_count, 1);
  assert.equal(listed.memory_count, 1);
  assert.equal(listed.config_count, 0);
  assert.equal(listed.needs_reconnect, false);

  const renamed = await memax.agents.update(slug, { displayName: "Compat (laptop)", icon: "bot" });
  assert.equal(renamed.display_name, "Compat (laptop)");
  assert.equal(renamed.icon, "bot");
  assert.equal(renamed.id, listed.id);
  await rejects(memax.agents.update(`nobody-${run}`, { icon: "x" }), 404, "not_found");

  const done = await memax.agents.disconnect(slug);
  assert.deepEqual(done, { disconnected: true, keys_revoked: 1, configs_tombstoned: 0, skipped: [] });
  await rejects(agent.memories.list(), 401, "unauthorized");
  assert.equal((await memax.agents.list()).find((a) => a.agent_name === slug), undefined);
  assert.equal((await memax.memories.list({ actor: slug })).total, 1, "its memories stay");
  const again = await memax.agents.disconnect(slug);
  assert.equal(again.disconnected, false);
  assert.deepEqual(again.skipped, [{ id: slug, reason: "not_found" }]);
});

test("notifications: a new team hub's checklist items are viewed and completed; bulk dismiss", async () => {
  const hub = await teamHub(`Checklist ${run}`);
  const page = await memax.notifications.list();
  const checklist = page.notifications.find((n) => n.kind === "checklist" && n.hub_id === hub);
  assert.ok(checklist, "the checklist of the new hub is listed");
  assert.deepEqual(checklist.data.items.map((i) => i.id), ["invite_member", "first_memory", "connect_agent"]);

  const viewed = await memax.notifications.viewItem(checklist.id, "first_memory");
  assert.equal(viewed.item_id, "first_memory");
  assert.ok(viewed.viewed_at);
  assert.equal(viewed.completed_at, null);
  assert.equal(viewed.auto_resolved, false);
  await rejects(memax.notifications.completeItem(checklist.id, "connect_agent"), 409, "conflict");
  await rejects(memax.notifications.viewItem(checklist.id, "no_such_item"), 404, "not_found");
  await rejects(memax.notifications.viewItem(randomUUID(), "first_memory"), 404, "not_found");

  await memax.notifications.completeItem(checklist.id, "first_memory");
  await memax.notifications.completeItem(checklist.id, "invite_member");
  const last = await memax.notifications.completeItem(checklist.id, "connect_agent");
  assert.equal(last.auto_resolved, true);
  assert.equal(last.auto_resolved_as, "applied_auto");
  assert.ok(last.completed_at);

  // Bulk routes: a fresh user has no receipts, so nothing changes; decision kinds are refused.
  const dismissed = await memax.notifications.bulkDismiss({ kinds: ["membership_changed", "dream_run_completed"] });
  assert.deepEqual(dismissed, { affected: 0 });
  await rejects(memax.notifications.bulkDismiss({ kinds: ["checklist"] }), 422, "validation_failed");
  const seen = await memax.notifications.bulkSeen({ kinds: ["membership_changed"], hub });
  assert.equal(seen.affected, 0);
  await rejects(memax.notifications.bulkSeen({ kinds: ["hub_invite"] }), 422, "validation_failed");
});
