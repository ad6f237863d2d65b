/*
 * mdblock.c - rewriting the generated blocks of a Markdown page (see util.h).
 *
 * The README's benchmark tables, the report's validation blocks and the model
 * document's key table are generated; the prose around them is written by hand.  Both
 * live in one file so that a reader sees them together, and the generators must never
 * touch the hand-written part: the page is read line by line, every line outside a block
 * (and both marker lines) is copied unchanged, and only the text between markers is
 * replaced.  Markers are HTML comments, invisible when the page is rendered.
 */
#include "util.h"

#include <stdio.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/*
 * When line (up to its newline) is "<!-- TAG:KIND NAME ...-->", copy NAME into name and
 * return 1.  NAME runs to the first space or to " -->".
 */
static int marker(const char *line, const char *tag, const char *kind, char *name,
                  size_t len)
{
    const char *p = line;
    if (strncmp(p, "<!-- ", 5))
        return 0;
    p += 5;
    size_t tl = strlen(tag), kl = strlen(kind);
    if (strncmp(p, tag, tl) || p[tl] != ':' || strncmp(p + tl + 1, kind, kl) ||
        p[tl + 1 + kl] != ' ')
        return 0;
    p += tl + 1 + kl + 1;
    const char *nl = strchr(p, '\n'), *close = strstr(p, "-->");
    if (!close || (nl && close > nl))
        return 0;
    size_t n = 0;
    while (p + n < close && p[n] != ' ')
        n++;
    if (n == 0 || n >= len)
        return 0;
    memcpy(name, p, n);
    name[n] = '\0';
    return 1;
}

static void say(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whylen, const char *fmt, ...)
{
    if (!why || !whylen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
}

int util_md_fill(const char *page, const char *tag, util_md_fill_fn fill, void *ctx,
                 int need_block, char **out, size_t *outlen, int *nblocks, char *why,
                 size_t whylen)
{
    char *buf = NULL;
    size_t blen = 0;
    FILE *o = open_memstream(&buf, &blen);
    int rc = 0, blocks = 0;
    *out = NULL;
    if (!o)
        return ENOMEM;
    long lineno = 0, open_line = 0;
    char open_name[64] = "", name[64];
    int keep = 0; /* the open block keeps its old text */
    for (const char *p = page; *p && !rc;) {
        const char *nl = strchr(p, '\n');
        size_t ll = nl ? (size_t)(nl - p) + 1 : strlen(p);
        lineno++;
        if (!open_name[0]) {
            fwrite(p, 1, ll, o);
            if (marker(p, tag, "begin", name, sizeof name)) {
                if (!nl)
                    fputc('\n', o);
                char fwhy[512] = "";
                int k = fill(ctx, name, o, fwhy, sizeof fwhy);
                if (k == UTIL_MD_UNKNOWN) {
                    say(why, whylen, "line %ld: unknown block '%s'", lineno, name);
                    rc = EINVAL;
                } else if (k == UTIL_MD_FAIL) {
                    say(why, whylen, "line %ld: block '%s': %s", lineno, name,
                        fwhy[0] ? fwhy : "cannot be generated");
                    rc = EINVAL;
                }
                snprintf(open_name, sizeof open_name, "%s", name);
                open_line = lineno;
                keep = k == UTIL_MD_KEEP;
            } else if (marker(p, tag, "end", name, sizeof name)) {
                say(why, whylen, "line %ld: end of block '%s' without its begin", lineno,
                    name);
                rc = EINVAL;
            }
        } else if (marker(p, tag, "end", name, sizeof name)) {
            if (strcmp(name, open_name)) {
                say(why, whylen, "line %ld: block '%s' (line %ld) ends as '%s'", lineno,
                    open_name, open_line, name);
                rc = EINVAL;
            }
            fwrite(p, 1, ll, o);
            open_name[0] = '\0';
            blocks++;
        } else if (marker(p, tag, "begin", name, sizeof name)) {
            say(why, whylen, "line %ld: block '%s' begins inside block '%s' (line %ld)",
                lineno, name, open_name, open_line);
            rc = EINVAL;
        } else if (keep) {
            fwrite(p, 1, ll, o);
        }
        p += ll;
    }
    if (!rc && open_name[0]) {
        say(why, whylen, "line %ld: block '%s' has no end line ('<!-- %s:end %s -->')",
            open_line, open_name, tag, open_name);
        rc = EINVAL;
    }
    if (!rc && need_block && blocks == 0) {
        say(why, whylen,
            "no generated blocks ('<!-- %s:begin NAME -->' ... '<!-- %s:end NAME -->' lines)",
            tag, tag);
        rc = EINVAL;
    }
    if (fclose(o) != 0 && !rc)
        rc = ENOMEM;
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    if (outlen)
        *outlen = blen;
    if (nblocks)
        *nblocks = blocks;
    return 0;
}
