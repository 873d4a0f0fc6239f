-- Who asked, in neutral columns: the platform (slack, cli, api, web, and chat platforms to come), its
-- workspace and its conversation; the user stays in requested_by. Every stored verdict is copied over.
-- IDs and link tokens are untouched, so every cited ID and every shared link keeps working.
-- Portable SQL: the same file migrates the embedded H2 database and PostgreSQL.
ALTER TABLE verdict ADD COLUMN platform VARCHAR(32);
ALTER TABLE verdict ADD COLUMN workspace VARCHAR(255);
ALTER TABLE verdict ADD COLUMN conversation VARCHAR(255);

UPDATE verdict SET platform = source, workspace = slack_team, conversation = slack_channel;

-- A chat user's own recent verdicts (Slack's App Home lists them).
CREATE INDEX verdict_by_platform_user ON verdict (platform, requested_by, created_at);

-- source, slack_team and slack_channel (and their index verdict_requested_by) stay for one release:
-- this version writes them too, so a replica still on the previous version keeps saving and reading
-- while a rolling update replaces it, and reads COALESCE(platform, source) for the rows such a
-- replica writes meanwhile. The release after next drops them in a migration of its own.
