// Package extending keeps docs/extending.md true. The guide's worked example
// is the shipped datacenters aggregate, so its tests hold the guide to the
// repository: every Go and YAML block is an excerpt of the file it names,
// every path it names exists, every make target it runs is in the Makefile.
//
// The mistakes the guide warns about are kept in testdata under the name
// Gadget, which the product will never use, and run through the guards that
// must catch them: the tenancy test of ent/schema (an entity without the
// AuditMixin, one with company_id by hand) and the permission generator (an
// operation without x-permissions). Nothing in the product imports this
// package.
package extending
