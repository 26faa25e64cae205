package tenantwalls

// policySpec is a row-level security policy.
type policySpec struct {
	table, name string
	command     string // SELECT, ALL, ...
	using       string
	check       string // WITH CHECK; empty for read-only policies
}

// platformPolicies are the only policies besides tenant_isolation: the ways
// past tenant isolation that the platform itself needs. Policies are
// permissive, OR-ed with tenant_isolation, so each one widens what a
// connection may see; the list is short on purpose, and a test in
// internal/database fails when the database has any other policy.
// binora_platform() is true when the connection set binora.platform to "on",
// which only platform code (CLI, migrations, login's company lookup) does.
var platformPolicies = []policySpec{
	// A tenant reads its own company row (name, subdomain, status); the
	// tenant root has no company_id, so tenant_isolation cannot cover it.
	{table: "companies", name: "tenant_own_company", command: "SELECT", using: "id = binora_tenant()"},
	// Creating, listing and deactivating companies, and finding the company
	// of a login by its subdomain, happen before or above any one tenant.
	{table: "companies", name: "platform_companies", command: "ALL", using: "binora_platform()", check: "binora_platform()"},
	// The server resolves a bnr_<id>_… API token to its company before it
	// knows the tenant; read-only, and only api_tokens.
	{table: "api_tokens", name: "platform_resolve_api_token", command: "SELECT", using: "binora_platform()"},
}
