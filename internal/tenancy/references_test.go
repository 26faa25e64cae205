package tenancy_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
)

// TestEveryLink_ToAnotherTenantsRow_IsRefused walks the Ent schema graph
// and, for every edge between two tenant-scoped entities, creates a row of
// tenant A linked to tenant B's row and, where the edge can change, points
// an existing row of A at it. Every attempt must be refused and change
// nothing, so a new edge is covered the day it is declared.
func TestEveryLink_ToAnotherTenantsRow_IsRefused(t *testing.T) {
	graph, err := entc.LoadGraph("../../ent/schema", &gen.Config{})
	require.NoError(t, err)
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		if !tenancy.EntWall && !env.IsPostgres() {
			t.Skip("without the data layer's wall SQLite has none")
		}
		c := env.App.DB.Client
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		rowsA, rowsB := seedRows(t, c, a), seedRows(t, c, b)
		edges := 0
		for _, n := range graph.Nodes {
			for _, e := range linkEdges(n) {
				edges++
				t.Run(n.Name+"."+e.Name, func(t *testing.T) {
					own, foreign := rowsA[n.Name], rowsB[e.Type.Name]
					require.NotNil(t, own, "seedRows makes no %s row", n.Name)
					require.NotNil(t, foreign, "seedRows makes no %s row", e.Type.Name)
					l := link{c: c, n: n, e: e, ctx: a.Ctx(), target: idOf(foreign)}
					before, err := reread(b.Ctx(), c, e.Type.Name, idOf(foreign))
					require.NoError(t, err)

					assertRefused(t, e, l.create(t, own))
					if l.updatable() {
						ownBefore, err := reread(a.Ctx(), c, n.Name, idOf(own))
						require.NoError(t, err)
						assertRefused(t, e, l.update(t, idOf(own)))
						ownAfter, err := reread(a.Ctx(), c, n.Name, idOf(own))
						require.NoError(t, err)
						assert.Equal(t, ownBefore, ownAfter, "the refused update changed the row")
					}
					after, err := reread(b.Ctx(), c, e.Type.Name, idOf(foreign))
					require.NoError(t, err)
					assert.Equal(t, before, after, "the other tenant's row is untouched")
				})
			}
		}
		assert.GreaterOrEqual(t, edges, 9, "the graph has at least today's links")
	})
}

// linkEdges are n's edges towards tenant-scoped entities, when n is one.
func linkEdges(n *gen.Type) []*gen.Edge {
	if !scoped(n) {
		return nil
	}
	var out []*gen.Edge
	for _, e := range n.Edges {
		if scoped(e.Type) {
			out = append(out, e)
		}
	}
	return out
}

func scoped(n *gen.Type) bool {
	for _, f := range n.Fields {
		if f.Name == "company_id" {
			return true
		}
	}
	return false
}

// assertRefused wants err to be the data layer's refusal naming the link
// or, with that wall off, the database's.
func assertRefused(t *testing.T, e *gen.Edge, err error) {
	t.Helper()
	require.Error(t, err, "linking to another tenant's %s was accepted", e.Type.Name)
	if !tenancy.EntWall {
		return
	}
	var ref *tenancy.ReferenceError
	require.True(t, errors.As(err, &ref), "want a reference error, got %v", err)
	want := e.Name
	if f := e.Field(); f != nil {
		want = f.Name
	}
	assert.Equal(t, want, ref.Field)
}

// link writes rows of type n linked through e to target, by reflection
// over the generated client, in ctx.
type link struct {
	c      *ent.Client
	n      *gen.Type
	e      *gen.Edge
	ctx    context.Context
	target int
}

// create inserts a copy of own (its fields, the company left to the data
// layer) whose edge e points at the target.
func (l link) create(t *testing.T, own any) error {
	builder := reflect.ValueOf(must(call(clientOf(l.c, l.n.Name), "Create")))
	m := builder.MethodByName("Mutation").Call(nil)[0].Interface().(ent.Mutation)
	row := reflect.ValueOf(own).Elem()
	for _, f := range l.n.Fields {
		v := row.FieldByName(f.StructField())
		if f.Name == "company_id" || (v.Kind() == reflect.Pointer && v.IsNil()) {
			continue
		}
		require.NoError(t, m.SetField(f.Name, reflect.Indirect(v).Interface()), f.Name)
	}
	l.setEdge(t, builder, m)
	_, err := call(builder.Interface(), "Save", l.ctx)
	return err
}

// updatable reports whether e can be set on an existing row.
func (l link) updatable() bool {
	if f := l.e.Field(); f != nil {
		return !f.Immutable
	}
	return !l.e.Immutable
}

// update points the existing row id's edge e at the target.
func (l link) update(t *testing.T, id int) error {
	builder := reflect.ValueOf(must(call(clientOf(l.c, l.n.Name), "UpdateOneID", id)))
	m := builder.MethodByName("Mutation").Call(nil)[0].Interface().(ent.Mutation)
	l.setEdge(t, builder, m)
	_, err := call(builder.Interface(), "Save", l.ctx)
	return err
}

func (l link) setEdge(t *testing.T, builder reflect.Value, m ent.Mutation) {
	t.Helper()
	if f := l.e.Field(); f != nil {
		require.NoError(t, m.SetField(f.Name, l.target))
		return
	}
	method := l.e.MutationAdd()
	if l.e.Unique {
		method = l.e.MutationSet()
	}
	fn := builder.MethodByName(method)
	require.True(t, fn.IsValid(), "%s has no %s", builder.Type(), method)
	fn.Call([]reflect.Value{reflect.ValueOf(l.target)})
}

// clientOf returns the generated client of entity typ (c.Asset).
func clientOf(c *ent.Client, typ string) any {
	return reflect.ValueOf(c).Elem().FieldByName(typ).Interface()
}

// call invokes method on v with args and splits a trailing error result.
func call(v any, method string, args ...any) (any, error) {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = reflect.ValueOf(a)
	}
	out := reflect.ValueOf(v).MethodByName(method).Call(in)
	if len(out) == 2 {
		err, _ := out[1].Interface().(error)
		return out[0].Interface(), err
	}
	return out[0].Interface(), nil
}

func must(v any, err error) any {
	if err != nil {
		panic(err)
	}
	return v
}

func idOf(row any) int { return int(reflect.ValueOf(row).Elem().FieldByName("ID").Int()) }

// A row written in one tenant is not taken as known in another, even by
// the transaction that wrote it: the link is still checked, and refused.
func TestLink_ToARowTheTransactionWroteInAnotherTenant_IsRefused(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		if !tenancy.EntWall {
			t.Skip("the data layer's wall is off in this build")
		}
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		err := database.WithTx(a.Ctx(), env.App.DB.Client, func(tx *ent.Tx) error {
			dc, err := tx.Datacenter.Create().SetName("Fresh").SetCode("FRESH").Save(a.Ctx())
			require.NoError(t, err)
			_, err = tx.Asset.Create().SetCode("SRV-20001").SetName("x").SetAssetType("SRV").SetStatus(50).
				SetDatacenterID(dc.ID).Save(a.Ctx())
			require.NoError(t, err, "the same tenant links to the row it just wrote")
			return tx.Asset.Create().SetCode("SRV-20002").SetName("y").SetAssetType("SRV").SetStatus(50).
				SetDatacenterID(dc.ID).Exec(b.Ctx())
		})
		var ref *tenancy.ReferenceError
		require.ErrorAs(t, err, &ref)
		assert.Equal(t, "datacenter_id", ref.Field)
	})
}
