-- Events (issue 7): wake the relay when a transaction that wrote events commits. NOTIFY is
-- delivered at commit (never for a rolled-back transaction) and folded to one per transaction,
-- so the relay polls fast only while rows wait for an older transaction to end.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('memax_events', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
