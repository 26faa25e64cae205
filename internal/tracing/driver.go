package tracing

import (
	"context"
	"strings"

	"entgo.io/ent/dialect"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/binora/binora/internal/database"
)

// tracerName names the instrumentation scope of the statement spans.
const tracerName = "github.com/binora/binora/internal/tracing"

// WrapDriver returns a wrapper of Ent's driver that runs each SQL
// statement, inside transactions too, in a client span child of the
// caller's (the operation's) span. Statements are parameterised, so their
// text carries no values.
func WrapDriver(tp trace.TracerProvider) func(dialect.Driver) dialect.Driver {
	tracer := tp.Tracer(tracerName)
	return func(d dialect.Driver) dialect.Driver {
		s := statements{tracer: tracer, system: systemOf(d.Dialect())}
		return database.WrapStatements(s.run)(d)
	}
}

func systemOf(name string) attribute.KeyValue {
	if name == dialect.Postgres {
		return semconv.DBSystemNamePostgreSQL
	}
	return semconv.DBSystemNameSQLite
}

// statements starts the span of one statement.
type statements struct {
	tracer trace.Tracer
	system attribute.KeyValue
}

// run runs one statement in its span, named after its first keyword
// (SELECT, INSERT, …) so that span names stay few.
func (s statements) run(ctx context.Context, query string, do func(context.Context) error) error {
	op, _, _ := strings.Cut(strings.TrimSpace(query), " ")
	op = strings.ToUpper(op)
	ctx, span := s.tracer.Start(ctx, op, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(s.system, semconv.DBOperationName(op), semconv.DBQueryText(query)))
	defer span.End()
	err := do(ctx)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "statement failed")
	}
	return err
}
