// The admin declaration of the chat's conversations. They are read-only here: users write
// them on the chat page, and staff with the view permission may read them.

package admin

var chatConversationsTable = Table{
	Name:     "chat_conversations",
	DBTable:  "chat_conversations",
	Title:    "Chat conversations",
	Singular: "chat conversation",
	Display:  "title", // its title stands for it in the messages' conversation column
	ReadOnly: true,
	Fields: []Field{
		{Column: "title", Label: "Title", Kind: Text},
		{Column: "user_id", Label: "User", Kind: ForeignKey, References: "users"},
		{Column: "created_at", Label: "Started", Kind: DateTime},
		{Column: "updated_at", Label: "Last message", Kind: DateTime},
	},
	List:    []string{"title", "user_id", "updated_at"},
	Search:  []string{"title"},
	Filters: []string{"user_id", "updated_at"},
	Sort:    "-updated_at",
}
