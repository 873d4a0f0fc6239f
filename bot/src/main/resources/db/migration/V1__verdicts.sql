-- Verdicts, stored once and never changed: a re-evaluation is a new row that names the one it supersedes.
-- Portable SQL: the same file migrates the embedded H2 database and PostgreSQL.

-- One row per year; the counter behind the number in HW-YYYY-NNNN. Replicas sharing one database
-- take numbers by updating this row, which the database serialises with a row lock.
CREATE TABLE verdict_counter (
    counter_year INTEGER NOT NULL PRIMARY KEY,
    last_number  INTEGER NOT NULL
);

CREATE TABLE verdict (
    id             VARCHAR(32)  NOT NULL PRIMARY KEY,   -- HW-2026-0042: short, cited in reviews
    link_token     VARCHAR(64)  NOT NULL UNIQUE,        -- unguessable; the only way to open the page
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recommendation VARCHAR(32)  NOT NULL,
    rules_revision VARCHAR(64)  NOT NULL,
    catalog_date   DATE         NOT NULL,
    app_version    VARCHAR(64)  NOT NULL,
    source         VARCHAR(16)  NOT NULL,               -- slack, cli, api or web
    slack_team     VARCHAR(255),
    slack_channel  VARCHAR(255),
    requested_by   VARCHAR(255),
    supersedes     VARCHAR(32)  REFERENCES verdict (id),
    rule_reasons   VARCHAR(1000000) NOT NULL,           -- JSON: the @reason of each fired rule, at decision time
    verdict_json   VARCHAR(1000000) NOT NULL            -- the public verdict JSON: scenario, figures, conditions, ...
);

CREATE INDEX verdict_created_at ON verdict (created_at);
CREATE INDEX verdict_supersedes ON verdict (supersedes);
