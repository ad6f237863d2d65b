#!/bin/sh
# theory_cli.sh - `pbn theory` from the command line: output format, values, exit codes.
# Expected values are the spec's (paper/model.md section 6), derived by hand in
# tests/test_theory.c; here they check that the command prints what the library computes.
# Run by `make check` from the build directory.
set -u
PBN=${PBN:-./cli/pbn}
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
# no input: the rates are zero, printed as 0, never "-0"
expect_exit 2 $PBN theory --set jex=0 --set jix=0
grep -q 'r_e = 0 Hz, r_i = 0 Hz' "$tmp/err" || fail "zero rates: $(cat "$tmp/err")"
expect_exit 2 $PBN theory --set jee=20 --set jie=100 --set jei=-50
grep -q 'singular' "$tmp/err" || fail "singular W: $(cat "$tmp/err")"
# a zero W: its determinant is 0, not the "-nan" of an LU factorisation of zeros
expect_exit 2 $PBN theory --set jee=0 --set jie=0 --set jei=0 --set jii=0
grep -q 'det W = 0)' "$tmp/err" && ! grep -qi 'nan' "$tmp/err" || fail "zero W: $(cat "$tmp/err")"
expect_exit 2 $PBN theory --set nosuchkey=1
expect_exit 2 $PBN theory --set N=5
expect_exit 2 $PBN theory --bogus
expect_exit 2 $PBN theory "$tmp/r4.cfg" "$tmp/r4.cfg"
expect_exit 2 $PBN theory --set
expect_exit 1 $PBN theory "$tmp/missing.cfg"   # I/O error, as for pbn run
expect_exit 0 $PBN theory --help
grep -q 'usage: pbn theory' "$tmp/out" || fail "--help"

# --trajectory: the theory transient as TSV.  Known answer for R3 Kohonen from (1, -100):
# with jei -100, jie 112.5, jii -250, jex 180, jix 135 the balanced E rate is
# r_e(j) = 0.315/(45 - j) kHz (paper/model.md section 6), so dj/dt = eta r_e (b tau r_e - j);
# integrated here independently by classical RK4 in awk (h = 1 ms: the error is far
# below the 1e-6 tolerance, since the relaxation time is about 7 s).
kcfg="--set plastic_ee=kohonen --set jei=-100 --set jee=1 --set eta_ee=0.02 --set T=60000"
expect_exit 0 $PBN theory $kcfg --trajectory 5000
cp "$tmp/out" "$tmp/traj"
[ "$(head -1 "$tmp/traj")" = "$(printf 't_ms\tjee\tjei\tjie\tjii\trate_e_hz\trate_i_hz')" ] ||
    fail "trajectory header: $(head -1 "$tmp/traj")"
[ "$(wc -l <"$tmp/traj")" -eq 14 ] || fail "trajectory: $(wc -l <"$tmp/traj") lines, want 1 + 13"
# row at t (ms): column c
cell() { awk -F'\t' -v t="$2" -v c="$3" 'NR > 1 && $1 == t { print $c }' "$1"; }
rk4=$(awk 'function f(j,  r) { r = 0.315 / (45 - j); return 0.02 * r * (2 * 200 * r - j) }
    BEGIN { j = 1; for (k = 0; k < 5000; k++) { a = f(j); b = f(j + a / 2); c = f(j + b / 2);
            d = f(j + c); j += (a + 2 * b + 2 * c + d) / 6 } printf "%.9f", j }')
v=$(cell "$tmp/traj" 5000 2)
awk -v v="$v" -v w="$rk4" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= 1e-6) }' ||
    fail "trajectory jee(5 s) = $v, RK4 gives $rk4"
v=$(cell "$tmp/traj" 0 6)   # r_e(1) = 0.315/44 kHz
awk -v v="$v" 'BEGIN { d = v - 315 / 44; if (d < 0) d = -d; exit !(d <= 1e-8) }' ||
    fail "trajectory rate_e_hz(0) = $v, want 315/44"
[ "$(cell "$tmp/traj" 60000 3)" = "-100" ] || fail "static jei changed along the trajectory"
# a long run ends at the fixed point (jee_star 3.0000)
expect_exit 0 $PBN theory $kcfg --set T=600000 --trajectory=600000
near_col() { awk -F'\t' -v w="$2" -v t="$3" 'NR == 3 { d = $2 - w; if (d < 0) d = -d; exit !(d <= t) }
    END { if (NR != 3) exit 1 }' "$1"; }
near_col "$tmp/out" 3.0 0.0001 || fail "trajectory does not end at jee_star: $(cat "$tmp/out")"
# beyond the saddle node the weights run away: NaN after that, a note, exit 0
expect_exit 0 $PBN theory $kcfg --set beta=9 --trajectory 5000
[ "$(cell "$tmp/out" 60000 2)" = NaN ] || fail "runaway trajectory has no NaN at the end"
grep -q 'balanced domain' "$tmp/err" || fail "no note about the runaway: $(cat "$tmp/err")"
# --cx: R4 under cx = 0.1 ends at jei_star_cx, the plain one at jei_star (-119.658)
expect_exit 0 $PBN theory "$tmp/r4.cfg" --set eta_ei=0.01 --set T=1000000 --trajectory 1000000
awk -F'\t' 'NR == 3 { d = $3 + 119.658; if (d < 0) d = -d; exit !(d <= 0.001) }' "$tmp/out" ||
    fail "plain R4 trajectory does not end at -119.658: $(cat "$tmp/out")"
expect_exit 0 $PBN theory "$tmp/r4.cfg" --set eta_ei=0.01 --set T=1000000 --trajectory 1000000 --cx
awk -F'\t' 'NR == 3 { d = $3 + 120.9; if (d < 0) d = -d; exit !(d <= 0.05) }' "$tmp/out" ||
    fail "R4 --cx trajectory does not end at jei_star_cx (-120.9): $(cat "$tmp/out")"
# CONFIG '-': the configuration from standard input gives the same as from the file
$PBN theory "$tmp/r4.cfg" >"$tmp/file.out" 2>/dev/null
$PBN theory - <"$tmp/r4.cfg" >"$tmp/stdin.out" 2>"$tmp/err" || fail "pbn theory - failed: $(cat "$tmp/err")"
cmp -s "$tmp/file.out" "$tmp/stdin.out" || fail "pbn theory - differs from pbn theory FILE"
echo "nosuchkey = 1" >"$tmp/bad.cfg"
expect_exit 2 sh -c "$PBN theory - <'$tmp/bad.cfg'"
grep -q 'standard input' "$tmp/err" || fail "stdin error does not name standard input"
# bad --trajectory use: exit 2, one line
expect_exit 2 $PBN theory --trajectory 0
expect_exit 2 $PBN theory --trajectory -5
expect_exit 2 $PBN theory --trajectory abc
expect_exit 2 $PBN theory --trajectory
expect_exit 2 $PBN theory --trajectory 1e-6 --set T=1e6
expect_exit 2 $PBN theory --cx
expect_exit 2 $PBN theory --trajectory 10 --set jei=0

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "theory_cli: all checks passed"
exit 0
