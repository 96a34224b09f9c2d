/*
 * Unit tests: master/workerbin.c, the check before master execs a
 * worker (root-owned, writable by root only, in such a directory).
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/log.h"
#include "master/workerbin.h"

static char	 dir[64], bin[128], why[512];

static int
setup(void **st)
{
	FILE *f;

	log_init("test", 1, 0);
	snprintf(dir, sizeof(dir), "/tmp/hp-wbin.XXXXXX");
	if (mkdtemp(dir) == NULL || chmod(dir, 0755) == -1)
		return -1;
	snprintf(bin, sizeof(bin), "%s/hpptpd-ctrl", dir);
	if ((f = fopen(bin, "w")) == NULL)
		return -1;
	fclose(f);
	return chmod(bin, 0755);
}

static int
teardown(void **st)
{
	char p[160];

	snprintf(p, sizeof(p), "%s/link", dir);
	(void)unlink(p);
	(void)unlink(bin);
	(void)rmdir(dir);
	return 0;
}

static void
test_root_0755_ok(void **st)
{
	if (geteuid() != 0)
		skip();
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), 0);
	assert_int_equal(workerbin_ok(dir, "hpptpd-ctrl"), 0);
	/* 0700 and 0555 are fine too: only writes by others matter */
	assert_int_equal(chmod(bin, 0500), 0);
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), 0);
}

static void
test_group_writable_refused(void **st)
{
	assert_int_equal(chmod(bin, 0775), 0);
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "group-writable"));
	assert_int_equal(workerbin_ok(dir, "hpptpd-ctrl"), -1);
}

static void
test_other_writable_refused(void **st)
{
	assert_int_equal(chmod(bin, 0757), 0);
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "other-writable"));
}

static void
test_not_root_owned_refused(void **st)
{
	if (geteuid() != 0)
		skip();
	assert_int_equal(chown(bin, 65534, 65534), 0);
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "owned by uid 65534"));
}

static void
test_writable_directory_refused(void **st)
{
	if (geteuid() != 0)
		skip();
	assert_int_equal(chmod(dir, 01777), 0);
	assert_int_equal(workerbin_check(bin, why, sizeof(why)), -1);
	assert_non_null(strstr(why, dir));
	assert_non_null(strstr(why, "other-writable"));
	assert_int_equal(chmod(dir, 0755), 0);
}

static void
test_symlink_checks_target(void **st)
{
	char link[160];

	if (geteuid() != 0)
		skip();
	snprintf(link, sizeof(link), "%s/link", dir);
	assert_int_equal(symlink(bin, link), 0);
	assert_int_equal(workerbin_check(link, why, sizeof(why)), 0);
	assert_int_equal(chmod(bin, 0777), 0);
	assert_int_equal(workerbin_check(link, why, sizeof(why)), -1);
	assert_non_null(strstr(why, bin));
}

static void
test_missing_and_directory_refused(void **st)
{
	assert_int_equal(workerbin_ok(dir, "hpptpd-nope"), -1);
	assert_int_equal(workerbin_check(dir, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "not a regular file"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_root_0755_ok,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_writable_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_writable_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_root_owned_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_writable_directory_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_checks_target,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_missing_and_directory_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
