/*
 * pbn_common.h - error reporting shared by every pbn module.
 *
 * The library never prints and never exits.  A function that can fail returns an int
 * (PBN_OK on success, one of the PBN_E* codes otherwise) and, when given a non-NULL
 * pbn_error, leaves there one line of text that names what is wrong and what is allowed,
 * ready to be printed to the user as it is.
 */
#ifndef PBN_COMMON_H
#define PBN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PBN_OK = 0,
    PBN_EINVAL = 1,   /* bad input: configuration, arguments, file contents */
    PBN_ENOMEM = 2,   /* allocation failed */
    PBN_EIO = 3,      /* file or system error */
    PBN_EDB = 4,      /* results database error */
    PBN_ETHEORY = 5,  /* the theory has no (valid) solution for this configuration */
    PBN_EINTR = 6     /* interrupted on request */
};

typedef struct pbn_error {
    int code;
    char msg[1024];
} pbn_error;

/* Record an error (printf-style) and return its code.  err may be NULL. */
int pbn_error_set(pbn_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clear an error record. */
void pbn_error_clear(pbn_error *err);

/* Package version and the git commit the library was built from ("unknown" outside git). */
const char *pbn_version(void);
const char *pbn_git_commit(void);

#ifdef __cplusplus
}
#endif
#endif
