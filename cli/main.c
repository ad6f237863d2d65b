/*
 * main.c - `pbn`: dispatch to the subcommands, and what they share (errors, loading a
 * configuration, checking that stdout really took the output).
 */
#include "config.h"
#include "cli.h"
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cli_flush(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "pbn: cannot write the output: %s\n", e ? strerror(e) : "write error");
        return CLI_ERR;
    }
    return CLI_OK;
}

/* CONFIG "-": the whole of standard input, read as a configuration file. */
static int read_config_stdin(pbn_config *cfg, pbn_error *err)
{
    char *buf;
    size_t len;
    int e = util_read_stream(stdin, PBN_CONFIG_MAX_BYTES, &buf, &len);
    if (e == EFBIG)
        return pbn_error_set(err, PBN_EINVAL, "standard input: too large for a configuration file");
    if (e == ENOMEM)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading standard input");
    if (e)
        return pbn_error_set(err, PBN_EIO, "cannot read the configuration from standard input");
    int rc = pbn_config_read_text(cfg, buf, len, "standard input", err);
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
int cmd_config(int argc, char **argv)
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
            cli_usage(cli_find_cmd("config"), stdout);
            free(sets);
            return cli_flush();
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
    if (!text) {
        fprintf(stderr, "pbn: out of memory\n");
        return CLI_ERR;
    }
    pbn_config_hash(&cfg, hash);
    fputs(text, stdout);
    printf("# config_hash = %s\n", hash);
    free(text);
    return cli_flush();
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_overview(stderr);
        return CLI_BADINPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        cli_overview(stdout);
        return cli_flush();
    }
    if (!strcmp(cmd, "--version")) {
        printf("pbn %s (%s)\n", pbn_version(), pbn_git_commit());
        return cli_flush();
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"run", cmd_run},     {"config", cmd_config}, {"theory", cmd_theory},
                {"window", cmd_window},
                {"query", cmd_query}, {"runs", cmd_runs},     {"merge", cmd_merge},
                {"help", cmd_help}};
    for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
        if (!strcmp(cmd, cmds[k].name))
            return cmds[k].fn(argc - 1, argv + 1);
    fprintf(stderr,
            "pbn: unknown command '%s'; commands: run config theory window query runs merge help\n",
            cmd);
    return CLI_BADINPUT;
}
