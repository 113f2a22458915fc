-- Ranking that generalises (issue 17).
--
-- A memory's session: the conversation or agent session it was recorded in, named by the client
-- (`session_id` on push, or `metadata.session_id`). Recall lifts a memory towards a better-scoring
-- neighbour only within one session; bare push order says nothing about relatedness.
ALTER TABLE memories ADD COLUMN session_id text;
CREATE INDEX memories_session_idx ON memories (hub_id, session_id, created_at, id) WHERE session_id IS NOT NULL;

-- The memory-level view beside the chunks, kept on each memory's first chunk (ordinal 0) so it
-- lives and dies with the chunks and their model: the whole memory as the model windows it (its
-- title and opening), NULL when that is exactly the first chunk's own text (a one-chunk memory),
-- and the title alone, NULL without a title. Recall blends them with the best chunk.
ALTER TABLE memory_chunks ADD COLUMN memory_embedding vector, ADD COLUMN title_embedding vector;
