# Binora — developer commands. Every target works on a machine with only Go
# installed, except `generate` and `bench`, which need a PostgreSQL server
# (BINORA_DEV_POSTGRES_URL / BINORA_TEST_POSTGRES_URL).

GO        ?= go
BIN       ?= bin/binora

.PHONY: all generate build run test lint lint-spec bench migrate-new check-generated clean

all: lint test

## generate: Ent code, migrations (when the schema changed), ogen server/client, permission table,
## the Go SDK's client and the TypeScript SDK's types (needs npm). Steps whose inputs did not change
## are skipped (scripts/generate); FORCE=1 runs them all.
generate:
	GO=$(GO) scripts/generate

## build: the binora binary in bin/
build:
	$(GO) build -o $(BIN) ./cmd/binora

## run: embedded SQLite in ./data, a demo tenant, then serve on :8080
run: build
	$(BIN) demo
	$(BIN) serve

## test: the whole suite; also on PostgreSQL when BINORA_TEST_POSTGRES_URL is set
test:
	$(GO) test -count=1 ./...

## lint: go vet and gofmt
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## lint-spec: openapi.yaml against Redocly's rules (redocly.yaml; needs npm)
lint-spec:
	.ci/spec-lint

## bench: full-stack HTTP benchmarks on PostgreSQL (BINORA_TEST_POSTGRES_URL)
bench:
	@test -n "$$BINORA_TEST_POSTGRES_URL" || { echo "set BINORA_TEST_POSTGRES_URL to a PostgreSQL database"; exit 1; }
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./tests/

## migrate-new NAME=x: a new versioned migration for both dialects from the schema diff
migrate-new:
	@test -n "$(NAME)" || { echo "usage: make migrate-new NAME=add_something"; exit 1; }
	$(GO) run ./ent/migrate/diff -name $(NAME)

## check-generated: fail if regenerating (every step, whatever the cache says) changes any file
check-generated:
	GO=$(GO) scripts/generate --check

clean:
	rm -rf bin .cache
