/*
 * progress.c - the progress line (see util.h).
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void util_progress_start(util_progress *p, const char *label, int mode)
{
    memset(p, 0, sizeof *p);
    p->out = stderr;
    p->tty = isatty(fileno(stderr));
    p->enabled = mode == UTIL_PROGRESS_AUTO ? p->tty : mode == UTIL_PROGRESS_ON;
    p->t0 = util_now();
    const char *d = getenv("PBN_PROGRESS_DELAY");
    p->delay = d ? atof(d) : 2.0;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
}

static void hms(double s, char *buf, size_t len)
{
    if (!(s >= 0) || s > 360000.0 * 24) {
        snprintf(buf, len, "--:--:--");
        return;
    }
    long t = (long)(s + 0.5);
    snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

void util_progress_update(util_progress *p, double frac, const char *extra)
{
    if (!p || !p->enabled)
        return;
    double now = util_now(), el = now - p->t0;
    if (el < p->delay && frac < 1.0)
        return;
    if (now - p->last < (p->tty ? 0.25 : 10.0) && frac < 1.0)
        return;
    p->last = now;
    char e[32], eta[32];
    hms(el, e, sizeof e);
    hms(frac > 0 ? el * (1.0 - frac) / frac : -1, eta, sizeof eta);
    fprintf(p->out, "%s%s %5.1f%%  elapsed %s  ETA %s%s%s%s", p->tty ? "\r" : "", p->label,
            100.0 * frac, e, eta, extra ? "  " : "", extra ? extra : "", p->tty ? "\033[K" : "\n");
    fflush(p->out);
    p->shown = 1;
}

void util_progress_end(util_progress *p)
{
    if (p && p->enabled && p->shown && p->tty) {
        fputc('\n', p->out);
        fflush(p->out);
    }
}

void util_progress_steps(void *ctx, uint64_t done, uint64_t total)
{
    util_progress_update((util_progress *)ctx, total ? (double)done / (double)total : 1.0, NULL);
}
