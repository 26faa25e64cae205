-- +goose Up
-- add column "api_token_id" to table: "security_events"
ALTER TABLE `security_events` ADD COLUMN `api_token_id` integer NULL;

-- +goose Down
-- reverse: add column "api_token_id" to table: "security_events"
ALTER TABLE `security_events` DROP COLUMN `api_token_id`;
