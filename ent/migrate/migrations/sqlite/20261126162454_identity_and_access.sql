-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_users" table
CREATE TABLE `new_users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `email` text NOT NULL, `first_name` text NOT NULL DEFAULT (''), `last_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL DEFAULT (''), `is_active` bool NOT NULL DEFAULT (true), `is_admin` bool NOT NULL DEFAULT (false), `invitation_pending` bool NOT NULL DEFAULT (false), `last_login_at` datetime NULL, `company_id` integer NOT NULL, CONSTRAINT `users_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `email`, `first_name`, `last_name`, `password_hash`, `is_active`, `is_admin`, `last_login_at`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `email`, `first_name`, `last_name`, `password_hash`, `is_active`, `is_admin`, `last_login_at`, `company_id` FROM `users`;
-- drop "users" table after copying rows
DROP TABLE `users`;
-- rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- create index "user_company_id_email" to table: "users"
CREATE UNIQUE INDEX `user_company_id_email` ON `users` (`company_id`, `email`);
-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `permissions` json NOT NULL, `expires_at` datetime NULL, `allowed_cidrs` json NOT NULL, `secret_hash` text NOT NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `company_id` integer NOT NULL, CONSTRAINT `api_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "apitoken_company_id_created_at" to table: "api_tokens"
CREATE INDEX `apitoken_company_id_created_at` ON `api_tokens` (`company_id`, `created_at`);
-- create "mail_messages" table
CREATE TABLE `mail_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `to_address` text NOT NULL, `subject` text NOT NULL, `body` text NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `mail_messages_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create "security_events" table
CREATE TABLE `security_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `type` text NOT NULL, `actor_id` integer NULL, `subject` text NOT NULL DEFAULT (''), `ip` text NOT NULL DEFAULT (''), `request_id` text NOT NULL DEFAULT (''), `company_id` integer NOT NULL, CONSTRAINT `security_events_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "securityevent_company_id_created_at" to table: "security_events"
CREATE INDEX `securityevent_company_id_created_at` ON `security_events` (`company_id`, `created_at`);
-- create index "securityevent_company_id_type_created_at" to table: "security_events"
CREATE INDEX `securityevent_company_id_type_created_at` ON `security_events` (`company_id`, `type`, `created_at`);
-- create "teams" table
CREATE TABLE `teams` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `permissions` json NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `teams_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "team_company_id_name" to table: "teams"
CREATE UNIQUE INDEX `team_company_id_name` ON `teams` (`company_id`, `name`);
-- create "team_memberships" table
CREATE TABLE `team_memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `company_id` integer NOT NULL, `team_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `team_memberships_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `team_memberships_teams_team` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE NO ACTION, CONSTRAINT `team_memberships_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "teammembership_company_id_team_id_user_id" to table: "team_memberships"
CREATE UNIQUE INDEX `teammembership_company_id_team_id_user_id` ON `team_memberships` (`company_id`, `team_id`, `user_id`);
-- create index "teammembership_company_id_user_id" to table: "team_memberships"
CREATE INDEX `teammembership_company_id_user_id` ON `team_memberships` (`company_id`, `user_id`);
-- create "user_tokens" table
CREATE TABLE `user_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `kind` text NOT NULL, `token_hash` text NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `company_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `user_tokens_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION, CONSTRAINT `user_tokens_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "usertoken_company_id_token_hash" to table: "user_tokens"
CREATE UNIQUE INDEX `usertoken_company_id_token_hash` ON `user_tokens` (`company_id`, `token_hash`);
-- create index "usertoken_company_id_user_id" to table: "user_tokens"
CREATE INDEX `usertoken_company_id_user_id` ON `user_tokens` (`company_id`, `user_id`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "usertoken_company_id_user_id" to table: "user_tokens"
DROP INDEX `usertoken_company_id_user_id`;
-- reverse: create index "usertoken_company_id_token_hash" to table: "user_tokens"
DROP INDEX `usertoken_company_id_token_hash`;
-- reverse: create "user_tokens" table
DROP TABLE `user_tokens`;
-- reverse: create index "teammembership_company_id_user_id" to table: "team_memberships"
DROP INDEX `teammembership_company_id_user_id`;
-- reverse: create index "teammembership_company_id_team_id_user_id" to table: "team_memberships"
DROP INDEX `teammembership_company_id_team_id_user_id`;
-- reverse: create "team_memberships" table
DROP TABLE `team_memberships`;
-- reverse: create index "team_company_id_name" to table: "teams"
DROP INDEX `team_company_id_name`;
-- reverse: create "teams" table
DROP TABLE `teams`;
-- reverse: create index "securityevent_company_id_type_created_at" to table: "security_events"
DROP INDEX `securityevent_company_id_type_created_at`;
-- reverse: create index "securityevent_company_id_created_at" to table: "security_events"
DROP INDEX `securityevent_company_id_created_at`;
-- reverse: create "security_events" table
DROP TABLE `security_events`;
-- reverse: create "mail_messages" table
DROP TABLE `mail_messages`;
-- reverse: create index "apitoken_company_id_created_at" to table: "api_tokens"
DROP INDEX `apitoken_company_id_created_at`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;
-- reverse: create index "user_company_id_email" to table: "users"
DROP INDEX `user_company_id_email`;
-- reverse: create "new_users" table
DROP TABLE `new_users`;
