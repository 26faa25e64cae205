-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_assets" table
CREATE TABLE `new_assets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `code` text NOT NULL, `name` text NOT NULL, `asset_type` text NOT NULL, `status` integer NOT NULL, `serial_number` text NULL, `position` integer NULL, `face` text NULL, `u_height` integer NOT NULL DEFAULT (1), `full_depth` bool NOT NULL DEFAULT (true), `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, `parent_id` integer NULL, `rack_id` integer NULL, CONSTRAINT `assets_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_assets_children` FOREIGN KEY (`parent_id`) REFERENCES `assets` (`id`) ON DELETE SET NULL, CONSTRAINT `assets_racks_rack` FOREIGN KEY (`rack_id`) REFERENCES `racks` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "assets" to new temporary table "new_assets"
INSERT INTO `new_assets` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `code`, `name`, `asset_type`, `status`, `serial_number`, `company_id`, `datacenter_id`, `parent_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `code`, `name`, `asset_type`, `status`, `serial_number`, `company_id`, `datacenter_id`, `parent_id` FROM `assets`;
-- drop "assets" table after copying rows
DROP TABLE `assets`;
-- rename temporary table "new_assets" to "assets"
ALTER TABLE `new_assets` RENAME TO `assets`;
-- create index "asset_company_id_code" to table: "assets"
CREATE UNIQUE INDEX `asset_company_id_code` ON `assets` (`company_id`, `code`);
-- create index "asset_company_id_status" to table: "assets"
CREATE INDEX `asset_company_id_status` ON `assets` (`company_id`, `status`);
-- create index "asset_company_id_asset_type" to table: "assets"
CREATE INDEX `asset_company_id_asset_type` ON `assets` (`company_id`, `asset_type`);
-- create index "asset_company_id_datacenter_id" to table: "assets"
CREATE INDEX `asset_company_id_datacenter_id` ON `assets` (`company_id`, `datacenter_id`);
-- create index "asset_company_id_rack_id_position" to table: "assets"
CREATE INDEX `asset_company_id_rack_id_position` ON `assets` (`company_id`, `rack_id`, `position`);
-- create "asset_placement_changes" table
CREATE TABLE `asset_placement_changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `from_rack_id` integer NULL, `from_rack_name` text NULL, `from_position` integer NULL, `from_face` text NULL, `to_rack_id` integer NULL, `to_rack_name` text NULL, `to_position` integer NULL, `to_face` text NULL, `asset_id` integer NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `asset_placement_changes_assets_placement_changes` FOREIGN KEY (`asset_id`) REFERENCES `assets` (`id`) ON DELETE NO ACTION, CONSTRAINT `asset_placement_changes_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "assetplacementchange_company_id_asset_id_created_at" to table: "asset_placement_changes"
CREATE INDEX `assetplacementchange_company_id_asset_id_created_at` ON `asset_placement_changes` (`company_id`, `asset_id`, `created_at`);
-- create "racks" table
CREATE TABLE `racks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `facility_id` text NULL, `u_height` integer NOT NULL DEFAULT (42), `starting_unit` integer NOT NULL DEFAULT (1), `descending_units` bool NOT NULL DEFAULT (false), `status` text NOT NULL DEFAULT ('active'), `serial_number` text NULL, `asset_tag` text NULL, `max_weight_kg` integer NULL, `description` text NULL, `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, `room_id` integer NOT NULL, `row_id` integer NULL, CONSTRAINT `racks_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_rooms_room` FOREIGN KEY (`room_id`) REFERENCES `rooms` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_rack_rows_row` FOREIGN KEY (`row_id`) REFERENCES `rack_rows` (`id`) ON DELETE NO ACTION);
-- create index "rack_company_id_datacenter_id_name" to table: "racks"
CREATE UNIQUE INDEX `rack_company_id_datacenter_id_name` ON `racks` (`company_id`, `datacenter_id`, `name`);
-- create index "rack_company_id_datacenter_id_facility_id" to table: "racks"
CREATE UNIQUE INDEX `rack_company_id_datacenter_id_facility_id` ON `racks` (`company_id`, `datacenter_id`, `facility_id`);
-- create index "rack_company_id_asset_tag" to table: "racks"
CREATE UNIQUE INDEX `rack_company_id_asset_tag` ON `racks` (`company_id`, `asset_tag`);
-- create index "rack_company_id_room_id" to table: "racks"
CREATE INDEX `rack_company_id_room_id` ON `racks` (`company_id`, `room_id`);
-- create index "rack_company_id_row_id" to table: "racks"
CREATE INDEX `rack_company_id_row_id` ON `racks` (`company_id`, `row_id`);
-- create "rack_reservations" table
CREATE TABLE `rack_reservations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `position` integer NOT NULL, `u_height` integer NOT NULL, `face` text NOT NULL, `full_depth` bool NOT NULL DEFAULT (false), `description` text NOT NULL, `expires_at` datetime NULL, `company_id` integer NOT NULL, `rack_id` integer NOT NULL, CONSTRAINT `rack_reservations_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rack_reservations_racks_rack` FOREIGN KEY (`rack_id`) REFERENCES `racks` (`id`) ON DELETE NO ACTION);
-- create index "rackreservation_company_id_rack_id" to table: "rack_reservations"
CREATE INDEX `rackreservation_company_id_rack_id` ON `rack_reservations` (`company_id`, `rack_id`);
-- create "rack_rows" table
CREATE TABLE `rack_rows` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `company_id` integer NOT NULL, `room_id` integer NOT NULL, CONSTRAINT `rack_rows_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rack_rows_rooms_room` FOREIGN KEY (`room_id`) REFERENCES `rooms` (`id`) ON DELETE NO ACTION);
-- create index "rackrow_company_id_room_id_name" to table: "rack_rows"
CREATE UNIQUE INDEX `rackrow_company_id_room_id_name` ON `rack_rows` (`company_id`, `room_id`, `name`);
-- create "rooms" table
CREATE TABLE `rooms` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `code` text NOT NULL, `floor` text NULL, `description` text NULL, `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, CONSTRAINT `rooms_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rooms_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION);
-- create index "room_company_id_datacenter_id_code" to table: "rooms"
CREATE UNIQUE INDEX `room_company_id_datacenter_id_code` ON `rooms` (`company_id`, `datacenter_id`, `code`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "room_company_id_datacenter_id_code" to table: "rooms"
DROP INDEX `room_company_id_datacenter_id_code`;
-- reverse: create "rooms" table
DROP TABLE `rooms`;
-- reverse: create index "rackrow_company_id_room_id_name" to table: "rack_rows"
DROP INDEX `rackrow_company_id_room_id_name`;
-- reverse: create "rack_rows" table
DROP TABLE `rack_rows`;
-- reverse: create index "rackreservation_company_id_rack_id" to table: "rack_reservations"
DROP INDEX `rackreservation_company_id_rack_id`;
-- reverse: create "rack_reservations" table
DROP TABLE `rack_reservations`;
-- reverse: create index "rack_company_id_row_id" to table: "racks"
DROP INDEX `rack_company_id_row_id`;
-- reverse: create index "rack_company_id_room_id" to table: "racks"
DROP INDEX `rack_company_id_room_id`;
-- reverse: create index "rack_company_id_asset_tag" to table: "racks"
DROP INDEX `rack_company_id_asset_tag`;
-- reverse: create index "rack_company_id_datacenter_id_facility_id" to table: "racks"
DROP INDEX `rack_company_id_datacenter_id_facility_id`;
-- reverse: create index "rack_company_id_datacenter_id_name" to table: "racks"
DROP INDEX `rack_company_id_datacenter_id_name`;
-- reverse: create "racks" table
DROP TABLE `racks`;
-- reverse: create index "assetplacementchange_company_id_asset_id_created_at" to table: "asset_placement_changes"
DROP INDEX `assetplacementchange_company_id_asset_id_created_at`;
-- reverse: create "asset_placement_changes" table
DROP TABLE `asset_placement_changes`;
-- reverse: create index "asset_company_id_rack_id_position" to table: "assets"
DROP INDEX `asset_company_id_rack_id_position`;
-- reverse: create index "asset_company_id_datacenter_id" to table: "assets"
DROP INDEX `asset_company_id_datacenter_id`;
-- reverse: create index "asset_company_id_asset_type" to table: "assets"
DROP INDEX `asset_company_id_asset_type`;
-- reverse: create index "asset_company_id_status" to table: "assets"
DROP INDEX `asset_company_id_status`;
-- reverse: create index "asset_company_id_code" to table: "assets"
DROP INDEX `asset_company_id_code`;
-- reverse: create "new_assets" table
DROP TABLE `new_assets`;
