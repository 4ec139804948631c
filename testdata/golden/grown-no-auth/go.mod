module myapp

go 1.26.0

require (
	github.com/joho/godotenv v1.5.1
	github.com/pressly/goose/v3 v3.30.0
	modernc.org/sqlite v1.62.0
)
