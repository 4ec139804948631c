// Emergency access under load: many links used at once must each be used exactly once, and
// every use must wait its turn for the database rather than fail.

package auth

import (
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"

	"myapp/internal/testutil"
)

func TestConcurrentEmergencyAccess(t *testing.T) {
	for _, writers := range []int{8, 32} {
		t.Run(strconv.Itoa(writers)+" writers", func(t *testing.T) {
			s, _ := newTestService(t, enableEmergencyAccess)
			ctx := t.Context()
			tokens := make([]string, writers)
			for i := range tokens {
				token, err := s.CreateEmergencyToken(ctx)
				if err != nil {
					t.Fatal(err)
				}
				tokens[i] = token
			}
			// Each link is tried twice at once, for a different account each: one use must win,
			// the other must find the link used.
			var used atomic.Int64
			testutil.Concurrently(t, writers, 2, func(writer, try int) error {
				_, err := s.UseEmergencyToken(ctx, tokens[writer], fmt.Sprintf("rescue%d.%d@example.com", writer, try), "correct horse battery", fmt.Sprintf("10.0.%d.%d", writer, try))
				switch {
				case err == nil:
					used.Add(1)
				case errors.Is(err, ErrInvalidToken):
					return nil
				}
				return err
			})
			var superusers int
			if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE is_superuser").Scan(&superusers); err != nil {
				t.Fatal(err)
			}
			if used.Load() != int64(writers) || superusers != writers {
				t.Errorf("%d links used and %d superusers made, want %d of each", used.Load(), superusers, writers)
			}
		})
	}
}
