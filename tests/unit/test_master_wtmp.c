/* Unit tests: master/wtmp.c (wtmp and utmp records, read back). */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmpx.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "master/wtmp.h"

static char	 dir[64], wtmp[128], utmp[128];

static int
setup(void **st)
{
	FILE	*f;

	log_init("test", 1, 0);
	snprintf(dir, sizeof(dir), "/tmp/hp-wtmp.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(wtmp, sizeof(wtmp), "%s/wtmp", dir);
	snprintf(utmp, sizeof(utmp), "%s/utmp", dir);
	if ((f = fopen(wtmp, "w")) == NULL)
		return -1;
	fclose(f);
	if ((f = fopen(utmp, "w")) == NULL)
		return -1;
	fclose(f);
	return wtmp_set_files(wtmp, utmp) == HP_OK ? 0 : -1;
}

static int
teardown(void **st)
{
	char	 cmd[160];

	wtmp_set_files(NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Read every record of file into out[]; returns the count. */
static int
readall(const char *file, struct utmpx *out, int max)
{
	struct utmpx	*u;
	int		 n = 0;

	assert_int_equal(utmpxname(file), 0);
	setutxent();
	while ((u = getutxent()) != NULL && n < max)
		out[n++] = *u;
	endutxent();
	return n;
}

static void
test_login_logout(void **st)
{
	struct sockaddr_in sin;
	struct utmpx	 r[8];
	int		 n;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, "198.51.100.7", &sin.sin_addr);

	assert_int_equal(wtmp_login("pptp3", "username2", "198.51.100.7",
	    (struct sockaddr *)&sin), HP_OK);
	assert_int_equal(wtmp_login("pptp4", "username1", "2001:db8::1",
	    NULL), HP_OK);

	/* utmp: both logged in */
	n = readall(utmp, r, 8);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].ut_type, USER_PROCESS);
	assert_string_equal(r[0].ut_line, "pptp3");
	assert_string_equal(r[0].ut_user, "username2");
	assert_string_equal(r[0].ut_host, "198.51.100.7");
	assert_memory_equal(r[0].ut_addr_v6, &sin.sin_addr, 4);
	assert_memory_equal(r[0].ut_id, "ptp3", 4);
	assert_int_equal(r[0].ut_pid, getpid());
	assert_true(r[0].ut_tv.tv_sec > 0);

	assert_int_equal(wtmp_logout("pptp3"), HP_OK);
	n = readall(utmp, r, 8);
	assert_int_equal(n, 2);				/* replaced in place */
	assert_int_equal(r[0].ut_type, DEAD_PROCESS);
	assert_string_equal(r[0].ut_line, "pptp3");
	assert_int_equal(r[1].ut_type, USER_PROCESS);
	assert_string_equal(r[1].ut_user, "username1");

	/* wtmp: appended in order */
	n = readall(wtmp, r, 8);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].ut_type, USER_PROCESS);
	assert_string_equal(r[0].ut_user, "username2");
	assert_int_equal(r[1].ut_type, USER_PROCESS);
	assert_string_equal(r[1].ut_line, "pptp4");
	assert_int_equal(r[2].ut_type, DEAD_PROCESS);
	assert_string_equal(r[2].ut_line, "pptp3");
	assert_string_equal(r[2].ut_user, "");
}

/* `last -f` shows the session, if util-linux's last is installed. */
static void
test_last(void **st)
{
	char	 cmd[256], buf[4096];
	FILE	*p;
	size_t	 n;

	if (access("/usr/bin/last", X_OK) != 0)
		skip();
	snprintf(cmd, sizeof(cmd), "/usr/bin/last -w -f %s 2>&1", wtmp);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	assert_non_null(strstr(buf, "username2"));
	assert_non_null(strstr(buf, "pptp3"));
	assert_non_null(strstr(buf, "198.51.100.7"));
	assert_non_null(strstr(buf, "username1"));
	assert_non_null(strstr(buf, "pptp4"));
}

static void
test_bad_args(void **st)
{
	char	 longp[300];

	assert_int_equal(wtmp_login(NULL, "u", "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_login("", "u", "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_login("a/b", "u", "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_login("a b", "u", "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_login("0123456789012345678901234567890123",
	    "u", "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_login("pptp1", NULL, "h", NULL), HP_E_RANGE);
	assert_int_equal(wtmp_logout(NULL), HP_E_RANGE);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(wtmp_set_files(longp, NULL), HP_E_LONG);
	/* missing files are not created */
	assert_int_equal(wtmp_set_files("/nonexistent/wtmp", ""), HP_OK);
	assert_int_equal(wtmp_login("pptp9", "u", "h", NULL), HP_OK);
	assert_int_equal(access("/nonexistent/wtmp", F_OK), -1);
	assert_int_equal(wtmp_set_files(wtmp, utmp), HP_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_logout),
		cmocka_unit_test(test_last),
		cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
