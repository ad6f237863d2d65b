/*
 * file.c - reading a whole file, and replacing one atomically (see util.h).
 *
 * Readers: configuration files and standard input (pbn run, pbn theory), the report
 * pages the validator and the benchmark fill, the plan lists, test fixtures.  They are
 * small (kilobytes to a few megabytes), so one buffer grown by doubling is enough; the
 * caller's max bounds it, so a wrong argument (a device, a huge file) fails at once
 * with EFBIG instead of exhausting memory.
 *
 * Writers: the validation page, the report and README blocks, the man page tests.  A
 * reader of any of them (a browser, git, make) must never see half a file, and a full
 * disk must not leave the old file truncated: write a temporary file next to it, flush
 * it to the disk, rename it over the old one.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int util_read_stream(FILE *f, size_t max, char **out, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    *out = NULL;
    if (len)
        *len = 0;
    if (!buf)
        return ENOMEM;
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > max) {
            free(buf);
            return EFBIG;
        }
        if (n < cap - 1) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                return e == EISDIR ? EISDIR : e;
            }
            if (feof(f) || got == 0)
                break;
            continue;
        }
        char *nb = realloc(buf, cap *= 2);
        if (!nb) {
            free(buf);
            return ENOMEM;
        }
        buf = nb;
    }
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    return 0;
}

int util_read_file(const char *path, size_t max, char **out, size_t *len)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return EISDIR;
    }
    errno = 0;
    int rc = util_read_stream(f, max, out, len);
    fclose(f);
    return rc;
}

int util_write_atomic(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp)
        return ENOMEM;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return e;
    }
    /* mkstemp creates 0600: give the new file the old one's mode, or the usual one */
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    else {
        mode_t um = umask(0);
        umask(um);
        mode = 0644 & ~um;
    }
    int e = 0;
    if (fchmod(fd, mode) != 0)
        e = errno;
    const char *p = data;
    size_t left = len;
    while (!e && left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
        } else {
            p += w;
            left -= (size_t)w;
        }
    }
    if (!e && fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}
