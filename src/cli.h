/*
 * cli.h - the `pbn` command: subcommands and the helpers they share (not installed).
 *
 * Exit codes: 0 success; 1 runtime error (out of memory, I/O, database); 2 bad input
 * (usage, configuration, arguments); 3 the run diverged; 130 interrupted.
 */
#ifndef PBN_CLI_H
#define PBN_CLI_H

#include "pbn.h"

enum { CLI_OK = 0, CLI_ERR = 1, CLI_BADINPUT = 2, CLI_DIVERGED = 3, CLI_INTERRUPTED = 130 };

/* Print "pbn: <msg>" on stderr and return the exit code for err. */
int cli_fail(const pbn_error *err);

/* Exit code for a library error code. */
int cli_code(int pbn_code);

/*
 * Read a configuration: defaults, then CONFIG (NULL: none; "-": standard input), then
 * each --set, then cross-key validation.
 */
int cli_load_config(pbn_config *cfg, const char *path, char **sets, int nsets, pbn_error *err);

/* SIGINT/SIGTERM set this flag (installed by cli_catch_signals). */
extern volatile int cli_stop;
void cli_catch_signals(void);

int cmd_run(int argc, char **argv);
int cmd_theory(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_merge(int argc, char **argv);

#endif
