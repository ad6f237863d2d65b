#!/bin/sh
# theory_cli.sh - `pbn theory` from the command line: output format, values, exit codes.
# Expected values are the spec's (MODEL.md section 6), derived by hand in
# tests/test_theory.c; here they check that the command prints what the library computes.
# Run by `make check` from the build directory.
set -u
PBN=./src/pbn
tmp=${TMPDIR:-/tmp}/pbn_theory_cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# value KEY FILE: the value printed for KEY
value() { sed -n "s/^$1 = //p" "$2"; }

# near KEY FILE WANT TOL: |value - WANT| <= TOL
near() {
    v=$(value "$1" "$2")
    if [ -z "$v" ]; then fail "$1 missing in $2"; return; fi
    awk -v v="$v" -v w="$3" -v t="$4" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= t) }' ||
        fail "$1 = $v, want $3 +- $4"
}

# expect_exit CODE CMD...: exit status, and for errors exactly one line on stderr
expect_exit() {
    want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq "$want" ] || fail "'$*' exited $rc, want $want: $(cat "$tmp/err")"
    if [ "$want" -ne 0 ]; then
        n=$(wc -l <"$tmp/err")
        [ "$n" -eq 1 ] || fail "'$*' printed $n lines on stderr, want 1"
        [ -s "$tmp/out" ] && fail "'$*' printed on stdout on error"
    fi
}

# defaults: the balanced rates, and nothing but key = value lines on stdout
expect_exit 0 $PBN theory
cp "$tmp/out" "$tmp/def"
near rate_e_hz "$tmp/def" 5.8235 0.00005
near rate_i_hz "$tmp/def" 15.8824 0.00005
near rate_e_eff_hz "$tmp/def" 5.897 0.0005
grep -qv '^[a-z_]* = [-+0-9.enai]*$' "$tmp/def" && fail "stdout has a line that is not key = value"
[ -s "$tmp/err" ] && fail "notes on stderr for the defaults: $(cat "$tmp/err")"

# covariances at cx = 0.1, via --set and --set=
expect_exit 0 $PBN theory --set cx=0.1
near cov_ee "$tmp/out" 0.0848 0.00005
near cov_ei "$tmp/out" 0.2312 0.00005
near cov_ii "$tmp/out" 0.6306 0.00005
expect_exit 0 $PBN theory --set=cx=0.1
near cov_ii "$tmp/out" 0.6306 0.00005

# a configuration file, with an override on top
cat >"$tmp/r4.cfg" <<EOF
# R4 alone
plastic_ei = istdp
jei = -100
cx = 0.1
EOF
expect_exit 0 $PBN theory "$tmp/r4.cfg"
near jei_star "$tmp/out" -119.658 0.0005
near rate_i_hz "$tmp/out" 23.4 0.05
near jei_star_cx "$tmp/out" -120.9 0.05
expect_exit 0 $PBN theory "$tmp/r4.cfg" --set tau_stdp=50
near jei_star_cx "$tmp/out" -124.5 0.05
expect_exit 0 $PBN theory "$tmp/r4.cfg" --set plastic_ii=istdp --set cx=0
near jei_star "$tmp/out" -140.0 0.05
near jii_star "$tmp/out" -292.5 0.05

# Kohonen: roots and saddle node; beyond it nan + a note, exit 0, rates still printed
expect_exit 0 $PBN theory --set plastic_ee=kohonen --set jei=-100 --set jee=1
near jee_star "$tmp/out" 3.0000 0.00005
near b_saddle_node "$tmp/out" 8.035714286 0.000000001
expect_exit 0 $PBN theory --set plastic_ee=kohonen --set jei=-100 --set jee=1 --set beta=9
[ "$(value jee_star "$tmp/out")" = nan ] || fail "jee_star beyond the saddle node is not nan"
near rate_e_init_hz "$tmp/out" 7.159090909 0.000000001
grep -q 'saddle node' "$tmp/err" || fail "no note about the saddle node"

# bad input and impossible theory: exit 2, one line on stderr
expect_exit 2 $PBN theory --set jei=0
grep -q 'balance impossible' "$tmp/err" || fail "negative rates: $(cat "$tmp/err")"
expect_exit 2 $PBN theory --set jee=20 --set jie=100 --set jei=-50
grep -q 'singular' "$tmp/err" || fail "singular W: $(cat "$tmp/err")"
expect_exit 2 $PBN theory --set nosuchkey=1
expect_exit 2 $PBN theory --set N=5
expect_exit 2 $PBN theory --bogus
expect_exit 2 $PBN theory "$tmp/r4.cfg" "$tmp/r4.cfg"
expect_exit 2 $PBN theory --set
expect_exit 1 $PBN theory "$tmp/missing.cfg"   # I/O error, as for pbn run
expect_exit 0 $PBN theory --help
grep -q 'usage: pbn theory' "$tmp/out" || fail "--help"

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "theory_cli: all checks passed"
exit 0
