-- +goose Up
-- create index "asset_company_id_status_id" to table: "assets"
CREATE INDEX `asset_company_id_status_id` ON `assets` (`company_id`, `status`, `id`);
-- create index "asset_company_id_status_code" to table: "assets"
CREATE INDEX `asset_company_id_status_code` ON `assets` (`company_id`, `status`, `code`);
-- create index "asset_company_id_name_id" to table: "assets"
CREATE INDEX `asset_company_id_name_id` ON `assets` (`company_id`, `name`, `id`);
-- create index "asset_company_id_created_at_id" to table: "assets"
CREATE INDEX `asset_company_id_created_at_id` ON `assets` (`company_id`, `created_at`, `id`);
-- create index "asset_company_id_updated_at_id" to table: "assets"
CREATE INDEX `asset_company_id_updated_at_id` ON `assets` (`company_id`, `updated_at`, `id`);

-- +goose Down
-- reverse: create index "asset_company_id_updated_at_id" to table: "assets"
DROP INDEX `asset_company_id_updated_at_id`;
-- reverse: create index "asset_company_id_created_at_id" to table: "assets"
DROP INDEX `asset_company_id_created_at_id`;
-- reverse: create index "asset_company_id_name_id" to table: "assets"
DROP INDEX `asset_company_id_name_id`;
-- reverse: create index "asset_company_id_status_code" to table: "assets"
DROP INDEX `asset_company_id_status_code`;
-- reverse: create index "asset_company_id_status_id" to table: "assets"
DROP INDEX `asset_company_id_status_id`;
