-- +goose Up
-- create index "asset_company_id_asset_type_status_code_id" to table: "assets"
CREATE INDEX `asset_company_id_asset_type_status_code_id` ON `assets` (`company_id`, `asset_type`, `status`, `code`, `id`);

-- +goose Down
-- reverse: create index "asset_company_id_asset_type_status_code_id" to table: "assets"
DROP INDEX `asset_company_id_asset_type_status_code_id`;
