// Many questions and answers saved at once, as when many users chat, or one user's tabs do:
// each must wait its turn for the database and be saved, never fail with "database is locked".

package chat_test

import (
	"fmt"
	"strconv"
	"testing"

	"myapp/internal/chat"
	"myapp/internal/config"
	"myapp/internal/testutil"
)

func TestConcurrentChatSaves(t *testing.T) {
	const turnsEach = 3
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			tc := newTestChat(t, chat.NewDemoProvider(0), func(cfg *config.Config) {
				cfg.ChatRequestsPerMinute, cfg.ChatTokensPerDay = 0, 0 // this test is about the database, not the limits
			})
			ctx := t.Context()
			shared, err := tc.service.Begin(ctx, tc.ada.ID, 0, "the conversation everyone writes to", "")
			if err != nil {
				t.Fatal(err)
			}
			testutil.Concurrently(t, writers, turnsEach, func(writer, n int) error {
				// Half the writers add to one conversation, the others start their own.
				conversationID := shared.Conversation.ID
				if writer%2 == 1 {
					conversationID = 0
				}
				turn, err := tc.service.Begin(ctx, tc.ada.ID, conversationID, fmt.Sprintf("question %d.%d", writer, n), "")
				if err != nil {
					return err
				}
				_, err = tc.service.Finish(ctx, turn, chat.Answer{Text: "an answer", Status: chat.StatusComplete})
				return err
			})
			var messages, conversations int
			if err := tc.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM chat_messages").Scan(&messages); err != nil {
				t.Fatal(err)
			}
			if err := tc.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM chat_conversations").Scan(&conversations); err != nil {
				t.Fatal(err)
			}
			if want := 1 + 2*writers*turnsEach; messages != want {
				t.Errorf("%d messages saved, want %d (each question and its answer)", messages, want)
			}
			if want := 1 + writers/2*turnsEach; conversations != want {
				t.Errorf("%d conversations, want %d", conversations, want)
			}
		})
	}
}
