#!/usr/bin/env bash
# breakglass against the alternatives, side by side in one run. Prints ratios (ours / theirs:
# below 1 is faster) and writes benches/results.md.
#
#   benches/run.sh            # everything, 1,000,000-user tables included (about 10 minutes)
#   benches/run.sh --quick    # 100,000-user tables, fewer runs
#   benches/run.sh --musl     # only the static musl binary against the glibc one (1,000,000 users)
#
# Needs: hyperfine, GNU time, sqlite3, psql, the argon2 CLI, python3 with argon2-cffi, and
# PostgreSQL at BREAKGLASS_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."

users=1000000
runs=10
only_musl=false
case "${1:-}" in
  --quick) users=100000; runs=5 ;;
  --musl) only_musl=true ;;
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

# hyperfine JSON -> median seconds of command N (0-based)
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$1" "$2"; }
# peak resident set of one run, in MiB
peak() { /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.1f", $1/1024}'; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }
compare() { # name json ours_index theirs_index target
  local ours theirs
  ours=$(median "$2" "$3"); theirs=$(median "$2" "$4")
  record "$1" "$(python3 -c "print(f'{$ours*1000:.1f} ms vs {$theirs*1000:.1f} ms')")" \
    "$(python3 -c "print(f'{$ours/$theirs:.2f}')")" "$5"
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
write_results() { # file
  {
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)."
    echo
    echo "| measurement | figures | ratio | target |"
    echo "| --- | --- | --- | --- |"
    while IFS=$'\t' read -r name figures ratio target; do
      echo "| $name | $figures | $ratio | $target |"
    done <"$results"
  } | tee "$1"
}

# The release binaries are static musl builds (scripts/release.sh); musl's allocator is slower
# than glibc's, so the two builds of one commit run side by side: musl / glibc, below 1.10.
musl_vs_glibc() {
  local musl
  musl=$(scripts/release.sh build x86_64-unknown-linux-musl)
  echo "== musl ($musl) vs glibc ($bin)"
  fill_sqlite "$work/musl.db" "$users"
  hyperfine -w 1 -r "$runs" --export-json "$work/musl-list.json" \
    "$musl -q list-admins -o json --database-url sqlite:///$work/musl.db > /dev/null" \
    "$bin -q list-admins -o json --database-url sqlite:///$work/musl.db > /dev/null"
  compare "musl vs glibc: list-admins -o json, SQLite, $users users" "$work/musl-list.json" 0 1 "<= 1.10"
  hyperfine -w 0 -r 3 --export-json "$work/musl-all.json" \
    "$musl -q list-admins --all-users -o json --database-url sqlite:///$work/musl.db > /dev/null" \
    "$bin -q list-admins --all-users -o json --database-url sqlite:///$work/musl.db > /dev/null"
  compare "musl vs glibc: list-admins --all-users -o json, SQLite, $users users" "$work/musl-all.json" 0 1 "<= 1.10"
  "$bin" -q sandbox --database-url "sqlite:///$work/musl-reset.db" >/dev/null
  hyperfine -w 2 -r "$runs" --export-json "$work/musl-reset.json" \
    "$musl -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url sqlite:///$work/musl-reset.db" \
    "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url sqlite:///$work/musl-reset.db"
  compare "musl vs glibc: reset (SQLite, Argon2id t=3 m=64 MiB)" "$work/musl-reset.json" 0 1 "<= 1.10"
  record "binary size: musl (static) / glibc (dynamic)" "$(stat -c %s "$musl") / $(stat -c %s "$bin") bytes" "—" "< 10 MB"
}

if $only_musl; then
  musl_vs_glibc
  write_results benches/results-musl.md
  exit 0
fi

cat >"$work/cffi.py" <<'PY'
import sys
from argon2 import PasswordHasher
print(PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16).hash(open(sys.argv[1]).read()))
PY

echo "== hash-password at the gateway's parameters (t=3, m=64 MiB, p=1), whole processes"
hyperfine -w 3 -r "$((runs * 2))" --export-json "$work/hash.json" \
  "$bin hash-password --password-file $work/pw" \
  "argon2 breakglass-salt16 -id -t 3 -m 16 -p 1 -l 32 -e < $work/pw" \
  "python3 $work/cffi.py $work/pw"
compare "hash-password vs argon2 reference CLI" "$work/hash.json" 0 1 "<= 0.90"
compare "hash-password vs argon2-cffi (python)" "$work/hash.json" 0 2 "(information)"
record "peak memory: hash-password / argon2 CLI / argon2-cffi" \
  "$(peak "$bin hash-password --password-file $work/pw") / $(peak "argon2 breakglass-salt16 -id -t 3 -m 16 -p 1 -l 32 -e < $work/pw") / $(peak "python3 $work/cffi.py $work/pw") MiB" "—" "(information)"

echo "== process start and a small list"
(cd "$work" && "$bin" -q sandbox --database-url sqlite:///./small.db >/dev/null)
sqlite3 "$work/small.db" "INSERT INTO email_users (id, email, password_hash, is_admin, is_active, password_change_required) \
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) \
  SELECT 'extra-' || i, 'extra' || i || '@example.com', 'x', 0, 1, 0 FROM n"
columns="email, full_name, is_active, is_admin, failed_login_attempts, locked_until, password_change_required, last_login, password_changed_at"
hyperfine -N -w 10 -r 200 --export-json "$work/start.json" "$bin --version"
record "breakglass --version (median)" "$(python3 -c "print(f'{$(median "$work/start.json" 0)*1000:.2f} ms')")" "—" "< 5 ms"
hyperfine -w 5 -r 50 --export-json "$work/small.json" \
  "$bin -q list-admins -o json --database-url sqlite:///$work/small.db" \
  "sqlite3 -json $work/small.db 'SELECT $columns FROM email_users WHERE is_admin = 1'"
compare "list-admins, 10 users (SQLite) vs sqlite3 -json" "$work/small.json" 0 1 "< 20 ms absolute"

echo "== reset end to end vs hash-password alone"
reset_cmd() { echo "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --no-app-audit --database-url $1"; }
hyperfine -w 2 -r "$runs" --export-json "$work/reset-sqlite.json" \
  "$(reset_cmd "sqlite:///$work/small.db")" "$bin hash-password --password-file $work/pw"
compare "reset (SQLite) vs hash-password" "$work/reset-sqlite.json" 0 1 "< 1.15"
psql -q "$pg" -c "CREATE SCHEMA $schema" >/dev/null
pg_url="$pg?options=-c%20search_path%3D$schema"
"$bin" -q sandbox --database-url "$pg_url" >/dev/null
hyperfine -w 2 -r "$runs" --export-json "$work/reset-pg.json" \
  "$(reset_cmd "$pg_url")" "$bin hash-password --password-file $work/pw"
compare "reset (PostgreSQL) vs hash-password" "$work/reset-pg.json" 0 1 "< 1.15"

echo "== peak memory of every other command (SQLite, 10 users)"
cp "$work/small.db" "$work/memory.db"
memory_url="sqlite:///$work/memory.db"
record "peak memory: verify / reset / unlock / clear-change-flag / deactivate / sandbox" \
  "$(peak "$bin -q verify dev@example.com --password-file $work/pw --database-url $memory_url || true") / \
$(peak "$bin -q reset dev@example.com --password-file $work/pw --yes --skip-policy --database-url $memory_url") / \
$(peak "$bin -q unlock dev@example.com --yes --database-url $memory_url") / \
$(peak "$bin -q clear-change-flag admin@example.com --yes --database-url $memory_url") / \
$(peak "$bin -q deactivate dev@example.com --yes --database-url $memory_url") / \
$(peak "cd $work && $bin -q sandbox --database-url sqlite:///./memory-sandbox.db") MiB" "—" "(information)"

echo "== $users users, 1% admins, 10% locked"
relock_sqlite="sqlite3 $work/big.db \"UPDATE email_users SET failed_login_attempts = 5, locked_until = '2099-01-01 00:00:00.000000' WHERE CAST(id AS INTEGER) % 10 = 0; DELETE FROM email_auth_events;\""
fill_sqlite "$work/big.db" "$users"
fill_sqlite "$work/10k.db" 10000
admins_sql="SELECT $columns FROM email_users WHERE is_admin = 1 ORDER BY email"
hyperfine -w 1 -r "$runs" --export-json "$work/big-list.json" \
  "$bin -q list-admins -o json --database-url sqlite:///$work/big.db > /dev/null" \
  "sqlite3 -json $work/big.db '$admins_sql' > /dev/null"
compare "list-admins -o json, SQLite, $users users vs sqlite3 -json" "$work/big-list.json" 0 1 "<= 2.0"
hyperfine -w 1 -r "$runs" --export-json "$work/big-unlock.json" \
  --prepare "$relock_sqlite" \
  "$bin -q unlock --all --yes --database-url sqlite:///$work/big.db > /dev/null" \
  "sqlite3 $work/big.db 'UPDATE email_users SET failed_login_attempts = 0, locked_until = NULL WHERE failed_login_attempts > 0 OR locked_until IS NOT NULL'"
compare "unlock --all (with events), SQLite, $users users vs bare UPDATE" "$work/big-unlock.json" 0 1 "<= 3.0"
record "peak memory: list-admins --all-users, SQLite, 10,000 / $users users" \
  "$(peak "$bin -q list-admins --all-users -o json --database-url sqlite:///$work/10k.db") / $(peak "$bin -q list-admins --all-users -o json --database-url sqlite:///$work/big.db") MiB" "—" "flat, < 100 MiB"

psql -q "$pg_url" -c "DELETE FROM email_users; INSERT INTO email_users (id, email, password_hash, full_name, is_admin, is_active, \
  failed_login_attempts, locked_until, password_change_required, password_changed_at) \
  SELECT lpad(i::text, 8, '0'), 'user' || i || '@example.com', 'x', 'User ' || i, i % 100 = 0, true, \
    CASE WHEN i % 10 = 0 THEN 5 ELSE 0 END, CASE WHEN i % 10 = 0 THEN '2099-01-01'::timestamptz END, false, '2026-01-01' \
  FROM generate_series(1, $users) AS i; ANALYZE email_users;" >/dev/null
relock_pg="psql -q '$pg_url' -c \"UPDATE email_users SET failed_login_attempts = 5, locked_until = '2099-01-01' WHERE id::int % 10 = 0; DELETE FROM email_auth_events;\""
hyperfine -w 1 -r "$runs" --export-json "$work/pg-list.json" \
  "$bin -q list-admins -o json --database-url '$pg_url' > /dev/null" \
  "psql -qAt '$pg_url' -c \"SELECT json_agg(t) FROM (${admins_sql/= 1/}) t\" > /dev/null"
compare "list-admins -o json, PostgreSQL, $users users vs psql" "$work/pg-list.json" 0 1 "<= 2.0"
hyperfine -w 1 -r "$runs" --export-json "$work/pg-unlock.json" --prepare "$relock_pg" \
  "$bin -q unlock --all --yes --database-url '$pg_url' > /dev/null" \
  "psql -q '$pg_url' -c 'UPDATE email_users SET failed_login_attempts = 0, locked_until = NULL WHERE failed_login_attempts > 0 OR locked_until IS NOT NULL'"
compare "unlock --all (with events), PostgreSQL, $users users vs bare UPDATE" "$work/pg-unlock.json" 0 1 "<= 3.0"
record "peak memory: list-admins --all-users, PostgreSQL, $users users" \
  "$(peak "$bin -q list-admins --all-users -o json --database-url '$pg_url'") MiB" "—" "< 100 MiB"

musl_vs_glibc
write_results benches/results.md
