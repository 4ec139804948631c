-- The tables of internal/chat: each user's conversations and their messages, with the tokens
-- each answer used (the per-user limits add them up).

-- +goose Up
-- updated_at moves with each new message, so the chat page lists recent conversations first.
CREATE TABLE chat_conversations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_conversations_user ON chat_conversations (user_id, updated_at);

-- role is who wrote the message; status says whether an answer is whole, was stopped by the
-- user (content holds what arrived until then) or failed (error_message says why).
-- user_id repeats the conversation's owner so the limits count a user's usage without a join.
-- sources lists, as JSON, the passages of documents an answer was given with (internal/chat/documents.go).
CREATE TABLE chat_messages (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id   BIGINT NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role              TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('complete', 'stopped', 'failed')),
    error_message     TEXT NOT NULL DEFAULT '',
    model             TEXT NOT NULL DEFAULT '',
    prompt_tokens     BIGINT NOT NULL DEFAULT 0,
    completion_tokens BIGINT NOT NULL DEFAULT 0,
    sources           TEXT NOT NULL DEFAULT '[]',
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id);
CREATE INDEX chat_messages_user ON chat_messages (user_id, created_at);

-- Staff may be allowed to read chats in the admin; nobody may change them there.
INSERT INTO auth_permissions (model, action) VALUES ('chat_conversations', 'view'), ('chat_messages', 'view');

-- The admin's search indexes (trigram indexes, see migration 00003): its search boxes find
-- text inside titles and messages without reading every row.
SELECT pg_advisory_xact_lock(hashtext('CREATE EXTENSION pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX chat_conversations_title_trgm ON chat_conversations USING gin (title public.gin_trgm_ops);
CREATE INDEX chat_messages_content_trgm ON chat_messages USING gin (content public.gin_trgm_ops);

-- +goose Down
DELETE FROM auth_permissions WHERE model IN ('chat_conversations', 'chat_messages');
DROP TABLE chat_messages;
DROP TABLE chat_conversations;
