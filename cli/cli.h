/*
 * cli.h - the `pbn` command: subcommands and the helpers they share (not installed).
 *
 * The command is a program on top of libpbn: it parses argv, prints, installs signal
 * handlers and shows progress, all of which the library never does.
 *
 * Exit codes: 0 success; 1 runtime error (out of memory, I/O, database); 2 bad input
 * (usage, configuration, arguments); 3 the run diverged; 130 interrupted.
 */
#ifndef PBN_CLI_H
#define PBN_CLI_H

#include "pbn/pbn.h"

#include <signal.h>
#include <stdio.h>

enum { CLI_OK = 0, CLI_ERR = 1, CLI_BADINPUT = 2, CLI_DIVERGED = 3, CLI_INTERRUPTED = 130 };

/* Print "pbn: <msg>" on stderr and return the exit code for err. */
int cli_fail(const pbn_error *err);

/* Exit code for a library error code. */
int cli_code(int pbn_code);

/* Flush stdout; when anything written to it was lost (a full disk, a closed pipe), say so
   in one line and return CLI_ERR, else CLI_OK. */
int cli_flush(void);

/*
 * Read a configuration: defaults, then CONFIG (NULL: none; "-": standard input), then
 * each --set, then cross-key validation.
 */
int cli_load_config(pbn_config *cfg, const char *path, char **sets, int nsets, pbn_error *err);

/* ---- help (help.c): every help text, the man page and the model document's key table,
   from one table of the commands and the library's parameter table ---------------------- */

typedef struct cli_opt {
    const char *flags;  /* e.g. "--db FILE" */
    const char *help;   /* one paragraph */
} cli_opt;

typedef struct cli_cmd {
    const char *name;        /* "run" */
    const char *synopsis;    /* after "pbn run " */
    const char *summary;     /* one line, for the overview */
    const char *description; /* one paragraph */
    const cli_opt *opts;     /* terminated by {NULL, NULL}; may be NULL */
    const char *more;        /* printed as it is after the options (may be NULL) */
    const char *exit_status;
    int keys;                /* 1: --help ends with the key table */
} cli_cmd;

extern const cli_cmd cli_cmds[]; /* terminated by a NULL name */
const cli_cmd *cli_find_cmd(const char *name);

void cli_usage(const cli_cmd *c, FILE *out);   /* pbn COMMAND --help */
void cli_overview(FILE *out);                  /* pbn --help */
void cli_keys_print(FILE *out);                /* the key table of --help */
void cli_man(FILE *out);                       /* pbn help --man */
void cli_keys_markdown(FILE *out);             /* pbn help --keys-markdown */
int cli_update_doc(const char *path);          /* pbn help --update-doc FILE */

int cmd_run(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_theory(int argc, char **argv);
int cmd_window(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
