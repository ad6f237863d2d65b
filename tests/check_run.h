/*
 * check_run.h - what every Check test program ends with: run the suite and turn the
 * number of failed tests into the exit status that `make check` reads.
 */
#ifndef PBN_CHECK_RUN_H
#define PBN_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int tu_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
