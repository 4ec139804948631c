module myapp

go 1.26.0

require (
	github.com/gabriel-vasile/mimetype v1.4.16
	github.com/joho/godotenv v1.5.1
	github.com/minio/minio-go/v7 v7.4.1
	github.com/pressly/goose/v3 v3.30.0
	golang.org/x/image v0.48.0
	golang.org/x/term v0.48.0
	modernc.org/sqlite v1.62.0
)
