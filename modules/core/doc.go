// Package core is the core module: tenants, the people in them and what
// they may do, how they sign in, partners' API tokens and the
// security-event log. It is cut into one package per aggregate, each
// in the shape of modules/assets (its own Service and dependencies,
// errors.go, separate create and update inputs, rules as pure functions):
//
//	sessions     login, refresh, logout, authentication, password changes
//	             and resets, accepting invitations, sign-in limits
//	directory    users, teams, memberships, the permission catalog and rules
//	apitokens    partners' API tokens and what they may do
//	events       the security-event log
//	platform     tenants, operator commands, health
//	mailtoken    invitation and reset tokens, the outbox and delivery
//
// An operation is found mechanically: its x-ogen-operation-group in
// openapi.yaml (Auth, Users, Teams, …) names the generated interface, which
// one package implements in handlers_<group>.go (convert_<group>.go beside
// it); each handler calls one method of that package's Service.
package core
