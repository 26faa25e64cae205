-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_asset_code_counters" table
CREATE TABLE `new_asset_code_counters` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `asset_type` text NOT NULL, `last_value` integer NOT NULL DEFAULT (0), `company_id` integer NOT NULL, CONSTRAINT `asset_code_counters_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "asset_code_counters" to new temporary table "new_asset_code_counters"
INSERT INTO `new_asset_code_counters` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `asset_type`, `last_value`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `asset_type`, `last_value`, `company_id` FROM `asset_code_counters`;
-- drop "asset_code_counters" table after copying rows
DROP TABLE `asset_code_counters`;
-- rename temporary table "new_asset_code_counters" to "asset_code_counters"
ALTER TABLE `new_asset_code_counters` RENAME TO `asset_code_counters`;
-- create index "assetcodecounter_company_id_asset_type" to table: "asset_code_counters"
CREATE UNIQUE INDEX `assetcodecounter_company_id_asset_type` ON `asset_code_counters` (`company_id`, `asset_type`);
-- create "new_asset_status_changes" table
CREATE TABLE `new_asset_status_changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `from_status` integer NOT NULL, `to_status` integer NOT NULL, `reason` text NOT NULL DEFAULT (''), `asset_id` integer NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `asset_status_changes_assets_status_changes` FOREIGN KEY (`asset_id`) REFERENCES `assets` (`id`) ON DELETE NO ACTION, CONSTRAINT `asset_status_changes_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "asset_status_changes" to new temporary table "new_asset_status_changes"
INSERT INTO `new_asset_status_changes` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `from_status`, `to_status`, `reason`, `asset_id`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `from_status`, `to_status`, `reason`, `asset_id`, `company_id` FROM `asset_status_changes`;
-- drop "asset_status_changes" table after copying rows
DROP TABLE `asset_status_changes`;
-- rename temporary table "new_asset_status_changes" to "asset_status_changes"
ALTER TABLE `new_asset_status_changes` RENAME TO `asset_status_changes`;
-- create index "assetstatuschange_company_id_asset_id_created_at" to table: "asset_status_changes"
CREATE INDEX `assetstatuschange_company_id_asset_id_created_at` ON `asset_status_changes` (`company_id`, `asset_id`, `created_at`);
-- create "new_datacenters" table
CREATE TABLE `new_datacenters` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `code` text NOT NULL, `address` text NULL, `company_id` integer NOT NULL, CONSTRAINT `datacenters_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "datacenters" to new temporary table "new_datacenters"
INSERT INTO `new_datacenters` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `code`, `address`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `code`, `address`, `company_id` FROM `datacenters`;
-- drop "datacenters" table after copying rows
DROP TABLE `datacenters`;
-- rename temporary table "new_datacenters" to "datacenters"
ALTER TABLE `new_datacenters` RENAME TO `datacenters`;
-- create index "datacenter_company_id_name" to table: "datacenters"
CREATE UNIQUE INDEX `datacenter_company_id_name` ON `datacenters` (`company_id`, `name`);
-- create index "datacenter_company_id_code" to table: "datacenters"
CREATE UNIQUE INDEX `datacenter_company_id_code` ON `datacenters` (`company_id`, `code`);
-- create "new_refresh_tokens" table
CREATE TABLE `new_refresh_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `token_hash` text NOT NULL, `used_at` datetime NULL, `company_id` integer NOT NULL, `session_id` integer NOT NULL, CONSTRAINT `refresh_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `refresh_tokens_sessions_refresh_tokens` FOREIGN KEY (`session_id`) REFERENCES `sessions` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "refresh_tokens" to new temporary table "new_refresh_tokens"
INSERT INTO `new_refresh_tokens` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `token_hash`, `used_at`, `company_id`, `session_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `token_hash`, `used_at`, `company_id`, `session_id` FROM `refresh_tokens`;
-- drop "refresh_tokens" table after copying rows
DROP TABLE `refresh_tokens`;
-- rename temporary table "new_refresh_tokens" to "refresh_tokens"
ALTER TABLE `new_refresh_tokens` RENAME TO `refresh_tokens`;
-- create index "refreshtoken_company_id_token_hash" to table: "refresh_tokens"
CREATE UNIQUE INDEX `refreshtoken_company_id_token_hash` ON `refresh_tokens` (`company_id`, `token_hash`);
-- create "new_sessions" table
CREATE TABLE `new_sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, `company_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `sessions_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `sessions_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "sessions" to new temporary table "new_sessions"
INSERT INTO `new_sessions` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `expires_at`, `revoked_at`, `company_id`, `user_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `expires_at`, `revoked_at`, `company_id`, `user_id` FROM `sessions`;
-- drop "sessions" table after copying rows
DROP TABLE `sessions`;
-- rename temporary table "new_sessions" to "sessions"
ALTER TABLE `new_sessions` RENAME TO `sessions`;
-- create index "session_company_id_user_id" to table: "sessions"
CREATE INDEX `session_company_id_user_id` ON `sessions` (`company_id`, `user_id`);
-- create "new_users" table
CREATE TABLE `new_users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `email` text NOT NULL, `first_name` text NOT NULL DEFAULT (''), `last_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL DEFAULT (''), `is_active` bool NOT NULL DEFAULT (true), `is_admin` bool NOT NULL DEFAULT (false), `invitation_pending` bool NOT NULL DEFAULT (false), `last_login_at` datetime NULL, `company_id` integer NOT NULL, CONSTRAINT `users_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `email`, `first_name`, `last_name`, `password_hash`, `is_active`, `is_admin`, `invitation_pending`, `last_login_at`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `email`, `first_name`, `last_name`, `password_hash`, `is_active`, `is_admin`, `invitation_pending`, `last_login_at`, `company_id` FROM `users`;
-- drop "users" table after copying rows
DROP TABLE `users`;
-- rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- create index "user_company_id_email" to table: "users"
CREATE UNIQUE INDEX `user_company_id_email` ON `users` (`company_id`, `email`);
-- create "new_api_tokens" table
CREATE TABLE `new_api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `permissions` json NOT NULL, `expires_at` datetime NULL, `allowed_cidrs` json NOT NULL, `secret_hash` text NOT NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `company_id` integer NOT NULL, CONSTRAINT `api_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "api_tokens" to new temporary table "new_api_tokens"
INSERT INTO `new_api_tokens` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `permissions`, `expires_at`, `allowed_cidrs`, `secret_hash`, `last_used_at`, `revoked_at`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `permissions`, `expires_at`, `allowed_cidrs`, `secret_hash`, `last_used_at`, `revoked_at`, `company_id` FROM `api_tokens`;
-- drop "api_tokens" table after copying rows
DROP TABLE `api_tokens`;
-- rename temporary table "new_api_tokens" to "api_tokens"
ALTER TABLE `new_api_tokens` RENAME TO `api_tokens`;
-- create index "apitoken_company_id_created_at" to table: "api_tokens"
CREATE INDEX `apitoken_company_id_created_at` ON `api_tokens` (`company_id`, `created_at`);
-- create "new_security_events" table
CREATE TABLE `new_security_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `type` text NOT NULL, `actor_id` integer NULL, `api_token_id` integer NULL, `subject` text NOT NULL DEFAULT (''), `ip` text NOT NULL DEFAULT (''), `request_id` text NOT NULL DEFAULT (''), `company_id` integer NOT NULL, CONSTRAINT `security_events_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "security_events" to new temporary table "new_security_events"
INSERT INTO `new_security_events` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `type`, `actor_id`, `api_token_id`, `subject`, `ip`, `request_id`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `type`, `actor_id`, `api_token_id`, `subject`, `ip`, `request_id`, `company_id` FROM `security_events`;
-- drop "security_events" table after copying rows
DROP TABLE `security_events`;
-- rename temporary table "new_security_events" to "security_events"
ALTER TABLE `new_security_events` RENAME TO `security_events`;
-- create index "securityevent_company_id_created_at" to table: "security_events"
CREATE INDEX `securityevent_company_id_created_at` ON `security_events` (`company_id`, `created_at`);
-- create index "securityevent_company_id_type_created_at" to table: "security_events"
CREATE INDEX `securityevent_company_id_type_created_at` ON `security_events` (`company_id`, `type`, `created_at`);
-- create "new_teams" table
CREATE TABLE `new_teams` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `permissions` json NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `teams_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "teams" to new temporary table "new_teams"
INSERT INTO `new_teams` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `description`, `permissions`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `description`, `permissions`, `company_id` FROM `teams`;
-- drop "teams" table after copying rows
DROP TABLE `teams`;
-- rename temporary table "new_teams" to "teams"
ALTER TABLE `new_teams` RENAME TO `teams`;
-- create index "team_company_id_name" to table: "teams"
CREATE UNIQUE INDEX `team_company_id_name` ON `teams` (`company_id`, `name`);
-- create "new_team_memberships" table
CREATE TABLE `new_team_memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `company_id` integer NOT NULL, `team_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `team_memberships_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `team_memberships_teams_team` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE NO ACTION, CONSTRAINT `team_memberships_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "team_memberships" to new temporary table "new_team_memberships"
INSERT INTO `new_team_memberships` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `company_id`, `team_id`, `user_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `company_id`, `team_id`, `user_id` FROM `team_memberships`;
-- drop "team_memberships" table after copying rows
DROP TABLE `team_memberships`;
-- rename temporary table "new_team_memberships" to "team_memberships"
ALTER TABLE `new_team_memberships` RENAME TO `team_memberships`;
-- create index "teammembership_company_id_team_id_user_id" to table: "team_memberships"
CREATE UNIQUE INDEX `teammembership_company_id_team_id_user_id` ON `team_memberships` (`company_id`, `team_id`, `user_id`);
-- create index "teammembership_company_id_user_id" to table: "team_memberships"
CREATE INDEX `teammembership_company_id_user_id` ON `team_memberships` (`company_id`, `user_id`);
-- create "new_user_tokens" table
CREATE TABLE `new_user_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `kind` text NOT NULL, `token_hash` text NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `company_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `user_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `user_tokens_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "user_tokens" to new temporary table "new_user_tokens"
INSERT INTO `new_user_tokens` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `kind`, `token_hash`, `expires_at`, `used_at`, `company_id`, `user_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `kind`, `token_hash`, `expires_at`, `used_at`, `company_id`, `user_id` FROM `user_tokens`;
-- drop "user_tokens" table after copying rows
DROP TABLE `user_tokens`;
-- rename temporary table "new_user_tokens" to "user_tokens"
ALTER TABLE `new_user_tokens` RENAME TO `user_tokens`;
-- create index "usertoken_company_id_token_hash" to table: "user_tokens"
CREATE UNIQUE INDEX `usertoken_company_id_token_hash` ON `user_tokens` (`company_id`, `token_hash`);
-- create index "usertoken_company_id_user_id" to table: "user_tokens"
CREATE INDEX `usertoken_company_id_user_id` ON `user_tokens` (`company_id`, `user_id`);
-- create "new_assets" table
CREATE TABLE `new_assets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `code` text NOT NULL, `name` text NOT NULL, `asset_type` text NOT NULL, `status` integer NOT NULL, `serial_number` text NULL, `position` integer NULL, `face` text NULL, `u_height` integer NOT NULL DEFAULT (1), `full_depth` bool NOT NULL DEFAULT (true), `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, `parent_id` integer NULL, `rack_id` integer NULL, CONSTRAINT `assets_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_assets_children` FOREIGN KEY (`parent_id`) REFERENCES `assets` (`id`) ON DELETE SET NULL, CONSTRAINT `assets_racks_rack` FOREIGN KEY (`rack_id`) REFERENCES `racks` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "assets" to new temporary table "new_assets"
INSERT INTO `new_assets` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `code`, `name`, `asset_type`, `status`, `serial_number`, `position`, `face`, `u_height`, `full_depth`, `company_id`, `datacenter_id`, `parent_id`, `rack_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `code`, `name`, `asset_type`, `status`, `serial_number`, `position`, `face`, `u_height`, `full_depth`, `company_id`, `datacenter_id`, `parent_id`, `rack_id` FROM `assets`;
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
-- create "new_asset_placement_changes" table
CREATE TABLE `new_asset_placement_changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `from_rack_id` integer NULL, `from_rack_name` text NULL, `from_position` integer NULL, `from_face` text NULL, `to_rack_id` integer NULL, `to_rack_name` text NULL, `to_position` integer NULL, `to_face` text NULL, `asset_id` integer NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `asset_placement_changes_assets_placement_changes` FOREIGN KEY (`asset_id`) REFERENCES `assets` (`id`) ON DELETE NO ACTION, CONSTRAINT `asset_placement_changes_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "asset_placement_changes" to new temporary table "new_asset_placement_changes"
INSERT INTO `new_asset_placement_changes` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `from_rack_id`, `from_rack_name`, `from_position`, `from_face`, `to_rack_id`, `to_rack_name`, `to_position`, `to_face`, `asset_id`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `from_rack_id`, `from_rack_name`, `from_position`, `from_face`, `to_rack_id`, `to_rack_name`, `to_position`, `to_face`, `asset_id`, `company_id` FROM `asset_placement_changes`;
-- drop "asset_placement_changes" table after copying rows
DROP TABLE `asset_placement_changes`;
-- rename temporary table "new_asset_placement_changes" to "asset_placement_changes"
ALTER TABLE `new_asset_placement_changes` RENAME TO `asset_placement_changes`;
-- create index "assetplacementchange_company_id_asset_id_created_at" to table: "asset_placement_changes"
CREATE INDEX `assetplacementchange_company_id_asset_id_created_at` ON `asset_placement_changes` (`company_id`, `asset_id`, `created_at`);
-- create "new_racks" table
CREATE TABLE `new_racks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `facility_id` text NULL, `u_height` integer NOT NULL DEFAULT (42), `starting_unit` integer NOT NULL DEFAULT (1), `descending_units` bool NOT NULL DEFAULT (false), `status` text NOT NULL DEFAULT ('active'), `serial_number` text NULL, `asset_tag` text NULL, `max_weight_kg` integer NULL, `description` text NULL, `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, `room_id` integer NOT NULL, `row_id` integer NULL, CONSTRAINT `racks_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_rooms_room` FOREIGN KEY (`room_id`) REFERENCES `rooms` (`id`) ON DELETE NO ACTION, CONSTRAINT `racks_rack_rows_row` FOREIGN KEY (`row_id`) REFERENCES `rack_rows` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "racks" to new temporary table "new_racks"
INSERT INTO `new_racks` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `facility_id`, `u_height`, `starting_unit`, `descending_units`, `status`, `serial_number`, `asset_tag`, `max_weight_kg`, `description`, `company_id`, `datacenter_id`, `room_id`, `row_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `facility_id`, `u_height`, `starting_unit`, `descending_units`, `status`, `serial_number`, `asset_tag`, `max_weight_kg`, `description`, `company_id`, `datacenter_id`, `room_id`, `row_id` FROM `racks`;
-- drop "racks" table after copying rows
DROP TABLE `racks`;
-- rename temporary table "new_racks" to "racks"
ALTER TABLE `new_racks` RENAME TO `racks`;
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
-- create "new_rack_reservations" table
CREATE TABLE `new_rack_reservations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `position` integer NOT NULL, `u_height` integer NOT NULL, `face` text NOT NULL, `full_depth` bool NOT NULL DEFAULT (false), `description` text NOT NULL, `expires_at` datetime NULL, `company_id` integer NOT NULL, `rack_id` integer NOT NULL, CONSTRAINT `rack_reservations_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rack_reservations_racks_rack` FOREIGN KEY (`rack_id`) REFERENCES `racks` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "rack_reservations" to new temporary table "new_rack_reservations"
INSERT INTO `new_rack_reservations` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `position`, `u_height`, `face`, `full_depth`, `description`, `expires_at`, `company_id`, `rack_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `position`, `u_height`, `face`, `full_depth`, `description`, `expires_at`, `company_id`, `rack_id` FROM `rack_reservations`;
-- drop "rack_reservations" table after copying rows
DROP TABLE `rack_reservations`;
-- rename temporary table "new_rack_reservations" to "rack_reservations"
ALTER TABLE `new_rack_reservations` RENAME TO `rack_reservations`;
-- create index "rackreservation_company_id_rack_id" to table: "rack_reservations"
CREATE INDEX `rackreservation_company_id_rack_id` ON `rack_reservations` (`company_id`, `rack_id`);
-- create "new_rack_rows" table
CREATE TABLE `new_rack_rows` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `company_id` integer NOT NULL, `room_id` integer NOT NULL, CONSTRAINT `rack_rows_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rack_rows_rooms_room` FOREIGN KEY (`room_id`) REFERENCES `rooms` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "rack_rows" to new temporary table "new_rack_rows"
INSERT INTO `new_rack_rows` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `company_id`, `room_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `company_id`, `room_id` FROM `rack_rows`;
-- drop "rack_rows" table after copying rows
DROP TABLE `rack_rows`;
-- rename temporary table "new_rack_rows" to "rack_rows"
ALTER TABLE `new_rack_rows` RENAME TO `rack_rows`;
-- create index "rackrow_company_id_room_id_name" to table: "rack_rows"
CREATE UNIQUE INDEX `rackrow_company_id_room_id_name` ON `rack_rows` (`company_id`, `room_id`, `name`);
-- create "new_rooms" table
CREATE TABLE `new_rooms` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `code` text NOT NULL, `floor` text NULL, `description` text NULL, `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, CONSTRAINT `rooms_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `rooms_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "rooms" to new temporary table "new_rooms"
INSERT INTO `new_rooms` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `code`, `floor`, `description`, `company_id`, `datacenter_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `name`, `code`, `floor`, `description`, `company_id`, `datacenter_id` FROM `rooms`;
-- drop "rooms" table after copying rows
DROP TABLE `rooms`;
-- rename temporary table "new_rooms" to "rooms"
ALTER TABLE `new_rooms` RENAME TO `rooms`;
-- create index "room_company_id_datacenter_id_code" to table: "rooms"
CREATE UNIQUE INDEX `room_company_id_datacenter_id_code` ON `rooms` (`company_id`, `datacenter_id`, `code`);
-- create "new_mail_messages" table
CREATE TABLE `new_mail_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `to_address` text NOT NULL, `subject` text NOT NULL, `body` text NOT NULL, `sent_at` datetime NULL, `attempts` integer NOT NULL DEFAULT (0), `company_id` integer NOT NULL, CONSTRAINT `mail_messages_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "mail_messages" to new temporary table "new_mail_messages"
INSERT INTO `new_mail_messages` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `to_address`, `subject`, `body`, `sent_at`, `attempts`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `to_address`, `subject`, `body`, `sent_at`, `attempts`, `company_id` FROM `mail_messages`;
-- drop "mail_messages" table after copying rows
DROP TABLE `mail_messages`;
-- rename temporary table "new_mail_messages" to "mail_messages"
ALTER TABLE `new_mail_messages` RENAME TO `mail_messages`;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create "new_mail_messages" table
DROP TABLE `new_mail_messages`;
-- reverse: create index "room_company_id_datacenter_id_code" to table: "rooms"
DROP INDEX `room_company_id_datacenter_id_code`;
-- reverse: create "new_rooms" table
DROP TABLE `new_rooms`;
-- reverse: create index "rackrow_company_id_room_id_name" to table: "rack_rows"
DROP INDEX `rackrow_company_id_room_id_name`;
-- reverse: create "new_rack_rows" table
DROP TABLE `new_rack_rows`;
-- reverse: create index "rackreservation_company_id_rack_id" to table: "rack_reservations"
DROP INDEX `rackreservation_company_id_rack_id`;
-- reverse: create "new_rack_reservations" table
DROP TABLE `new_rack_reservations`;
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
-- reverse: create "new_racks" table
DROP TABLE `new_racks`;
-- reverse: create index "assetplacementchange_company_id_asset_id_created_at" to table: "asset_placement_changes"
DROP INDEX `assetplacementchange_company_id_asset_id_created_at`;
-- reverse: create "new_asset_placement_changes" table
DROP TABLE `new_asset_placement_changes`;
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
-- reverse: create index "usertoken_company_id_user_id" to table: "user_tokens"
DROP INDEX `usertoken_company_id_user_id`;
-- reverse: create index "usertoken_company_id_token_hash" to table: "user_tokens"
DROP INDEX `usertoken_company_id_token_hash`;
-- reverse: create "new_user_tokens" table
DROP TABLE `new_user_tokens`;
-- reverse: create index "teammembership_company_id_user_id" to table: "team_memberships"
DROP INDEX `teammembership_company_id_user_id`;
-- reverse: create index "teammembership_company_id_team_id_user_id" to table: "team_memberships"
DROP INDEX `teammembership_company_id_team_id_user_id`;
-- reverse: create "new_team_memberships" table
DROP TABLE `new_team_memberships`;
-- reverse: create index "team_company_id_name" to table: "teams"
DROP INDEX `team_company_id_name`;
-- reverse: create "new_teams" table
DROP TABLE `new_teams`;
-- reverse: create index "securityevent_company_id_type_created_at" to table: "security_events"
DROP INDEX `securityevent_company_id_type_created_at`;
-- reverse: create index "securityevent_company_id_created_at" to table: "security_events"
DROP INDEX `securityevent_company_id_created_at`;
-- reverse: create "new_security_events" table
DROP TABLE `new_security_events`;
-- reverse: create index "apitoken_company_id_created_at" to table: "api_tokens"
DROP INDEX `apitoken_company_id_created_at`;
-- reverse: create "new_api_tokens" table
DROP TABLE `new_api_tokens`;
-- reverse: create index "user_company_id_email" to table: "users"
DROP INDEX `user_company_id_email`;
-- reverse: create "new_users" table
DROP TABLE `new_users`;
-- reverse: create index "session_company_id_user_id" to table: "sessions"
DROP INDEX `session_company_id_user_id`;
-- reverse: create "new_sessions" table
DROP TABLE `new_sessions`;
-- reverse: create index "refreshtoken_company_id_token_hash" to table: "refresh_tokens"
DROP INDEX `refreshtoken_company_id_token_hash`;
-- reverse: create "new_refresh_tokens" table
DROP TABLE `new_refresh_tokens`;
-- reverse: create index "datacenter_company_id_code" to table: "datacenters"
DROP INDEX `datacenter_company_id_code`;
-- reverse: create index "datacenter_company_id_name" to table: "datacenters"
DROP INDEX `datacenter_company_id_name`;
-- reverse: create "new_datacenters" table
DROP TABLE `new_datacenters`;
-- reverse: create index "assetstatuschange_company_id_asset_id_created_at" to table: "asset_status_changes"
DROP INDEX `assetstatuschange_company_id_asset_id_created_at`;
-- reverse: create "new_asset_status_changes" table
DROP TABLE `new_asset_status_changes`;
-- reverse: create index "assetcodecounter_company_id_asset_type" to table: "asset_code_counters"
DROP INDEX `assetcodecounter_company_id_asset_type`;
-- reverse: create "new_asset_code_counters" table
DROP TABLE `new_asset_code_counters`;
