-- Written by hand, PostgreSQL alone. Asset writes no longer notify from
-- their own transactions: a transaction that notifies holds a lock of the
-- whole database from its commit until the commit is on disk, so every
-- asset write committed one after another. The server that writes
-- announces the change right after its commit instead, together with the
-- others of that moment (internal/memo, AnnouncedAfterCommit). A write made
-- outside Binora (psql) is announced by whoever makes it, as for every
-- other table (docs/operations.md).

-- +goose Up
DROP TRIGGER "assets_changed" ON "assets";
DROP FUNCTION "binora_assets_changed"();

-- +goose Down
CREATE FUNCTION "binora_assets_changed"() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM pg_notify('binora_row_changes', 'assets:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.company_id ELSE NEW.company_id END); RETURN NULL; END $$;
CREATE TRIGGER "assets_changed" AFTER INSERT OR UPDATE OR DELETE ON "assets" FOR EACH ROW EXECUTE FUNCTION "binora_assets_changed"();
