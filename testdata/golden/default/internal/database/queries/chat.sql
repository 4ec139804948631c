-- name: CreateConversation :one
-- CreateConversation starts a conversation for a user and returns it.
INSERT INTO chat_conversations (user_id, title, created_at, updated_at)
VALUES (sqlc.arg(user_id), sqlc.arg(title), sqlc.arg(now), sqlc.arg(now))
RETURNING *;

-- name: GetConversation :one
-- GetConversation returns one of the user's conversations, or sql.ErrNoRows: also when the
-- conversation belongs to someone else.
SELECT * FROM chat_conversations WHERE id = sqlc.arg(id) AND user_id = sqlc.arg(user_id);

-- name: ListConversations :many
-- ListConversations returns a user's 50 most recent conversations, newest first.
SELECT * FROM chat_conversations WHERE user_id = sqlc.arg(user_id)
ORDER BY updated_at DESC, id DESC
LIMIT 50;

-- name: TouchConversation :exec
-- TouchConversation moves a conversation to the top of the list.
UPDATE chat_conversations SET updated_at = sqlc.arg(now) WHERE id = sqlc.arg(id);

-- name: CreateMessage :one
-- CreateMessage saves a question or an answer and returns it.
INSERT INTO chat_messages (conversation_id, user_id, role, content, status, error_message, model,
                           prompt_tokens, completion_tokens, created_at, sources)
VALUES (sqlc.arg(conversation_id), sqlc.arg(user_id), sqlc.arg(role), sqlc.arg(content), sqlc.arg(status),
        sqlc.arg(error_message), sqlc.arg(model), sqlc.arg(prompt_tokens), sqlc.arg(completion_tokens), sqlc.arg(created_at),
        sqlc.arg(sources))
RETURNING *;

-- name: ListMessages :many
-- ListMessages returns a conversation's messages, oldest first, for the page.
SELECT * FROM chat_messages WHERE conversation_id = sqlc.arg(conversation_id) ORDER BY id;

-- name: RecentMessages :many
-- RecentMessages returns a conversation's 100 newest messages, newest first: the history that
-- goes with a new question is taken from these until its token budget is spent.
SELECT * FROM chat_messages WHERE conversation_id = sqlc.arg(conversation_id)
ORDER BY id DESC
LIMIT 100;

-- name: CountQuestionsSince :one
-- CountQuestionsSince counts the messages a user sent since a moment, for the requests-per-minute limit.
SELECT COUNT(*) FROM chat_messages
WHERE user_id = sqlc.arg(user_id) AND role = 'user' AND created_at > sqlc.arg(since);

-- name: TokensUsedSince :one
-- TokensUsedSince adds up the tokens of a user's answers since a moment, for the tokens-per-day limit.
SELECT CAST(COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS BIGINT) AS tokens FROM chat_messages
WHERE user_id = sqlc.arg(user_id) AND created_at >= sqlc.arg(since);
