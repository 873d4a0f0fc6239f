-- The source of every rules revision that decided a verdict, so any verdict can be replayed on the
-- exact rules that decided it, long after they were replaced.
CREATE TABLE rule_revision (
    revision     VARCHAR(64)      NOT NULL PRIMARY KEY,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    sources_json VARCHAR(4000000) NOT NULL   -- {"drl": {file: text}, "cases": {file: text}}
);
