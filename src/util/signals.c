/*
 * signals.c - stop signals for the programs (see util.h).
 *
 * A simulation or a sweep runs for minutes to days; Ctrl-C, a scheduler's SIGTERM or a
 * closed terminal's SIGHUP should stop it between two steps so that what was simulated
 * is printed or stored (as "interrupted"), not lost.  The handler only sets a flag of
 * type volatile sig_atomic_t, the one object a handler may write; the simulator reads it
 * once per step.
 *
 * A signal ignored when the program started stays ignored: the shell starts background
 * jobs of a script with SIGINT ignored, and nohup ignores SIGHUP, and both mean "do not
 * stop on it".
 */
#include "util.h"

#include <string.h>

static volatile sig_atomic_t stop_flag = 0;
static volatile sig_atomic_t stop_sig = 0;

static void on_signal(int sig)
{
    stop_flag = 1;
    stop_sig = sig;
}

volatile sig_atomic_t *util_catch_stop_signals(unsigned flags)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        struct sigaction old, sa;
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sa.sa_flags = (flags & UTIL_SIG_ONCE) ? SA_RESETHAND : 0;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
    return &stop_flag;
}

int util_stop_signal(void) { return (int)stop_sig; }
