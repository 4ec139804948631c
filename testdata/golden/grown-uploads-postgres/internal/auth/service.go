// Package auth decides who may do what: users, passwords, login sessions, API tokens, groups
// and permissions. The Service holds the rules (service.go, login.go, tokens.go, permissions.go,
// emergency.go); the Handlers put them on the web (handlers.go, pages.go, api.go).
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/models"
)

// Errors a caller can tell apart with errors.Is; each message can be shown to the user.
var (
	ErrWrongCredentials = errors.New("wrong email or password")
	ErrInactive         = errors.New("this account is deactivated: ask an administrator to activate it")
	ErrNoSuchUser       = errors.New("no user has this email")
	ErrEmailTaken       = errors.New("a user with this email already exists")
	ErrInvalidEmail     = errors.New("this is not an email address, such as ada@example.com")
)

// Role is what a user may do in general: a superuser everything, staff may use the admin
// (with the permissions of their groups), a plain user neither.
type Role string

const (
	RoleUser      Role = "user"
	RoleStaff     Role = "staff"
	RoleSuperuser Role = "superuser"
)

// ParseRole turns "user", "staff" or "superuser" into a Role.
func ParseRole(name string) (Role, error) {
	switch role := Role(strings.ToLower(strings.TrimSpace(name))); role {
	case RoleUser, RoleStaff, RoleSuperuser:
		return role, nil
	}
	return "", fmt.Errorf("unknown role %q: use user, staff or superuser", name)
}

// RoleOf returns the role of a user.
func RoleOf(user models.User) Role {
	switch {
	case user.IsSuperuser:
		return RoleSuperuser
	case user.IsStaff:
		return RoleStaff
	}
	return RoleUser
}

// Service holds the auth rules and what they need. Handlers and commands share it.
type Service struct {
	cfg     config.Config
	db      *sql.DB
	queries *models.Queries
	hasher  *Hasher
	logger  *slog.Logger
	now     func() time.Time // always UTC; tests replace it to move time forward
}

// NewService returns the auth service for the database db: its transactions run on db, its
// other queries through statements, the app's one statement cache (server.NewDeps makes it).
func NewService(cfg config.Config, db *sql.DB, statements *database.Statements, logger *slog.Logger) *Service {
	return &Service{
		cfg:     cfg,
		db:      db,
		queries: models.New(statements),
		hasher:  NewHasher(DefaultHashParams),
		logger:  logger,
		now:     func() time.Time { return time.Now().UTC() },
	}
}

// NormalizeEmail trims and lower-cases an email, so that Ada@Example.com and ada@example.com
// are the same account.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// CheckEmail accepts a plain address such as ada@example.com, already normalized (see
// NormalizeEmail), and nothing else: no name, no list, no line break. The commands and the
// admin's user form both check emails with it.
func CheckEmail(email string) error {
	address, err := mail.ParseAddress(email)
	if err != nil || address.Address != email || len(email) > 254 {
		return ErrInvalidEmail
	}
	return nil
}

// CreateUser adds a user with a password that follows the rules (see CheckPasswordRules).
func (s *Service) CreateUser(ctx context.Context, email, password string, role Role) (models.User, error) {
	email = NormalizeEmail(email)
	if err := CheckEmail(email); err != nil {
		return models.User{}, err
	}
	if err := CheckPasswordRules(password); err != nil {
		return models.User{}, err
	}
	if _, err := s.queries.GetUserByEmail(ctx, email); err == nil {
		return models.User{}, ErrEmailTaken
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return models.User{}, err
	}
	user, err := s.queries.CreateUser(ctx, models.CreateUserParams{
		Email:        email,
		PasswordHash: hash,
		IsStaff:      role == RoleStaff || role == RoleSuperuser,
		IsSuperuser:  role == RoleSuperuser,
		Now:          s.now(),
	})
	if err != nil {
		return models.User{}, fmt.Errorf("create user: %w", err)
	}
	return user, nil
}

// UserByEmail finds a user; the email's case does not matter.
func (s *Service) UserByEmail(ctx context.Context, email string) (models.User, error) {
	user, err := s.queries.GetUserByEmail(ctx, NormalizeEmail(email))
	if errors.Is(err, sql.ErrNoRows) {
		return models.User{}, fmt.Errorf("%w: %s", ErrNoSuchUser, NormalizeEmail(email))
	}
	return user, err
}

// errNoActiveUser means a session or token belongs to a user who was deleted or deactivated.
var errNoActiveUser = errors.New("the user no longer exists or is deactivated")

// activeUser returns the user with this id, or errNoActiveUser.
func (s *Service) activeUser(ctx context.Context, userID int64) (models.User, error) {
	user, err := s.queries.GetUserByID(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !user.IsActive) {
		return models.User{}, errNoActiveUser
	}
	return user, err
}

// ListUsers returns every user, by email.
func (s *Service) ListUsers(ctx context.Context) ([]models.User, error) {
	return s.queries.ListUsers(ctx)
}

// SetPassword gives a user a new password (which must follow the rules) and signs them out
// everywhere (see SignOutEverywhere): the browser that changed it logs in again, as
// ChangePassword does.
func (s *Service) SetPassword(ctx context.Context, userID int64, password string) error {
	if err := CheckPasswordRules(password); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, password) // before the transaction, which should be short
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(queries *models.Queries) error {
		if err := queries.SetPasswordHash(ctx, models.SetPasswordHashParams{PasswordHash: hash, Now: s.now(), ID: userID}); err != nil {
			return fmt.Errorf("save the new password: %w", err)
		}
		return SignOutEverywhere(ctx, queries, userID)
	})
}

// SetRole makes a user a plain user, staff or a superuser.
func (s *Service) SetRole(ctx context.Context, email string, role Role) error {
	user, err := s.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	return s.queries.SetUserRole(ctx, models.SetUserRoleParams{
		IsStaff:     role == RoleStaff || role == RoleSuperuser,
		IsSuperuser: role == RoleSuperuser,
		Now:         s.now(),
		ID:          user.ID,
	})
}

// SetActive activates or deactivates a user. A deactivated user cannot log in and is signed
// out everywhere (see SignOutEverywhere); activating them again does not bring back what ended.
func (s *Service) SetActive(ctx context.Context, email string, active bool) error {
	user, err := s.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(queries *models.Queries) error {
		if err := queries.SetUserActive(ctx, models.SetUserActiveParams{IsActive: active, Now: s.now(), ID: user.ID}); err != nil || active {
			return err
		}
		return SignOutEverywhere(ctx, queries, user.ID)
	})
}

// SignOutEverywhere ends every login session and API token of a user at once: it raises
// users.auth_version, which each session (see stampOf) and access token (see accessClaims)
// carries and every request compares, and deletes the user's refresh tokens. Every path that
// sets a password or deactivates a user calls it in the same transaction: the account page,
// the admin, the users and changepassword commands, and emergency access.
func SignOutEverywhere(ctx context.Context, queries *models.Queries, userID int64) error {
	if err := queries.EndUserSessions(ctx, userID); err != nil {
		return fmt.Errorf("end the user's sessions: %w", err)
	}
	return queries.DeleteUserRefreshTokens(ctx, userID)
}

// inTx runs change in one write transaction (see database.WriteTx), committed when it
// returns nil.
func (s *Service) inTx(ctx context.Context, change func(*models.Queries) error) error {
	return database.WriteTx(ctx, s.db, func(tx *sql.Tx) error { return change(s.queries.WithTx(tx)) })
}

// DevSuperuserEmail is the account `serve` creates in development when there is no superuser.
const DevSuperuserEmail = "admin@example.com"

// CreateDevSuperuser creates DevSuperuserEmail with a random password when no superuser
// exists, and returns that password; it returns "" when there already is a superuser.
// The password is never stored or logged in clear: the caller shows it once.
func (s *Service) CreateDevSuperuser(ctx context.Context) (password string, err error) {
	count, err := s.queries.CountSuperusers(ctx)
	if err != nil || count > 0 {
		return "", err
	}
	password = rand.Text() // 26 random letters and digits
	if _, err := s.CreateUser(ctx, DevSuperuserEmail, password, RoleSuperuser); err != nil {
		return "", fmt.Errorf("create the development superuser: %w (create one with `go run . createsuperuser`)", err)
	}
	return password, nil
}

// DeleteExpired removes the sessions, tokens and failed logins that can no longer matter.
func (s *Service) DeleteExpired(ctx context.Context) error {
	now := s.now()
	_, err1 := s.queries.DeleteExpiredSessions(ctx, now)
	_, err2 := s.queries.DeleteExpiredRefreshTokens(ctx, now)
	_, err3 := s.queries.DeleteExpiredEmergencyTokens(ctx, now)
	_, err4 := s.queries.DeleteOldLoginFailures(ctx, now.Add(-ThrottleWindow))
	return errors.Join(err1, err2, err3, err4)
}

// DeleteExpiredEvery runs DeleteExpired every interval until ctx is cancelled; serve starts it.
func (s *Service) DeleteExpiredEvery(ctx context.Context, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		if err := s.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("delete expired sessions and tokens", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// hashToken is how tokens are stored: a SHA-256, so a copy of the database holds no token
// that works. Tokens are long and random, so unlike passwords they need no slow hash.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
