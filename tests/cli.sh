#!/bin/sh
# tests/cli.sh - the pbn command with good and bad input.
# Bad input: exit status 2, exactly one line on stderr naming the problem, nothing on
# stdout, nothing run.
set -u
PBN=${PBN:-cli/pbn}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_bad() { # description, text that must appear on stderr, command...
    desc=$1 needle=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 2 ] || fail "$desc: exit $rc, expected 2"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$desc: stderr is not one line: $(cat "$tmp/err")"
    grep -qF -- "$needle" "$tmp/err" || fail "$desc: '$needle' not in: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "$desc: wrote to stdout"
}

printf 'N = 300\nNn = 5\n' >"$tmp/unknown.cfg"
printf 'N = 300\nT 100\n' >"$tmp/malformed.cfg"
printf 'N = 300\ncx = 1.5\n' >"$tmp/range.cfg"
expect_bad "unknown key" "unknown.cfg:2: unknown key 'Nn'" "$PBN" run "$tmp/unknown.cfg"
expect_bad "malformed line" "malformed.cfg:2: malformed line 'T 100'" "$PBN" run "$tmp/malformed.cfg"
expect_bad "out of range in file" "cx = 1.5: out of range; allowed: 0 .. 1" "$PBN" run "$tmp/range.cfg"
expect_bad "out of range --set" "N = 3: out of range" "$PBN" run --set N=3
expect_bad "integer syntax" "N = 1e3: not a decimal integer" "$PBN" run --set N=1e3
# a directory as CONFIG: the reason, one line, exit 1 (it cannot be read)
"$PBN" run "$tmp" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "cannot read configuration.*: Is a directory" "$tmp/err" ||
    fail "a directory as CONFIG: $(cat "$tmp/err")"
# a run of hours says so before it starts (issue 15, item 8): stopped after a second
timeout -s INT 1 "$PBN" run --set N=10000 --set T=100000000 --quiet >"$tmp/out" 2>"$tmp/err"
grep -q "roughly [0-9.]* hours of wall time on one core" "$tmp/err" ||
    fail "no wall-time estimate for a long run: $(cat "$tmp/err")"
expect_bad "bad choice" "plastic_ei = hebb: unknown choice; allowed: none | istdp" "$PBN" run --set plastic_ei=hebb
expect_bad "malformed --set" "expected key=value" "$PBN" run --set N2000
expect_bad "unknown option" "unknown option '--bogus'" "$PBN" run --bogus
expect_bad "two configs" "more than one CONFIG" "$PBN" run "$tmp/range.cfg" "$tmp/unknown.cfg"
expect_bad "--set without value" "--set needs a value" "$PBN" run --set
expect_bad "cross-key check" "whole number of time steps" "$PBN" run --set T=100.05
expect_bad "unknown command" "unknown command 'rnu'" "$PBN" rnu
expect_bad "config: unknown key" "unknown key 'foo'" "$PBN" config --set foo=1

# a missing file: non-zero exit and one line naming the file
"$PBN" run "$tmp/missing.cfg" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -ne 0 ] || fail "missing config accepted"
grep -qF "missing.cfg" "$tmp/err" || fail "missing config: $(cat "$tmp/err")"

# --help lists every key with default, unit and range
"$PBN" config >"$tmp/canon" || fail "pbn config failed"
"$PBN" run --help >"$tmp/help" || fail "pbn run --help failed"
"$PBN" --help >"$tmp/help2" || fail "pbn --help failed"
nkeys=0
for key in $(sed -n 's/^\([A-Za-z_]*\) = .*/\1/p' "$tmp/canon"); do
    nkeys=$((nkeys + 1))
    grep -q "^  $key  *default " "$tmp/help" || fail "pbn run --help does not list $key"
    grep -q "^  $key  *default " "$tmp/help2" || fail "pbn --help does not list $key"
done
[ "$nkeys" -gt 40 ] || fail "only $nkeys keys in pbn config"
grep -q "allowed: integer 10 .. 80000" "$tmp/help" || fail "range of N not shown"

# a small run prints every summary key the issue names, and status last
printf '# small\nN = 300\nT = 500\n' >"$tmp/ok.cfg"
PBN_PROGRESS_DELAY=0 "$PBN" run "$tmp/ok.cfg" --set plastic_ei=istdp --progress \
    --spikes "$tmp/spikes.tsv" --series "$tmp/series.tsv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "small run: exit $rc: $(cat "$tmp/err")"
for key in rate_e_hz rate_i_hz jee_mean jei_mean jie_mean jii_mean cov_ee cov_ei cov_ii \
    corr_ee corr_ei corr_ii input_e input_i input_x input_total status seed rng config_hash; do
    grep -q "^$key = " "$tmp/out" || fail "summary lacks $key"
done
[ "$(tail -n 1 "$tmp/out")" = "status = ok" ] || fail "status is not last/ok"
grep -qx "diverged_reason = none" "$tmp/out" || fail "diverged_reason is not printed as a word"
grep -q "ETA" "$tmp/err" || fail "no progress line with --progress"
[ "$(grep -vc '^#' "$tmp/spikes.tsv")" -gt 100 ] || fail "raster file nearly empty"
[ "$(wc -l <"$tmp/series.tsv")" -eq 101 ] || fail "series file: $(wc -l <"$tmp/series.tsv") lines"
# quiet when not a terminal
"$PBN" run "$tmp/ok.cfg" >"$tmp/out" 2>"$tmp/err"
[ ! -s "$tmp/err" ] || fail "progress shown on a pipe without --progress: $(cat "$tmp/err")"

# divergence: exit 3, status stored, results kept
"$PBN" run --set N=300 --set T=2000 --set jei=-10 --set jii=-10 --set jee=60 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] || fail "divergence: exit $rc, expected 3"
grep -q "^status = diverged$" "$tmp/out" || fail "divergence: no diverged status"
grep -q "diverged" "$tmp/err" || fail "divergence: no message"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "cli: all checks passed"
