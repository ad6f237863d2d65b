#!/bin/sh
# tests/pipeline.sh - end to end: the three experiment programs (smoke profile) into a
# fresh database, then every figure the way `make plots` draws it (figures/plot.sh).
# Checks that each expected PNG and PDF exists, is non-empty and is what it says; that
# plotting refuses a missing database and a database without every experiment family,
# with one line on stderr; and that a run's configuration rebuilt from table params the
# way the figure scripts rebuild it (cfg_sql in figures/common.gp, fed to
# `pbn theory --trajectory`) is exactly the stored one (same config_hash); and that a run
# left by an earlier plan stops a sweep until it is pruned (--prune-stale).
# Run by `make check` from the build directory; PBN, PBN_SRCDIR and PBN_BUILDDIR come
# from AM_TESTS_ENVIRONMENT (tests/tests.am).  About 10 s.
set -u
PBN=${PBN:-$PWD/cli/pbn}
SRC=${PBN_SRCDIR:-$PWD}
BLD=${PBN_BUILDDIR:-$PWD}
GNUPLOT=${GNUPLOT:-gnuplot}
if ! command -v "$GNUPLOT" >/dev/null 2>&1; then
    echo "SKIP: $GNUPLOT not found (the figures need gnuplot-nox)"
    exit 77
fi
# Run the rest through libtool, as `make plots` does, so that the programs below are the
# real binaries rather than libtool's wrapper scripts (each wrapper call costs ~0.1 s).
# The experiment programs: $PBN_EXPERIMENTS (make check sets it from figures.am's list, so
# that a new experiment is tested here without editing this file).
if [ "${1:-}" != --resolved ]; then
    progs=
    for p in ${PBN_EXPERIMENTS:?the experiment programs (make check sets it from figures.am)}; do
        progs="$progs $BLD/$p"
    done
    set -- --resolved "$PBN" $progs
    [ -x "$BLD/libtool" ] && exec "$BLD/libtool" --mode=execute sh "$0" "$@"
fi
PBN=$2
shift 2
MANIFOLD= OTHERS=
for p in "$@"; do
    case $p in
    */pbn-manifold) MANIFOLD=$p ;;
    *) OTHERS="$OTHERS $p" ;;
    esac
done
[ -n "$MANIFOLD" ] || { echo "FAIL: pbn-manifold is not among the experiment programs: $*"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pbn-pipeline.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# every figure plot.sh draws
FIGS=$(sed -n '/^FIGURES="/,/"/p' "$SRC/figures/plot.sh" | tr -d '"' | sed 's/^FIGURES=//')
db=$tmp/smoke.db
plot() { sh "$SRC/figures/plot.sh" "$PBN" "$1" smoke "$SRC/figures" "$tmp/out"; }

# expect_plot_error NEEDLE DB: plot.sh exits 1 with one line on stderr containing NEEDLE
expect_plot_error() {
    plot "$2" >"$tmp/o" 2>"$tmp/e"
    rc=$?
    [ "$rc" -eq 1 ] || fail "plot.sh on $2: exit $rc, want 1"
    [ "$(wc -l <"$tmp/e")" -eq 1 ] || fail "plot.sh on $2: stderr is not one line: $(cat "$tmp/e")"
    grep -qF -- "$1" "$tmp/e" || fail "plot.sh on $2: '$1' not in: $(cat "$tmp/e")"
}

expect_plot_error "database $tmp/none.db not found" "$tmp/none.db"
[ -e "$tmp/none.db" ] && fail "plot.sh created the missing database"

# one family only: plotting must name the missing ones and draw nothing
"$MANIFOLD" --profile smoke --db "$db" --quiet --jobs 2 >/dev/null ||
    { echo "FAIL: pbn-manifold --profile smoke"; exit 1; }
expect_plot_error "holds no complete run of smoke.size_kohonen" "$db"
# --only names that the program does not have are refused; -j2 is -j 2
"$MANIFOLD" --only nope --list >"$tmp/o" 2>"$tmp/e" && fail "--only nope: accepted"
grep -q "no experiment 'nope' in this program (it has: manifold,control_kohonen)" "$tmp/e" ||
    fail "--only nope: $(cat "$tmp/e")"
"$MANIFOLD" -j2 --profile smoke --list >/dev/null 2>"$tmp/e" || fail "-j2: $(cat "$tmp/e")"
grep -q "smoke.control_kohonen" "$tmp/e" && fail "control_kohonen reported missing: $(cat "$tmp/e")"
[ -e "$tmp/out" ] && fail "plot.sh made $tmp/out although the database is incomplete"

for p in $OTHERS; do
    "$p" --profile smoke --db "$db" --quiet --jobs 2 >/dev/null ||
        { echo "FAIL: $p --profile smoke"; exit 1; }
done

# the configuration of every run rebuilt as the figures rebuild it = the stored one
ids=$("$PBN" query --db "$db" "SELECT id FROM runs" | sed 1d)
"$GNUPLOT" -e "figsrc='$SRC/figures'; pbn=''; db=''; profile=''; outdir=''; tmp=''" \
    -e "load figsrc.'/common.gp'; do for [id in '$(echo $ids)'] { print cfg_sql(id) }" \
    >"$tmp/sql" 2>&1 || fail "common.gp: $(cat "$tmp/sql")"
[ "$(wc -l <"$tmp/sql")" -eq "$(echo $ids | wc -w)" ] || fail "cfg_sql: $(cat "$tmp/sql")"
k=0
for id in $ids; do
    k=$((k + 1))
    sql=$(sed -n "${k}p" "$tmp/sql")
    want=$("$PBN" query --db "$db" "SELECT config_hash FROM runs WHERE id = $id" | sed 1d)
    got=$("$PBN" query --db "$db" "$sql" | "$PBN" config - | sed -n 's/^# config_hash = //p')
    [ -n "$want" ] && [ "$got" = "$want" ] ||
        fail "run $id: configuration rebuilt from params has hash '$got', stored '$want'"
done

plot "$db" >"$tmp/o" 2>"$tmp/e" || fail "plot.sh failed: $(cat "$tmp/e")"
[ -s "$tmp/e" ] && fail "plot.sh printed on stderr: $(cat "$tmp/e")"
for f in $FIGS; do
    png=$tmp/out/$f.png pdf=$tmp/out/$f.pdf
    if [ ! -s "$png" ]; then
        fail "$f.png missing or empty"
    else # the PNG signature: \211 P N G
        [ "$(od -An -c -N4 "$png" | tr -d ' ')" = '211PNG' ] || fail "$f.png is not a PNG"
    fi
    if [ ! -s "$pdf" ]; then
        fail "$f.pdf missing or empty"
    else
        [ "$(head -c 5 "$pdf")" = '%PDF-' ] || fail "$f.pdf is not a PDF"
    fi
done
n=$(ls "$tmp/out" | wc -l)
nf=$(echo $FIGS | wc -w)
[ "$n" -eq $((2 * nf)) ] || fail "$n files in the output directory, want $((2 * nf)): $(ls "$tmp/out")"

# a run left by an earlier version of the plan (faked: its configuration hash changed):
# the program refuses to mix it with new runs, in one line, storing nothing; with
# --prune-stale it deletes it and runs what is missing
if command -v sqlite3 >/dev/null 2>&1; then
    mq() { "$PBN" query --db "$db" "$1" | sed 1d; }
    sqlite3 "$db" "UPDATE runs SET config_hash = 'stale00000000000' WHERE id = (SELECT
        min(id) FROM runs WHERE experiment = 'smoke.manifold')" || fail "sqlite3"
    before=$(mq "SELECT count(*) || ' ' || max(id) FROM runs")
    "$MANIFOLD" --profile smoke --db "$db" --quiet >"$tmp/o" 2>"$tmp/e"
    rc=$?
    [ "$rc" -eq 1 ] || fail "stale run: exit $rc, want 1"
    [ "$(wc -l <"$tmp/e")" -eq 1 ] || fail "stale run: stderr is not one line: $(cat "$tmp/e")"
    for w in "1 run of" "stale00000000000" "--prune-stale" "PRUNE=1"; do
        grep -qF -- "$w" "$tmp/e" || fail "stale run: '$w' not in: $(cat "$tmp/e")"
    done
    [ "$(mq "SELECT count(*) || ' ' || max(id) FROM runs")" = "$before" ] ||
        fail "stale run: the database changed although the program refused"
    "$MANIFOLD" --profile smoke --db "$db" --quiet --prune-stale 2>"$tmp/e" ||
        fail "--prune-stale: $(cat "$tmp/e")"
    grep -qF "1 stale run deleted" "$tmp/e" || fail "--prune-stale: not said: $(cat "$tmp/e")"
    [ "$(mq "SELECT count(*) FROM runs WHERE config_hash LIKE 'stale%'")" = 0 ] ||
        fail "--prune-stale left the stale run"
    [ "$(mq "SELECT count(*) FROM runs")" = "${before%% *}" ] ||
        fail "--prune-stale: $(mq "SELECT count(*) FROM runs") runs, want ${before%% *}"
fi

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "pipeline: all checks passed"
exit 0
