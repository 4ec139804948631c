#!/usr/bin/env bash
# Before and after, on a busy machine: the default app (SQLite) generated from an older commit
# and from this working tree, both served at once, with wrk taking turns between them page
# by page. Besides requests/s, which swing with whatever else runs, it reports each server's
# CPU time per request (from /proc), which swings much less: compare that column.
#
# Usage: bench/serve-compare.sh COMMIT [--rounds 3] [--duration 5s] [--connections 32]
#   COMMIT is the "before" (main, a commit id, HEAD~2); "after" is the working tree.
# Needs: Linux (/proc), go, git, wrk, curl.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 COMMIT [--rounds N] [--duration 5s] [--connections 32]" >&2; exit 2; }
before=$1; shift
rounds=3 duration=5s connections=32
while [ $# -gt 0 ]; do
	case "$1" in
	--rounds) rounds=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--connections) connections=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/fastopp-serve-compare.XXXXXX)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/before-tree"
git -C "$root" archive "$before" | tar -x -C "$work/before-tree"
declare -A tree=([before]=$work/before-tree [after]=$root) port=([before]=18401 [after]=18402) cookie server

export ENVIRONMENT=development SECRET_KEY=bench-only-secret-key-0123456789abcdefghijkl
email=bench@example.com password="correct horse battery staple"
for v in before after; do
	echo "== $v: generate, build, start, log in, add 50 notes"
	(cd "${tree[$v]}" && CGO_ENABLED=0 go build -o "$work/fastopp-$v" ./cmd/fastopp)
	"$work/fastopp-$v" new myapp --dir "$work/$v" --yes --skip-assets >/dev/null
	(cd "$work/$v" && CGO_ENABLED=0 go build -o "$work/app-$v" .)
	export DATABASE_URL=sqlite:$work/$v.db
	"$work/app-$v" migrate up >/dev/null
	echo "$password" | "$work/app-$v" createsuperuser --email "$email" --password-stdin >/dev/null
	"$work/app-$v" serve --addr "127.0.0.1:${port[$v]}" >/dev/null 2>"$work/$v.log" &
	pids+=($!) && server[$v]=$!
	base=http://127.0.0.1:${port[$v]}
	for _ in $(seq 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
	jar=$work/cookies-$v
	curl -fs -c "$jar" -o /dev/null "$base/login"
	curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login"
	cookie[$v]=$(awk '$6 == "session" { print $7 }' "$jar")
	[ -n "${cookie[$v]}" ] || { echo "$v: login failed" >&2; exit 1; }
	for i in $(seq 50); do
		curl -fs -b "session=${cookie[$v]}" -o /dev/null --data-urlencode "body=Note number $i, added by the load test" "$base/notes"
	done
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time, in 1/100 s
echo "== wrk -c$connections -d$duration, $(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg); before is $before"
for round in $(seq "$rounds"); do
	for path in / /account /notes /admin/notes; do
		for v in before after; do
			header=(-H "Cookie: session=${cookie[$v]}")
			[ "$path" = / ] && header=() # the home page as a visitor sees it
			ticks=$(cpu_ticks "${server[$v]}")
			out=$(wrk -t2 -c"$connections" -d"$duration" "${header[@]}" "http://127.0.0.1:${port[$v]}$path")
			ticks=$(($(cpu_ticks "${server[$v]}") - ticks))
			requests=$(echo "$out" | awk '/requests in/ { print $1 }')
			printf 'round %s  %-13s %-6s %10s req/s  %6d µs CPU a request\n' "$round" "$path" "$v" \
				"$(echo "$out" | awk '/Requests\/sec/ { print $2 }')" $((ticks * 10000 / requests))
		done
	done
done
