-- +goose Up
-- add unique constraint "rack_rows_tenant_key" to table: "rack_rows"
ALTER TABLE "rack_rows" ADD CONSTRAINT "rack_rows_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "racks_tenant_key" to table: "racks"
ALTER TABLE "racks" ADD CONSTRAINT "racks_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "rooms_tenant_key" to table: "rooms"
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_tenant_key" UNIQUE ("company_id", "id");
-- add foreign key "asset_placement_changes_asset_id_tenant_fk" to table: "asset_placement_changes"
ALTER TABLE "asset_placement_changes" ADD CONSTRAINT "asset_placement_changes_asset_id_tenant_fk" FOREIGN KEY ("company_id", "asset_id") REFERENCES "assets" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "assets_rack_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" ADD CONSTRAINT "assets_rack_id_tenant_fk" FOREIGN KEY ("company_id", "rack_id") REFERENCES "racks" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "rack_reservations_rack_id_tenant_fk" to table: "rack_reservations"
ALTER TABLE "rack_reservations" ADD CONSTRAINT "rack_reservations_rack_id_tenant_fk" FOREIGN KEY ("company_id", "rack_id") REFERENCES "racks" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "rack_rows_room_id_tenant_fk" to table: "rack_rows"
ALTER TABLE "rack_rows" ADD CONSTRAINT "rack_rows_room_id_tenant_fk" FOREIGN KEY ("company_id", "room_id") REFERENCES "rooms" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "racks_datacenter_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" ADD CONSTRAINT "racks_datacenter_id_tenant_fk" FOREIGN KEY ("company_id", "datacenter_id") REFERENCES "datacenters" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "racks_room_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" ADD CONSTRAINT "racks_room_id_tenant_fk" FOREIGN KEY ("company_id", "room_id") REFERENCES "rooms" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "racks_row_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" ADD CONSTRAINT "racks_row_id_tenant_fk" FOREIGN KEY ("company_id", "row_id") REFERENCES "rack_rows" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "rooms_datacenter_id_tenant_fk" to table: "rooms"
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_datacenter_id_tenant_fk" FOREIGN KEY ("company_id", "datacenter_id") REFERENCES "datacenters" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- enable row level security on table: "asset_placement_changes"
ALTER TABLE "asset_placement_changes" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "rack_reservations"
ALTER TABLE "rack_reservations" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "rack_rows"
ALTER TABLE "rack_rows" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "racks"
ALTER TABLE "racks" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "rooms"
ALTER TABLE "rooms" ENABLE ROW LEVEL SECURITY;
-- create policy "tenant_isolation" on table: "asset_placement_changes"
CREATE POLICY "tenant_isolation" ON "asset_placement_changes" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "rack_reservations"
CREATE POLICY "tenant_isolation" ON "rack_reservations" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "rack_rows"
CREATE POLICY "tenant_isolation" ON "rack_rows" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "racks"
CREATE POLICY "tenant_isolation" ON "racks" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "rooms"
CREATE POLICY "tenant_isolation" ON "rooms" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());

-- +goose Down
-- reverse: create policy "tenant_isolation" on table: "rooms"
DROP POLICY "tenant_isolation" ON "rooms";
-- reverse: create policy "tenant_isolation" on table: "racks"
DROP POLICY "tenant_isolation" ON "racks";
-- reverse: create policy "tenant_isolation" on table: "rack_rows"
DROP POLICY "tenant_isolation" ON "rack_rows";
-- reverse: create policy "tenant_isolation" on table: "rack_reservations"
DROP POLICY "tenant_isolation" ON "rack_reservations";
-- reverse: create policy "tenant_isolation" on table: "asset_placement_changes"
DROP POLICY "tenant_isolation" ON "asset_placement_changes";
-- reverse: enable row level security on table: "rooms"
ALTER TABLE "rooms" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "racks"
ALTER TABLE "racks" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "rack_rows"
ALTER TABLE "rack_rows" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "rack_reservations"
ALTER TABLE "rack_reservations" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "asset_placement_changes"
ALTER TABLE "asset_placement_changes" DISABLE ROW LEVEL SECURITY;
-- reverse: add foreign key "rooms_datacenter_id_tenant_fk" to table: "rooms"
ALTER TABLE "rooms" DROP CONSTRAINT "rooms_datacenter_id_tenant_fk";
-- reverse: add foreign key "racks_row_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" DROP CONSTRAINT "racks_row_id_tenant_fk";
-- reverse: add foreign key "racks_room_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" DROP CONSTRAINT "racks_room_id_tenant_fk";
-- reverse: add foreign key "racks_datacenter_id_tenant_fk" to table: "racks"
ALTER TABLE "racks" DROP CONSTRAINT "racks_datacenter_id_tenant_fk";
-- reverse: add foreign key "rack_rows_room_id_tenant_fk" to table: "rack_rows"
ALTER TABLE "rack_rows" DROP CONSTRAINT "rack_rows_room_id_tenant_fk";
-- reverse: add foreign key "rack_reservations_rack_id_tenant_fk" to table: "rack_reservations"
ALTER TABLE "rack_reservations" DROP CONSTRAINT "rack_reservations_rack_id_tenant_fk";
-- reverse: add foreign key "assets_rack_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" DROP CONSTRAINT "assets_rack_id_tenant_fk";
-- reverse: add foreign key "asset_placement_changes_asset_id_tenant_fk" to table: "asset_placement_changes"
ALTER TABLE "asset_placement_changes" DROP CONSTRAINT "asset_placement_changes_asset_id_tenant_fk";
-- reverse: add unique constraint "rooms_tenant_key" to table: "rooms"
ALTER TABLE "rooms" DROP CONSTRAINT "rooms_tenant_key";
-- reverse: add unique constraint "racks_tenant_key" to table: "racks"
ALTER TABLE "racks" DROP CONSTRAINT "racks_tenant_key";
-- reverse: add unique constraint "rack_rows_tenant_key" to table: "rack_rows"
ALTER TABLE "rack_rows" DROP CONSTRAINT "rack_rows_tenant_key";
