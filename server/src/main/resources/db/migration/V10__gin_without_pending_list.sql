-- GIN indexes buffer new entries in a pending list (fastupdate) that every search scans
-- linearly until VACUUM merges it: right after a bulk import, full-text recall over 10k chunks
-- took 27 ms of search instead of 8.5 ms. Memories are read far more often than written, and a
-- push must be recallable at once, so the write pays the index insert instead.
ALTER INDEX memory_chunks_tsv_idx SET (fastupdate = off);
ALTER INDEX memories_tags_idx SET (fastupdate = off);
