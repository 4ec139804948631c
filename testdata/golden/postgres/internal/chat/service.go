// Package chat is the AI chat: a page at /chat and a streaming API at POST /api/chat. The
// Service keeps conversations and enforces the limits (service.go, history.go, limits.go); a
// Provider writes the answers (provider.go, openai.go, demo.go); the Handlers put both on the
// web (api.go, events.go, pages.go, markdown.go).
package chat

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/models"
)

// The statuses of a saved message.
const (
	StatusComplete = "complete" // a question, or a whole answer
	StatusStopped  = "stopped"  // the user stopped the answer: content is what had arrived
	StatusFailed   = "failed"   // the AI service failed: error_message says why
)

// maxQuestionLength is the longest question accepted, in characters.
const maxQuestionLength = 8000

// Errors a caller can tell apart with errors.Is; each message can be shown to the user.
var (
	ErrEmptyQuestion   = errors.New("type a message first")
	ErrQuestionTooLong = fmt.Errorf("a message may be at most %d characters: shorten it, or split it in two", maxQuestionLength)
	ErrNoConversation  = errors.New("no such conversation: start a new one")
	ErrLLMNotAllowed   = errors.New("this AI model is not on the list: pick one that the page offers")
)

// Service keeps each user's conversations and asks the provider for answers.
type Service struct {
	db            *sql.DB
	queries       *models.Queries
	provider      Provider
	llms          []string // the LLMs a user may pick; the first answers by default
	limits        Limits
	historyTokens int              // the budget of earlier messages sent with a question
	documents     DocumentSearch   // finds passages of the user's documents (documents.go); nil: none
	now           func() time.Time // always UTC; tests replace it to move time
}

// NewService returns the chat service, answering with provider. Its transactions run on db,
// its other queries through statements, the app's one statement cache (server.NewDeps makes it).
func NewService(cfg config.Config, db *sql.DB, statements *database.Statements, provider Provider) *Service {
	s := &Service{
		db:            db,
		queries:       models.New(statements),
		provider:      provider,
		llms:          []string{cfg.LLMModel},
		limits:        Limits{RequestsPerMinute: cfg.ChatRequestsPerMinute, TokensPerDay: cfg.ChatTokensPerDay},
		historyTokens: cfg.ChatHistoryTokens,
		now:           func() time.Time { return time.Now().UTC() },
	}
	if s.InDemoMode() {
		s.llms = []string{DemoLLM}
		return s
	}
	for _, llm := range cfg.LLMModels {
		if !slices.Contains(s.llms, llm) {
			s.llms = append(s.llms, llm)
		}
	}
	return s
}

// InDemoMode reports whether the demo answers instead of a real LLM.
func (s *Service) InDemoMode() bool {
	_, demo := s.provider.(*DemoProvider)
	return demo
}

// LLMs lists the LLMs a user may pick, the default first.
func (s *Service) LLMs() []string {
	return s.llms
}

// Conversations returns a user's most recent conversations, newest first.
func (s *Service) Conversations(ctx context.Context, userID int64) ([]models.ChatConversation, error) {
	return s.queries.ListConversations(ctx, userID)
}

// Conversation returns one of the user's conversations with its messages, or
// ErrNoConversation when it does not exist or is someone else's.
func (s *Service) Conversation(ctx context.Context, userID, id int64) (models.ChatConversation, []models.ChatMessage, error) {
	conversation, err := s.queries.GetConversation(ctx, models.GetConversationParams{ID: id, UserID: userID})
	if errors.Is(err, sql.ErrNoRows) {
		return models.ChatConversation{}, nil, ErrNoConversation
	}
	if err != nil {
		return models.ChatConversation{}, nil, err
	}
	messages, err := s.queries.ListMessages(ctx, id)
	return conversation, messages, err
}

// Turn is one question and the answer being written: what Begin saved, and what the provider
// is asked.
type Turn struct {
	UserID       int64
	Conversation models.ChatConversation
	Question     string // as saved: trimmed
	Request      Request
	Sources      []Source // the passages of documents in Request, when it uses them (AddDocuments)
}

// Begin checks a user's question against the limits, saves it (in a new conversation when
// conversationID is 0) and prepares the request for the provider, with as much of the
// conversation's history as its token budget allows. An empty llm means the default one.
func (s *Service) Begin(ctx context.Context, userID, conversationID int64, question, llm string) (Turn, error) {
	question = strings.TrimSpace(question)
	switch {
	case question == "":
		return Turn{}, ErrEmptyQuestion
	case utf8.RuneCountInString(question) > maxQuestionLength:
		return Turn{}, ErrQuestionTooLong
	}
	if llm == "" {
		llm = s.llms[0]
	}
	if !slices.Contains(s.llms, llm) {
		return Turn{}, ErrLLMNotAllowed
	}
	if err := s.checkLimits(ctx, userID); err != nil {
		return Turn{}, err
	}

	// One transaction: a new conversation never exists without its first question.
	var conversation models.ChatConversation
	var earlier []models.ChatMessage
	err := database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := s.queries.WithTx(tx)
		now := s.now()
		var err error
		if conversation, err = s.openConversation(ctx, queries, userID, conversationID, question, now); err != nil {
			return err
		}
		if earlier, err = queries.RecentMessages(ctx, conversation.ID); err != nil {
			return err
		}
		_, err = queries.CreateMessage(ctx, models.CreateMessageParams{
			ConversationID: conversation.ID, UserID: userID, Role: RoleUser, Content: question,
			Status: StatusComplete, CreatedAt: now, Sources: sourcesJSON(nil),
		})
		return err
	})
	if err != nil {
		return Turn{}, err
	}
	request := Request{LLM: llm, Messages: history(earlier, question, s.historyTokens)}
	return Turn{UserID: userID, Conversation: conversation, Question: question, Request: request}, nil
}

// openConversation starts a conversation titled after its first question, or finds the
// user's conversation conversationID and moves it to the top of their list.
func (s *Service) openConversation(ctx context.Context, queries *models.Queries, userID, conversationID int64, question string, now time.Time) (models.ChatConversation, error) {
	if conversationID == 0 {
		return queries.CreateConversation(ctx, models.CreateConversationParams{UserID: userID, Title: titleFrom(question), Now: now})
	}
	conversation, err := queries.GetConversation(ctx, models.GetConversationParams{ID: conversationID, UserID: userID})
	if errors.Is(err, sql.ErrNoRows) {
		return conversation, ErrNoConversation
	}
	if err != nil {
		return conversation, err
	}
	return conversation, queries.TouchConversation(ctx, models.TouchConversationParams{ID: conversationID, Now: now})
}

// Answer is what came back for a Turn: the text (whole or in part), its status (complete,
// stopped or failed), the provider's failure if any, and the tokens it used.
type Answer struct {
	Text   string
	Status string
	Err    *ProviderError
	Usage  Usage
}

// Finish saves the answer of a turn. When the provider did not count the tokens (the demo, or
// an answer stopped before the API's last chunk), they are estimated from the text, so that
// the daily limit still counts them.
func (s *Service) Finish(ctx context.Context, turn Turn, answer Answer) (models.ChatMessage, error) {
	usage := answer.Usage
	if usage.PromptTokens == 0 {
		for _, m := range turn.Request.Messages {
			usage.PromptTokens += estimateTokens(m.Content)
		}
	}
	if usage.CompletionTokens == 0 {
		usage.CompletionTokens = estimateTokens(answer.Text)
	}
	var errorMessage string
	if answer.Err != nil {
		errorMessage = answer.Err.Message
	}
	return s.queries.CreateMessage(ctx, models.CreateMessageParams{
		ConversationID: turn.Conversation.ID, UserID: turn.UserID, Role: RoleAssistant, Content: answer.Text,
		Status: answer.Status, ErrorMessage: errorMessage, Model: turn.Request.LLM,
		PromptTokens: usage.PromptTokens, CompletionTokens: usage.CompletionTokens, CreatedAt: s.now(),
		Sources: sourcesJSON(turn.Sources),
	})
}
