#!/bin/sh
# db_cli.sh - the database from the shell: pbn run --db/--store, PBN_DB and the default
# path, pbn query (tsv, csv, table; gnuplot reads the tsv), pbn runs, pbn merge, and the
# bad inputs a user meets (missing, not a database, newer schema, writing SQL, merging a
# file into itself): one line on stderr, a non-zero exit, nothing stored is lost.
#
# Run by `make check` from the build directory (PBN may name the pbn program).
set -u
. "$(dirname "$0")/testlib.sh" # expect_error
PBN=${PBN:-./cli/pbn}
PBN=$(cd "$(dirname "$PBN")" && pwd)/$(basename "$PBN")
tmp=$(mktemp -d "${TMPDIR:-/tmp}"/pbn-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
unset PBN_DB

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

tiny="--set N=100 --set T=300 --set cov_window=50 --quiet"

tab=$(printf '\t')
cr=$(printf '\r')

# ---- storing runs ------------------------------------------------------------------
# the default database, data/results.db, is created with its directory
$PBN run $tiny --store >/dev/null 2>run.err || fail "pbn run --store: $(cat run.err)"
[ -f data/results.db ] || fail "data/results.db was not created"
grep -q "stored as run 1 (ok)" run.err || fail "no note of the stored run: $(cat run.err)"
# the same run again is not simulated again (nothing on stdout), unless --force, and it is
# never stored twice
$PBN run $tiny --store >run.out 2>run.err || fail "pbn run --store (again)"
grep -q "already holds this run (id 1,.*not simulated again" run.err || fail "duplicate run: $(cat run.err)"
[ -s run.out ] && fail "a skipped run printed a summary: $(cat run.out)"
$PBN run $tiny --store --force >run.out 2>run.err || fail "pbn run --store --force"
grep -q "not stored again" run.err || fail "duplicate run with --force: $(cat run.err)"
grep -q "^status = ok" run.out || fail "--force: no summary"
[ "$($PBN query 'SELECT count(*) FROM runs')" = "$(printf 'count(*)\n1')" ] ||
    fail "one run expected in data/results.db"

# PBN_DB changes the default
PBN_DB=env.db $PBN run $tiny --set seed=2 --experiment e1 --point p1 >/dev/null 2>&1 ||
    fail "pbn run with PBN_DB"
[ -f env.db ] || fail "PBN_DB=env.db: env.db not created"
out=$(PBN_DB=env.db $PBN query "SELECT experiment, point, seed FROM runs")
[ "$out" = "$(printf 'experiment\tpoint\tseed\ne1\tp1\t2')" ] || fail "PBN_DB query: $out"
PBN_DB=env.db $PBN runs | grep -q "e1 *p1 *100 *ok" || fail "pbn runs with PBN_DB"

# --db FILE
for seed in 1 2; do
    $PBN run $tiny --set seed=$seed --db a.db --experiment cli --point s >/dev/null 2>&1 ||
        fail "pbn run --db a.db (seed $seed)"
done
[ "$($PBN runs --db a.db --format tsv | wc -l)" -eq 3 ] || fail "pbn runs: 2 runs + header"
# an empty --db is a mistake, not the default database
$PBN run $tiny --db "" >/dev/null 2>run.err && fail "pbn run --db '': accepted"
grep -q "database path is empty" run.err || fail "pbn run --db '': $(cat run.err)"
$PBN query --db "" "SELECT 1" >/dev/null 2>run.err && fail "pbn query --db '': accepted"
grep -q "database path is empty" run.err || fail "pbn query --db '': $(cat run.err)"
# a point holds repeats of one configuration: another N (or rule) under point s is refused
# before anything is simulated, naming the stored run and the key; nothing is stored
$PBN run $tiny --set N=120 --set seed=3 --db a.db --experiment cli --point s >/dev/null 2>run.err
[ $? -eq 2 ] || fail "pbn run --point with another configuration: exit status not 2"
[ "$(wc -l <run.err)" -eq 1 ] && grep -q "holds run 1 of another configuration (N differs)" run.err ||
    fail "pbn run --point with another configuration: $(cat run.err)"
[ "$($PBN query --db a.db 'SELECT count(*) FROM runs')" = "$(printf 'count(*)\n2')" ] ||
    fail "the refused run was stored"
# quotes in experiment and point names are data, not SQL
$PBN run $tiny --db q.db --experiment "o'k" --point "it's" >/dev/null 2>&1 &&
    $PBN run $tiny --set seed=9 --db q.db --experiment "o'k" --point "it's" >/dev/null 2>&1 ||
    fail "pbn run with quotes in --experiment and --point"
$PBN runs --db a.db | head -2 | tail -1 | grep -q '^--' || fail "pbn runs: table rule"

# ---- formats -----------------------------------------------------------------------
out=$($PBN query --db a.db "SELECT 1 AS one, NULL AS nul, 2.5 AS x, 'a b' AS t")
[ "$out" = "$(printf 'one\tnul\tx\tt\n1\tNaN\t2.5\ta b')" ] || fail "tsv: $out"
out=$($PBN query --db a.db "SELECT 'x' || char(9) || 'y' AS tab")
[ "$out" = "$(printf 'tab\nx\\ty')" ] || fail "tsv escapes a tab: $out"
$PBN query --db a.db --format csv "SELECT 'a,b' AS x, 'say \"hi\"' AS y, NULL AS z, 3 AS n" >csv.txt
printf 'x,y,z,n\r\n"a,b","say ""hi""",,3\r\n' >csv.want
cmp -s csv.txt csv.want || fail "csv: $(od -c csv.txt | head)"
out=$($PBN query --db a.db --format table "SELECT id, point, NULL AS v FROM runs ORDER BY id")
[ "$out" = "$(printf 'id  point     v\n--  -----  ----\n 1  s      NULL\n 2  s      NULL')" ] ||
    fail "table: $out"
# several arguments make one statement
[ "$($PBN query --db a.db SELECT count\(\*\) AS n FROM runs)" = "$(printf 'n\n2')" ] ||
    fail "joined arguments"

# gnuplot reads the tsv: header line skipped as column names, every bin a record
if command -v gnuplot >/dev/null 2>&1; then
    $PBN query --db a.db "SELECT t_ms, rate_e_hz FROM timecourse WHERE run_id = 1 ORDER BY bin" >tc.tsv
    nbins=$($PBN query --db a.db "SELECT count(*) FROM timecourse WHERE run_id = 1" | tail -1)
    got=$(gnuplot -e "set datafile separator tab; set key autotitle columnhead; stats 'tc.tsv' using 1:2 nooutput; print STATS_records" 2>&1)
    [ "$got" = "$nbins" ] || fail "gnuplot read $got records of $nbins: $(head -3 tc.tsv)"
fi

# ---- merge -------------------------------------------------------------------------
$PBN run $tiny --set seed=3 --db b.db --experiment cli --point s >/dev/null 2>&1 || fail "b.db"
# a missing input: merge takes no --db, so its message does not suggest one
$PBN merge m0.db nothere.db >/dev/null 2>merge.err && fail "merge of a missing input"
grep -q "nothere.db does not exist" merge.err && ! grep -q "name another with --db" merge.err ||
    fail "merge of a missing input: $(cat merge.err)"
$PBN query --db nothere.db "SELECT 1" >/dev/null 2>merge.err
grep -q "does not exist.*or name another with --db" merge.err || fail "query: $(cat merge.err)"
$PBN merge m.db a.db b.db >merge.txt 2>&1 || fail "merge: $(cat merge.txt)"
grep -q "a.db: 2 runs copied, 0 already in m.db" merge.txt || fail "merge a: $(cat merge.txt)"
grep -q "b.db: 1 runs copied" merge.txt || fail "merge b: $(cat merge.txt)"
$PBN merge m.db a.db b.db >merge.txt 2>&1 || fail "merge again"
grep -q "a.db: 0 runs copied, 2 already in m.db" merge.txt || fail "merge again: $(cat merge.txt)"
[ "$($PBN query --db m.db 'SELECT count(*) AS n FROM runs' | tail -1)" = 3 ] || fail "merged runs"
a=$($PBN query --db a.db "SELECT m.name, m.value FROM metrics m JOIN runs r ON r.id = m.run_id WHERE r.seed = 2 ORDER BY m.name")
b=$($PBN query --db m.db "SELECT m.name, m.value FROM metrics m JOIN runs r ON r.id = m.run_id WHERE r.seed = 2 ORDER BY m.name")
[ "$a" = "$b" ] || fail "merged metrics differ from the input's"

# ---- bad input ---------------------------------------------------------------------
expect_error 1 "does not exist" $PBN query --db missing.db "SELECT 1"
expect_error 1 "does not exist" $PBN runs --db missing.db
[ ! -e missing.db ] || fail "a reader created missing.db"
expect_error 1 "does not exist" $PBN merge m.db missing.db

printf 'hello, this is not a database\n' >text.db
cp text.db text.orig
expect_error 1 "not an SQLite database" $PBN query --db text.db "SELECT 1"
expect_error 1 "not an SQLite database" $PBN run $tiny --db text.db
[ ! -s out.txt ] || fail "pbn run simulated before checking its database"
expect_error 1 "not an SQLite database" $PBN merge out2.db text.db
[ ! -e out2.db ] || fail "merge created its output despite a bad input"
expect_error 1 "not an SQLite database" $PBN merge text.db a.db
cmp -s text.db text.orig || fail "text.db was changed"

if command -v sqlite3 >/dev/null 2>&1; then
    cp b.db newer.db
    sqlite3 newer.db "PRAGMA user_version = 7" || fail "sqlite3"
    cp newer.db newer.orig
    expect_error 1 "newer pbn" $PBN query --db newer.db "SELECT 1"
    expect_error 1 "newer pbn" $PBN run $tiny --db newer.db
    expect_error 1 "newer pbn" $PBN merge m.db newer.db
    cmp -s newer.db newer.orig || fail "newer.db was changed"
    sqlite3 other.db "CREATE TABLE t (x)" || fail "sqlite3"
    expect_error 1 "not a pbn results database" $PBN runs --db other.db

    # another writer holds the lock (issue 15, item 4).  Held before the run starts: refused
    # before simulating (no summary), after the busy timeout (PBN_DB_TIMEOUT, 1 s here).
    cp a.db lock.db
    (echo "BEGIN IMMEDIATE;"; sleep 30; echo "COMMIT;") | sqlite3 lock.db &
    locker=$!
    sleep 0.5
    PBN_DB_TIMEOUT=1 expect_error 1 "lock.db is locked by another process (gave up checking" \
        $PBN run $tiny --set seed=5 --db lock.db
    [ -s out.txt ] && fail "pbn run simulated before finding its database locked"
    kill $locker 2>/dev/null
    wait $locker 2>/dev/null
    # Taken while the run simulates (a 4000-neuron run of 15 s, seconds of wall time; the
    # lock comes 0.3 s after the start, when the check has passed): the run is kept in a
    # side database, which pbn merge then adds.
    (sleep 0.3; echo "BEGIN IMMEDIATE;"; sleep 60; echo "COMMIT;") | sqlite3 lock.db &
    locker=$!
    PBN_DB_TIMEOUT=1 expect_error 1 "the run is kept in lock.db.unstored-" \
        $PBN run --set N=4000 --set T=15000 --quiet --db lock.db --experiment big --point b
    kill $locker 2>/dev/null
    wait $locker 2>/dev/null
    grep -q "^status = ok" out.txt || fail "locked at the end: no summary"
    side=$(ls lock.db.unstored-*.db) || fail "no side database"
    [ "$($PBN query --db lock.db 'SELECT count(*) AS n FROM runs' | tail -1)" = 2 ] ||
        fail "lock.db changed while locked"
    $PBN merge lock.db "$side" >/dev/null 2>&1 || fail "pbn merge of the side database"
    [ "$($PBN query --db lock.db "SELECT count(*) AS n FROM runs WHERE experiment = 'big'" | tail -1)" = 1 ] ||
        fail "the kept run did not reach lock.db"
    PBN_DB_TIMEOUT=soon expect_error 2 "PBN_DB_TIMEOUT = soon" $PBN runs --db lock.db
fi

# an error half way through a query prints the error alone, no header or rows (item 7)
expect_error 2 "SQL error" $PBN query --db a.db \
    "SELECT CASE WHEN id > 1 THEN abs(-9223372036854775807 - 1) ELSE id END AS x FROM runs ORDER BY id"
[ -s out.txt ] && fail "a failed query printed: $(cat out.txt)"

expect_error 2 "read-only" $PBN query --db a.db "DELETE FROM runs"
expect_error 2 "read-only" $PBN query --db a.db "DROP TABLE runs"
expect_error 2 "SQL error" $PBN query --db a.db "SELEC 1"
expect_error 2 "SQL error" $PBN query --db a.db "SELECT * FROM no_such_table"
expect_error 2 "one statement" $PBN query --db a.db "SELECT 1; DELETE FROM runs"
expect_error 2 "allowed tsv, csv, table" $PBN query --format xml --db a.db "SELECT 1"
expect_error 2 "no SQL statement" $PBN query --db a.db
expect_error 2 "into itself" $PBN merge a.db a.db
expect_error 2 "usage" $PBN merge a.db
[ "$($PBN query --db a.db 'SELECT count(*) AS n FROM runs' | tail -1)" = 2 ] ||
    fail "a.db lost runs"
echo "db_cli.sh: all checks passed"
exit 0
