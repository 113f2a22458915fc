// events.subscribe: the live stream, read by the SDK's own SSE parser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { freshUser } from "./helpers.mjs";

/**
 * Subscribes; `ready` resolves once the stream's `ready` event came, `found` with the first
 * later event that matches.
 */
function waitForEvent(memax, options, matches) {
  const seen = [];
  let resolveReady;
  let controller;
  const ready = new Promise((resolve) => {
    resolveReady = resolve;
  });
  const found = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching event; saw ${JSON.stringify(seen)}`)), 15_000);
    controller = memax.events.subscribe({
      ...options,
      onEvent: (event, data) => {
        seen.push({ event, data });
        if (event === "ready") {
          resolveReady();
        } else if (event === "error") {
          clearTimeout(timer);
          reject(new Error(`stream error ${JSON.stringify(data)}`));
        } else if (matches(event, data)) {
          clearTimeout(timer);
          resolve({ event, data, seen });
        }
      },
    });
  });
  found.catch(() => resolveReady());
  return { ready, found, close: () => controller.abort() };
}

test("a push arrives as hub.memories.changed", async () => {
  const user = await freshUser("events");
  const subscription = waitForEvent(user.memax, {}, (event) => event === "hub.memories.changed");
  await subscription.ready;
  const found = subscription.found;
  let result;
  try {
    const memory = await user.memax.push("Events carry the memory id.");
    result = { memory, ...(await found) };
  } finally {
    subscription.close();
  }
  const { memory, data, seen } = result;
  assert.equal(seen[0].event, "ready");
  assert.equal(data.type, "hub.memories.changed");
  assert.equal(data.hub_id, user.personalHubId);
  assert.equal(data.entity_id, memory.id);
  assert.equal(data.actor_id, user.id);
  assert.equal(data.action, "created");
});

test("hubId narrows the stream to one hub", async () => {
  const user = await freshUser("narrow");
  const team = await user.memax.hubs.create("Events team");
  const subscription = waitForEvent(user.memax, { hubId: team.id }, (event) => event === "hub.memories.changed");
  await subscription.ready;
  const found = subscription.found;
  let memory;
  let data;
  try {
    await user.memax.push("Personal: not in the team stream.");
    memory = await user.memax.push("Team: in the stream.", { hubId: team.id });
    ({ data } = await found);
  } finally {
    subscription.close();
  }
  assert.equal(data.entity_id, memory.id);
  assert.equal(data.hub_id, team.id);
});
