// dreams.*: trigger (an empty body, the hub in X-Hub-ID), list, report and usage as the SDK calls them.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, freshUser, memaxError, raw, timestamp, uuid } from "./helpers.mjs";

let free;
let dreamer;

before(async () => {
  free = await freshUser("no-dreams");
  dreamer = await freshUser("dreamer");
  // Dreams come with the pro plan; an admin moves the user there.
  const moved = await raw("PUT", `/v1/admin/users/${dreamer.id}/plan`, {
    key: process.env.MEMAX_ADMIN_KEY,
    body: { plan: "pro" },
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.json));
});

test("without dreams in the plan: usage says so, trigger is refused, nothing has run", async () => {
  const usage = await free.memax.dreams.usage();
  assert.equal(usage.scope, "personal");
  assert.equal(usage.limit, 0);
  assert.equal(usage.remaining, 0);
  assert.equal(usage.allowed, false);
  const refused = await memaxError(() => free.memax.dreams.trigger());
  assert.equal(refused.status, 403);
  assert.equal(refused.code, "feature_not_in_plan");
  const report = await free.memax.dreams.report();
  assert.equal(report.has_run, false);
  assert.equal(report.intelligence.pending_review.total, 0);
  assert.deepEqual((await free.memax.dreams.list()).runs, []);
});

test("trigger starts a run of the hub named by hubId; list, report and usage read it", async () => {
  const hub = dreamer.personalHubId;
  await dreamer.memax.push("The release train leaves every other Thursday at noon.");
  await dreamer.memax.push("The release train leaves every other Thursday at noon.");
  const started = await dreamer.memax.dreams.trigger(hub);
  assert.equal(started.status, "running");
  assert.match(started.id, uuid);

  const run = await eventually(async () => {
    const page = await dreamer.memax.dreams.list({ hubId: hub, limit: 5 });
    const found = page.runs.find((r) => r.id === started.id);
    return found && found.status !== "running" ? found : undefined;
  });
  assert.equal(run.status, "completed");
  assert.equal(run.hub_id, hub);
  assert.equal(run.duplicates_merged, 1);
  assert.equal(run.memories_scanned, 2);
  assert.match(run.started_at, timestamp);
  assert.equal(typeof run.report, "string");
  assert.equal(run.phase_metrics.merge.actions, 1);

  const report = await dreamer.memax.dreams.report(hub);
  assert.equal(report.has_run, true);
  assert.equal(report.run.id, started.id);
  assert.equal(report.actions[0].action_type, "merge");
  assert.equal(report.actions[0].source_memory_ids.length, 1);
  assert.equal(typeof report.actions[0].similarity, "number");
  assert.equal(report.intelligence.latest_run.merged, 1);

  const usage = await dreamer.memax.dreams.usage({ hubId: hub });
  assert.equal(usage.tier, "lucid");
  assert.equal(usage.limit, -1);
  assert.equal(usage.remaining, undefined);
  assert.equal(usage.used, 1);
  assert.match(usage.period_start, timestamp);

  // The hub dreamt a moment ago: a second trigger waits for the cool-down.
  const cooling = await memaxError(() => dreamer.memax.dreams.trigger(hub));
  assert.equal(cooling.status, 429);
  assert.equal(cooling.code, "dream_cooldown");
});
