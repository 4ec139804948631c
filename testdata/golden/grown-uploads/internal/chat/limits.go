// Per-user limits, so that one user (or a leaked password) cannot spend the whole API budget:
// messages a minute, and tokens a day. They count saved messages, so they hold across restarts
// and across several servers sharing one database.

package chat

import (
	"context"
	"fmt"
	"time"

	"myapp/internal/models"
)

// Limits are CHAT_REQUESTS_PER_MINUTE and CHAT_TOKENS_PER_DAY; 0 turns a limit off.
type Limits struct {
	RequestsPerMinute int
	TokensPerDay      int
}

// LimitError says which limit a user reached and when they may ask again.
type LimitError struct {
	Message    string
	RetryAfter time.Duration
}

func (e *LimitError) Error() string { return e.Message }

// checkLimits returns a *LimitError when userID may not ask a question now.
func (s *Service) checkLimits(ctx context.Context, userID int64) error {
	now := s.now()
	if limit := s.limits.RequestsPerMinute; limit > 0 {
		asked, err := s.queries.CountQuestionsSince(ctx, models.CountQuestionsSinceParams{UserID: userID, Since: now.Add(-time.Minute)})
		if err != nil {
			return err
		}
		if asked >= int64(limit) {
			return &LimitError{RetryAfter: time.Minute,
				Message: fmt.Sprintf("you have sent %d messages in the last minute, the most allowed: wait a minute, then try again", limit)}
		}
	}
	if limit := s.limits.TokensPerDay; limit > 0 {
		midnight := now.Truncate(24 * time.Hour) // today began at midnight UTC
		used, err := s.queries.TokensUsedSince(ctx, models.TokensUsedSinceParams{UserID: userID, Since: midnight})
		if err != nil {
			return err
		}
		if used >= int64(limit) {
			return &LimitError{RetryAfter: midnight.Add(24 * time.Hour).Sub(now),
				Message: fmt.Sprintf("you have used today's %d tokens: the limit resets at midnight UTC", limit)}
		}
	}
	return nil
}
