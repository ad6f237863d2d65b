# tests/testlib.sh - shell helpers shared by the shell tests (sourced; POSIX sh).
# The sourcing script defines fail MESSAGE (what a failed check does).

# expect_error STATUS PATTERN COMMAND...: exit STATUS, exactly one line on stderr
# containing PATTERN (stdout in out.txt, stderr in err.txt, in the current directory).
expect_error() {
    want=$1
    pat=$2
    shift 2
    "$@" >out.txt 2>err.txt
    st=$?
    [ "$st" -eq "$want" ] || fail "$*: exit status $st, expected $want ($(cat err.txt))"
    [ "$(wc -l <err.txt)" -eq 1 ] || fail "$*: stderr is not one line: $(cat err.txt)"
    grep -q -- "$pat" err.txt || fail "$*: '$(cat err.txt)' does not say '$pat'"
}
