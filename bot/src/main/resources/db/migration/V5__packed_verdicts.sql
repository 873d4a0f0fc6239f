-- A verdict is stored packed from now on: its JSON and its rules' reasons in one document, deflated
-- against a fixed dictionary (see PackedVerdict), about a sixth of the text's size. Rows written
-- before keep their text columns; a row has one form or the other.
-- Portable SQL: BYTEA is PostgreSQL's binary type and an alias of VARBINARY in H2.
ALTER TABLE verdict ADD COLUMN verdict_packed BYTEA;
ALTER TABLE verdict ALTER COLUMN verdict_json DROP NOT NULL;
ALTER TABLE verdict ALTER COLUMN rule_reasons DROP NOT NULL;
ALTER TABLE verdict ADD CONSTRAINT verdict_has_contents
    CHECK (verdict_packed IS NOT NULL OR (verdict_json IS NOT NULL AND rule_reasons IS NOT NULL));
