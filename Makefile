# Binora — developer commands. `build`, `run`, `test` and `lint` need only Go;
# `generate` and `check` also need PostgreSQL (BINORA_DEV_POSTGRES_URL /
# BINORA_TEST_POSTGRES_URL) and npm, and `check` needs Chromium (README.md).

GO        ?= go
BIN       ?= bin/binora
ADDR      ?= :$(or $(PORT),8080)
# golangci-lint, built from the version pinned in tools/go.mod (its own module,
# so that lint dependencies stay out of go.mod).
GOLANGCI  ?= $(GO) tool -modfile=$(CURDIR)/tools/go.mod golangci-lint

.PHONY: all generate build run test test-walls test-race lint lint-spec check-tidy check-generated \
	check check-postgres check-static check-live fuzz bench load migrate-new clean

all: lint test

## generate: Ent code, migrations (when the schema changed), ogen server/client, permission table,
## the Go SDK's client and the TypeScript SDK's types (needs npm). Steps whose inputs did not change
## are skipped (scripts/generate); FORCE=1 runs them all.
generate:
	GO=$(GO) scripts/generate

## build: the binora binary in bin/
build:
	$(GO) build -o $(BIN) ./cmd/binora

## run: embedded SQLite in ./data, a demo tenant, then serve on ADDR (or PORT; default :8080)
run: build
	$(BIN) demo --addr $(ADDR)
	$(BIN) serve --addr $(ADDR)

## test: the Go suite on SQLite, and on PostgreSQL too when BINORA_TEST_POSTGRES_URL is set
test:
	$(GO) test -count=1 ./...

## test-walls: each tenant wall alone, on PostgreSQL: the cross-tenant suites built without the data
## layer's wall (a tag only tests accept), then served as the owner, whom row-level security skips
test-walls: check-postgres
	$(GO) test -count=1 -tags binora_ent_wall_off ./tests/ ./internal/tenancy/
	BINORA_TEST_WITHOUT_RLS=1 $(GO) test -count=1 ./tests/ ./internal/tenancy/

## test-race: the race detector on the concurrent paths
# Only the concurrent and cross-process tests run under the race detector: the rest send one
# request at a time, which it adds nothing to, and slow down tenfold under it (the whole of
# tests/ took six minutes).
RACE_TESTS = Concurren|Parallel|Racing|Outage|Restart|Idempotency|Servers|ShowAtOnce|Hashing|Outbox|Reset
test-race:
	$(GO) test -race -count=1 -run '$(RACE_TESTS)' ./modules/... ./internal/tenancy/ ./tests/

## fuzz: each fuzz target for FUZZTIME (go test -fuzz takes one target at a time); `test` runs
## their committed corpora (testdata/fuzz) as plain tests
FUZZTIME ?= 3s
FUZZ_TARGETS = ./internal/validation:FuzzText ./internal/validation:FuzzNormalEmail \
	./internal/authtoken:FuzzVerify ./modules/core/apitokens:FuzzParseBearer \
	./modules/core/apitokens:FuzzParseAllowedPrefix ./modules/assets:FuzzCheckTransition \
	./modules/assets:FuzzCheckShape ./modules/facilities/occupancy:FuzzCounts \
	./modules/facilities/occupancy:FuzzFreeRunsAndFits ./modules/facilities/occupancy:FuzzConflict \
	./tests:FuzzCreateBodies ./tests:FuzzListAssets
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; fn=$${t##*:}; echo "fuzz $$fn in $$pkg"; \
		GO=$(GO) .ci/fuzz-target $$pkg $$fn $(FUZZTIME) || exit 1; done

## lint: gofmt and golangci-lint (.golangci.yml) over both Go modules; its govet runs every
## analyzer of go vet and more (enable-all), so go vet is not run a second time
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GOLANGCI) run ./...
	cd sdk/go && $(GOLANGCI) run ./...

## lint-spec: openapi.yaml against Redocly's rules (redocly.yaml; needs npm)
lint-spec:
	.ci/spec-lint

## check-tidy: go.mod and go.sum tidy in every module of the repository
check-tidy:
	@for mod in $$(find . -name go.mod -not -path '*/node_modules/*' | sort); do \
		dir=$$(dirname $$mod); echo "go mod tidy -diff in $$dir"; \
		(cd $$dir && $(GO) mod tidy -diff) || { echo "$$dir: run go mod tidy there and commit"; exit 1; }; \
	done

## check-generated: fail if regenerating (every step, whatever the cache says) changes any file
check-generated:
	GO=$(GO) scripts/generate --check

## check: everything CI runs (.ci/run does its PostgreSQL set-up, then the same four targets)
check: check-postgres check-static test test-walls check-live

check-postgres:
	@test -n "$$BINORA_TEST_POSTGRES_URL" || { echo "make check runs the suite on PostgreSQL as CI does:" \
		"set BINORA_TEST_POSTGRES_URL to an empty database (README.md)"; exit 1; }

## check-static: generated code, tidy modules, lint, spec lint, the breaking-change guard
check-static: check-generated check-tidy lint lint-spec
	.ci/api-compat

## check-live: the race detector, the API reference and a rack drawing in Chromium, both SDKs against
## a live server (each SDK retries a create with its Idempotency-Key and sees it replayed)
check-live: test-race
	.ci/docs-page
	.ci/elevation-page
	.ci/sdk-typescript
	.ci/sdk-go

## bench: full-stack HTTP benchmarks on PostgreSQL (BINORA_TEST_POSTGRES_URL); BINORA_BENCH_LARGE=1 adds
## the list shapes on 10,000 and 1,000,000 assets (minutes: docs/performance.md)
bench:
	@test -n "$$BINORA_TEST_POSTGRES_URL" || { echo "set BINORA_TEST_POSTGRES_URL to a PostgreSQL database"; exit 1; }
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./tests/

## load: Binora under concurrent load beside the best plain SQL for the same answers, on PostgreSQL
## (BINORA_TEST_POSTGRES_URL, as its owner); LOAD_FLAGS passes flags, e.g. LOAD_FLAGS='-duration 5s'
## (docs/performance.md)
LOAD_FLAGS ?=
load:
	@test -n "$$BINORA_TEST_POSTGRES_URL" || { echo "set BINORA_TEST_POSTGRES_URL to a PostgreSQL database"; exit 1; }
	$(GO) build -o bin/binora ./cmd/binora
	$(GO) run ./cmd/binora-load -server-binary bin/binora $(LOAD_FLAGS)

## migrate-new NAME=x: a new versioned migration for both dialects from the schema diff
migrate-new:
	@test -n "$(NAME)" || { echo "usage: make migrate-new NAME=add_something"; exit 1; }
	$(GO) run ./ent/migrate/diff -name $(NAME)

clean:
	rm -rf bin .cache
