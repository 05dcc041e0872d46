-- Migration 1: the atelier_meta schema, which records applied migrations and the live data set.
CREATE SCHEMA IF NOT EXISTS atelier_meta;

CREATE TABLE IF NOT EXISTS atelier_meta.schema_migrations (
  version    integer PRIMARY KEY,
  file       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- One row: the data set the service is serving. version rises by one on every completed import,
-- and cache keys carry it, so a swap retires every cached document at once.
CREATE TABLE IF NOT EXISTS atelier_meta.dataset (
  singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  version        bigint      NOT NULL,
  layout_version integer     NOT NULL,
  loaded_at      timestamptz NOT NULL,
  source         text        NOT NULL,
  row_counts     jsonb       NOT NULL,
  rejected_rows  bigint      NOT NULL
);
