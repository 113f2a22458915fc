-- Dreams (issue 20; docs/architecture.md §5.14): runs that consolidate a hub's memories, and
-- every change they make, kept so that it can be shown and undone.

-- Why a memory left default recall because of a dream: the memory it was merged into, or the
-- newer memory that supersedes it. NULL for every memory no dream touched.
ALTER TABLE memories ADD COLUMN merged_into uuid, ADD COLUMN superseded_by uuid;

-- One run of the phases over one hub. A run is claimed by the instance executing it through a
-- lease (lease_owner, lease_until) that it extends while it works; a run still 'running' with an
-- expired lease belongs to a dead instance and is resumed after last_finished_phase.
CREATE TABLE dream_runs (
    id                  uuid PRIMARY KEY,
    hub_id              uuid        NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    owner_id            uuid        NOT NULL REFERENCES users (id),   -- the hub's owner: whose plan gates it
    triggered_by        uuid        REFERENCES users (id) ON DELETE SET NULL, -- NULL for a scheduled run
    trigger             text        NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
    mode                text        NOT NULL DEFAULT 'maintenance' CHECK (mode IN ('maintenance', 'bootstrap')),
    status              text        NOT NULL
        CHECK (status IN ('running', 'completed', 'partial_failed', 'failed', 'skipped')),
    dry_run             boolean     NOT NULL,
    phases              text[]      NOT NULL,              -- requested, in execution order
    current_phase       text,
    last_finished_phase text,
    processed           integer     NOT NULL DEFAULT 0,    -- of the current phase's candidates
    total               integer     NOT NULL DEFAULT 0,
    counts              jsonb       NOT NULL DEFAULT '{}'::jsonb, -- {duplicates_merged: n, …}
    phase_metrics       jsonb       NOT NULL DEFAULT '{}'::jsonb, -- {phase: {candidates, actions, duration_ms, …}}
    report              text        NOT NULL DEFAULT '',
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz,
    lease_owner         text,
    lease_until         timestamptz,
    undone_at           timestamptz
);
-- At most one running run per hub, whichever instance or trigger started it.
CREATE UNIQUE INDEX dream_runs_one_running_per_hub ON dream_runs (hub_id) WHERE status = 'running';
CREATE INDEX dream_runs_hub_started_idx ON dream_runs (hub_id, started_at DESC, id DESC);
CREATE INDEX dream_runs_running_lease_idx ON dream_runs (lease_until) WHERE status = 'running';

-- One change a run made (or, in a dry run, would have made). before_state and after_state map
-- each touched memory's id to its whole row (to_jsonb of memories): undo writes before_state
-- back, and refuses when the row no longer matches after_state.
CREATE TABLE dream_actions (
    id               uuid PRIMARY KEY,
    run_id           uuid        NOT NULL REFERENCES dream_runs (id) ON DELETE CASCADE,
    hub_id           uuid        NOT NULL,
    phase            text        NOT NULL,
    action_type      text        NOT NULL,
    memory_ids       uuid[]      NOT NULL,   -- every memory the action touches
    source_memory_ids uuid[]     NOT NULL,   -- those it consumed (merged ones)
    result_memory_id uuid,                   -- the one it kept or made (a merge's survivor)
    before_state     jsonb       NOT NULL,
    after_state      jsonb       NOT NULL,
    reason           text        NOT NULL,
    score            double precision NOT NULL,
    applied          boolean     NOT NULL,   -- false in a dry run
    created_at       timestamptz NOT NULL,
    undone_at        timestamptz,
    undone_by        uuid        REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX dream_actions_run_idx ON dream_actions (run_id, created_at, id);
CREATE INDEX dream_actions_memory_idx ON dream_actions USING gin (memory_ids);
