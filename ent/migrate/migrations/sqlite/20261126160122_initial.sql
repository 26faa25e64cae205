-- +goose Up
-- create "assets" table
CREATE TABLE `assets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `code` text NOT NULL, `name` text NOT NULL, `asset_type` text NOT NULL, `status` integer NOT NULL, `serial_number` text NULL, `company_id` integer NOT NULL, `datacenter_id` integer NOT NULL, `parent_id` integer NULL, CONSTRAINT `assets_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_datacenters_datacenter` FOREIGN KEY (`datacenter_id`) REFERENCES `datacenters` (`id`) ON DELETE NO ACTION, CONSTRAINT `assets_assets_children` FOREIGN KEY (`parent_id`) REFERENCES `assets` (`id`) ON DELETE SET NULL);
-- create index "asset_company_id_code" to table: "assets"
CREATE UNIQUE INDEX `asset_company_id_code` ON `assets` (`company_id`, `code`);
-- create index "asset_company_id_status" to table: "assets"
CREATE INDEX `asset_company_id_status` ON `assets` (`company_id`, `status`);
-- create index "asset_company_id_asset_type" to table: "assets"
CREATE INDEX `asset_company_id_asset_type` ON `assets` (`company_id`, `asset_type`);
-- create index "asset_company_id_datacenter_id" to table: "assets"
CREATE INDEX `asset_company_id_datacenter_id` ON `assets` (`company_id`, `datacenter_id`);
-- create "asset_code_counters" table
CREATE TABLE `asset_code_counters` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `asset_type` text NOT NULL, `last_value` integer NOT NULL DEFAULT (0), `company_id` integer NOT NULL, CONSTRAINT `asset_code_counters_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "assetcodecounter_company_id_asset_type" to table: "asset_code_counters"
CREATE UNIQUE INDEX `assetcodecounter_company_id_asset_type` ON `asset_code_counters` (`company_id`, `asset_type`);
-- create "asset_status_changes" table
CREATE TABLE `asset_status_changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `from_status` integer NOT NULL, `to_status` integer NOT NULL, `reason` text NOT NULL DEFAULT (''), `asset_id` integer NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `asset_status_changes_assets_status_changes` FOREIGN KEY (`asset_id`) REFERENCES `assets` (`id`) ON DELETE NO ACTION, CONSTRAINT `asset_status_changes_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "assetstatuschange_company_id_asset_id_created_at" to table: "asset_status_changes"
CREATE INDEX `assetstatuschange_company_id_asset_id_created_at` ON `asset_status_changes` (`company_id`, `asset_id`, `created_at`);
-- create "companies" table
CREATE TABLE `companies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `subdomain` text NOT NULL, `is_active` bool NOT NULL DEFAULT (true), `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL);
-- create index "companies_subdomain_key" to table: "companies"
CREATE UNIQUE INDEX `companies_subdomain_key` ON `companies` (`subdomain`);
-- create "datacenters" table
CREATE TABLE `datacenters` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `code` text NOT NULL, `address` text NULL, `company_id` integer NOT NULL, CONSTRAINT `datacenters_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "datacenter_company_id_name" to table: "datacenters"
CREATE UNIQUE INDEX `datacenter_company_id_name` ON `datacenters` (`company_id`, `name`);
-- create index "datacenter_company_id_code" to table: "datacenters"
CREATE UNIQUE INDEX `datacenter_company_id_code` ON `datacenters` (`company_id`, `code`);
-- create "refresh_tokens" table
CREATE TABLE `refresh_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `token_hash` text NOT NULL, `used_at` datetime NULL, `company_id` integer NOT NULL, `session_id` integer NOT NULL, CONSTRAINT `refresh_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `refresh_tokens_sessions_refresh_tokens` FOREIGN KEY (`session_id`) REFERENCES `sessions` (`id`) ON DELETE NO ACTION);
-- create index "refreshtoken_company_id_token_hash" to table: "refresh_tokens"
CREATE UNIQUE INDEX `refreshtoken_company_id_token_hash` ON `refresh_tokens` (`company_id`, `token_hash`);
-- create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, `company_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `sessions_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `sessions_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "session_company_id_user_id" to table: "sessions"
CREATE INDEX `session_company_id_user_id` ON `sessions` (`company_id`, `user_id`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `email` text NOT NULL, `first_name` text NOT NULL DEFAULT (''), `last_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL DEFAULT (''), `is_active` bool NOT NULL DEFAULT (true), `is_admin` bool NOT NULL DEFAULT (false), `last_login_at` datetime NULL, `company_id` integer NOT NULL, CONSTRAINT `users_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "user_company_id_email" to table: "users"
CREATE UNIQUE INDEX `user_company_id_email` ON `users` (`company_id`, `email`);

-- +goose Down
-- reverse: create index "user_company_id_email" to table: "users"
DROP INDEX `user_company_id_email`;
-- reverse: create "users" table
DROP TABLE `users`;
-- reverse: create index "session_company_id_user_id" to table: "sessions"
DROP INDEX `session_company_id_user_id`;
-- reverse: create "sessions" table
DROP TABLE `sessions`;
-- reverse: create index "refreshtoken_company_id_token_hash" to table: "refresh_tokens"
DROP INDEX `refreshtoken_company_id_token_hash`;
-- reverse: create "refresh_tokens" table
DROP TABLE `refresh_tokens`;
-- reverse: create index "datacenter_company_id_code" to table: "datacenters"
DROP INDEX `datacenter_company_id_code`;
-- reverse: create index "datacenter_company_id_name" to table: "datacenters"
DROP INDEX `datacenter_company_id_name`;
-- reverse: create "datacenters" table
DROP TABLE `datacenters`;
-- reverse: create index "companies_subdomain_key" to table: "companies"
DROP INDEX `companies_subdomain_key`;
-- reverse: create "companies" table
DROP TABLE `companies`;
-- reverse: create index "assetstatuschange_company_id_asset_id_created_at" to table: "asset_status_changes"
DROP INDEX `assetstatuschange_company_id_asset_id_created_at`;
-- reverse: create "asset_status_changes" table
DROP TABLE `asset_status_changes`;
-- reverse: create index "assetcodecounter_company_id_asset_type" to table: "asset_code_counters"
DROP INDEX `assetcodecounter_company_id_asset_type`;
-- reverse: create "asset_code_counters" table
DROP TABLE `asset_code_counters`;
-- reverse: create index "asset_company_id_datacenter_id" to table: "assets"
DROP INDEX `asset_company_id_datacenter_id`;
-- reverse: create index "asset_company_id_asset_type" to table: "assets"
DROP INDEX `asset_company_id_asset_type`;
-- reverse: create index "asset_company_id_status" to table: "assets"
DROP INDEX `asset_company_id_status`;
-- reverse: create index "asset_company_id_code" to table: "assets"
DROP INDEX `asset_company_id_code`;
-- reverse: create "assets" table
DROP TABLE `assets`;
