-- +goose Up
-- modify "security_events" table
ALTER TABLE "security_events" ADD COLUMN "api_token_id" bigint NULL;

-- +goose Down
-- reverse: modify "security_events" table
ALTER TABLE "security_events" DROP COLUMN "api_token_id";
