/*
 * cli_main.c - `pbn`: dispatch to the subcommands.
 */
#include "config.h"
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int cli_stop = 0;

static void on_signal(int sig)
{
    (void)sig;
    cli_stop = 1;
}

void cli_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int cli_code(int code)
{
    switch (code) {
    case PBN_OK: return CLI_OK;
    case PBN_EINVAL:
    case PBN_ETHEORY: return CLI_BADINPUT;
    case PBN_EINTR: return CLI_INTERRUPTED;
    default: return CLI_ERR;
    }
}

int cli_fail(const pbn_error *err)
{
    fprintf(stderr, "pbn: %s\n", err->msg[0] ? err->msg : "unknown error");
    return cli_code(err->code);
}

/* CONFIG "-": the whole of standard input, read as a configuration file. */
static int read_config_stdin(pbn_config *cfg, pbn_error *err)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, stdin);
        len += got;
        if (len < cap - 1)
            break;
        if (cap > (1u << 24)) {
            free(buf);
            return pbn_error_set(err, PBN_EINVAL,
                                 "standard input: too large for a configuration file");
        }
        char *nb = realloc(buf, cap *= 2);
        if (!nb)
            free(buf);
        buf = nb;
    }
    if (!buf)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading standard input");
    int rc;
    buf[len] = '\0';
    if (ferror(stdin))
        rc = pbn_error_set(err, PBN_EIO, "cannot read the configuration from standard input");
    else if (memchr(buf, '\0', len))
        rc = pbn_error_set(err, PBN_EINVAL,
                           "standard input: not a text file (contains a NUL byte)");
    else
        rc = pbn_config_read_string(cfg, buf, "standard input", err);
    free(buf);
    return rc;
}

int cli_load_config(pbn_config *cfg, const char *path, char **sets, int nsets, pbn_error *err)
{
    pbn_config_defaults(cfg);
    if (path && !strcmp(path, "-")) {
        if (read_config_stdin(cfg, err) != PBN_OK)
            return err->code;
    } else if (path && pbn_config_read_file(cfg, path, err) != PBN_OK)
        return err->code;
    for (int i = 0; i < nsets; i++)
        if (pbn_config_set_pair(cfg, sets[i], err) != PBN_OK)
            return err->code;
    return pbn_config_validate(cfg, err);
}

/* `pbn config [CONFIG] [--set key=value]...`: the full canonical configuration. */
static int cmd_config(int argc, char **argv)
{
    const char *path = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0;
    pbn_error err = {0, ""};
    pbn_config cfg;
    if (!sets)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: pbn config [CONFIG] [--set key=value]...\n\n"
                   "Print every key with its value (defaults included) in canonical form, and\n"
                   "the configuration hash stored with results.\n");
            free(sets);
            return CLI_OK;
        } else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
            sets[nsets++] = argv[++i];
        } else if (!strncmp(argv[i], "--set=", 6)) {
            sets[nsets++] = argv[i] + 6;
        } else if ((argv[i][0] == '-' && argv[i][1]) || path) {
            fprintf(stderr, "pbn config: unexpected argument '%s' (see pbn config --help)\n",
                    argv[i]);
            free(sets);
            return CLI_BADINPUT;
        } else {
            path = argv[i];
        }
    }
    int rc = cli_load_config(&cfg, path, sets, nsets, &err);
    free(sets);
    if (rc != PBN_OK)
        return cli_fail(&err);
    char *text = pbn_config_canonical(&cfg), hash[17];
    pbn_config_hash(&cfg, hash);
    fputs(text, stdout);
    printf("# config_hash = %s\n", hash);
    free(text);
    return CLI_OK;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: pbn COMMAND [ARGS]\n"
            "\n"
            "Plastic balanced networks (Akil, Rosenbaum & Josic 2021): simulator, mean-field\n"
            "theory and results database.\n"
            "\n"
            "commands:\n"
            "  run [CONFIG] [--set key=value]...   run one simulation, print its summary\n"
            "  config [CONFIG] [--set key=value]... print the full configuration (defaults too)\n"
            "  theory [CONFIG] [--set key=value]... print the mean-field predictions\n"
            "  query [--db FILE] [--format tsv|csv|table] SQL   query the results database\n"
            "  runs [--db FILE]                     list stored runs and their status\n"
            "  merge OUT.db IN.db...                combine shard databases\n"
            "  help COMMAND                         help on one command\n"
            "\n"
            "CONFIG is a plain text file of 'key = value' lines ('#' starts a comment);\n"
            "- reads it from standard input.\n"
            "Keys, defaults (MODEL.md), units and allowed ranges:\n");
    pbn_config_print_help(out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_BADINPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            char *sub[] = {argv[2], "--help", NULL};
            argv[1] = argv[2];
            return main(3, (char *[]){argv[0], sub[0], sub[1], NULL});
        }
        usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("pbn %s (%s)\n", pbn_version(), pbn_git_commit());
        return CLI_OK;
    }
    if (!strcmp(cmd, "config"))
        return cmd_config(argc - 1, argv + 1);
    if (!strcmp(cmd, "run"))
        return cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "theory"))
        return cmd_theory(argc - 1, argv + 1);
    if (!strcmp(cmd, "query"))
        return cmd_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "runs"))
        return cmd_runs(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge"))
        return cmd_merge(argc - 1, argv + 1);
    fprintf(stderr,
            "pbn: unknown command '%s'; commands: run config theory query runs merge help\n",
            cmd);
    return CLI_BADINPUT;
}
