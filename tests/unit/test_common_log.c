/*
 * common/log.c: lines held by log_batch() (master, one wake-up) reach
 * stderr together, in order, and an error never waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/log.h"

static int	saved_stderr = -1;
static int	rd = -1;

/* stderr into a nonblocking pipe we read */
static int
setup(void **state)
{
	int p[2];

	(void)state;
	if (pipe2(p, O_NONBLOCK) == -1)
		return -1;
	saved_stderr = dup(STDERR_FILENO);
	if (saved_stderr == -1 || dup2(p[1], STDERR_FILENO) == -1)
		return -1;
	close(p[1]);
	rd = p[0];
	log_init("t", 1, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	log_batch(false);
	(void)dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	close(rd);
	return 0;
}

/* What stderr got since the last call ("" if nothing). */
static const char *
got(void)
{
	static char buf[8192];
	ssize_t n = read(rd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void
test_held_until_the_end(void **state)
{
	(void)state;
	log_info("one");
	assert_string_equal(got(), "t: one\n");
	log_batch(true);
	log_info("two");
	log_warnx("three");
	assert_string_equal(got(), "");
	log_batch(false);
	assert_string_equal(got(), "t: two\nt: three\n");
	log_info("four");		/* not held any more */
	assert_string_equal(got(), "t: four\n");
}

static void
test_error_not_held(void **state)
{
	(void)state;
	log_batch(true);
	log_info("before");
	log_emit(LOG_ERR, LOGF_DAEMON, "bad");
	assert_string_equal(got(), "t: before\nt: bad\n");
	log_info("after");
	assert_string_equal(got(), "");
	log_batch(false);
	assert_string_equal(got(), "t: after\n");
}

static void
test_full_batch_goes(void **state)
{
	char want[4096];
	size_t n = 0;
	int i;

	(void)state;
	log_batch(true);
	for (i = 0; i < LOG_BATCH; i++) {
		log_info("line %d", i);
		n += (size_t)snprintf(want + n, sizeof(want) - n,
		    "t: line %d\n", i);
	}
	assert_string_equal(got(), want);
	log_info("next");
	assert_string_equal(got(), "");
	log_batch(false);
	assert_string_equal(got(), "t: next\n");
}

static void
hook(void)
{
	log_info("hook");
}

/* fatal: what is held, its line, then the fatal hook's lines, all out */
static void
test_fatal_not_lost(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	if ((pid = fork()) == 0) {
		log_batch(true);
		log_info("held");
		log_set_fatal_hook(hook);
		fatalx("bye");
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	assert_string_equal(got(), "t: held\nt: bye\nt: hook\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_held_until_the_end,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_not_held,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_batch_goes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fatal_not_lost,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
