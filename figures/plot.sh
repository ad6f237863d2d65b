#!/bin/sh
# plot.sh - draw the figures of one profile from a results database (`make plots` runs it;
# tests/pipeline.sh runs it the same way).
#
#   plot.sh PBN DB PROFILE SRCDIR OUTDIR [NAME...]
#
# PBN is the pbn command, DB the results database, PROFILE smoke|quick|paper, SRCDIR the
# directory of the figure scripts (figures/ of the source tree), OUTDIR where NAME.png and
# NAME.pdf go (created).  NAMEs (default: every figure) are script names without .gp.
# GNUPLOT (environment) overrides the gnuplot command.
#
# Before drawing anything it checks, with one line on stderr and exit status 1 each: that
# gnuplot and its cairo terminals exist, that DB exists and is a pbn database, and that DB
# holds a complete run of every experiment family the figures need.  A failing figure
# script stops the rest (exit 1, its name on stderr).
set -u
FAMILIES="size_kohonen size_istdp size_istdp_eiii size_hebb corr_kohonen corr_hebb initjei_corr
manifold control_kohonen stability_kohonen perturb_jee perturb_jei
pairs_istdp hebb_variants dist_kohonen dist_istdp dist_hebb raster_cx
slow_kohonen slow_istdp slow_hebb"
FIGURES="fig_size_kohonen fig_size_istdp fig_size_istdp_eiii fig_size_hebb fig_corr_kohonen
fig_corr_hebb fig_initjei_corr fig_manifold fig_control_kohonen fig_transients fig_windows fig_stability fig_perturbation
fig_pairs fig_hebb_variants fig_dist_kohonen fig_dist_istdp fig_dist_hebb fig_slow fig_transients_long"

if [ $# -lt 5 ]; then
    echo "usage: plot.sh PBN DB PROFILE SRCDIR OUTDIR [NAME...]" >&2
    exit 2
fi
pbn=$1 db=$2 profile=$3 srcdir=$4 outdir=$5
shift 5
[ $# -gt 0 ] && FIGURES=$*
GNUPLOT=${GNUPLOT:-gnuplot}

die() { echo "plots: $*" >&2; exit 1; }

# The values go into gnuplot strings in single quotes and SQL in double quotes.
for v in "$pbn" "$db" "$profile" "$srcdir" "$outdir" "${TMPDIR:-/tmp}"; do
    case $v in
    *[\'\"\`\$\\]*) die "'$v' contains a quote, \$ or backslash; use a plain path or name" ;;
    esac
done
case $profile in
*[!A-Za-z0-9_-]* | '') die "profile '$profile': letters, digits, _ and - only" ;;
esac

command -v "$GNUPLOT" >/dev/null 2>&1 || die "gnuplot not found (install gnuplot-nox)"
"$GNUPLOT" -e 'set terminal pngcairo; set terminal pdfcairo' >/dev/null 2>&1 ||
    die "$GNUPLOT has no pngcairo/pdfcairo terminal (Debian's gnuplot-nox has both)"
[ -f "$db" ] || die "database $db not found: run 'make figures PROFILE=$profile DB=$db' first"

have=$("$pbn" query --db "$db" "SELECT experiment FROM runs WHERE status = 'ok' AND experiment LIKE '$profile.%' GROUP BY experiment") ||
    exit 1 # pbn has said why in one line
missing=
for f in $FAMILIES; do
    printf '%s\n' "$have" | grep -qx "$profile\.$f" || missing="$missing${missing:+, }$profile.$f"
done
[ -z "$missing" ] ||
    die "$db holds no complete run of $missing: run 'make figures PROFILE=$profile DB=$db'"

mkdir -p "$outdir" || die "cannot create $outdir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pbn-plots.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

for name in $FIGURES; do
    script=$srcdir/$name.gp
    [ -f "$script" ] || die "no figure script $script"
    mkdir "$tmp/$name" || die "cannot create $tmp/$name"
    rm -f "$outdir/$name.png" "$outdir/$name.pdf"
    "$GNUPLOT" -e "pbn='$pbn'; db='$db'; profile='$profile'; outdir='$outdir'; figsrc='$srcdir'; tmp='$tmp/$name'" \
        "$script" || die "$name.gp failed (database $db, profile $profile)"
    for ext in png pdf; do
        [ -s "$outdir/$name.$ext" ] || die "$name.gp wrote no $outdir/$name.$ext"
    done
    echo "  $outdir/$name.png, .pdf"
done
