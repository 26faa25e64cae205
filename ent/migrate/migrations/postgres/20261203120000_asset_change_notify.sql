-- Written by hand, PostgreSQL alone. Every write of an asset announces
-- itself to every server on binora_row_changes (internal/memo), topic
-- assets, from the very statement that writes it: the asset lists remember
-- their counts until a change of the tenant's assets. An Ent hook would
-- send the notification as a statement of its own in every asset write's
-- transaction, a round trip more on the hottest write, the status change.
-- PostgreSQL sends equal notifications of a transaction once, at its
-- commit, and none if it rolls back. The server that writes forgets its
-- own counts after the commit through its Ent hook (AnnouncedByDatabase); a
-- write made outside Binora (psql) is announced all the same.

-- +goose Up
CREATE FUNCTION "binora_assets_changed"() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM pg_notify('binora_row_changes', 'assets:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.company_id ELSE NEW.company_id END); RETURN NULL; END $$;
CREATE TRIGGER "assets_changed" AFTER INSERT OR UPDATE OR DELETE ON "assets" FOR EACH ROW EXECUTE FUNCTION "binora_assets_changed"();

-- +goose Down
DROP TRIGGER "assets_changed" ON "assets";
DROP FUNCTION "binora_assets_changed"();
