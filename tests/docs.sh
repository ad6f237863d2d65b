#!/bin/sh
# tests/docs.sh - `pbn --help`, the man page and the model document (paper/model.md)
# list the same configuration keys, with the same defaults, units and ranges:
#   - every key of the canonical configuration (`pbn config`) is in `pbn --help`, in the
#     man page's CONFIGURATION KEYS section and in the model document's key table, and
#     none of the three lists a key that does not exist;
#   - the model document's table is the one the parameter table gives now
#     (`pbn help --keys-markdown`; regenerate with `make docs`), so its defaults, units
#     and ranges are those --help prints;
#   - the built man page (cli/pbn.1) is the one `pbn help --man` makes, and every command
#     and every option of each command's --help appears in it;
#   - where groff is installed, the page formats without warnings.
set -u
PBN=${PBN:-cli/pbn}
SRC=${PBN_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
BLD=${PBN_BUILDDIR:-$PWD}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pbn-docs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$PBN" config >"$tmp/canon" || fail "pbn config"
"$PBN" --help >"$tmp/help" || fail "pbn --help"
"$PBN" help --man >"$tmp/man" || fail "pbn help --man"
"$PBN" help --keys-markdown >"$tmp/keys.md" || fail "pbn help --keys-markdown"
sed -n 's/^\([A-Za-z_][A-Za-z_0-9]*\) = .*/\1/p' "$tmp/canon" | sort >"$tmp/k.canon"
[ "$(wc -l <"$tmp/k.canon")" -gt 40 ] || fail "only $(wc -l <"$tmp/k.canon") keys in pbn config"

# the keys each document lists
sed -n 's/^  \([A-Za-z_][A-Za-z_0-9]*\)  *default .*/\1/p' "$tmp/help" | sort >"$tmp/k.help"
# man: ".TP" then ".B key" lines after ".SH CONFIGURATION KEYS", up to the next .SH
awk '/^\.SH /{inkeys = ($0 ~ /CONFIGURATION KEYS/)} inkeys && prev == ".TP" && /^\.B /{print $2} {prev = $0}' \
    "$tmp/man" | sed 's/\\-/-/g' | sort >"$tmp/k.man"
model=$SRC/paper/model.md
[ -f "$model" ] || fail "no paper/model.md"
# the rows of the generated table: | `key` | default | unit | allowed | meaning |
sed -n '/<!-- pbn-keys:begin table/,/<!-- pbn-keys:end table/p' "$model" >"$tmp/block"
sed -n 's/^| `\([A-Za-z_][A-Za-z_0-9]*\)` |.*/\1/p' "$tmp/block" | sort >"$tmp/k.model"
for doc in help man model; do
    if ! cmp -s "$tmp/k.canon" "$tmp/k.$doc"; then
        fail "the keys of $doc differ from pbn config's: $(diff "$tmp/k.canon" "$tmp/k.$doc" | grep '^[<>]' | tr '\n' ' ')"
    fi
done

# the model document's table is the current one (defaults, units, ranges as --help)
sed '1d;$d' "$tmp/block" >"$tmp/block.body"
cmp -s "$tmp/block.body" "$tmp/keys.md" ||
    fail "paper/model.md's key table is not the current one (run 'make docs'): $(diff "$tmp/keys.md" "$tmp/block.body" | head -4 | tr '\n' ' ')"
# and --help shows the same default and range for a key as the table (spot check of the
# formatting of both: N and cx)
grep -q '^  N  *default 1000 .*allowed: integer 10 .. 80000' "$tmp/help" || fail "--help: N's default or range"
grep -q '^| `N` | 1000 | - | integer 10 .. 80000 |' "$tmp/keys.md" || fail "key table: N's row"
grep -q '^| `cx` | 0 | - | 0 .. 1 |' "$tmp/keys.md" || fail "key table: cx's row"

# the built man page is the current one and covers every command and option
if [ -f "$BLD/cli/pbn.1" ]; then
    cmp -s "$BLD/cli/pbn.1" "$tmp/man" || fail "cli/pbn.1 is not what 'pbn help --man' prints"
else
    fail "cli/pbn.1 was not built"
fi
for cmd in run config theory query runs merge help; do
    grep -q "^\.SS \"pbn $cmd\"" "$tmp/man" || fail "man page: no section for pbn $cmd"
    "$PBN" "$cmd" --help >"$tmp/h.$cmd" || fail "pbn $cmd --help"
    # the options: lines "  --opt ..." of the options list
    for opt in $(sed -n 's/^  \(--[a-z-]*\).*/\1/p' "$tmp/h.$cmd" | sort -u); do
        m=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        grep -q "^\.B $m" "$tmp/man" || fail "man page: pbn $cmd's option $opt is missing"
    done
done

if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$tmp/man" 2>"$tmp/groff.err"
    [ ! -s "$tmp/groff.err" ] || fail "groff warns about the man page: $(head -3 "$tmp/groff.err")"
fi

[ "$fails" -eq 0 ] || { echo "$fails documentation check(s) failed"; exit 1; }
echo "docs: $(wc -l <"$tmp/k.canon") keys in --help, the man page and paper/model.md"
