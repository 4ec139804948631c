// Package models is the Go code sqlc generates from the SQL in internal/database/queries and
// the tables in internal/database/migrations. Do not edit the other files here: change the SQL,
// then run `go run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.31.1 generate` to write them again.
package models
