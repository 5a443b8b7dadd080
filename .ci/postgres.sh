# shellcheck shell=bash
# Sourced by .ci/run: starts a throw-away PostgreSQL cluster for the store
# tests and exports SITREP_TEST_POSTGRES (a postgres:// URL whose role may
# create databases) and SITREP_POSTGRES_TESTS=required, so that the
# PostgreSQL conformance suite fails instead of skipping when the server is
# missing. PostgreSQL comes from Debian's packages when initdb is not
# installed. The cluster lives in a temporary directory, listens on a free
# loopback port only, runs with fsync off, and is stopped and removed when
# the sourcing shell exits.
#
# Try it: bash -c 'source .ci/postgres.sh && go test ./internal/store/postgres -v'

sitrep_pg_bin() {
	# The directory of initdb/pg_ctl/psql: PATH first, then Debian's
	# versioned directories (newest first).
	# Debian links only some tools into PATH: use the directory the link
	# points into, which also holds psql and pg_ctl.
	local d
	if command -v initdb >/dev/null 2>&1; then
		d=$(dirname "$(readlink -f "$(command -v initdb)")")
		if [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -rn); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

sitrep_pg_free_port() {
	# A loopback port nothing listens on (bash's /dev/tcp connects fail).
	local p i
	for i in $(seq 1 100); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

sitrep_pg_start() {
	local bin as=()
	if ! bin=$(sitrep_pg_bin); then
		local sudo=""
		if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
		$sudo apt-get update -qq
		# Debian's postgresql-common may start its own cluster; ours is
		# separate and does not depend on it.
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
		bin=$(sitrep_pg_bin) || { echo "postgres.sh: no initdb after installing postgresql" >&2; return 1; }
	fi
	SITREP_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX")
	# initdb and postgres refuse to run as root: run them as the postgres
	# user (created by the Debian package) when we are root.
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$SITREP_PG_DIR"
		as=(runuser -u postgres --)
	fi
	SITREP_PG_AS=("${as[@]}")
	SITREP_PG_BIN=$bin
	"${as[@]}" "$bin/initdb" -D "$SITREP_PG_DIR/data" -U postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$SITREP_PG_DIR/initdb.log" 2>&1 ||
		{ cat "$SITREP_PG_DIR/initdb.log" >&2; return 1; }
	trap sitrep_pg_stop EXIT
	local try port=""
	for try in 1 2 3 4 5; do
		port=$(sitrep_pg_free_port) || break
		if "${as[@]}" "$bin/pg_ctl" -D "$SITREP_PG_DIR/data" -l "$SITREP_PG_DIR/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$SITREP_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
			start >/dev/null; then
			break
		fi
		port=""
	done
	if [ -z "$port" ]; then
		echo "postgres.sh: the server did not start:" >&2
		cat "$SITREP_PG_DIR/server.log" >&2
		return 1
	fi
	SITREP_PG_PORT=$port
	"${as[@]}" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$SITREP_PG_DIR" -p "$port" -U postgres -d postgres \
		-c "CREATE ROLE sitrep LOGIN CREATEDB" -c "CREATE DATABASE sitrep OWNER sitrep" >/dev/null ||
		{ echo "postgres.sh: could not create the test role" >&2; return 1; }
	export SITREP_TEST_POSTGRES="postgres://sitrep@127.0.0.1:$port/sitrep?sslmode=disable"
	export SITREP_POSTGRES_TESTS=required
	echo "postgres.sh: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $SITREP_PG_DIR)"
}

sitrep_pg_stop() {
	if [ -n "${SITREP_PG_DIR:-}" ] && [ -d "$SITREP_PG_DIR/data" ]; then
		"${SITREP_PG_AS[@]}" "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [ -n "${SITREP_PG_DIR:-}" ]; then
		rm -rf "$SITREP_PG_DIR"
	fi
}

sitrep_pg_start
