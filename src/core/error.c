/*
 * error.c - the one-line error record used across the library, and version strings.
 */
#include "pbn/pbn_common.h"
#include "core/version.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int pbn_error_set(pbn_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void pbn_error_clear(pbn_error *err)
{
    if (err) {
        err->code = PBN_OK;
        err->msg[0] = '\0';
    }
}

const char *pbn_version(void) { return PBN_VERSION_STRING; }
const char *pbn_git_commit(void) { return PBN_GIT_COMMIT; }
