-- Written by hand: PostgreSQL alone has trigram indexes, and Ent declares
-- no extension. The asset search (`q`: a case-insensitive substring of the
-- name, code or serial number, ILIKE '%…%') reads this index instead of
-- every row of the tenant. pg_trgm is a trusted extension (PostgreSQL 13+):
-- the database owner, who runs the migrations, may create it.
-- The (company_id, status) index is dropped here too: (company_id, status,
-- id) begins with the same columns; SQLite keeps it, small data.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "asset_search_trgm" ON "assets" USING gin ("name" gin_trgm_ops, "code" gin_trgm_ops, "serial_number" gin_trgm_ops);
DROP INDEX IF EXISTS "asset_company_id_status";

-- +goose Down
CREATE INDEX IF NOT EXISTS "asset_company_id_status" ON "assets" ("company_id", "status");
DROP INDEX IF EXISTS "asset_search_trgm";
