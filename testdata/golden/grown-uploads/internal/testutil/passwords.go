// Password hashing for tests. A real hash takes tens of milliseconds of CPU on purpose (it makes
// guessing slow); a test that creates and logs in users by the dozen would spend most of its
// time hashing, so tests hash with cheap settings instead.

package testutil

import "github.com/alexedwards/argon2id"

// FastHashParams make an argon2id hash take microseconds. Tests only: hashes this cheap are
// easy to crack. The auth package's own tests give them to a Service (auth.ForTests); the tests
// of another package set auth.DefaultHashParams to them in TestMain, before any Service exists:
//
//	func TestMain(m *testing.M) {
//		auth.DefaultHashParams = testutil.FastHashParams
//		os.Exit(m.Run())
//	}
var FastHashParams = argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
