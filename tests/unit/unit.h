/*
 * The main() of every unit test program runs its suite through unit_run:
 * each test in its own process (abort tests, conf's static state and
 * setenv need it) and a non-zero exit on any failure.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdlib.h>

#include <check.h>

static inline int
unit_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
