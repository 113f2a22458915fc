// auth.* (me, keys, profile, refresh), settings.* (get, update, usage, plans).
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { client, freshUser, memaxError, timestamp, uuid } from "./helpers.mjs";

let kim;

before(async () => {
  kim = await freshUser("kim");
});

describe("auth", () => {
  test("me answers {user, hubs}", async () => {
    const me = await kim.memax.auth.me();
    assert.equal(me.user.id, kim.id);
    assert.equal(me.user.email, kim.email);
    assert.equal(me.user.name, "kim");
    assert.equal(typeof me.user.plan, "string");
    if (me.hubs) {
      assert.ok(me.hubs.some((e) => e.hub.id === kim.personalHubId && e.role === "owner"));
    }
  });

  test("updateProfile", async () => {
    const result = await kim.memax.auth.updateProfile("Kim K.");
    assert.equal(result.display_name, "Kim K.");
    assert.equal(typeof result.status, "string");
    const me = await kim.memax.auth.me();
    assert.equal(me.user.display_name ?? me.user.name, "Kim K.");
  });

  test("createKey, listKeys, updateKey, revokeKey", async () => {
    const key = await kim.memax.auth.createKey({ name: "agent key", agentName: "claude-code", expiresInDays: 30,
      scopes: ["memax:read"], hubId: kim.personalHubId });
    assert.match(key.id, uuid);
    assert.match(key.key, /^mxk_/);
    assert.equal(key.name, "agent key");
    assert.equal(key.prefix, key.key.slice(0, key.prefix.length));
    assert.match(key.expires_at, timestamp);
    assert.equal(key.hub_id, kim.personalHubId);
    const listed = (await kim.memax.auth.listKeys()).find((k) => k.id === key.id);
    assert.ok(listed, "the new key is listed");
    assert.deepEqual(listed.scopes, ["memax:read"]);
    assert.equal(listed.agent_name, "claude-code");
    assert.equal(listed.key, undefined, "the secret is shown once");
    const updated = await kim.memax.auth.updateKey(key.id, { agent_name: "cursor" });
    assert.equal(updated.id, key.id);
    assert.equal(updated.agent_name, "cursor");
    const revoked = await kim.memax.auth.revokeKey(key.id);
    assert.equal(revoked.revoked, true);
    assert.deepEqual(revoked.skipped, []);
    assert.ok(!(await kim.memax.auth.listKeys()).some((k) => k.id === key.id));
    const error = await memaxError(() => client(key.key).memories.list());
    assert.ok(error.isUnauthorized);
  });

  test("refresh rotates the token pair", async () => {
    const user = await freshUser("refresher");
    const pair = await client().auth.refresh(user.refreshToken);
    assert.match(pair.access_token, /\S/);
    assert.match(pair.refresh_token, /^mxr_/);
    assert.equal(typeof pair.expires_in, "number");
    assert.equal((await client(pair.access_token).auth.me()).user.id, user.id);
  });
});

describe("settings", () => {
  test("get and update", async () => {
    const updated = await kim.memax.settings.update({ theme: "dark", locale: "en" });
    assert.equal(updated.theme, "dark");
    assert.equal((await kim.memax.settings.get()).theme, "dark");
  });

  test("usage: the flat Memax fields move with use", async () => {
    const user = await freshUser("usage");
    const before = await user.memax.settings.usage();
    assert.equal(before.push_count, 0);
    assert.equal(before.recall_count, 0);
    assert.equal(before.ask_count, 0);
    assert.equal(before.user_id, user.id);
    assert.match(before.period_start, timestamp);
    assert.match(before.period_end, timestamp);
    assert.ok(Date.parse(before.period_start) <= Date.now() && Date.now() < Date.parse(before.period_end));
    assert.equal(before.plan, "free");
    assert.equal(typeof before.plan_display_name, "string");
    assert.equal(before.limits.plan_id, "free");
    assert.equal(typeof before.limits.push_limit, "number");
    assert.equal(typeof before.limits.recall_limit, "number");
    assert.equal(typeof before.limits.ask_limit, "number");
    assert.equal(typeof before.limits.memory_limit, "number");

    await user.memax.push("Usage counts pushes.");
    await user.memax.push("Usage counts every push.");
    await user.memax.recall("usage");
    await user.memax.ask("what does usage count?");
    const after = await user.memax.settings.usage();
    assert.equal(after.push_count, 2);
    assert.equal(after.recall_count, 1);
    assert.equal(after.ask_count, 1);
    // The SDK sends source "sdk" on every recall: counted as the client, not used as a filter.
    assert.equal(after.by_source.recalls.sdk, 1);
  });

  test("plans", async () => {
    const plans = await client().settings.plans();
    assert.ok(Array.isArray(plans));
    const free = plans.find((p) => p.id === "free");
    assert.ok(free, "the free plan is listed");
    assert.equal(typeof free.display_name, "string");
    assert.equal(typeof free.push_limit, "number");
  });
});
