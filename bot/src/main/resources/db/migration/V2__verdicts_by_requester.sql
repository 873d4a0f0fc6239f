-- The App Home lists a user's own recent verdicts.
CREATE INDEX verdict_requested_by ON verdict (source, requested_by, created_at);
