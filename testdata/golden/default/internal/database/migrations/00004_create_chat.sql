-- The tables of internal/chat: each user's conversations and their messages, with the tokens
-- each answer used (the per-user limits add them up).

-- +goose Up
-- updated_at moves with each new message, so the chat page lists recent conversations first.
CREATE TABLE chat_conversations (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX chat_conversations_user ON chat_conversations (user_id, updated_at);

-- role is who wrote the message; status says whether an answer is whole, was stopped by the
-- user (content holds what arrived until then) or failed (error_message says why).
-- user_id repeats the conversation's owner so the limits count a user's usage without a join.
-- sources lists, as JSON, the passages of documents an answer was given with (internal/chat/documents.go).
CREATE TABLE chat_messages (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role              TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('complete', 'stopped', 'failed')),
    error_message     TEXT NOT NULL DEFAULT '',
    model             TEXT NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    sources           TEXT NOT NULL DEFAULT '[]',
    created_at        DATETIME NOT NULL
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id);
CREATE INDEX chat_messages_user ON chat_messages (user_id, created_at);

-- Staff may be allowed to read chats in the admin; nobody may change them there.
INSERT INTO auth_permissions (model, action) VALUES ('chat_conversations', 'view'), ('chat_messages', 'view');

-- +goose Down
DELETE FROM auth_permissions WHERE model IN ('chat_conversations', 'chat_messages');
DROP TABLE chat_messages;
DROP TABLE chat_conversations;
