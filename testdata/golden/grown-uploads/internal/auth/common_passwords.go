// The list of passwords too common to allow, read from common-passwords.txt (embedded in the
// binary). Add a line to that file to refuse another password.

package auth

import (
	_ "embed"
	"strings"
)

//go:embed common-passwords.txt
var commonPasswordsFile string

// isCommonPassword reports whether password is on the list, ignoring case: "Password1"
// is no better than "password1".
func isCommonPassword(password string) bool {
	password = strings.ToLower(password)
	for _, line := range strings.Split(commonPasswordsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && line == password {
			return true
		}
	}
	return false
}
