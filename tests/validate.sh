#!/bin/sh
# validate.sh - pbn-validate end to end: on a smoke database built here (the three
# experiment programs, smoke profile: seconds), it writes a well-formed table with every
# claim evaluated; the report's generated blocks are filled and nothing else in the file
# changes; bad inputs (missing or non-database file, unknown argument, broken markers) get
# one line on stderr, a non-zero exit, and no file is written or changed.
#
# Run by `make check` from the build directory (PBN names the pbn program; the experiment
# programs and the validator are found in the build tree, PBN_BUILDDIR).
set -u
. "$(dirname "$0")/testlib.sh" # expect_error
PBN=${PBN:-./cli/pbn}
top=${PBN_BUILDDIR:-$(cd "$(dirname "$PBN")/.." && pwd)}
V=$top/validate/pbn-validate
tmp=$(mktemp -d "${TMPDIR:-/tmp}"/pbn-validate-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
unset PBN_DB
export SOURCE_DATE_EPOCH=1700000000 # a fixed date: the output is reproducible

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

ids="A1 A2 A3 A4 A5"
for b in B1 B2 B3 B4 B5 B6; do ids="$ids $b.ee $b.ei $b.ii"; done
ids="$ids C1 C2 C3 C4 C5 D1 D2 D3 E1 E2 E3 E4 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12"
ids="$ids G1 G2 G3 G4 G5 G6 G7 H1 H2 I1.ee I1.ei I1.ii I2.ee I2.ei I2.ii I3 I4"
ids="$ids J1.equal J1.slow_ei J1.slow_ii J2 J3 K1 K2 K3 L1.kohonen L1.istdp L1.hebb M1.kohonen M2.kohonen M1.istdp M2.istdp M1.hebb M2.hebb N1.hebb N1.kohonen N1.istdp"
# the G rows are computed from the library, not from runs
nlib=7
nids=$(echo $ids | wc -w)
verdicts="CONFIRMED|AS IN THE AUTHORS' RUNS|INCONCLUSIVE|FAIL|NOT RUN"
# a row of the claims table: "| A1 |", "| B1.ee |", "| F10 |"
rowre='^\| [A-N][0-9]+(\.[a-z_]+)? \|'

# check_table FILE: the claims table has one row per claim id, 9 columns each, and a
# verdict.
check_table() {
    for id in $ids; do
        row=$(grep "^| $id |" "$1") || fail "$1: no row for claim $id"
        [ "$(printf '%s\n' "$row" | wc -l)" -eq 1 ] || fail "$1: claim $id has several rows"
        # 9 columns: 10 unescaped '|' (escaped ones, '\|', are inside cells)
        n=$(printf '%s\n' "$row" | sed 's/\\|//g' | tr -cd '|' | wc -c)
        [ "$n" -eq 10 ] || fail "$1: claim $id row has $n separators, 10 expected: $row"
        printf '%s\n' "$row" | grep -Eq "\\*\\*($verdicts)\\*\\*" || fail "$1: claim $id has no verdict"
    done
    [ "$(grep -Ec "$rowre" "$1")" -eq "$nids" ] || fail "$1: $(grep -Ec "$rowre" "$1") rows, $nids expected"
}

# ---- a smoke database ---------------------------------------------------------------------
# the experiment programs: $PBN_EXPERIMENTS (figures.am's list; make check sets it)
progs=${PBN_EXPERIMENTS:?the experiment programs (make check sets it from figures.am)}
for p in $progs; do
    "$top/$p" --profile smoke --db smoke.db --jobs 2 --quiet 2>build.err ||
        fail "$p --profile smoke: $(cat build.err)"
done

# ---- the validation page ---------------------------------------------------------------------
mkdir paper
"$V" --db smoke.db --profile smoke 2>run.err || fail "pbn-validate: exit $? ($(cat run.err))"
out=paper/validation-smoke.md
[ -f "$out" ] || fail "the default output $out was not written"
[ "$(wc -l <run.err)" -eq 1 ] || fail "the summary on stderr is not one line: $(cat run.err)"
grep -Eq "^pbn-validate: profile smoke, [0-9]+ runs: [0-9]+ CONFIRMED, [0-9]+ AS IN THE AUTHORS' RUNS, [0-9]+ INCONCLUSIVE, [0-9]+ FAIL, 0 NOT RUN -> " run.err ||
    fail "summary line: $(cat run.err)"
head -1 "$out" | grep -q '^# Validation of the paper.s claims (profile `smoke`)' || fail "$out: no title"
grep -q "^Profile \`smoke\`, database \`smoke.db\`, generated 2023-11-14 by pbn " "$out" ||
    fail "$out: no header with profile, database, date, version"
grep -q '^| id | claim | data | statistic | prediction | alternative | simulation ± s.e. | criterion | verdict |$' "$out" ||
    fail "$out: no table header"
check_table "$out"
# the smoke database holds every experiment: every claim is evaluated
grep -E "$rowre" "$out" | grep -q '\*\*NOT RUN\*\*' && fail "$out: a claim NOT RUN on a complete database"
# the counts in the header agree with the table
count() { grep -E "$rowre" "$out" | grep -c "\*\*$1\*\*"; }
nc=$(count CONFIRMED)
na=$(count "AS IN THE AUTHORS' RUNS")
ni=$(count INCONCLUSIVE)
nf=$(count FAIL)
grep -q "^\*\*$nc CONFIRMED, $na AS IN THE AUTHORS' RUNS, $ni INCONCLUSIVE, $nf FAIL, 0 NOT RUN\*\* out of $nids rows" "$out" ||
    fail "$out: counts $nc/$na/$ni/$nf not in the header"
# every row states its alternative and a criterion generated from the numbers
grep -E "$rowre" "$out" | grep -v 'excludes\|(alternative)' && fail "$out: a row without its alternative in the criterion"
# the verdicts are defined on the page
grep -q '^## Verdicts' "$out" || fail "$out: no definition of the verdicts"
# every claim group has its notes
for g in A B C D E F G H I J L M N; do
    grep -q "^### $g\. " "$out" || fail "$out: no notes for claim $g"
done
# reproducible: the same database and date give the same page
cp "$out" first.md
"$V" --db smoke.db --profile smoke --quiet 2>run.err || fail "second run"
[ -s run.err ] && fail "--quiet printed: $(cat run.err)"
cmp -s first.md "$out" || fail "two runs on the same database differ"
# --strict: non-zero when a claim FAILs, zero otherwise
"$V" --db smoke.db --profile smoke --out strict.md --strict --quiet
st=$?
if [ "$nf" -gt 0 ]; then [ "$st" -eq 1 ] || fail "--strict with FAILs: exit $st"; else [ "$st" -eq 0 ] || fail "--strict: exit $st"; fi

# a profile without runs: every claim NOT RUN, still exit 0
"$V" --db smoke.db --profile quick --out none.md --quiet || fail "a profile without runs: exit $?"
check_table none.md
[ "$(grep -E "$rowre" none.md | grep -c '\*\*NOT RUN\*\*')" -eq $((nids - nlib)) ] ||
    fail "a profile without runs: not every claim that reads runs NOT RUN"
grep -E '^\| G[0-9]+ \|' none.md | grep -q '\*\*NOT RUN\*\*' && fail "a G row (from the library) NOT RUN"

# ---- the report's generated blocks --------------------------------------------------------------
for p in $progs; do
    "$top/$p" --profile smoke --list >>plan.tsv || fail "$p --list"
done
cat >README.md <<'EOF'
# A report

Prose before, kept as it is.

<!-- pbn-validate:begin summary -->
old summary
<!-- pbn-validate:end summary -->

Between the blocks.

<!-- pbn-validate:begin table -->
<!-- pbn-validate:end table -->
<!-- pbn-validate:begin numbers -->
<!-- pbn-validate:end numbers -->
<!-- pbn-validate:begin plan -->
stale plan
<!-- pbn-validate:end plan -->
Prose after, no newline at the end.
EOF
printf 'last line' >>README.md
cp README.md README.orig
# without --plan the plan block keeps its content
"$V" --db smoke.db --profile smoke --out v.md --readme README.md --quiet || fail "--readme: exit $?"
grep -q '^stale plan$' README.md || fail "the plan block changed without --plan"
"$V" --db smoke.db --profile smoke --out v.md --readme README.md --plan plan.tsv 2>run.err ||
    fail "--readme --plan: exit $? ($(cat run.err))"
grep -q "and 4 block(s) of README.md" run.err || fail "summary does not count the blocks: $(cat run.err)"
check_table README.md
grep -q 'old summary' README.md && fail "the summary block was not replaced"
grep -q 'stale plan' README.md && fail "the plan block was not replaced"
grep -Eq '^\| size_kohonen \| smoke \| [0-9]+ \| 300, 600, 900 \| 5 \| 0.02 \| 2 \| [0-9.e+]+ \|$' README.md ||
    fail "the plan block does not list size_kohonen from --list"
grep -q '^| size_kohonen | [0-9]' README.md || fail "no key numbers for size_kohonen"
# outside the blocks nothing changed (the marker lines included)
strip() { awk '/^<!-- pbn-validate:begin /{print; skip=1; next} /^<!-- pbn-validate:end /{skip=0} !skip' "$1"; }
strip README.orig >a.txt
strip README.md >b.txt
cmp -s a.txt b.txt || fail "text outside the generated blocks changed: $(diff a.txt b.txt)"
# the same table in the report and on the page
grep -E "$rowre" README.md >t1.txt
grep -E "$rowre" v.md >t2.txt
cmp -s t1.txt t2.txt || fail "the report's table differs from the validation page's"
# filling again changes nothing
cp README.md filled.md
"$V" --db smoke.db --profile smoke --out v.md --readme README.md --plan plan.tsv --quiet || fail "refill"
cmp -s filled.md README.md || fail "filling the blocks twice is not idempotent"

# broken markers: one line, exit 2, the report untouched
printf 'x\n<!-- pbn-validate:begin tabel -->\n<!-- pbn-validate:end tabel -->\n' >bad1.md
cp bad1.md bad1.orig
expect_error 2 "unknown block 'tabel'" "$V" --db smoke.db --profile smoke --out v.md --readme bad1.md
cmp -s bad1.md bad1.orig || fail "a report with an unknown block was changed"
printf 'x\n<!-- pbn-validate:begin table -->\nold\n' >bad2.md
cp bad2.md bad2.orig
expect_error 2 "has no end line" "$V" --db smoke.db --profile smoke --out v.md --readme bad2.md
cmp -s bad2.md bad2.orig || fail "a report with an open block was changed"
printf 'no markers here\n' >bad3.md
expect_error 2 "no generated blocks" "$V" --db smoke.db --profile smoke --out v.md --readme bad3.md
expect_error 1 "cannot read" "$V" --db smoke.db --profile smoke --out v.md --readme missing.md
printf 'not a list\n' >badplan.tsv
expect_error 2 "badplan.tsv line 1" "$V" --db smoke.db --profile smoke --out v.md --plan badplan.tsv

# ---- bad databases and arguments --------------------------------------------------------------
expect_error 1 "nothere.db does not exist" "$V" --db nothere.db --out x.md
[ -e x.md ] && fail "an output was written for a missing database"
[ -e nothere.db ] && fail "the missing database was created"
printf 'this is not a database\n' >junk.db
cp junk.db junk.orig
expect_error 1 "junk.db is not an SQLite database" "$V" --db junk.db --out x.md
cmp -s junk.db junk.orig || fail "the non-database file was changed"
[ -e x.md ] && fail "an output was written for a non-database file"
expect_error 2 "unknown argument '--frobnicate'" "$V" --frobnicate
expect_error 2 "--db needs a value" "$V" --db
expect_error 2 "a profile name is letters" "$V" --db smoke.db --profile "x'; DROP TABLE runs; --" --out x.md
expect_error 1 "cannot write" "$V" --db smoke.db --profile smoke --out nodir/v.md
"$V" --help | grep -q '^usage: pbn-validate' || fail "--help"
exit 0
