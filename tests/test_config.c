#include <check.h>
#include <stdlib.h>
#include "pbn.h"
START_TEST(test_defaults) { pbn_config c; pbn_config_defaults(&c); ck_assert_int_eq(c.N, 1000); }
END_TEST
int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("basic");
    tcase_add_test(tc, test_defaults);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
