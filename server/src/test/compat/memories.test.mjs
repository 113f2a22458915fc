// memories.*, push, recall, ask: the calls every Memax client makes first.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { client, eventually, freshUser, memaxError, raw, timestamp, uuid } from "./helpers.mjs";

let ada;

before(async () => {
  ada = await freshUser("ada");
});

describe("push", () => {
  test("push answers the memory with the SDK's Memory fields", async () => {
    const memory = await ada.memax.push("Staging Postgres is pooled through PgBouncer in transaction mode.", {
      title: "PgBouncer on staging",
      tags: ["ops", "db"],
      sourceAgent: "compat-suite",
      hint: "ops runbook",
      projectContext: { repo: "memax", branch: "main" },
    });
    assert.match(memory.id, uuid);
    assert.equal(memory.hub_id, ada.personalHubId);
    assert.equal(memory.owner_id, ada.id);
    assert.equal(memory.title, "PgBouncer on staging");
    assert.deepEqual(memory.tags, ["ops", "db"]);
    assert.equal(memory.source, "sdk");
    assert.equal(memory.source_agent, "compat-suite");
    assert.equal(memory.kind, "semantic");
    assert.equal(memory.stability, "evolving");
    assert.equal(memory.state, "active");
    assert.equal(memory.version, 1);
    assert.equal(memory.pinned, false);
    assert.equal(typeof memory.access_count, "number");
    assert.match(memory.content_hash, /\S/);
    assert.match(memory.created_at, timestamp);
    assert.match(memory.updated_at, timestamp);
    assert.equal(memory.project_context.repo, "memax");
  });

  test("the same source_path with the same content changes nothing; new content updates in place", async () => {
    const first = await ada.memax.push("Deploys go out on Tuesdays.", { sourcePath: "docs/deploys.md" });
    const again = await ada.memax.push("Deploys go out on Tuesdays.", { sourcePath: "docs/deploys.md" });
    assert.equal(again.id, first.id);
    assert.equal(again.version, first.version);
    const changed = await ada.memax.push("Deploys go out on Wednesdays.", { sourcePath: "docs/deploys.md" });
    assert.equal(changed.id, first.id);
    assert.equal(changed.version, first.version + 1);
    assert.equal((await ada.memax.memories.get(first.id)).content, "Deploys go out on Wednesdays.");
  });

  test("push into a team hub named by hubId (X-Hub-ID)", async () => {
    const hub = await ada.memax.hubs.create("Push target");
    const memory = await ada.memax.push("Team hubs hold shared memories.", { hubId: hub.id });
    assert.equal(memory.hub_id, hub.id);
  });

  test("an unknown kind or stability is normalised, with an X-Memax-Warning header", async () => {
    const memax = client(ada.key);
    const memory = await memax.push("Kinds Memax does not know are stored as semantic.");
    const updated = await memax.memories.update(memory.id, { kind: "reference", stability: "forever" });
    assert.equal(updated.kind, "semantic");
    assert.equal(updated.stability, "evolving");
    assert.equal(memax.warnings.length, 1);
    assert.match(memax.warnings[0], /kind/);
    assert.match(memax.warnings[0], /stability/);
    const pushed = await raw("POST", "/v1/memories", { key: ada.key, body: { content: "A reference card.", kind: "reference" } });
    assert.equal(pushed.status, 201);
    assert.equal(pushed.json.data.kind, "semantic");
    assert.match(pushed.headers.get("x-memax-warning"), /kind/);
  });
});

describe("read, change, delete", () => {
  test("get, update and delete one memory", async () => {
    const memory = await ada.memax.push("The on-call rotation changes every Monday at 09:00.");
    const got = await ada.memax.memories.get(memory.id);
    assert.equal(got.id, memory.id);
    assert.equal(got.content, "The on-call rotation changes every Monday at 09:00.");
    const updated = await ada.memax.memories.update(memory.id, {
      title: "On-call", tags: ["oncall"], kind: "procedural", stability: "stable", content: "Rotation: Mondays 10:00.",
      content_type: "markdown",
    });
    assert.equal(updated.title, "On-call");
    assert.deepEqual(updated.tags, ["oncall"]);
    assert.equal(updated.kind, "procedural");
    assert.equal(updated.stability, "stable");
    assert.equal(updated.content, "Rotation: Mondays 10:00.");
    assert.equal(updated.version, memory.version + 1);
    await ada.memax.memories.delete(memory.id);
    const gone = await memaxError(() => ada.memax.memories.get(memory.id));
    assert.equal(gone.code, "not_found");
    assert.equal(gone.status, 404);
    assert.ok(gone.isNotFound);
  });

  test("list pages chain through next_cursor and filter by kind", async () => {
    const bob = await freshUser("lister");
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await bob.memax.push(`List entry number ${i}`, { title: `entry ${i}` })).id);
    }
    const first = await bob.memax.memories.list({ limit: 2 });
    assert.equal(first.memories.length, 2);
    assert.equal(first.has_more, true);
    assert.equal(first.total, 5);
    assert.notEqual(first.next_cursor, "");
    const second = await bob.memax.memories.list({ limit: 2, cursor: first.next_cursor });
    const third = await bob.memax.memories.list({ limit: 2, cursor: second.next_cursor });
    assert.equal(third.memories.length, 1);
    assert.equal(third.has_more, false);
    assert.equal(third.next_cursor, "");
    const seen = [...first.memories, ...second.memories, ...third.memories].map((m) => m.id);
    assert.deepEqual(seen, [...ids].reverse(), "newest first, each once");
    await bob.memax.memories.update(ids[0], { kind: "episodic" });
    const episodic = await bob.memax.memories.list({ kind: "episodic", sort: "newest" });
    assert.deepEqual(episodic.memories.map((m) => m.id), [ids[0]]);
    // list({hubId}) names the hub only in X-Hub-ID, which narrows the list as in Memax.
    const team = await bob.memax.hubs.create("List team");
    const teamOnly = await bob.memax.push("Kept only in the team hub.", { hubId: team.id });
    const inHub = await bob.memax.memories.list({ hubId: bob.personalHubId, limit: 10 });
    assert.equal(inHub.memories.length, 5);
    assert.ok(!inHub.memories.some((m) => m.id === teamOnly.id));
    const inTeam = await bob.memax.memories.list({ hubId: team.id });
    assert.deepEqual(inTeam.memories.map((m) => m.id), [teamOnly.id]);
    const everywhere = await bob.memax.memories.list({ limit: 10 });
    assert.equal(everywhere.memories.length, 6);
  });

  test("related answers the nearest other memories", async () => {
    const carl = await freshUser("related");
    const cats = await carl.memax.push("Cats sleep most of the day and hunt at dusk.");
    const kittens = await carl.memax.push("Kittens sleep a lot and play-hunt in the evening.");
    await carl.memax.push("The quarterly tax filing is due at the end of April.");
    const related = await carl.memax.memories.related(cats.id);
    assert.ok(Array.isArray(related), "an array of {memory, similarity}");
    assert.equal(related[0].memory.id, kittens.id);
    assert.ok(related[0].similarity > 0 && related[0].similarity <= 1);
    assert.ok(!related.some((r) => r.memory.id === cats.id));
  });

  test("batchDelete and batchMove count what they did", async () => {
    const dora = await freshUser("counts");
    const a = await dora.memax.push("Batch memory A");
    const b = await dora.memax.push("Batch memory B");
    const hub = await dora.memax.hubs.create("Batch count target");
    const moved = await dora.memax.memories.batchMove([a.id], { hubId: hub.id });
    assert.equal(moved.moved, 1);
    assert.equal((await dora.memax.memories.get(a.id)).hub_id, hub.id);
    const deleted = await dora.memax.memories.batchDelete([a.id, b.id]);
    assert.equal(deleted.deleted, 2);
    assert.equal((await dora.memax.memories.list()).total, 0);
  });

  test("batchDelete and batchMove report per-id skips", async () => {
    const dora = await freshUser("batch");
    const a = await dora.memax.push("Batch memory A");
    const b = await dora.memax.push("Batch memory B");
    const c = await dora.memax.push("Batch memory C");
    const hub = await dora.memax.hubs.create("Batch target");
    const missing = "0190f1a2-0000-7000-8000-00000000dead";
    const moved = await dora.memax.memories.batchMove([a.id, missing], { hubId: hub.id });
    assert.equal(moved.moved, 1);
    assert.deepEqual(moved.skipped.map((s) => s.id), [missing]);
    assert.equal(moved.skipped[0].reason, "not_found");
    assert.equal((await dora.memax.memories.get(a.id)).hub_id, hub.id);
    const deleted = await dora.memax.memories.batchDelete([b.id, c.id, missing]);
    assert.equal(deleted.deleted, 2);
    assert.deepEqual(deleted.skipped, [{ id: missing, reason: "not_found" }]);
    assert.equal((await dora.memax.memories.list()).total, 1);
  });
});

describe("recall", () => {
  test("recall finds what was pushed although the SDK always sends source: 'sdk'", async () => {
    const eve = await freshUser("recall");
    const pushed = await eve.memax.push("The billing service retries failed card charges three times.", {
      source: "cli",
      title: "Billing retries",
    });
    await eve.memax.push("Our office plants are watered on Fridays.");
    const result = await eve.memax.recall("how often are card charges retried?");
    assert.ok(result.memories.length >= 1);
    const top = result.memories[0];
    assert.equal(top.id, pushed.id);
    assert.equal(top.title, "Billing retries");
    assert.equal(top.source, "cli");
    assert.match(top.chunk_content, /three times/);
    assert.ok(top.relevance_score > 0 && top.relevance_score <= 1);
    assert.equal(top.kind, "semantic");
    assert.equal(top.stability, "evolving");
    assert.equal(typeof top.age, "string");
    assert.equal(top.hub_id, eve.personalHubId);
    assert.equal(typeof result.query_metadata.total_candidates, "number");
    assert.equal(typeof result.query_metadata.latency_ms, "number");
  });

  test("filters: kind, tags, limit", async () => {
    const fay = await freshUser("filters");
    const howTo = await fay.memax.push("To rotate the TLS certificate run certbot renew on the edge box.", { tags: ["tls"] });
    await fay.memax.memories.update(howTo.id, { kind: "procedural" });
    await fay.memax.push("The TLS certificate of the edge box was renewed last spring.", { tags: ["history"] });
    const procedural = await fay.memax.recall("TLS certificate edge box", { kind: "procedural" });
    assert.deepEqual(procedural.memories.map((m) => m.id), [howTo.id]);
    const tagged = await fay.memax.recall("TLS certificate edge box", { tags: ["tls"] });
    assert.deepEqual(tagged.memories.map((m) => m.id), [howTo.id]);
    const one = await fay.memax.recall("TLS certificate edge box", { limit: 1 });
    assert.equal(one.memories.length, 1);
  });

  test("hubId is a ranking hint: every readable hub is still searched, the active hub's results first", async () => {
    const gus = await freshUser("hint");
    const team = await gus.memax.hubs.create("Hint team");
    const personal = await gus.memax.push("The release checklist lives in the wiki under Releases.");
    const shared = await gus.memax.push("The release checklist lives in the wiki under Releases.", { hubId: team.id });
    const inTeam = await gus.memax.recall("where is the release checklist?", { hubId: team.id });
    assert.deepEqual(inTeam.memories.map((m) => m.id), [shared.id, personal.id]);
    const inPersonal = await gus.memax.recall("where is the release checklist?", { hubId: gus.personalHubId });
    assert.deepEqual(inPersonal.memories.map((m) => m.id), [personal.id, shared.id]);
  });
});

test("recall results carry heading_chain as a string", async () => {
  const user = await freshUser("headings");
  await user.memax.push("# Ops\n\n## Backups\n\nBackups run nightly.");
  const result = await user.memax.recall("when do backups run?");
  assert.equal(typeof result.memories[0].heading_chain, "string");
});

describe("ask", () => {
  test("ask answers from the memories, with citations and the SDK's metadata", async () => {
    const hal = await freshUser("ask");
    const pushed = await hal.memax.push("The staging database runs PgBouncer in transaction pooling mode.", {
      title: "Staging pooling",
    });
    const result = await hal.memax.ask("Which pooling mode does PgBouncer use on staging?");
    assert.match(result.answer, /transaction/i);
    assert.ok(result.citations.length >= 1);
    assert.equal(result.citations[0].memory_id, pushed.id);
    assert.equal(result.citations[0].title, "Staging pooling");
    assert.equal(typeof result.citations[0].index, "number");
    assert.equal(result.sources[0].id, pushed.id);
    assert.equal(typeof result.metadata.model, "string");
    for (const field of ["answer_tokens", "retrieval_latency_ms", "synthesis_latency_ms", "total_latency_ms"]) {
      assert.equal(typeof result.metadata[field], "number", field);
    }
  });

  test("askStream delivers sources, deltas and done", async () => {
    const ivy = await freshUser("stream");
    const pushed = await ivy.memax.push("Backups are written to the cold bucket every night at 02:00 UTC.");
    const events = [];
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("stream did not finish")), 15_000);
      ivy.memax.memories.askStream("When are backups written?", {}, (event, data) => {
        events.push({ event, data });
        if (event === "done" || event === "error") {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const names = events.map((e) => e.event);
    assert.equal(names[0], "sources");
    assert.ok(names.includes("delta"));
    assert.equal(names.at(-1), "done");
    assert.equal(events[0].data.sources?.[0]?.id ?? events[0].data[0]?.id, pushed.id);
    const text = events.filter((e) => e.event === "delta").map((e) => e.data.text).join("");
    assert.match(text, /02:00/);
  });
});

describe("errors map to MemaxError", () => {
  test("unknown key: unauthorized", async () => {
    const error = await memaxError(() => client("mxk_" + "0".repeat(64)).memories.list());
    assert.equal(error.code, "unauthorized");
    assert.ok(error.isUnauthorized);
  });

  test("read-only key writing: forbidden", async () => {
    const created = await ada.memax.auth.createKey({ name: "reader", scopes: ["memax:read"] });
    const reader = client(created.key);
    assert.ok((await reader.memories.list()).memories.length >= 1);
    const error = await memaxError(() => reader.push("not allowed"));
    assert.equal(error.code, "forbidden");
    assert.ok(error.isForbidden);
  });

  test("invalid input: validation_failed with details", async () => {
    const error = await memaxError(() => ada.memax.recall("x", { limit: 1000 }));
    assert.equal(error.status, 422);
    assert.equal(error.code, "validation_failed");
    assert.ok(error.details.fields.limit);
  });

  test("another user's memory: not_found", async () => {
    const other = await freshUser("other");
    const mine = await ada.memax.push("Private to ada.");
    const error = await memaxError(() => other.memax.memories.get(mine.id));
    assert.ok(error.isNotFound);
  });
});
