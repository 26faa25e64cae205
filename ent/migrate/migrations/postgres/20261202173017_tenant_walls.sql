-- +goose Up
-- enable row level security on table: "idempotency_keys"
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
-- create policy "tenant_isolation" on table: "idempotency_keys"
CREATE POLICY "tenant_isolation" ON "idempotency_keys" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant());

-- +goose Down
-- reverse: create policy "tenant_isolation" on table: "idempotency_keys"
DROP POLICY "tenant_isolation" ON "idempotency_keys";
-- reverse: enable row level security on table: "idempotency_keys"
ALTER TABLE "idempotency_keys" DISABLE ROW LEVEL SECURITY;
