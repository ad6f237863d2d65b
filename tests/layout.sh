#!/bin/sh
# tests/layout.sh - the rules of the source layout (README.md, "Layout"), checked on the
# files themselves so that they stay true:
#   1. a library module includes only headers of its own module or of modules below it
#      (util < core < sim < theory < store < sweep), public (pbn/NAME.h) or private
#      (MODULE/NAME.h); a public header only public headers of its own or lower modules;
#   2. the programs (cli, experiments, validate, bench) use the public headers and
#      src/util only, never a module's private header;
#   3. the library never prints, exits, parses argv or installs signal handlers, and never
#      shows progress: those belong to the programs;
#   4. the helpers of src/util exist once: no other file reads whole files with fread,
#      renames files into place, reads the monotonic clock, installs signal handlers or
#      parses marker lines.
# Fails with one line per violation (file:line and what is wrong).
set -u
SRC=${PBN_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$SRC" || exit 99
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# rank of a library module; 99 for "not a module" (a program)
rank() {
    case $1 in
    util) echo 0 ;; core) echo 1 ;; sim) echo 2 ;; theory) echo 3 ;; store) echo 4 ;;
    sweep) echo 5 ;; *) echo 99 ;;
    esac
}
# the module a public header belongs to
public_module() {
    case $1 in
    pbn_common.h | pbn_config.h) echo core ;;
    pbn_net.h | pbn_input.h | pbn_sim.h) echo sim ;;
    pbn_theory.h) echo theory ;;
    pbn_store.h) echo store ;;
    pbn_sweep.h) echo sweep ;;
    pbn.h) echo all ;;
    *) echo unknown ;;
    esac
}

# check_includes FILE MODULE: rules 1 and 2 for one file
check_includes() {
    f=$1 mod=$2
    r=$(rank "$mod")
    grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1 \2/' |
        while read -r line inc; do
            case $inc in
            pbn/*)
                pm=$(public_module "${inc#pbn/}")
                if [ "$pm" = unknown ]; then
                    echo "FAIL: $f:$line: includes $inc, which is not a public header"
                elif [ "$pm" = all ]; then
                    [ "$r" -eq 99 ] || echo "FAIL: $f:$line: a library module includes pbn/pbn.h (all modules); include what it uses"
                elif [ "$r" -ne 99 ] && [ "$(rank "$pm")" -gt "$r" ]; then
                    echo "FAIL: $f:$line: module $mod includes $inc of module $pm, above it"
                fi
                ;;
            */*)
                im=${inc%%/*}
                ir=$(rank "$im")
                if [ "$ir" -eq 99 ]; then
                    echo "FAIL: $f:$line: includes $inc from outside the library's modules"
                elif [ "$r" -eq 99 ] && [ "$im" != util ]; then
                    echo "FAIL: $f:$line: a program includes $inc, a private header of module $im (use the public pbn/ headers)"
                elif [ "$ir" -gt "$r" ]; then
                    echo "FAIL: $f:$line: module $mod includes $inc of module $im, above it"
                fi
                ;;
            config.h) ;; # autoconf's, from the build tree
            *)
                [ -f "$(dirname "$f")/$inc" ] ||
                    echo "FAIL: $f:$line: includes \"$inc\", which is not in its own folder"
                ;;
            esac
        done
}

out=$(
    for d in src/*/; do
        mod=$(basename "$d")
        [ "$(rank "$mod")" -ne 99 ] || echo "FAIL: $d is not a known module (add it to README.md's layout and to this test)"
        for f in "$d"*.c "$d"*.h; do [ -f "$f" ] && check_includes "$f" "$mod"; done
    done
    for f in include/pbn/*.h; do
        pm=$(public_module "$(basename "$f")")
        [ "$pm" != unknown ] || echo "FAIL: $f: a public header this test does not know (give it a module)"
        [ "$pm" = all ] && pm=program
        grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1 \2/' |
            while read -r line inc; do
                im=$(public_module "$inc")
                if [ "$im" = unknown ]; then
                    echo "FAIL: $f:$line: a public header includes \"$inc\", which is not public"
                elif [ "$pm" != program ] && [ "$(rank "$im")" -gt "$(rank "$pm")" ]; then
                    echo "FAIL: $f:$line: public header of module $pm includes $inc of module $im, above it"
                fi
            done
    done
    for d in cli experiments validate bench; do
        for f in "$d"/*.c "$d"/*.h; do [ -f "$f" ] && check_includes "$f" program; done
    done
)
[ -z "$out" ] || { echo "$out"; fails=$((fails + $(echo "$out" | wc -l))); }

# hits FILES PATTERN MESSAGE: one failure line per code line of FILES matching PATTERN
# (comment lines, whose first non-blank characters are /* or *, are skipped)
hits() {
    grep -nE "$2" $1 /dev/null | grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/\*|\*)' |
        while IFS= read -r hit; do echo "FAIL: ${hit%%:*}:$(echo "$hit" | cut -d: -f2): $3"; done
}

# ---- 3: the library never prints, exits, parses argv, catches signals ------------------
LIB=$(find src/core src/sim src/theory src/store src/sweep -name '*.[ch]')
out=$(
    hits "$LIB" '(^|[^a-z_])(printf|puts|putchar|perror|fputs|fputc|fprintf|fwrite)[[:space:]]*\(' "the library writes to a stream (only the programs print)"
    hits "$LIB" '(^|[^a-z_])(stdout|stderr)([^a-z_]|$)' "the library uses stdout or stderr"
    hits "$LIB" '(^|[^a-z_])(exit|abort|_exit)[[:space:]]*\(' "the library exits (it returns an error code)"
    hits "$LIB" '(^|[^a-z_])(argv|getopt)' "the library parses a command line (the programs do)"
    hits "$LIB" '(^|[^a-z_])(sigaction|signal)[[:space:]]*\(' "the library installs a signal handler"
    hits "$LIB" 'util_(progress|catch_stop_signals)' "the library shows progress or catches signals (programs only)"
)
[ -z "$out" ] || { echo "$out"; fails=$((fails + $(echo "$out" | wc -l))); }

# ---- 4: one copy of each helper --------------------------------------------------------
CODE=$(find src cli experiments validate bench tests -name '*.[ch]' ! -path 'src/util/*')
copy() { hits "$CODE" "$1" "use $2 (src/util) instead of a copy"; }
out=$(
    copy '(^|[^a-z_])fread[[:space:]]*\(' "util_read_file / util_read_stream"
    copy '(^|[^a-z_])rename[[:space:]]*\(' "util_write_atomic"
    copy 'CLOCK_MONOTONIC' "util_now"
    copy 'sa_handler[[:space:]]*=[^=]|(^|[^a-z_])signal[[:space:]]*\([^)]*,[[:space:]]*[a-z_]*on_' "util_catch_stop_signals"
    copy 'static int marker[[:space:]]*\(|find_markers' "util_md_fill (marker blocks)"
)
[ -z "$out" ] || { echo "$out"; fails=$((fails + $(echo "$out" | wc -l))); }

[ "$fails" -eq 0 ] || { echo "$fails layout rule(s) broken"; exit 1; }
echo "layout: ok"
