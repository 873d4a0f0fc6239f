-- Load tests a team hands back as evidence (hostwise measure import, or the upload on a "Measure first"
-- verdict's page): one row per result file, keyed by the SHA-256 of its bytes, so importing the same file
-- twice changes nothing. Rows are written once and never changed or deleted; a decision reads the rows
-- imported before it was made (imported_at), so a replay can ask for exactly the evidence a verdict saw.
-- Portable SQL: the same file migrates the embedded H2 database and PostgreSQL.
CREATE TABLE throughput_evidence (
    evidence_id              VARCHAR(64)      NOT NULL PRIMARY KEY, -- SHA-256 of the file, hex
    imported_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    measured_on              DATE             NOT NULL,             -- the file's date, else the import day
    date_from_file           BOOLEAN          NOT NULL,
    model                    VARCHAR(64)      NOT NULL,             -- catalog open model
    gpu_type                 VARCHAR(64)      NOT NULL,             -- catalog GPU
    gpus_per_replica         INTEGER          NOT NULL,
    weight_precision         VARCHAR(16)      NOT NULL,             -- FP16, BF16, FP8, INT8, INT4, FP4, MXFP4
    concurrency              INTEGER          NOT NULL,             -- requests in flight
    concurrency_from         VARCHAR(255)     NOT NULL,
    input_tokens             DOUBLE PRECISION NOT NULL,             -- means per completed request
    output_tokens            DOUBLE PRECISION NOT NULL,
    requests_per_second      DOUBLE PRECISION NOT NULL,
    output_tokens_per_second DOUBLE PRECISION NOT NULL,
    seconds_per_request      DOUBLE PRECISION NOT NULL,
    seconds_from             VARCHAR(255)     NOT NULL,
    completed                INTEGER          NOT NULL,
    failed                   INTEGER          NOT NULL,
    duration_seconds         DOUBLE PRECISION NOT NULL,
    mean_ttft_ms             DOUBLE PRECISION,
    p99_ttft_ms              DOUBLE PRECISION,
    mean_tpot_ms             DOUBLE PRECISION,
    p99_tpot_ms              DOUBLE PRECISION,
    mean_e2el_ms             DOUBLE PRECISION,
    p99_e2el_ms              DOUBLE PRECISION,
    model_id                 VARCHAR(512)     NOT NULL,             -- the model the client named, as in the file
    backend                  VARCHAR(64),
    file_name                VARCHAR(512)     NOT NULL,
    imported_platform        VARCHAR(32)      NOT NULL,             -- cli, web, ...: who handed it in
    imported_by              VARCHAR(255)
);

-- A decision reads one model's rows imported up to its moment.
CREATE INDEX throughput_evidence_by_model ON throughput_evidence (model, imported_at);
