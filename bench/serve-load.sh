#!/usr/bin/env bash
# Load test of a generated app's served binary: generate the default app (SQLite), build it,
# start it, log in, add 50 notes, then run wrk against the home page, a logged-in page and
# pages that list 50 rows, one after another in the same run. The figures go in
# docs/benchmarks.md ("Serving pages under load").
#
# Usage: bench/serve-load.sh [--db postgres] [--duration 10s] [--connections 32] [--rows N] [--profile PATH [--profile-page /notes]]
#   --rows N adds N more notes straight into the database (sqlite3 or psql; say 100000) before
#   the load, for the admin list over a big table: its first page, and a search for a rare term.
#   --profile PATH also saves an 8 s CPU profile of the server while a page (/account unless
#   --profile-page says) is loaded (then: go tool pprof -top PATH); the duration must be longer.
# Needs: go, wrk, curl (sqlite3 for --rows); for --db postgres a server at $PG_URL (default below) and psql.
set -euo pipefail

db=sqlite duration=10s connections=32 profile="" profile_page=/account rows=0
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--connections) connections=$2; shift 2 ;;
	--profile) profile=$2; shift 2 ;;
	--profile-page) profile_page=$2; shift 2 ;;
	--rows) rows=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/fastopp-serve-load.XXXXXX)
port=${PORT:-18000}
base=http://127.0.0.1:$port
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "== generate and build ($db) in $work"
(cd "$root" && CGO_ENABLED=0 go build -o "$work/fastopp" ./cmd/fastopp)
"$work/fastopp" new myapp --dir "$work/myapp" --yes --skip-assets --db "$db" >/dev/null
cd "$work/myapp"
if [ -n "$profile" ]; then # a pprof endpoint in the benchmark's copy only, never in the templates
	cat >bench_pprof.go <<'GO'
package main

import (
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	if addr := os.Getenv("BENCH_PPROF_ADDR"); addr != "" {
		go http.ListenAndServe(addr, nil)
	}
}
GO
	export BENCH_PPROF_ADDR=127.0.0.1:$((port + 1))
fi
CGO_ENABLED=0 go build -o "$work/app" .

export ENVIRONMENT=development SECRET_KEY=bench-only-secret-key-0123456789abcdefghijkl
if [ "$db" = postgres ]; then
	pg=${PG_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable}
	schema=bench_$$
	psql "$pg" -qc "CREATE SCHEMA $schema" >/dev/null
	trap 'psql "$pg" -qc "DROP SCHEMA $schema CASCADE" >/dev/null; cleanup' EXIT
	export DATABASE_URL="$pg&search_path=$schema"
else
	export DATABASE_URL=sqlite:$work/app.db
fi

email=bench@example.com password="correct horse battery staple"
"$work/app" migrate up >/dev/null
echo "$password" | "$work/app" createsuperuser --email "$email" --password-stdin >/dev/null
"$work/app" serve --addr "127.0.0.1:$port" >/dev/null 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

echo "== log in and add 50 notes"
jar=$work/cookies
curl -fs -c "$jar" -o /dev/null "$base/login"
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login"
cookie=$(awk '$6 == "session" { print $7 }' "$jar")
[ -n "$cookie" ] || { echo "login failed: no session cookie" >&2; exit 1; }
curl -fs -b "session=$cookie" -o /dev/null "$base/account" || { echo "the session does not open /account" >&2; exit 1; }
for i in $(seq 50); do
	curl -fs -b "session=$cookie" -o /dev/null --data-urlencode "body=Note number $i, added by the load test" "$base/notes"
done

if [ "$rows" -gt 0 ]; then
	echo "== add $rows notes"
	# "Note 4242 about a fig": every note says "about", a fifth "fig", eleven "Note 4242".
	seed="INSERT INTO notes (body) SELECT 'Note ' || i || ' about a ' || (CASE i % 5 WHEN 0 THEN 'Apple' WHEN 1 THEN 'pear' WHEN 2 THEN 'plum' WHEN 3 THEN 'cherry' ELSE 'fig' END) FROM"
	if [ "$db" = postgres ]; then
		psql "$pg" -q -c "SET search_path = $schema" -c "$seed generate_series(0, $((rows - 1))) AS i" -c "VACUUM ANALYZE notes" >/dev/null
	else
		sqlite3 "$work/app.db" "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $((rows - 1))) $seed s" >/dev/null
	fi
fi

load() { # load NAME PATH [cookie [wrk options...]]
	local header=() profiler="" name=$1 path=$2
	[ -n "${3:-}" ] && header=(-H "Cookie: session=$3")
	shift 3 2>/dev/null || shift $#
	if [ -n "$profile" ] && [ "$path" = "$profile_page" ]; then
		curl -fs -o "$profile" "http://$BENCH_PPROF_ADDR/debug/pprof/profile?seconds=8" &
		profiler=$!
	fi
	printf '%-32s ' "$name"
	wrk -t2 -c"$connections" -d"$duration" --latency "${header[@]}" "$@" "$base$path" |
		awk '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $NF }
			END { printf "%10s req/s   p50 %8s   p99 %8s%s\n", rps, p50, p99, (bad ? "   NON-2xx: " bad : "") }'
	if [ -n "$profiler" ]; then
		wait "$profiler" && echo "   CPU profile of $path: go tool pprof -top $profile"
	fi
}

echo "== wrk -c$connections -d$duration, $(nproc) CPUs, $db"
load "/ (home)" /
load "/account (logged in)" /account "$cookie"
load "/notes (50 rows, logged in)" /notes "$cookie"
load "/admin/notes (50 rows)" /admin/notes "$cookie"
if [ "$rows" -gt 0 ]; then
	load "/admin/notes?q=note+4242" "/admin/notes?q=note+4242" "$cookie"
fi
load "/ again (home)" /
# Writes: each request saves a note through the admin (bench/admin-save.lua), 8 then 32 at once.
connections=8 load "admin saves, 8 writers" /admin/notes/new "$cookie" -s "$root/bench/admin-save.lua"
connections=32 load "admin saves, 32 writers" /admin/notes/new "$cookie" -s "$root/bench/admin-save.lua"
if grep -q 'database is locked' "$work/server.log"; then
	echo "SAVES FAILED with \"database is locked\": $(grep -c 'database is locked' "$work/server.log")"
fi
if grep -q 'level=ERROR' "$work/server.log"; then
	echo "the server logged errors:"; grep 'level=ERROR' "$work/server.log" | sed 's/^time=[^ ]* //' | sort | uniq -c | sort -rn | head -5
fi
