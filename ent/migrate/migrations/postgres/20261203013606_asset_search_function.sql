-- Written by hand, PostgreSQL alone. Row-level security keeps a predicate
-- that is not LEAKPROOF, as ILIKE is not, from becoming an index condition
-- on a table it protects: under the app role the asset search read every
-- row of the tenant and never the trigram index. binora_asset_search runs
-- the search as the tables' owner, whom the policies do not confine, and
-- applies the same tenant as they do, binora_tenant(), itself: it returns
-- the ids of the current tenant's assets matching an ILIKE pattern and
-- nothing when no tenant is set. The list then reads those ids as the app
-- role, under the policies and the data layer's filter as always. Only the
-- app role may call it (binora migrate grants it; PUBLIC may not), so no
-- other role probes rows through it. SECURITY DEFINER with a fixed
-- search_path, as the documentation asks of such functions.
-- The (company_id, asset_type) index is dropped too: (company_id,
-- asset_type, status, code, id) begins with the same columns; SQLite keeps it.

-- +goose Up
CREATE FUNCTION "binora_asset_search"(pattern text) RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public ROWS 100 AS $$ SELECT id FROM public.assets WHERE company_id = public.binora_tenant() AND (name ILIKE pattern OR code ILIKE pattern OR serial_number ILIKE pattern) $$;
REVOKE ALL ON FUNCTION "binora_asset_search"(text) FROM PUBLIC;
DROP INDEX IF EXISTS "asset_company_id_asset_type";

-- +goose Down
CREATE INDEX IF NOT EXISTS "asset_company_id_asset_type" ON "assets" ("company_id", "asset_type");
DROP FUNCTION "binora_asset_search"(text);
