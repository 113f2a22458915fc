package dev.memax.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The LoCoMo dev conversations on the server, shared by the recall ({@link QualityBench}) and
 * ask ({@link AskBench}) benchmarks: one hub per conversation, one memory per dialogue turn whose
 * {@code source_path} ends in the turn's dialogue id ({@code D3:12}).
 */
final class Locomo {
    private Locomo() {}

    /**
     * Ingests each conversation into its own hub (or reuses the hub an earlier run filled) and
     * returns conversation id → hub id. One memory per turn: {@code speaker: text}, the session
     * date as its event date, its session ({@code conv-26/D3}) as its {@code session_id}; with
     * {@code captions}, a turn that shares a photo also says what the
     * photo shows ({@code speaker: text [shares a photo of …]}, the dataset's BLIP caption), as a
     * chat client storing the turn with its attachment's description would.
     */
    static Map<String, String> ingest(
            MemaxClient client, Api api, List<Datasets.Conversation> conversations, boolean captions) {
        return ingest(client, api, conversations, captions, captions ? "locomo+captions " : "locomo ");
    }

    /** As above, into hubs named {@code prefix + conversation id}: a run that changes its hubs keeps them apart. */
    static Map<String, String> ingest(
            MemaxClient client, Api api, List<Datasets.Conversation> conversations, boolean captions, String prefix) {
        Map<String, String> hubs = new LinkedHashMap<>();
        for (Datasets.Conversation conversation : conversations) {
            String existing = Api.hubWithMemories(
                    client, prefix + conversation.id(), conversation.turns().size());
            if (existing != null) {
                hubs.put(conversation.id(), existing);
                continue;
            }
            String hub = api.createHub(prefix + conversation.id() + " " + Api.randomSuffix());
            List<ObjectNode> memories = new ArrayList<>();
            for (Datasets.Turn turn : conversation.turns()) {
                String content = turn.speaker() + ": " + turn.text();
                if (captions && turn.caption() != null) {
                    content += " [shares " + turn.caption() + "]";
                }
                // A LoCoMo session (D3 of D3:12) is one sitting of the conversation: the turn's session.
                String session = conversation.id() + "/"
                        + turn.diaId().substring(0, turn.diaId().indexOf(':'));
                ObjectNode memory = Api.memory(content)
                        .put("source_path", "locomo/" + conversation.id() + "/" + turn.diaId())
                        .put("kind", "episodic")
                        .put("session_id", session);
                memory.putArray("event_dates").add(turn.sessionDate().toString());
                memories.add(memory);
            }
            api.pushAll(hub, memories, 100, "locomo " + conversation.id());
            hubs.put(conversation.id(), hub);
        }
        System.out.println("# locomo: hubs " + hubs);
        return hubs;
    }

    /** The dialogue id ({@code D3:12}) of a turn's memory, from its {@code source_path}. */
    static String turnId(String sourcePath) {
        return sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
    }

    /** Memory id → dialogue id of every turn in a hub: answers name their memories by id only. */
    static Map<UUID, String> turnsByMemory(MemaxClient client, String hub) {
        Map<UUID, String> turns = new HashMap<>();
        Api.sourcePaths(client, hub).forEach((id, path) -> turns.put(id, turnId(path)));
        return turns;
    }
}
