/*
 * cli_theory.c - `pbn theory` (the theory issue replaces this stub).
 */
#include "cli.h"

#include <stdio.h>

int cmd_theory(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "pbn: 'theory' is not implemented yet\n");
    return CLI_ERR;
}
