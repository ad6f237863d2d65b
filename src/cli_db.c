/*
 * cli_db.c - `pbn query`, `pbn runs`, `pbn merge` (the database issue replaces this stub).
 */
#include "cli.h"

#include <stdio.h>

static int not_yet(const char *what)
{
    fprintf(stderr, "pbn: '%s' is not implemented yet\n", what);
    return CLI_ERR;
}

int cmd_query(int argc, char **argv) { (void)argc; (void)argv; return not_yet("query"); }
int cmd_runs(int argc, char **argv) { (void)argc; (void)argv; return not_yet("runs"); }
int cmd_merge(int argc, char **argv) { (void)argc; (void)argv; return not_yet("merge"); }
