/*
 * util.h - libpbnutil: the small helpers that the library and the programs would
 * otherwise each write again (not installed; nothing here is part of libpbn's API).
 *
 * Why a library of its own: whole-file reading, atomic rewrites of a file, the
 * generated blocks of a Markdown page, number and option parsing, stop signals, a
 * monotonic clock and the progress line were written five, three or two times over in
 * the command, the experiment programs, the validator, the benchmark and the library.
 * One copy each lives here.
 *
 * Layering: this is the bottom of the tree.  It uses only C and POSIX, never a pbn
 * header, so every module of libpbn and every program may use it.  Errors are returned
 * as errno values (0 on success) and, where a line of text helps, written into a
 * caller's buffer; callers turn them into their own one-line messages, which name their
 * own context (the key, the option, the file's role).
 *
 * Only the progress line (util_progress_*) and nothing else writes to a stream, and only
 * programs call it: the library reports progress through callbacks (pbn_sim.h,
 * pbn_sweep.h) and never prints.  tests/layout.sh checks both rules.
 */
#ifndef PBN_UTIL_H
#define PBN_UTIL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- clock (clock.c) --------------------------------------------------------------- */

/* Seconds of the monotonic clock (for durations; unaffected by changes of the date). */
double util_now(void);

/* ---- files (file.c) ---------------------------------------------------------------- */

/*
 * Read all of stream f, or of the file at path, into a new NUL-terminated buffer
 * (*out, *len without the NUL; the caller frees it).  At most max bytes: a longer input
 * gives EFBIG.  Returns 0, or an errno value (ENOENT, EACCES, EISDIR, EIO, ENOMEM,
 * EFBIG, ...); *out is NULL on failure.  A directory given as path gives EISDIR, not a
 * read error later.
 */
int util_read_stream(FILE *f, size_t max, char **out, size_t *len);
int util_read_file(const char *path, size_t max, char **out, size_t *len);

/*
 * Replace the file at path with data[0 .. len) atomically: the bytes go to a new
 * temporary file in the same directory, are flushed to the disk, and the temporary file
 * is renamed over path, so a reader sees either the old file or the new one in full,
 * never a part, and a full disk or a crash leaves the old file as it was.  The new file
 * keeps the old file's permission bits (0644 less the umask when there was none).
 * Returns 0 or an errno value; the temporary file never stays behind.
 */
int util_write_atomic(const char *path, const void *data, size_t len);

/* ---- generated blocks of a Markdown page (mdblock.c) ------------------------------ */

/*
 * A page holds generated blocks between two marker lines,
 *     <!-- TAG:begin NAME -->          (anything may follow NAME on the begin line,
 *     ...generated text...              after a space, e.g. a "do not edit" note)
 *     <!-- TAG:end NAME -->
 * and everything outside the blocks is written by hand.  util_md_fill rewrites the text
 * of every block: the marker lines stay, the text between them is replaced by what
 * fill writes for NAME, and every other line is kept byte for byte.
 *
 * fill returns UTIL_MD_FILLED after writing the block's new text to out (it should end
 * with a newline), UTIL_MD_KEEP to keep the block's old text, UTIL_MD_UNKNOWN for a name
 * it does not know (an error naming the line), or UTIL_MD_FAIL for its own error (it
 * puts its reason in why).
 */
enum { UTIL_MD_FILLED = 0, UTIL_MD_KEEP = 1, UTIL_MD_UNKNOWN = 2, UTIL_MD_FAIL = 3 };
typedef int (*util_md_fill_fn)(void *ctx, const char *name, FILE *out, char *why,
                               size_t whylen);

/*
 * The new text of page (NUL-terminated) in *out (malloc'd, *outlen bytes, NUL-
 * terminated), and in *nblocks (may be NULL) how many blocks it holds.  Returns 0, ENOMEM,
 * or EINVAL with one line in why (whylen bytes) naming the line: an end without its
 * begin, a block that ends under another name or not at all, a name fill does not know,
 * fill's own failure; or, with need_block, a page without any block.
 */
int util_md_fill(const char *page, const char *tag, util_md_fill_fn fill, void *ctx,
                 int need_block, char **out, size_t *outlen, int *nblocks, char *why,
                 size_t whylen);

/* ---- numbers and options (parse.c) ------------------------------------------------- */

/*
 * The whole of s as a base-10 integer in [lo, hi] / a finite number in [lo, hi]:
 * 0 on success, EINVAL for text that is not one (empty, trailing characters, not
 * finite), ERANGE for one outside the interval.  *out is set only on success.
 */
int util_parse_long(const char *s, long lo, long hi, long *out);
int util_parse_double(const char *s, double lo, double hi, double *out);

/*
 * The value of option `name` at argv[*i], given as "name VALUE" (then *i moves to the
 * value) or "name=VALUE".  NULL when argv[*i] is another option; NULL with *missing = 1
 * when it is this option without a value.
 */
const char *util_opt_value(int argc, char **argv, int *i, const char *name, int *missing);

/*
 * The shortest "%.*g" text of v with at least min_digits significant digits that reads
 * back (strtod) as exactly v; 17 digits always do.  NaN and infinities as printf writes
 * them.
 */
void util_fmt_exact(double v, int min_digits, char *buf, size_t len);

/*
 * A number as a person writes it, and exactly: the fewest significant digits that read
 * back (strtod) as v, in plain decimal ("1000", "-50", "0.0001", "0.066666666666666667")
 * when 1e-6 <= |v| < 1e16, otherwise as "2.5e-07", "1e+21" (printf's exponent form).
 * Negative zero is written "0".  NaN and infinities as printf writes them.
 */
void util_fmt_number(double v, char *buf, size_t len);

/*
 * Text from outside (a key, a value, a file name) made safe to print in one line: control
 * bytes and DEL become \xNN, and the result is cut (ending "...") to fit len.
 */
void util_printable(const char *in, char *out, size_t len);

/* ---- stop signals (signals.c) ------------------------------------------------------- */

/*
 * Make SIGINT, SIGTERM and SIGHUP set one flag (returned) instead of killing the process,
 * so that long work can stop cleanly and keep what it has done.  A signal that was
 * ignored when the program started (a background job of a script: SIGINT and SIGHUP)
 * stays ignored.  With UTIL_SIG_ONCE a second signal acts as it would have (terminates).
 * Calling it again only changes the once-flag of later installations; the flag is shared.
 * For programs: the library never installs a handler.
 */
enum { UTIL_SIG_ONCE = 1 };
volatile sig_atomic_t *util_catch_stop_signals(unsigned flags);

/* The signal number that set the flag (0 when none). */
int util_stop_signal(void);

/* ---- the progress line (progress.c; programs only) ------------------------------- */

/*
 * One line on stderr: label, percent, elapsed time, ETA.  Shown only on a terminal
 * unless forced (UTIL_PROGRESS_ON), and only once the work has taken more than two
 * seconds (environment PBN_PROGRESS_DELAY overrides), so short runs stay quiet.  On a
 * terminal the line is redrawn in place (at most 4 times a second); when forced onto a
 * file or pipe a new line is written every 10 seconds.
 */
enum { UTIL_PROGRESS_AUTO = -1, UTIL_PROGRESS_OFF = 0, UTIL_PROGRESS_ON = 1 };

typedef struct util_progress {
    int enabled, tty, shown;
    double t0, last, delay;
    char label[96];
    FILE *out;
} util_progress;

void util_progress_start(util_progress *p, const char *label, int mode);
/* Report frac (0..1) done; extra (may be NULL) is appended, e.g. "12/40 tasks". */
void util_progress_update(util_progress *p, double frac, const char *extra);
/* Finish the line (when anything was shown). */
void util_progress_end(util_progress *p);
/* A progress callback of the simulator (pbn_sim_set_progress): ctx is a util_progress. */
void util_progress_steps(void *ctx, uint64_t done, uint64_t total);

#ifdef __cplusplus
}
#endif
#endif
