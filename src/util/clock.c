/*
 * clock.c - the monotonic clock (see util.h): durations of runs, phases, retries and
 * progress, never dates.
 */
#include "util.h"

#include <time.h>

double util_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
