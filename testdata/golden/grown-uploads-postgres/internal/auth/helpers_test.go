// Helpers for the tests of the auth Service itself (package auth): a Service on a fresh test
// database, with fast password hashing and a clock the test controls. The tests that go through
// HTTP are in package auth_test, with the whole app (site_test.go).

package auth

import (
	"log/slog"
	"testing"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/testutil"
)

// fastHashParams make hashing take microseconds instead of tens of milliseconds: the tests'
// one setting (testutil/passwords.go).
var fastHashParams = testutil.FastHashParams

// forTests makes s quick to test: passwords hash in microseconds, and its time is a clock the
// test moves, which it returns. PostgreSQL keeps microseconds: a clock without nanoseconds
// reads back exactly.
func forTests(s *Service) *testutil.Clock {
	s.hasher = NewHasher(fastHashParams)
	clock := testutil.NewClock()
	s.now = clock.Now
	return clock
}

func enableEmergencyAccess(c *config.Config) { c.EmergencyAccessEnabled = true }

// newTestService returns a Service on a fresh database. change, if given, adjusts the
// configuration first.
func newTestService(t *testing.T, change ...func(*config.Config)) (*Service, *testutil.Clock) {
	t.Helper()
	return newTestServiceWithLogger(t, testutil.Logger(t), change...)
}

func newTestServiceWithLogger(t *testing.T, logger *slog.Logger, change ...func(*config.Config)) (*Service, *testutil.Clock) {
	t.Helper()
	cfg := testutil.Config(t)
	for _, c := range change {
		c(&cfg)
	}
	db := testutil.NewDB(t)
	s := NewService(cfg, db, database.NewStatements(db), logger)
	return s, forTests(s)
}

// createUser adds a user or stops the test.
func createUser(t *testing.T, s *Service, email, password string, role Role) models.User {
	t.Helper()
	user, err := s.CreateUser(t.Context(), email, password, role)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", email, err)
	}
	return user
}
