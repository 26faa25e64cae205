-- +goose Up
-- create "rate_limit_counters" table
CREATE TABLE `rate_limit_counters` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `limiter` text NOT NULL, `key_hash` blob NOT NULL, `parent_hash` blob NOT NULL, `events` integer NOT NULL, `window_end` datetime NOT NULL);
-- create index "ratelimitcounter_limiter_key_hash" to table: "rate_limit_counters"
CREATE UNIQUE INDEX `ratelimitcounter_limiter_key_hash` ON `rate_limit_counters` (`limiter`, `key_hash`);
-- create index "ratelimitcounter_limiter_parent_hash" to table: "rate_limit_counters"
CREATE INDEX `ratelimitcounter_limiter_parent_hash` ON `rate_limit_counters` (`limiter`, `parent_hash`);
-- create index "ratelimitcounter_limiter_window_end" to table: "rate_limit_counters"
CREATE INDEX `ratelimitcounter_limiter_window_end` ON `rate_limit_counters` (`limiter`, `window_end`);

-- +goose Down
-- reverse: create index "ratelimitcounter_limiter_window_end" to table: "rate_limit_counters"
DROP INDEX `ratelimitcounter_limiter_window_end`;
-- reverse: create index "ratelimitcounter_limiter_parent_hash" to table: "rate_limit_counters"
DROP INDEX `ratelimitcounter_limiter_parent_hash`;
-- reverse: create index "ratelimitcounter_limiter_key_hash" to table: "rate_limit_counters"
DROP INDEX `ratelimitcounter_limiter_key_hash`;
-- reverse: create "rate_limit_counters" table
DROP TABLE `rate_limit_counters`;
