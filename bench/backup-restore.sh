#!/usr/bin/env bash
# Backup and restore of a big app: generate the default app, build it, fill its database with
# 100,000 notes and its upload folder with 200 MB of files (random bytes, which do not
# compress, as photos do not), then time `backup` and `restore --yes` and print the archive's
# size. The figures go in docs/benchmarks.md ("Backup and restore").
#
# Usage: bench/backup-restore.sh [--db postgres] [--rows 100000] [--megabytes 200]
#   --db postgres uses TEST_DATABASE_URL (a fresh schema, dropped at the end) and needs psql.
# Needs: go, sqlite3 (for SQLite), base32.
set -euo pipefail

db=sqlite rows=100000 megabytes=200
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--rows) rows=$2; shift 2 ;;
	--megabytes) megabytes=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/fastopp-backup-bench.XXXXXX)
schema=""
cleanup() {
	if [ -n "$schema" ]; then psql "$TEST_DATABASE_URL" -q -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && CGO_ENABLED=0 go build -o "$work/fastopp" ./cmd/fastopp)
"$work/fastopp" new myapp --dir "$work/myapp" --yes --db "$db" --skip-assets >/dev/null
cd "$work/myapp"
CGO_ENABLED=0 go build -o myapp .

if [ "$db" = postgres ]; then
	: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL=postgres://...}"
	schema=bench_backup_$$
	psql "$TEST_DATABASE_URL" -q -c "CREATE SCHEMA $schema"
	sep='?'; case "$TEST_DATABASE_URL" in *\?*) sep='&' ;; esac
	export DATABASE_URL="$TEST_DATABASE_URL${sep}search_path=$schema"
	./myapp migrate up >/dev/null
	psql "$TEST_DATABASE_URL" -q -c "INSERT INTO $schema.notes (body) SELECT 'Note number ' || n || ', with some words to search for' FROM generate_series(1, $rows) AS n"
else
	export DATABASE_URL=sqlite:data/app.db
	./myapp migrate up >/dev/null
	sqlite3 data/app.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
		INSERT INTO notes (body) SELECT 'Note number ' || i || ', with some words to search for' FROM n"
fi

# 1 MB files under keys the app could have made (26 base32 letters and an extension).
export UPLOAD_DIR=data/uploads
mkdir -p "$UPLOAD_DIR"
for _ in $(seq "$megabytes"); do
	key=$(head -c 16 /dev/urandom | base32 | tr 'A-Z' 'a-z' | tr -d '=' | cut -c1-26)
	head -c 1000000 /dev/urandom >"$UPLOAD_DIR/$key.jpg"
done

echo "$db: $rows notes, $megabytes MB of uploads"
start=$(date +%s.%N)
./myapp backup --out "$work/backup.tar.gz"
backup_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
./myapp restore "$work/backup.tar.gz" --yes >/dev/null
restore_s=$(echo "$(date +%s.%N) - $start" | bc)
printf 'backup  %.1f s\nrestore %.1f s\narchive %s bytes\n' "$backup_s" "$restore_s" "$(stat -c %s "$work/backup.tar.gz")"
