// The admin declaration of the users table. A password is never shown, only set: auth checks
// its rules and hashes it (internal/auth/passwords.go). A user added without one cannot log in.

package admin

import (
	"strings"

	"myapp/internal/auth"
)

var usersTable = Table{
	Name:     "users",
	DBTable:  "users",
	Title:    "Users",
	Singular: "user",
	Display:  "email",
	Fields: []Field{
		{Column: "email", Label: "Email", Kind: Text, Required: true, MaxLength: 254, Lowercase: true, Check: checkEmail},
		{Column: "password_hash", Label: "New password", Kind: Password, Help: "Leave empty to keep the current password."},
		{Column: "is_active", Label: "Active", Kind: Boolean, Help: "A deactivated user cannot log in."},
		{Column: "is_staff", Label: "Staff", Kind: Boolean, SuperuserOnly: true, Help: "Staff may use the admin, with their groups' permissions."},
		{Column: "is_superuser", Label: "Superuser", Kind: Boolean, SuperuserOnly: true, Help: "A superuser may do everything."},
		{Column: "created_at", Label: "Joined", Kind: DateTime, ReadOnly: true},
		{Column: "last_login_at", Label: "Last login", Kind: DateTime, ReadOnly: true},
	},
	List:        []string{"email", "is_active", "is_staff", "is_superuser", "created_at"},
	Search:      []string{"email"},
	SearchIndex: "users_search", // SQLite: migration 00003
	Filters:     []string{"is_active", "is_staff", "is_superuser"},
	Sort:        "email",
	Links: []Link{
		{Label: "Groups", Path: "/admin/users/{id}/groups"}, // users.go
	},
	Authorize:   authorizeUser,     // rules.go: who may change whom
	AfterChange: signOutEverywhere, // users.go
	// "!" is no argon2id hash: a user added without a password cannot log in until one is set.
	Defaults: map[string]any{"password_hash": "!"},
}

// checkEmail is the users email field's Check: the same rule as the createsuperuser and users
// commands (auth.CheckEmail), so that every account can log in with the email it was given.
func checkEmail(text string) string {
	if err := auth.CheckEmail(auth.NormalizeEmail(text)); err != nil {
		message := err.Error()
		return strings.ToUpper(message[:1]) + message[1:] + "."
	}
	return ""
}
