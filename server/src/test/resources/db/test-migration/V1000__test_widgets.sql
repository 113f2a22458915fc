-- Table behind the test-only fixture routes that exercise the platform (pagination, idempotency).
CREATE TABLE test_widgets (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    color      text        NOT NULL,
    count      integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
