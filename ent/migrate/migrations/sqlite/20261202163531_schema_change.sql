-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_mail_messages" table
CREATE TABLE `new_mail_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `to_address` text NOT NULL, `subject` text NOT NULL, `body` text NOT NULL, `sent_at` datetime NULL, `attempts` integer NOT NULL DEFAULT (0), `company_id` integer NOT NULL, CONSTRAINT `mail_messages_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "mail_messages" to new temporary table "new_mail_messages"
INSERT INTO `new_mail_messages` (`id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `to_address`, `subject`, `body`, `company_id`) SELECT `id`, `created_at`, `updated_at`, `created_by`, `updated_by`, `to_address`, `subject`, `body`, `company_id` FROM `mail_messages`;
-- drop "mail_messages" table after copying rows
DROP TABLE `mail_messages`;
-- rename temporary table "new_mail_messages" to "mail_messages"
ALTER TABLE `new_mail_messages` RENAME TO `mail_messages`;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create "new_mail_messages" table
DROP TABLE `new_mail_messages`;
