// The admin declaration of the chat's messages: what was asked and answered, and the tokens
// each answer used. Filter by user and day to see a user's usage. Read-only, like conversations.

package admin

var chatMessagesTable = Table{
	Name:     "chat_messages",
	DBTable:  "chat_messages",
	Title:    "Chat messages",
	Singular: "chat message",
	ReadOnly: true,
	Fields: []Field{
		{Column: "conversation_id", Label: "Conversation", Kind: ForeignKey, References: "chat_conversations"},
		{Column: "user_id", Label: "User", Kind: ForeignKey, References: "users"},
		{Column: "role", Label: "From", Kind: Choice, Choices: []Option{
			{Value: "user", Label: "User"}, {Value: "assistant", Label: "Assistant"},
		}},
		{Column: "content", Label: "Message", Kind: LongText},
		{Column: "status", Label: "Status", Kind: Choice, Choices: []Option{
			{Value: "complete", Label: "Complete"}, {Value: "stopped", Label: "Stopped"}, {Value: "failed", Label: "Failed"},
		}},
		{Column: "error_message", Label: "Error", Kind: Text},
		{Column: "model", Label: "AI model", Kind: Text},
		{Column: "prompt_tokens", Label: "Prompt tokens", Kind: Integer},
		{Column: "completion_tokens", Label: "Answer tokens", Kind: Integer},
		{Column: "sources", Label: "Sources", Kind: JSON}, // the passages of documents an answer cites
		{Column: "created_at", Label: "Sent", Kind: DateTime},
	},
	List:    []string{"content", "conversation_id", "user_id", "model", "status", "prompt_tokens", "completion_tokens", "created_at"},
	Search:  []string{"content"},
	Filters: []string{"user_id", "role", "status", "created_at"},
	Sort:    "-created_at",
}
