-- +goose Up
-- modify "mail_messages" table
ALTER TABLE "mail_messages" ADD COLUMN "sent_at" timestamptz NULL, ADD COLUMN "attempts" bigint NOT NULL DEFAULT 0;

-- +goose Down
-- reverse: modify "mail_messages" table
ALTER TABLE "mail_messages" DROP COLUMN "attempts", DROP COLUMN "sent_at";
