-- +goose Up
-- create "idempotency_keys" table
CREATE TABLE `idempotency_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` integer NULL, `updated_by` integer NULL, `version` integer NOT NULL DEFAULT (1), `key` text NOT NULL, `operation` text NOT NULL, `fingerprint` text NOT NULL, `status_code` integer NULL, `response_body` text NULL, `response_etag` text NULL, `expires_at` datetime NOT NULL, `company_id` integer NOT NULL, CONSTRAINT `idempotency_keys_companies_company` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE NO ACTION);
-- create index "idempotencykey_company_id_key" to table: "idempotency_keys"
CREATE UNIQUE INDEX `idempotencykey_company_id_key` ON `idempotency_keys` (`company_id`, `key`);
-- create index "idempotencykey_company_id_expires_at" to table: "idempotency_keys"
CREATE INDEX `idempotencykey_company_id_expires_at` ON `idempotency_keys` (`company_id`, `expires_at`);

-- +goose Down
-- reverse: create index "idempotencykey_company_id_expires_at" to table: "idempotency_keys"
DROP INDEX `idempotencykey_company_id_expires_at`;
-- reverse: create index "idempotencykey_company_id_key" to table: "idempotency_keys"
DROP INDEX `idempotencykey_company_id_key`;
-- reverse: create "idempotency_keys" table
DROP TABLE `idempotency_keys`;
