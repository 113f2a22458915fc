// topics.*: every TopicsResource call of the SDK (issue 20), shaped as the SDK's Topic* types,
// with the tree rules' error codes and topic_id filters on recall, list and search.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { freshUser, memaxError, timestamp, uuid } from "./helpers.mjs";

let owner;
let stranger;

before(async () => {
  owner = await freshUser("topics");
  stranger = await freshUser("stranger");
});

/** Asserts the SDK's Topic fields. */
function assertTopic(topic) {
  assert.match(topic.id, uuid);
  assert.equal(topic.owner_id, owner.id);
  assert.match(topic.hub_id, uuid);
  assert.ok(topic.parent_id === null || uuid.test(topic.parent_id));
  assert.equal(typeof topic.name, "string");
  assert.equal(typeof topic.icon, "string");
  assert.equal(typeof topic.position, "number");
  assert.equal(typeof topic.pinned, "boolean");
  assert.equal(typeof topic.user_modified, "boolean");
  assert.match(topic.created_at, timestamp);
  assert.match(topic.updated_at, timestamp);
}

describe("topics", () => {
  test("create, get, update and list answer Topic and TopicListResponse", async () => {
    const hub = await owner.memax.hubs.create("Topic tree");
    const kitchen = await owner.memax.topics.create({ name: "Kitchen", icon: "pot" }, hub.id);
    assertTopic(kitchen);
    assert.equal(kitchen.hub_id, hub.id);
    assert.equal(kitchen.parent_id, null);
    assert.equal(kitchen.archived_at, undefined);
    const kettles = await owner.memax.topics.create({ name: "Kettles", parent_id: kitchen.id, hub_id: hub.id });
    assert.equal(kettles.parent_id, kitchen.id);
    assert.equal((await owner.memax.topics.get(kettles.id, hub.id)).name, "Kettles");

    const renamed = await owner.memax.topics.update(kettles.id, { name: "Kettles & pots", pinned: true }, hub.id);
    assert.equal(renamed.name, "Kettles & pots");
    assert.equal(renamed.pinned, true);
    assert.equal(renamed.user_modified, true);

    const memory = await owner.memax.push("The kettle is descaled every month.", { hubId: hub.id });
    await owner.memax.push("An unplaced note about kettles.", { hubId: hub.id });
    await owner.memax.topics.assignMemory(kettles.id, memory.id, 0.8, hub.id);

    const tree = await owner.memax.topics.list(hub.id);
    assert.equal(tree.unassigned_count, 1);
    assert.equal(tree.topics.length, 1);
    const root = tree.topics[0];
    assertTopic(root);
    assert.equal(root.memory_count, 0);
    assert.equal(root.total_memory_count, 1);
    assert.equal(root.children[0].id, kettles.id);
    assert.equal(root.children[0].memory_count, 1);
    assert.deepEqual(root.children[0].children, []);
  });

  test("topic_id filters recall, list and search over the subtree", async () => {
    const hub = await owner.memax.hubs.create("Topic filters");
    const parent = await owner.memax.topics.create({ name: "Infra", hub_id: hub.id });
    const child = await owner.memax.topics.create({ name: "Backups", parent_id: parent.id, hub_id: hub.id });
    const inside = await owner.memax.push("Nightly backups of orca run at 02:00.", { hubId: hub.id });
    await owner.memax.push("Backups of the wiki are someone else's job.", { hubId: hub.id });
    await owner.memax.topics.assignMemory(child.id, inside.id, undefined, hub.id);

    const recalled = await owner.memax.recall("backups", { topicId: parent.id, hubId: hub.id });
    assert.deepEqual(recalled.memories.map((m) => m.id), [inside.id]);
    const listed = await owner.memax.memories.list({ topicId: parent.id, hubId: hub.id });
    assert.deepEqual(listed.memories.map((m) => m.id), [inside.id]);
    const found = await owner.memax.memories.search("backups", { topicId: parent.id });
    assert.deepEqual(found.map((r) => r.memory_id), [inside.id]);
    assert.equal(found[0].topic_id, child.id);
    assert.equal(found[0].topic_name, "Backups");

    const page = await owner.memax.topics.listMemories(parent.id, { limit: 10, hubId: hub.id });
    assert.deepEqual(page.memories.map((m) => m.id), [inside.id]);
    assert.equal(page.has_more, false);
    assert.equal(page.next_cursor, "");
    assert.equal((await owner.memax.memories.get(inside.id)).topic_id, child.id);

    await owner.memax.topics.unassignMemory(child.id, inside.id, hub.id);
    assert.equal((await owner.memax.topics.listMemories(parent.id, { hubId: hub.id })).memories.length, 0);
  });

  test("archive, listArchived, restore and delete", async () => {
    const hub = await owner.memax.hubs.create("Topic archive");
    const a = await owner.memax.topics.create({ name: "A", hub_id: hub.id });
    const b = await owner.memax.topics.create({ name: "B", parent_id: a.id, hub_id: hub.id });
    const archived = await owner.memax.topics.archive(a.id, hub.id);
    assert.deepEqual(archived, { topic_id: a.id, archived_count: 2 });
    assert.equal((await owner.memax.topics.archive(a.id, hub.id)).archived_count, 0);
    const list = await owner.memax.topics.listArchived(hub.id);
    assert.deepEqual(list.topics.map((t) => t.id).sort(), [a.id, b.id].sort());
    assert.match(list.topics[0].archived_at, timestamp);
    const readOnly = await memaxError(() => owner.memax.topics.update(b.id, { name: "B2" }, hub.id));
    assert.equal(readOnly.code, "topic_archived");
    assert.equal(readOnly.status, 409);

    const restored = await owner.memax.topics.restore(b.id, hub.id);
    assert.deepEqual(restored, { topic_id: b.id, restored_count: 1 });
    assert.equal((await owner.memax.topics.get(b.id)).parent_id, null, "re-planted at the root");
    await owner.memax.topics.delete(b.id, hub.id);
    const gone = await memaxError(() => owner.memax.topics.get(b.id));
    assert.ok(gone.isNotFound);
  });

  test("reorder and markVisit", async () => {
    const hub = await owner.memax.hubs.create("Topic order");
    const first = await owner.memax.topics.create({ name: "First", hub_id: hub.id });
    const second = await owner.memax.topics.create({ name: "Second", hub_id: hub.id });
    await owner.memax.topics.reorder(
      [
        { topic_id: second.id, position: 0 },
        { topic_id: first.id, position: 0, parent_id: second.id },
      ],
      hub.id,
    );
    const tree = await owner.memax.topics.list(hub.id);
    assert.deepEqual(tree.topics.map((t) => t.id), [second.id]);
    assert.equal(tree.topics[0].children[0].id, first.id);
    await owner.memax.topics.reorder([{ topic_id: first.id, position: 3, parent_id: null }], hub.id);
    assert.equal((await owner.memax.topics.get(first.id)).parent_id, null);
    await owner.memax.topics.markVisit(first.id);
  });

  test("the update error codes of TopicUpdateErrorCode, and other tenants see nothing", async () => {
    const hub = await owner.memax.hubs.create("Topic rules");
    const root = await owner.memax.topics.create({ name: "Root", hub_id: hub.id });
    const child = await owner.memax.topics.create({ name: "Child", parent_id: root.id, hub_id: hub.id });
    const cycle = await memaxError(() => owner.memax.topics.update(root.id, { parent_id: child.id }, hub.id));
    assert.equal(cycle.code, "cycle_detected");
    const invalid = await memaxError(() =>
      owner.memax.topics.update(root.id, { parent_id: "0190f1a2-0000-7000-8000-0000000000ff" }, hub.id));
    assert.equal(invalid.code, "invalid_parent");
    const duplicate = await memaxError(() => owner.memax.topics.create({ name: "root", hub_id: hub.id }));
    assert.equal(duplicate.code, "duplicate_name");
    let parent = child;
    for (let level = 2; level <= 4; level++) {
      parent = await owner.memax.topics.create({ name: `Level ${level}`, parent_id: parent.id, hub_id: hub.id });
    }
    const tooDeep = await memaxError(() =>
      owner.memax.topics.create({ name: "Level 5", parent_id: parent.id, hub_id: hub.id }));
    assert.equal(tooDeep.code, "max_depth");
    const other = await owner.memax.topics.create({ name: "Other", hub_id: hub.id });
    await owner.memax.topics.create({ name: "Other child", parent_id: other.id, hub_id: hub.id });
    const subtree = await memaxError(() => owner.memax.topics.update(other.id, { parent_id: parent.id }, hub.id));
    assert.equal(subtree.code, "max_depth_subtree");

    const hidden = await memaxError(() => stranger.memax.topics.get(root.id));
    assert.ok(hidden.isNotFound);
    const foreign = await memaxError(() => stranger.memax.topics.list(hub.id));
    assert.ok(foreign.isNotFound);
  });
});
