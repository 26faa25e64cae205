-- +goose Up
-- create function "binora_tenant"
CREATE FUNCTION "binora_tenant"() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT NULLIF(current_setting('binora.company_id', true), '')::bigint $$;
-- create function "binora_platform"
CREATE FUNCTION "binora_platform"() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT coalesce(current_setting('binora.platform', true), '') = 'on' $$;
-- add unique constraint "assets_tenant_key" to table: "assets"
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "datacenters_tenant_key" to table: "datacenters"
ALTER TABLE "datacenters" ADD CONSTRAINT "datacenters_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "sessions_tenant_key" to table: "sessions"
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "teams_tenant_key" to table: "teams"
ALTER TABLE "teams" ADD CONSTRAINT "teams_tenant_key" UNIQUE ("company_id", "id");
-- add unique constraint "users_tenant_key" to table: "users"
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_key" UNIQUE ("company_id", "id");
-- add foreign key "asset_status_changes_asset_id_tenant_fk" to table: "asset_status_changes"
ALTER TABLE "asset_status_changes" ADD CONSTRAINT "asset_status_changes_asset_id_tenant_fk" FOREIGN KEY ("company_id", "asset_id") REFERENCES "assets" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "assets_datacenter_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" ADD CONSTRAINT "assets_datacenter_id_tenant_fk" FOREIGN KEY ("company_id", "datacenter_id") REFERENCES "datacenters" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "assets_parent_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" ADD CONSTRAINT "assets_parent_id_tenant_fk" FOREIGN KEY ("company_id", "parent_id") REFERENCES "assets" ("company_id", "id") ON UPDATE NO ACTION ON DELETE SET NULL ("parent_id");
-- add foreign key "refresh_tokens_session_id_tenant_fk" to table: "refresh_tokens"
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_tenant_fk" FOREIGN KEY ("company_id", "session_id") REFERENCES "sessions" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "sessions_user_id_tenant_fk" to table: "sessions"
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_tenant_fk" FOREIGN KEY ("company_id", "user_id") REFERENCES "users" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "team_memberships_team_id_tenant_fk" to table: "team_memberships"
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_team_id_tenant_fk" FOREIGN KEY ("company_id", "team_id") REFERENCES "teams" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "team_memberships_user_id_tenant_fk" to table: "team_memberships"
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_user_id_tenant_fk" FOREIGN KEY ("company_id", "user_id") REFERENCES "users" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- add foreign key "user_tokens_user_id_tenant_fk" to table: "user_tokens"
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_tenant_fk" FOREIGN KEY ("company_id", "user_id") REFERENCES "users" ("company_id", "id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- enable row level security on table: "api_tokens"
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "asset_code_counters"
ALTER TABLE "asset_code_counters" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "asset_status_changes"
ALTER TABLE "asset_status_changes" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "assets"
ALTER TABLE "assets" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "companies"
ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "datacenters"
ALTER TABLE "datacenters" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "mail_messages"
ALTER TABLE "mail_messages" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "refresh_tokens"
ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "security_events"
ALTER TABLE "security_events" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "sessions"
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "team_memberships"
ALTER TABLE "team_memberships" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "teams"
ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "user_tokens"
ALTER TABLE "user_tokens" ENABLE ROW LEVEL SECURITY;
-- enable row level security on table: "users"
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
-- create policy "tenant_isolation" on table: "api_tokens"
CREATE POLICY "tenant_isolation" ON "api_tokens" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "asset_code_counters"
CREATE POLICY "tenant_isolation" ON "asset_code_counters" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "asset_status_changes"
CREATE POLICY "tenant_isolation" ON "asset_status_changes" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "assets"
CREATE POLICY "tenant_isolation" ON "assets" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "datacenters"
CREATE POLICY "tenant_isolation" ON "datacenters" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "mail_messages"
CREATE POLICY "tenant_isolation" ON "mail_messages" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "refresh_tokens"
CREATE POLICY "tenant_isolation" ON "refresh_tokens" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "security_events"
CREATE POLICY "tenant_isolation" ON "security_events" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "sessions"
CREATE POLICY "tenant_isolation" ON "sessions" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "team_memberships"
CREATE POLICY "tenant_isolation" ON "team_memberships" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "teams"
CREATE POLICY "tenant_isolation" ON "teams" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "user_tokens"
CREATE POLICY "tenant_isolation" ON "user_tokens" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_isolation" on table: "users"
CREATE POLICY "tenant_isolation" ON "users" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());
-- create policy "tenant_own_company" on table: "companies"
CREATE POLICY "tenant_own_company" ON "companies" FOR SELECT USING (id = binora_tenant());
-- create policy "platform_companies" on table: "companies"
CREATE POLICY "platform_companies" ON "companies" FOR ALL USING (binora_platform()) WITH CHECK (binora_platform());
-- create policy "platform_resolve_api_token" on table: "api_tokens"
CREATE POLICY "platform_resolve_api_token" ON "api_tokens" FOR SELECT USING (binora_platform());

-- +goose Down
-- reverse: create policy "platform_resolve_api_token" on table: "api_tokens"
DROP POLICY "platform_resolve_api_token" ON "api_tokens";
-- reverse: create policy "platform_companies" on table: "companies"
DROP POLICY "platform_companies" ON "companies";
-- reverse: create policy "tenant_own_company" on table: "companies"
DROP POLICY "tenant_own_company" ON "companies";
-- reverse: create policy "tenant_isolation" on table: "users"
DROP POLICY "tenant_isolation" ON "users";
-- reverse: create policy "tenant_isolation" on table: "user_tokens"
DROP POLICY "tenant_isolation" ON "user_tokens";
-- reverse: create policy "tenant_isolation" on table: "teams"
DROP POLICY "tenant_isolation" ON "teams";
-- reverse: create policy "tenant_isolation" on table: "team_memberships"
DROP POLICY "tenant_isolation" ON "team_memberships";
-- reverse: create policy "tenant_isolation" on table: "sessions"
DROP POLICY "tenant_isolation" ON "sessions";
-- reverse: create policy "tenant_isolation" on table: "security_events"
DROP POLICY "tenant_isolation" ON "security_events";
-- reverse: create policy "tenant_isolation" on table: "refresh_tokens"
DROP POLICY "tenant_isolation" ON "refresh_tokens";
-- reverse: create policy "tenant_isolation" on table: "mail_messages"
DROP POLICY "tenant_isolation" ON "mail_messages";
-- reverse: create policy "tenant_isolation" on table: "datacenters"
DROP POLICY "tenant_isolation" ON "datacenters";
-- reverse: create policy "tenant_isolation" on table: "assets"
DROP POLICY "tenant_isolation" ON "assets";
-- reverse: create policy "tenant_isolation" on table: "asset_status_changes"
DROP POLICY "tenant_isolation" ON "asset_status_changes";
-- reverse: create policy "tenant_isolation" on table: "asset_code_counters"
DROP POLICY "tenant_isolation" ON "asset_code_counters";
-- reverse: create policy "tenant_isolation" on table: "api_tokens"
DROP POLICY "tenant_isolation" ON "api_tokens";
-- reverse: enable row level security on table: "users"
ALTER TABLE "users" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "user_tokens"
ALTER TABLE "user_tokens" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "teams"
ALTER TABLE "teams" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "team_memberships"
ALTER TABLE "team_memberships" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "sessions"
ALTER TABLE "sessions" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "security_events"
ALTER TABLE "security_events" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "refresh_tokens"
ALTER TABLE "refresh_tokens" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "mail_messages"
ALTER TABLE "mail_messages" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "datacenters"
ALTER TABLE "datacenters" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "companies"
ALTER TABLE "companies" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "assets"
ALTER TABLE "assets" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "asset_status_changes"
ALTER TABLE "asset_status_changes" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "asset_code_counters"
ALTER TABLE "asset_code_counters" DISABLE ROW LEVEL SECURITY;
-- reverse: enable row level security on table: "api_tokens"
ALTER TABLE "api_tokens" DISABLE ROW LEVEL SECURITY;
-- reverse: add foreign key "user_tokens_user_id_tenant_fk" to table: "user_tokens"
ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_user_id_tenant_fk";
-- reverse: add foreign key "team_memberships_user_id_tenant_fk" to table: "team_memberships"
ALTER TABLE "team_memberships" DROP CONSTRAINT "team_memberships_user_id_tenant_fk";
-- reverse: add foreign key "team_memberships_team_id_tenant_fk" to table: "team_memberships"
ALTER TABLE "team_memberships" DROP CONSTRAINT "team_memberships_team_id_tenant_fk";
-- reverse: add foreign key "sessions_user_id_tenant_fk" to table: "sessions"
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_tenant_fk";
-- reverse: add foreign key "refresh_tokens_session_id_tenant_fk" to table: "refresh_tokens"
ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_session_id_tenant_fk";
-- reverse: add foreign key "assets_parent_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" DROP CONSTRAINT "assets_parent_id_tenant_fk";
-- reverse: add foreign key "assets_datacenter_id_tenant_fk" to table: "assets"
ALTER TABLE "assets" DROP CONSTRAINT "assets_datacenter_id_tenant_fk";
-- reverse: add foreign key "asset_status_changes_asset_id_tenant_fk" to table: "asset_status_changes"
ALTER TABLE "asset_status_changes" DROP CONSTRAINT "asset_status_changes_asset_id_tenant_fk";
-- reverse: add unique constraint "users_tenant_key" to table: "users"
ALTER TABLE "users" DROP CONSTRAINT "users_tenant_key";
-- reverse: add unique constraint "teams_tenant_key" to table: "teams"
ALTER TABLE "teams" DROP CONSTRAINT "teams_tenant_key";
-- reverse: add unique constraint "sessions_tenant_key" to table: "sessions"
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_tenant_key";
-- reverse: add unique constraint "datacenters_tenant_key" to table: "datacenters"
ALTER TABLE "datacenters" DROP CONSTRAINT "datacenters_tenant_key";
-- reverse: add unique constraint "assets_tenant_key" to table: "assets"
ALTER TABLE "assets" DROP CONSTRAINT "assets_tenant_key";
-- reverse: create function "binora_platform"
DROP FUNCTION "binora_platform"();
-- reverse: create function "binora_tenant"
DROP FUNCTION "binora_tenant"();
