-- +goose Up
-- modify "api_tokens" table
ALTER TABLE "api_tokens" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "asset_code_counters" table
ALTER TABLE "asset_code_counters" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "asset_placement_changes" table
ALTER TABLE "asset_placement_changes" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "asset_status_changes" table
ALTER TABLE "asset_status_changes" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "assets" table
ALTER TABLE "assets" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "datacenters" table
ALTER TABLE "datacenters" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "mail_messages" table
ALTER TABLE "mail_messages" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "rack_reservations" table
ALTER TABLE "rack_reservations" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "rack_rows" table
ALTER TABLE "rack_rows" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "racks" table
ALTER TABLE "racks" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "refresh_tokens" table
ALTER TABLE "refresh_tokens" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "rooms" table
ALTER TABLE "rooms" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "security_events" table
ALTER TABLE "security_events" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "sessions" table
ALTER TABLE "sessions" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "team_memberships" table
ALTER TABLE "team_memberships" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "teams" table
ALTER TABLE "teams" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "user_tokens" table
ALTER TABLE "user_tokens" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
-- modify "users" table
ALTER TABLE "users" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;

-- +goose Down
-- reverse: modify "users" table
ALTER TABLE "users" DROP COLUMN "version";
-- reverse: modify "user_tokens" table
ALTER TABLE "user_tokens" DROP COLUMN "version";
-- reverse: modify "teams" table
ALTER TABLE "teams" DROP COLUMN "version";
-- reverse: modify "team_memberships" table
ALTER TABLE "team_memberships" DROP COLUMN "version";
-- reverse: modify "sessions" table
ALTER TABLE "sessions" DROP COLUMN "version";
-- reverse: modify "security_events" table
ALTER TABLE "security_events" DROP COLUMN "version";
-- reverse: modify "rooms" table
ALTER TABLE "rooms" DROP COLUMN "version";
-- reverse: modify "refresh_tokens" table
ALTER TABLE "refresh_tokens" DROP COLUMN "version";
-- reverse: modify "racks" table
ALTER TABLE "racks" DROP COLUMN "version";
-- reverse: modify "rack_rows" table
ALTER TABLE "rack_rows" DROP COLUMN "version";
-- reverse: modify "rack_reservations" table
ALTER TABLE "rack_reservations" DROP COLUMN "version";
-- reverse: modify "mail_messages" table
ALTER TABLE "mail_messages" DROP COLUMN "version";
-- reverse: modify "datacenters" table
ALTER TABLE "datacenters" DROP COLUMN "version";
-- reverse: modify "assets" table
ALTER TABLE "assets" DROP COLUMN "version";
-- reverse: modify "asset_status_changes" table
ALTER TABLE "asset_status_changes" DROP COLUMN "version";
-- reverse: modify "asset_placement_changes" table
ALTER TABLE "asset_placement_changes" DROP COLUMN "version";
-- reverse: modify "asset_code_counters" table
ALTER TABLE "asset_code_counters" DROP COLUMN "version";
-- reverse: modify "api_tokens" table
ALTER TABLE "api_tokens" DROP COLUMN "version";
