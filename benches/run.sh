#!/usr/bin/env bash
# breakglass against the alternatives, side by side in one run. Prints ratios (ours / theirs:
# below 1 is faster) and writes benches/results.md in docs/performance.md's table format.
#
#   benches/run.sh            # everything, 1,000,000-user tables (at most 12 minutes on 2 cores)
#   benches/run.sh --quick    # 100,000-user tables, fewer runs (about 3 minutes)
#   benches/run.sh --musl     # only the static musl binary against the glibc one (1,000,000 users)
#
# Needs: hyperfine, GNU time, sqlite3, psql, the argon2 CLI, python3 with argon2-cffi, and
# PostgreSQL at BREAKGLASS_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."

users=1000000
tokens=100000
runs=10
heavy_runs=5
output=benches/results.md
mode=full
case "${1:-}" in
  --quick) users=100000; tokens=10000; runs=5; heavy_runs=3; output=benches/results-quick.md; mode=quick ;;
  --musl) mode=musl; output=benches/results-musl.md ;;
esac
pg=${BREAKGLASS_BENCH_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
work=$(mktemp -d)
schema="bg_bench_$$"
trap 'psql -q "$pg" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; rm -rf "$work"' EXIT

for tool in hyperfine sqlite3 psql argon2 python3; do
  command -v "$tool" >/dev/null || { echo "benches/run.sh needs $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "benches/run.sh needs GNU time (/usr/bin/time)" >&2; exit 1; }

cargo build --release --locked --quiet
bin=$(realpath target/release/breakglass)
results="$work/results.tsv"
: >"$results"
started=$(date +%s)

# hyperfine JSON -> median seconds of command N (0-based)
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$1" "$2"; }
# peak resident set of one run, in MiB
peak() { /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.1f", $1/1024}'; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }
note() { record "$1" "$2" "—" "$3"; echo "   $1: $2" >&2; }
compare() { # name json ours_index theirs_index target
  local ours theirs
  ours=$(median "$2" "$3"); theirs=$(median "$2" "$4")
  record "$1" "$(python3 -c "print(f'{$ours*1000:.1f} ms vs {$theirs*1000:.1f} ms')")" \
    "$(python3 -c "print(f'{$ours/$theirs:.2f}')")" "$5"
}
# side_by_side NAME TARGET RUNS OURS THEIRS [hyperfine options...]: one hyperfine run, one row.
side_by_side() {
  local name=$1 target=$2 count=$3 ours=$4 theirs=$5
  shift 5
  local json
  json="$work/$(echo "$name" | tr -c 'a-zA-Z0-9' '_').json"
  echo "== $name" >&2
  hyperfine -w "${warmup:-1}" -r "$count" "$@" --export-json "$json" "$ours" "$theirs" >&2
  compare "$name" "$json" 0 1 "$target"
}

printf 'Correct-Horse-Battery-9' >"$work/pw"
fill_sqlite() { # db count
  "$bin" -q sandbox --database-url "sqlite:///$1" >/dev/null
  sqlite3 "$1" "DELETE FROM email_users; INSERT INTO email_users (id, email, password_hash, full_name, is_admin, is_active, \
    failed_login_attempts, locked_until, password_change_required, password_changed_at) \
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) \
    SELECT printf('%08d', i), 'user' || i || '@example.com', '\$argon2id\$v=19\$m=65536,t=3,p=1\$c2FsdHNhbHQ\$aGFzaA', 'User ' || i, \
      i % 100 = 0, 1, CASE WHEN i % 10 = 0 THEN 5 ELSE 0 END, \
      CASE WHEN i % 10 = 0 THEN '2099-01-01 00:00:00.000000' END, 0, '2026-01-01 00:00:00.000000' FROM n;"
}
fill_tokens() { # db count: tokens of the first users, one in ten revoked
  sqlite3 "$1" "DELETE FROM token_revocations; DELETE FROM email_api_tokens; \
    INSERT INTO email_api_tokens (id, user_email, name, jti, token_hash, created_at, expires_at, is_active) \
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) \
    SELECT printf('tok-%08d', i), 'user' || (i % 1000 + 1) || '@example.com', 'token ' || i, printf('jti-%08d', i), 'x', \
      '2026-01-01 00:00:00.000000', CASE WHEN i % 3 = 0 THEN '2099-01-01 00:00:00.000000' END, 1 FROM n; \
    INSERT INTO token_revocations (jti, revoked_at, revoked_by, reason) \
      SELECT jti, '2026-02-01 00:00:00.000000', 'admin@example.com', 'bench' FROM email_api_tokens WHERE CAST(substr(jti, 5) AS INTEGER) % 10 = 0;"
}
write_results() { # file
  {
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d); \`benches/run.sh${1:+ $2}\` took $(( $(date +%s) - started )) s."
    echo
    echo "| measurement | figures | ratio | target |"
    echo "| --- | --- | --- | --- |"
    while IFS=$'\t' read -r name figures ratio target; do
      echo "| $name | $figures | $ratio | $target |"
    done <"$results"
  } >"$1"
  cat "$1"
}

# The release binaries are static musl builds (scripts/release.sh); musl's allocator is slower
# than glibc's, so the two builds of one commit run side by side: musl / glibc, below 1.10.
musl_vs_glibc() {
  local musl
  musl=$(scripts/release.sh build x86_64-unknown-linux-musl)
  fill_sqlite "$work/musl.db" "$users"
  side_by_side "musl vs glibc: list-admins -o json, SQLite, $users users" "<= 1.10" "$runs" \
    "$musl -q list-admins -o json --database-url sqlite:///$work/musl.db > /dev/null" \
    "$bin -q list-admins -o json --database-url sqlite:///$work/musl.db > /dev/null"
  side_by_side "musl vs glibc: list-admins --all-users -o json, SQLite, $users users" "<= 1.10" 3 \
    "$musl -q list-admins --all-users -o json --database-url sqlite:///$work/musl.db > /dev/null" \
    "$bin -q list-admins --all-users -o json --database-url sqlite:///$work/musl.db > /dev/null"
  "$bin" -q sandbox --database-url "sqlite:///$work/musl-reset.db" >/dev/null
  side_by_side "musl vs glibc: reset (SQLite, Argon2id t=3 m=64 MiB)" "<= 1.10" "$runs" \
    "$musl -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url sqlite:///$work/musl-reset.db" \
    "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url sqlite:///$work/musl-reset.db"
  note "binary size: musl (static) / glibc (dynamic)" "$(stat -c %s "$musl") / $(stat -c %s "$bin") bytes" "< 10 MB"
}

if [ "$mode" = musl ]; then
  musl_vs_glibc
  write_results "$output" --musl
  exit 0
fi

# --- Argon2id at the gateway's parameters -------------------------------------------------------
cat >"$work/cffi.py" <<'PY'
import sys
from argon2 import PasswordHasher
print(PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16).hash(open(sys.argv[1]).read()))
PY
echo "== hash-password at the gateway's parameters (t=3, m=64 MiB, p=1), whole processes" >&2
hyperfine -w 3 -r "$((runs * 2))" --export-json "$work/hash.json" \
  "$bin hash-password --password-file $work/pw" \
  "argon2 breakglass-salt16 -id -t 3 -m 16 -p 1 -l 32 -e < $work/pw" \
  "python3 $work/cffi.py $work/pw" >&2
compare "hash-password vs argon2 reference CLI" "$work/hash.json" 0 1 "<= 0.90"
compare "hash-password vs argon2-cffi (python)" "$work/hash.json" 0 2 "(information)"
note "peak memory: hash-password / argon2 CLI / argon2-cffi" \
  "$(peak "$bin hash-password --password-file $work/pw") / $(peak "argon2 breakglass-salt16 -id -t 3 -m 16 -p 1 -l 32 -e < $work/pw") / $(peak "python3 $work/cffi.py $work/pw") MiB" "(information)"

# --- Every other hash scheme against Python's hashlib (OpenSSL) or argon2-cffi -----------------
# hashes.py SCHEME PASSWORD_FILE [STORED]: the same derivation in one Python process; with STORED
# it verifies (recomputes with the stored salt and parameters and compares), as `verify` does.
cat >"$work/hashes.py" <<'PY'
import base64, hashlib, hmac, os, sys
scheme, password = sys.argv[1], open(sys.argv[2], 'rb').read()
stored = sys.argv[3] if len(sys.argv) > 3 else None
def pbkdf2(iterations, salt, length=None):
    return hashlib.pbkdf2_hmac('sha256', password, salt, iterations, length)
if scheme == 'django-pbkdf2-sha256':
    if stored:
        _, iterations, salt, expected = stored.split('$')
        assert hmac.compare_digest(base64.b64encode(pbkdf2(int(iterations), salt.encode())).decode(), expected)
    else:
        print(base64.b64encode(pbkdf2(1000000, os.urandom(16).hex()[:22].encode())).decode())
elif scheme == 'werkzeug-pbkdf2':
    if stored:
        method, salt, expected = stored.split('$')
        assert hmac.compare_digest(pbkdf2(int(method.split(':')[2]), salt.encode()).hex(), expected)
    else:
        print(pbkdf2(1000000, os.urandom(8).hex().encode()).hex())
elif scheme == 'werkzeug-scrypt':
    def scrypt(n, r, p, salt):
        return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, maxmem=132 * n * r * p, dklen=64)
    if stored:
        method, salt, expected = stored.split('$')
        n, r, p = (int(part) for part in method.split(':')[1:])
        assert hmac.compare_digest(scrypt(n, r, p, salt.encode()).hex(), expected)
    else:
        print(scrypt(32768, 8, 1, os.urandom(8).hex().encode()).hex())
elif scheme == 'gitea':    # pbkdf2$50000$50, hex of a 16-byte salt
    print(pbkdf2(50000, os.urandom(16).hex().encode(), 50).hex())
elif scheme == 'grafana':  # 10,000 iterations, 50 bytes, a 10-character salt
    print(pbkdf2(10000, os.urandom(5).hex().encode(), 50).hex())
elif scheme == 'nextcloud':  # PHP's PASSWORD_ARGON2ID defaults
    from argon2 import PasswordHasher
    hasher = PasswordHasher(time_cost=4, memory_cost=65536, parallelism=1)
    if stored:
        hasher.verify(stored.split('|', 1)[-1], password)
    else:
        print('3|' + hasher.hash(password))
PY
profiles=$("$bin" profile list -o json | python3 -c "import json,sys; print(' '.join(p['name'] for p in json.load(sys.stdin)))")
(cd "$work" && "$bin" -q sandbox --database-url sqlite:///./verify.db >/dev/null)
# scheme  hash-password arguments  verifiable in the gateway's table (the hash carries its salt)
while read -r scheme profile arguments verifiable; do
  if [ "$profile" != - ] && ! [[ " $profiles " == *" $profile "* ]]; then
    note "hash-password / verify, $scheme" "skipped: this build has no profile $profile ('breakglass profile list')" "<= 1.0"
    continue
  fi
  side_by_side "hash-password, $scheme, vs python" "<= 1.0" "$runs" \
    "$bin hash-password $arguments --password-file $work/pw" "python3 $work/hashes.py $scheme $work/pw"
  if [ "$verifiable" = yes ]; then
    stored=$("$bin" hash-password $arguments --password-file "$work/pw")
    sqlite3 "$work/verify.db" "UPDATE email_users SET password_hash = '$stored' WHERE email = 'dev@example.com'"
    # verify exits 6 (the gateway would refuse: not its scheme, a lock) after checking the password.
    side_by_side "verify, $scheme, vs python" "<= 1.0" "$runs" \
      "$bin -q verify dev@example.com --password-file $work/pw --database-url sqlite:///$work/verify.db > /dev/null || true" \
      "python3 $work/hashes.py $scheme $work/pw '$stored'"
  else
    note "verify, $scheme" "not measured: verify reads this hash from the application's own tables, which this script does not build" "<= 1.0"
  fi
done <<'SCHEMES'
django-pbkdf2-sha256 - --scheme=django-pbkdf2-sha256 yes
werkzeug-scrypt - --scheme=werkzeug-scrypt yes
werkzeug-pbkdf2 - --scheme=werkzeug-pbkdf2 yes
gitea gitea --profile=gitea no
grafana grafana --profile=grafana no
nextcloud nextcloud --profile=nextcloud no
SCHEMES

# --- Process start, a small list, reset ---------------------------------------------------------
(cd "$work" && "$bin" -q sandbox --database-url sqlite:///./small.db >/dev/null)
sqlite3 "$work/small.db" "INSERT INTO email_users (id, email, password_hash, is_admin, is_active, password_change_required) \
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) \
  SELECT 'extra-' || i, 'extra' || i || '@example.com', 'x', 0, 1, 0 FROM n"
# The columns and rows list-admins reads (the gateway profile's fields; admins by is_admin or
# PLATFORM_ADMIN_EMAIL), so each alternative selects exactly what breakglass selects.
columns="id, email, password_hash, is_admin, is_active, full_name, failed_login_attempts, locked_until, \
password_change_required, password_changed_at, last_login, password_hash_type, auth_provider, created_at, updated_at"
admins_sql="SELECT $columns FROM email_users WHERE (is_admin OR email IN ('admin@example.com')) ORDER BY email"
# What list-admins prints of each row, key for key (no hash, no id): why each is an admin, its
# login judgement and what blocks it approximated by column expressions, so the alternative prints
# what breakglass prints (#23).
shown="email, full_name, is_active, is_admin, \
CASE WHEN is_admin THEN '[\"is_admin\"]' ELSE '[]' END AS admin_via, failed_login_attempts, locked_until, \
locked_until IS NOT NULL AS locked, (locked_until IS NOT NULL AND is_admin) AS lockout_exempt, password_change_required, \
CASE WHEN NOT is_active OR (locked_until IS NOT NULL AND NOT is_admin) THEN 'refused' \
WHEN password_change_required THEN 'must_change_password' ELSE 'logs_in' END AS login, \
(is_active AND (locked_until IS NULL OR is_admin)) AS can_log_in, password_change_required AS change_required, \
CASE WHEN NOT is_active THEN '[\"inactive\"]' WHEN locked_until IS NOT NULL AND NOT is_admin THEN '[\"locked\"]' \
ELSE '[]' END AS blocked_by, last_login, password_changed_at, '[]' AS warnings"
admins_shown_sql="SELECT $shown FROM email_users WHERE (is_admin OR email IN ('admin@example.com')) ORDER BY email"
all_shown_sql="SELECT $shown FROM email_users ORDER BY email"
echo "== breakglass --version" >&2
hyperfine -N -w 10 -r 200 --export-json "$work/start.json" "$bin --version" >&2
note "breakglass --version (median)" "$(python3 -c "print(f'{$(median "$work/start.json" 0)*1000:.2f} ms')")" "<= 5 ms"
warmup=5 side_by_side "list-admins, 10 users (SQLite) vs sqlite3 -json" "< 20 ms absolute" 50 \
  "$bin -q list-admins -o json --database-url sqlite:///$work/small.db" "sqlite3 -json $work/small.db \"$admins_shown_sql\""

reset_cmd() { echo "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url $1"; }
warmup=2 side_by_side "reset (SQLite) vs hash-password" "<= 1.15" "$runs" \
  "$(reset_cmd "sqlite:///$work/small.db")" "$bin hash-password --password-file $work/pw"
psql -q "$pg" -c "CREATE SCHEMA $schema" >/dev/null
pg_url="$pg?options=-c%20search_path%3D$schema"
"$bin" -q sandbox --database-url "$pg_url" >/dev/null
tls=$(psql -qAt "$pg_url" -c "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()" 2>/dev/null || echo unknown)
warmup=2 side_by_side "reset (PostgreSQL, TLS: $tls) vs hash-password" "<= 1.15" "$runs" \
  "$(reset_cmd "$pg_url")" "$bin hash-password --password-file $work/pw"
warmup=2 side_by_side "reset (PostgreSQL, sslmode=disable) vs hash-password" "(information)" "$runs" \
  "$(reset_cmd "$pg_url\&sslmode=disable")" "$bin hash-password --password-file $work/pw"

echo "== peak memory of every other command (SQLite, 10 users)" >&2
cp "$work/small.db" "$work/memory.db"
memory_url="sqlite:///$work/memory.db"
note "peak memory: verify / reset / unlock / clear-change-flag / deactivate / sandbox" \
  "$(peak "$bin -q verify dev@example.com --password-file $work/pw --database-url $memory_url || true") / \
$(peak "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --database-url $memory_url") / \
$(peak "$bin -q unlock dev@example.com --yes --database-url $memory_url") / \
$(peak "$bin -q clear-change-flag admin@example.com --yes --database-url $memory_url") / \
$(peak "$bin -q deactivate dev@example.com --yes --database-url $memory_url") / \
$(peak "cd $work && $bin -q sandbox --database-url sqlite:///./memory-sandbox.db") MiB" "(information)"

# --- Large tables: SQLite -----------------------------------------------------------------------
echo "== $users users, 1% admins, 10% locked; $tokens tokens" >&2
fill_sqlite "$work/big.db" "$users"
fill_sqlite "$work/10k.db" 10000
fill_tokens "$work/big.db" "$tokens"
fill_tokens "$work/10k.db" 10000
big="sqlite:///$work/big.db"
side_by_side "list-admins -o json, SQLite, $users users vs sqlite3 -json" "<= 1.5" "$runs" \
  "$bin -q list-admins -o json --database-url $big > /dev/null" "sqlite3 -json $work/big.db \"$admins_shown_sql\" > /dev/null"
side_by_side "list-admins -o csv, SQLite, $users users vs sqlite3 -csv" "<= 1.5" "$runs" \
  "$bin -q list-admins -o csv --database-url $big > /dev/null" "sqlite3 -csv -header $work/big.db \"$admins_shown_sql\" > /dev/null"
side_by_side "list-admins --all-users -o json, SQLite, $users users vs sqlite3 -json" "<= 1.5" "$heavy_runs" \
  "$bin -q list-admins --all-users -o json --database-url $big > /dev/null" "sqlite3 -json $work/big.db \"$all_shown_sql\" > /dev/null"
note "peak memory: list-admins -o json / --all-users, SQLite, 10,000 and $users users" \
  "$(peak "$bin -q list-admins -o json --database-url sqlite:///$work/10k.db") / $(peak "$bin -q list-admins -o json --database-url $big") ; \
$(peak "$bin -q list-admins --all-users -o json --database-url sqlite:///$work/10k.db") / $(peak "$bin -q list-admins --all-users -o json --database-url $big") MiB" "<= 16 MiB"
tokens_sql="SELECT t.user_email, t.name, t.jti, t.team_id, t.created_at, t.expires_at, t.last_used, r.jti, r.revoked_at, \
r.revoked_by, r.reason FROM email_api_tokens t LEFT JOIN token_revocations r ON r.jti = t.jti ORDER BY t.user_email, t.created_at, t.jti"
side_by_side "tokens --all -o json, SQLite, $tokens tokens vs sqlite3 -json" "<= 1.5" "$runs" \
  "$bin -q tokens --all -o json --database-url $big > /dev/null" "sqlite3 -json $work/big.db \"$tokens_sql\" > /dev/null"
note "peak memory: tokens --all -o json, SQLite, 10,000 / $tokens tokens" \
  "$(peak "$bin -q tokens --all -o json --database-url sqlite:///$work/10k.db") / $(peak "$bin -q tokens --all -o json --database-url $big") MiB" "<= 16 MiB"
# doctor's queries: it counts the users and the admins (its banner), then reads every admin's row.
side_by_side "doctor, SQLite, $users users vs sqlite3 (its 3 queries)" "<= 1.5" "$runs" \
  "$bin -q doctor --database-url $big > /dev/null" \
  "sqlite3 -json $work/big.db 'SELECT count(*) FROM email_users' \
    \"SELECT count(*) FROM email_users WHERE (is_admin OR email IN ('admin@example.com'))\" \"$admins_sql\" > /dev/null"
note "peak memory: doctor, SQLite, 10,000 / $users users" \
  "$(peak "$bin -q doctor --database-url sqlite:///$work/10k.db") / $(peak "$bin -q doctor --database-url $big") MiB" "<= 16 MiB"
relock_sqlite="sqlite3 $work/big.db \"UPDATE email_users SET failed_login_attempts = 5, locked_until = '2099-01-01 00:00:00.000000' WHERE CAST(id AS INTEGER) % 10 = 0; DELETE FROM email_auth_events;\""
side_by_side "unlock --all (with events), SQLite, $users users vs bare UPDATE" "<= 3.0" 3 \
  "$bin -q unlock --all --yes --database-url $big > /dev/null" \
  "sqlite3 $work/big.db 'UPDATE email_users SET failed_login_attempts = 0, locked_until = NULL WHERE failed_login_attempts > 0 OR locked_until IS NOT NULL'" \
  --prepare "$relock_sqlite"

# --- Large tables: PostgreSQL -------------------------------------------------------------------
psql -q "$pg_url" -c "DELETE FROM email_users; INSERT INTO email_users (id, email, password_hash, full_name, is_admin, is_active, \
  failed_login_attempts, locked_until, password_change_required, password_changed_at) \
  SELECT lpad(i::text, 8, '0'), 'user' || i || '@example.com', 'x', 'User ' || i, i % 100 = 0, true, \
    CASE WHEN i % 10 = 0 THEN 5 ELSE 0 END, CASE WHEN i % 10 = 0 THEN '2099-01-01'::timestamptz END, false, '2026-01-01' \
  FROM generate_series(1, $users) AS i; ANALYZE email_users;" >/dev/null
pg_json() { echo "psql -qAt '${2:-$pg_url}' -c \"SELECT json_agg(t) FROM ($1) t\" > /dev/null"; }
side_by_side "list-admins -o json, PostgreSQL, $users users vs psql" "<= 1.3" "$runs" \
  "$bin -q list-admins -o json --database-url '$pg_url' > /dev/null" "$(pg_json "$admins_shown_sql")"
# The same without TLS on either side: sqlx 0.9.0 leaves Nagle's algorithm on, which costs
# about 40 ms per round trip over TLS (docs/performance.md).
side_by_side "list-admins -o json, PostgreSQL, sslmode=disable, $users users vs psql" "(information)" "$runs" \
  "$bin -q list-admins -o json --database-url '$pg_url&sslmode=disable' > /dev/null" \
  "$(pg_json "$admins_shown_sql" "$pg_url&sslmode=disable")"
side_by_side "list-admins -o csv, PostgreSQL, $users users vs psql --csv" "<= 1.3" "$runs" \
  "$bin -q list-admins -o csv --database-url '$pg_url' > /dev/null" "psql -q --csv '$pg_url' -c \"$admins_shown_sql\" > /dev/null"
side_by_side "list-admins --all-users -o json, PostgreSQL, $users users vs psql" "<= 1.3" "$heavy_runs" \
  "$bin -q list-admins --all-users -o json --database-url '$pg_url' > /dev/null" "$(pg_json "$all_shown_sql")"
note "peak memory: list-admins --all-users -o json, PostgreSQL, $users users" \
  "$(peak "$bin -q list-admins --all-users -o json --database-url '$pg_url'") MiB" "<= 16 MiB"
relock_pg="psql -q '$pg_url' -c \"UPDATE email_users SET failed_login_attempts = 5, locked_until = '2099-01-01' WHERE id::int % 10 = 0; DELETE FROM email_auth_events;\""
side_by_side "unlock --all (with events), PostgreSQL, $users users vs bare UPDATE" "<= 3.0" 3 \
  "$bin -q unlock --all --yes --database-url '$pg_url' > /dev/null" \
  "psql -q '$pg_url' -c 'UPDATE email_users SET failed_login_attempts = 0, locked_until = NULL WHERE failed_login_attempts > 0 OR locked_until IS NOT NULL'" \
  --prepare "$relock_pg"

note "binary size (release, glibc)" "$(stat -c %s "$bin") bytes" "< 10 MB"
write_results "$output" "${1:-}"
