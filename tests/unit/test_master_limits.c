/* Unit tests: master/limits.c (admission limits, bounded tables). */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "master/limits.h"

static struct sockaddr_storage
SA(const char *s)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0, sizeof(ss));
	if (strchr(s, ':') != NULL) {
		sin6->sin6_family = AF_INET6;
		assert_int_equal(inet_pton(AF_INET6, s, &sin6->sin6_addr), 1);
	} else {
		sin->sin_family = AF_INET;
		assert_int_equal(inet_pton(AF_INET, s, &sin->sin_addr), 1);
	}
	return ss;
}

static enum lim_verdict
copen(struct limits *l, const char *a, uint64_t now)
{
	struct sockaddr_storage ss = SA(a);

	return limits_conn_open(l, (struct sockaddr *)&ss, sizeof(ss), now);
}

static void
cclose(struct limits *l, const char *a)
{
	struct sockaddr_storage ss = SA(a);

	limits_conn_close(l, (struct sockaddr *)&ss, sizeof(ss));
}

static struct limits *
mk(unsigned sess, unsigned per_user, unsigned conns, unsigned per_addr,
    unsigned rate, unsigned burst)
{
	struct limits_conf c = {
		.max_sessions = sess, .max_sessions_per_user = per_user,
		.max_conns = conns, .max_conns_per_addr = per_addr,
		.conn_rate = rate, .conn_burst = burst,
	};
	struct limits	*l = NULL;

	assert_int_equal(limits_create(&c, &l, 0), HP_OK);
	return l;
}

static void
test_names(void **st)
{
	int	 v;

	for (v = 0; v < LIM_N; v++)
		assert_string_not_equal(lim_verdict_name(v), "unknown");
	assert_string_equal(lim_verdict_name(LIM_N), "unknown");
	assert_string_equal(lim_verdict_name((enum lim_verdict)-1), "unknown");
	assert_string_equal(lim_verdict_name(LIM_USER_SESSIONS),
	    "max-sessions-per-user");
}

static void
test_conf(void **st)
{
	struct limits_conf def = LIMITS_CONF_DEFAULT, c;
	struct limits	*l = (struct limits *)1;

	assert_int_equal(limits_conf_check(&def), HP_OK);
	assert_int_equal(def.max_sessions, 1000);
	c = def; c.max_sessions = 0;
	assert_int_equal(limits_create(&c, &l, 0), HP_E_RANGE);
	assert_null(l);
	c = def; c.max_conns = LIMITS_MAX_CONNS + 1;
	assert_int_equal(limits_conf_check(&c), HP_E_RANGE);
	c = def; c.conn_burst = 0;
	assert_int_equal(limits_conf_check(&c), HP_E_RANGE);
	c = def; c.conn_rate = 0; c.conn_burst = 0;
	assert_int_equal(limits_conf_check(&c), HP_OK);

	assert_int_equal(limits_create(&def, &l, 0), HP_OK);
	c = def; c.max_sessions = 2000;
	assert_int_equal(limits_set_conf(l, &c), HP_E_RANGE);
	c = def; c.max_sessions = 10; c.max_sessions_per_user = 1;
	assert_int_equal(limits_set_conf(l, &c), HP_OK);
	assert_int_equal(limits_session_open(l, "a"), LIM_OK);
	assert_int_equal(limits_session_open(l, "a"), LIM_USER_SESSIONS);
	limits_destroy(l);
	limits_destroy(NULL);
}

static void
test_sessions(void **st)
{
	struct limits	*l = mk(3, 2, 10, 0, 0, 0);
	struct limits_stats s;

	assert_int_equal(limits_session_open(l, "alice"), LIM_OK);
	assert_int_equal(limits_session_open(l, "alice"), LIM_OK);
	assert_int_equal(limits_session_open(l, "alice"), LIM_USER_SESSIONS);
	assert_int_equal(limits_session_open(l, "bob"), LIM_OK);
	assert_int_equal(limits_session_open(l, "carol"), LIM_SESSIONS);
	limits_get_stats(l, &s);
	assert_int_equal(s.sessions, 3);
	assert_int_equal(s.users, 2);
	assert_int_equal(s.refused[LIM_USER_SESSIONS], 1);
	assert_int_equal(s.refused[LIM_SESSIONS], 1);
	limits_session_close(l, "alice");
	assert_int_equal(limits_session_open(l, "carol"), LIM_OK);
	limits_session_close(l, "nobody");	/* ignored */
	limits_session_close(l, "alice");
	limits_session_close(l, "bob");
	limits_session_close(l, "carol");
	limits_get_stats(l, &s);
	assert_int_equal(s.sessions, 0);
	assert_int_equal(s.users, 0);
	limits_destroy(l);

	/* unlimited per user */
	l = mk(5, 0, 10, 0, 0, 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(limits_session_open(l, "u"), LIM_OK);
	assert_int_equal(limits_session_open(l, "u"), LIM_SESSIONS);
	limits_destroy(l);
}

static void
test_conns_per_addr(void **st)
{
	struct limits	*l = mk(10, 0, 5, 2, 0, 0);
	struct limits_stats s;
	struct sockaddr_un { sa_family_t f; char p[20]; } un = { AF_UNIX, "x" };

	assert_int_equal(copen(l, "192.0.2.1", 0), LIM_OK);
	assert_int_equal(copen(l, "192.0.2.1", 0), LIM_OK);
	assert_int_equal(copen(l, "192.0.2.1", 0), LIM_ADDR_CONNS);
	/* the same IPv4 address written as v4-mapped IPv6 */
	assert_int_equal(copen(l, "::ffff:192.0.2.1", 0), LIM_ADDR_CONNS);
	/* IPv6 counted per /64 */
	assert_int_equal(copen(l, "2001:db8:1:2::1", 0), LIM_OK);
	assert_int_equal(copen(l, "2001:db8:1:2:ffff::9", 0), LIM_OK);
	assert_int_equal(copen(l, "2001:db8:1:2::77", 0), LIM_ADDR_CONNS);
	assert_int_equal(copen(l, "2001:db8:1:3::1", 0), LIM_OK);
	assert_int_equal(copen(l, "192.0.2.2", 0), LIM_CONNS);
	assert_int_equal(limits_conn_open(l, (struct sockaddr *)&un,
	    sizeof(un), 0), LIM_BAD_ADDR);
	assert_int_equal(limits_conn_open(l, NULL, 0, 0), LIM_BAD_ADDR);
	limits_get_stats(l, &s);
	assert_int_equal(s.conns, 5);
	assert_int_equal(s.addrs, 3);
	assert_int_equal(s.refused[LIM_ADDR_CONNS], 3);
	assert_int_equal(s.refused[LIM_CONNS], 1);
	cclose(l, "::ffff:192.0.2.1");
	assert_int_equal(copen(l, "192.0.2.1", 0), LIM_OK);
	cclose(l, "192.0.2.1");
	cclose(l, "192.0.2.1");
	cclose(l, "192.0.2.99");		/* never counted: ignored */
	cclose(l, "2001:db8:1:2::1");
	cclose(l, "2001:db8:1:2::2");
	cclose(l, "2001:db8:1:3::1");
	limits_get_stats(l, &s);
	assert_int_equal(s.conns, 0);
	assert_int_equal(s.addrs, 0);
	limits_destroy(l);
}

static void
test_rate(void **st)
{
	struct limits	*l = mk(10, 0, 100, 0, 2, 3);	/* 2/s, burst 3 */
	char		 a[32];
	int		 i;

	for (i = 0; i < 3; i++) {
		snprintf(a, sizeof(a), "198.51.100.%d", i + 1);
		assert_int_equal(copen(l, a, 0), LIM_OK);
	}
	assert_int_equal(copen(l, "198.51.100.50", 0), LIM_RATE);
	assert_int_equal(copen(l, "198.51.100.50", 499), LIM_RATE);
	assert_int_equal(copen(l, "198.51.100.50", 500), LIM_OK);
	assert_int_equal(copen(l, "198.51.100.51", 500), LIM_RATE);
	/* a long pause refills only up to the burst */
	for (i = 0; i < 3; i++)
		assert_int_equal(copen(l, "198.51.100.60", 100000), LIM_OK);
	assert_int_equal(copen(l, "198.51.100.60", 100000), LIM_RATE);
	/* a clock that goes back refills nothing */
	assert_int_equal(copen(l, "198.51.100.60", 50), LIM_RATE);
	limits_destroy(l);

	/* a refused-by-address connection does not spend a token */
	l = mk(10, 0, 100, 1, 1, 1);
	assert_int_equal(copen(l, "203.0.113.1", 0), LIM_OK);
	assert_int_equal(copen(l, "203.0.113.1", 5000), LIM_ADDR_CONNS);
	assert_int_equal(copen(l, "203.0.113.2", 5000), LIM_OK);
	limits_destroy(l);
}

/* A flood of distinct sources never grows past max_conns entries,
 * and the table stays correct through many insert/remove cycles. */
static void
test_flood_bounded(void **st)
{
	struct limits	*l = mk(10, 0, 1000, 1, 0, 0);
	struct limits_stats s;
	char		 a[32];
	unsigned	 i, ok = 0;

	for (i = 0; i < 100000; i++) {
		snprintf(a, sizeof(a), "10.%u.%u.%u", i >> 16, (i >> 8) & 255,
		    i & 255);
		if (copen(l, a, 0) == LIM_OK)
			ok++;
	}
	assert_int_equal(ok, 1000);
	limits_get_stats(l, &s);
	assert_int_equal(s.addrs, 1000);
	assert_int_equal(s.refused[LIM_CONNS], 99000);
	/* close every other, reopen, churn */
	for (i = 0; i < 1000; i += 2) {
		snprintf(a, sizeof(a), "10.%u.%u.%u", i >> 16, (i >> 8) & 255,
		    i & 255);
		cclose(l, a);
	}
	for (i = 1; i < 1000; i += 2) {
		snprintf(a, sizeof(a), "10.%u.%u.%u", i >> 16, (i >> 8) & 255,
		    i & 255);
		assert_int_equal(copen(l, a, 0), LIM_ADDR_CONNS);
	}
	for (i = 0; i < 1000; i += 2) {
		snprintf(a, sizeof(a), "10.%u.%u.%u", i >> 16, (i >> 8) & 255,
		    i & 255);
		assert_int_equal(copen(l, a, 0), LIM_OK);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(a, sizeof(a), "10.%u.%u.%u", i >> 16, (i >> 8) & 255,
		    i & 255);
		cclose(l, a);
	}
	limits_get_stats(l, &s);
	assert_int_equal(s.addrs, 0);
	assert_int_equal(s.conns, 0);
	limits_destroy(l);
}

/* A refusal ctrl decides is counted under its own name. */
static void
test_refused_elsewhere(void **st)
{
	struct limits		*l = mk(10, 0, 10, 0, 0, 1);
	struct limits_stats	 s;

	assert_string_equal(lim_verdict_name(LIM_CTRL_SLOT),
	    "ctrl-connection-slot");
	limits_refused(l, LIM_CTRL_SLOT);
	limits_refused(l, LIM_CTRL_SLOT);
	limits_refused(l, LIM_OK);		/* ignored */
	limits_refused(l, LIM_N);		/* ignored */
	limits_get_stats(l, &s);
	assert_int_equal(s.refused[LIM_CTRL_SLOT], 2);
	assert_int_equal(s.refused[LIM_OK], 0);
	assert_int_equal(s.conns, 0);
	limits_destroy(l);
}

static bool
audit(struct limits *l, const char *a, uint64_t now, uint64_t *left)
{
	struct sockaddr_storage ss = SA(a);

	return limits_audit_ok(l, (struct sockaddr *)&ss, sizeof(ss), now,
	    left);
}

/* One audit line a second per source; the next says how many it left out. */
static void
test_audit_rate(void **st)
{
	struct limits	*l = mk(10, 0, 10, 0, 0, 1);
	uint64_t	 left, now = 5000;
	int		 i, lines = 0;

	assert_true(audit(l, "192.0.2.1", now, &left));
	assert_int_equal(left, 0);
	for (i = 0; i < 1000; i++)
		lines += audit(l, "192.0.2.1", now + (uint64_t)i % 999, &left);
	assert_int_equal(lines, 0);
	/* another source has its own budget (unless it shares the slot) */
	if (audit(l, "192.0.2.2", now, &left))
		assert_int_equal(left, 0);
	assert_true(audit(l, "192.0.2.1", now + LIMITS_AUDIT_MS, &left));
	assert_int_equal(left, 1000);
	assert_false(audit(l, "192.0.2.1", now + LIMITS_AUDIT_MS, &left));
	/* a flood of sources: at most one line per slot per second */
	lines = 0;
	for (i = 0; i < 100000; i++) {
		char a[32];

		snprintf(a, sizeof(a), "10.%d.%d.%d", i >> 16, (i >> 8) & 255,
		    i & 255);
		lines += audit(l, a, now + 3 * LIMITS_AUDIT_MS, &left);
	}
	assert_true(lines <= LIMITS_AUDIT_SLOTS);
	assert_true(lines > LIMITS_AUDIT_SLOTS / 2);
	limits_destroy(l);
}

/* ctrl's descriptors: max-connections and the margin; what can be had. */
static void
test_nofile(void **st)
{
	struct rlimit	 rl;
	char		 why[160];

	assert_int_equal(limits_ctrl_nofile(1000), 1000 + LIMITS_CTRL_FDS);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max > 64) {
		assert_int_equal(limits_nofile_check((unsigned)rl.rlim_max,
		    why, sizeof(why)), HP_OK);
		assert_int_equal(limits_nofile_check(64, why, sizeof(why)),
		    HP_OK);
	}
	/* above fs.nr_open (at most 2^30 on Linux) nobody can have it */
	why[0] = '\0';
	assert_int_equal(limits_nofile_check(1u << 31, why, sizeof(why)),
	    HP_E_RANGE);
	assert_true(strstr(why, "RLIMIT_NOFILE") != NULL ||
	    strstr(why, "fs.nr_open") != NULL);
	/* raising to what we have already changes nothing */
	assert_int_equal(limits_nofile_raise(64), HP_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_conns_per_addr),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_flood_bounded),
		cmocka_unit_test(test_refused_elsewhere),
		cmocka_unit_test(test_audit_rate),
		cmocka_unit_test(test_nofile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
