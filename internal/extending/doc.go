// Package extending keeps the worked example of docs/extending.md honest:
// adding a tenant-scoped Rack entity end to end. Nothing in the product
// imports it, and the shipped schema, migrations and specification have no
// racks.
//
// The parts of the example that compile against today's generated code (the
// rack input and the datacenter visibility check) live here and are tested
// on both databases. The parts that need a generated Rack entity are kept in
// testdata and exercised through the guards they must pass: the schema test
// of ent/schema and the permission generator.
package extending
