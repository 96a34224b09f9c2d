/*
 * Unit tests: hpptpd.conf grammar (master/parse.y) and conf.c.
 * Table-driven: text -> a line conf_print() must contain, or text ->
 * the error line that must be logged.
 */
#include <sys/types.h>
#include <arpa/inet.h>

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
#include "master/conf.h"

/* Exported by parse.y for this test. */
size_t		 conf_keyword_count(void);
const char	*conf_keyword(size_t);

static char	logbuf[16384];

static void
sink(int prio, enum log_fac fac, const char *line)
{
	size_t	n = strlen(logbuf);

	(void)prio;
	(void)fac;
	snprintf(logbuf + n, sizeof(logbuf) - n, "%s\n", line);
}

static int
setup(void **state)
{
	(void)state;
	log_init("test", 1, 0);
	log_set_sink(sink);
	logbuf[0] = '\0';
	conf_parse_allow_include(false);
	conf_set_pool_check(NULL);
	return 0;
}

static int
parse(const char *text, struct hp_conf *c)
{
	logbuf[0] = '\0';
	return conf_parse_buffer("t.conf", text, strlen(text), c);
}

static char *
print_conf(const struct hp_conf *c)
{
	static char	 out[16384];
	FILE		*fp;

	fp = fmemopen(out, sizeof(out), "w");
	assert_non_null(fp);
	conf_print(fp, c);
	fclose(fp);
	return out;
}

/* The normalized output must parse back to the same settings. */
static void
assert_roundtrip(const struct hp_conf *c)
{
	struct hp_conf	 back;
	char		*text = print_conf(c);

	if (parse(text, &back) != 0)
		fail_msg("reparse failed:\n%s\n%s", logbuf, text);
	assert_int_equal(conf_diff(c, &back, NULL, NULL), 0);
}

static void
test_keywords_sorted(void **state)
{
	size_t	i, n = conf_keyword_count();

	(void)state;
	assert_true(n > 50);
	for (i = 1; i < n; i++)
		if (strcmp(conf_keyword(i - 1), conf_keyword(i)) >= 0)
			fail_msg("keyword table: '%s' before '%s'",
			    conf_keyword(i - 1), conf_keyword(i));
	assert_null(conf_keyword(n));
}

static void
test_defaults(void **state)
{
	struct hp_conf	c;
	char		buf[INET_ADDRSTRLEN];

	(void)state;
	conf_init(&c);
	assert_int_equal(conf_check(&c, "defaults"), 0);
	assert_int_equal(c.nlisten, 1);
	assert_int_equal(c.listen[0].port, 1723);
	assert_string_equal(inet_ntop(AF_INET, &c.local_addr, buf,
	    sizeof(buf)), "10.100.1.1");
	assert_string_equal(c.pool, "10.100.0.200-210,10.100.0.230-254");
	assert_int_equal(c.auth, CONF_AUTH_MSCHAPV2);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_false(c.mppe_stateful);
	assert_int_equal(c.ndns, 1);
	assert_string_equal(inet_ntop(AF_INET, &c.dns[0], buf, sizeof(buf)),
	    "202.99.96.68");
	assert_int_equal(c.nwins, 1);
	assert_string_equal(c.server_name, "pptpd");
	assert_string_equal(c.secrets, "/etc/ppp/chap-secrets");
	assert_string_equal(c.tun_name, "hpptp0");
	assert_int_equal(c.mtu, 1400);
	assert_int_equal(c.mru, 1400);
	assert_int_equal(c.lcp_echo_interval_s, 10);
	assert_int_equal(c.lcp_echo_failure, 3);
	assert_true(c.tcp_mss_adjust);
	assert_true(c.proxyarp);
	assert_false(c.logwtmp);
	assert_int_equal(c.max_sessions, 1000);
	assert_int_equal(c.max_sessions_per_user, 0);
	assert_int_equal(c.max_conn_per_source, 16);
	assert_int_equal(c.conn_rate, 50);
	assert_int_equal(c.conn_burst, 100);
	assert_int_equal(c.lockout_failures, 5);
	assert_int_equal(c.lockout_window_s, 60);
	assert_int_equal(c.lockout_time_s, 300);
	assert_int_equal(c.sccrq_timeout_s, 10);
	assert_int_equal(c.ppp_timeout_s, 60);
	assert_int_equal(c.calls_per_ctrl, 1);
	assert_int_equal(c.pptp_echo_interval_s, 60);
	assert_string_equal(c.chroot_dir, "/var/empty");
	assert_string_equal(c.user, "_hpptpd");
	assert_string_equal(c.ip_up, "");
	assert_false(c.nat);
	assert_false(c.client_to_client);
	assert_roundtrip(&c);
}

static void
test_empty(void **state)
{
	struct hp_conf	c, d;

	(void)state;
	assert_int_equal(parse("", &c), 0);
	conf_init(&d);
	assert_int_equal(conf_diff(&c, &d, NULL, NULL), 0);
	assert_int_equal(parse("\n\n# only a comment\n   \t\n", &c), 0);
	assert_int_equal(conf_diff(&c, &d, NULL, NULL), 0);
}

/* Every keyword: text -> a line of the normalized output. */
static const struct {
	const char	*text;
	const char	*line;
} good[] = {
	{ "", "ipv6 no\n" },
	{ "ipv6 yes", "ipv6 yes\n" },
	{ "ipv6 interface-id ::1,::2", "ipv6 interface-id ::1,::2\n" },
	{ "ipv6 interface-id ,::a:b", "ipv6 interface-id ,::a:b\n" },
	{ "ipv6 interface-id ::1", "ipv6 interface-id ::1\n" },
	{ "ipv6 interface-id ::1\nipv6 no", "ipv6 no\n" },
	{ "", "metrics listen no\n" },
	{ "radius server 192.0.2.9 secret-file \"/etc/s\"\n"
	  "radius nas-ip-address 198.51.100.7",
	    "radius nas-ip-address 198.51.100.7\n" },
	{ "metrics listen on 127.0.0.1",
	    "metrics listen on 127.0.0.1 port 9555\n" },
	{ "metrics listen on ::1 port 80", "metrics listen on ::1 port 80\n" },
	{ "metrics listen on ::1\nmetrics listen no", "metrics listen no\n" },
	{ "ipv6 pool 2001:db8:100::/48 prefix-length 64",
	    "ipv6 yes\nipv6 pool 2001:db8:100::/48 prefix-length 64\n" },
	{ "ipv6 pool fd00:1:2::/56", "ipv6 pool fd00:1:2::/56 prefix-length "
	    "64\n" },
	{ "ipv6 pool 2001:db8::/48\nipv6 interface-id ::1",
	    "ipv6 interface-id ::1\nipv6 pool 2001:db8::/48 prefix-length "
	    "64\n" },
	{ "ipv6 pool 2001:db8::/48\nipv6 no", "ipv6 no\ndns6 none\n\n" },
	{ "ipv6 pool 2001:db8::/48\ndns6 2001:db8::53 fd00::1",
	    "prefix-length 64\ndns6 2001:db8::53 fd00::1\n" },
	{ "ipv6 pool 2001:db8::/48\ndns6 2001:db8::53 fd00::1 fd00::2\n"
	    "dns6 none", "dns6 none\n" },
	{ "ipv6 pool 2001:db8::/48\npush-route6 2001:db8:200::/40\n"
	    "push-route6 ::/0\npush-route6 2001:db8::1",
	    "push-route6 2001:db8:200::/40\npush-route6 ::/0\n"
	    "push-route6 2001:db8::1/128\n" },
	{ "listen on 192.0.2.1", "listen on 192.0.2.1 port 1723\n" },
	{ "listen on 192.0.2.1 port 443", "listen on 192.0.2.1 port 443\n" },
	{ "listen on ::", "listen on :: port 1723\n" },
	{ "listen on 2001:db8::1 port 1724",
	    "listen on 2001:db8::1 port 1724\n" },
	{ "local address 172.16.0.1", "local address 172.16.0.1\n" },
	{ "pool \"10.0.0.2-200\"", "pool \"10.0.0.2-200\"\n" },
	{ "pool 10.0.0.0/24", "pool \"10.0.0.0/24\"\n" },
	{ "auth mschap-v2 mschap", "auth mschap-v2 mschap\n" },
	{ "mppe no\nauth pap chap mschap mschap-v2",
	    "auth mschap-v2 mschap chap pap\n" },
	{ "auth {\n mschap\n mschap-v2\n}", "auth mschap-v2 mschap\n" },
	{ "auth { mschap-v2 }", "auth mschap-v2\n" },
	{ "mppe require 40 128", "mppe require 40 128\n" },
	{ "mppe allow 40 56 128", "mppe allow 40 56 128\n" },
	{ "mppe allow 128\nmppe stateful yes", "mppe stateful yes\n" },
	{ "mppe no", "mppe no\n" },
	{ "dns 1.2.3.4", "dns 1.2.3.4\n" },
	{ "dns 1.2.3.4 5.6.7.8", "dns 1.2.3.4 5.6.7.8\n" },
	{ "dns none", "dns none\n" },
	{ "wins 9.9.9.9 8.8.8.8", "wins 9.9.9.9 8.8.8.8\n" },
	{ "wins none", "wins none\n" },
	{ "push-route 192.168.0.0/16", "push-route 192.168.0.0/16\n" },
	{ "push-route 10.1.2.3", "push-route 10.1.2.3/32\n" },
	{ "push-route 0.0.0.0/0", "push-route 0.0.0.0/0\n" },
	{ "domain \"corp.example.com\"", "domain \"corp.example.com\"\n" },
	{ "domain none", "domain none\n" },
	{ "secrets \"/etc/hpptpd/secrets\"",
	    "secrets \"/etc/hpptpd/secrets\"\n" },
	{ "secrets group-readable yes", "secrets group-readable yes\n" },
	{ "server-name \"vpn\"", "server-name \"vpn\"\n" },
	{ "server-name 'a\"b'", "server-name \"a\\\"b\"\n" },
	{ "tun \"vpn0\"", "tun \"vpn0\"\n" },
	{ "tun vpn1", "tun \"vpn1\"\n" },
	{ "mtu 1500", "mtu 1500\n" },
	{ "mtu 576", "mtu 576\n" },
	{ "mru 1450", "mru 1450\n" },
	{ "lcp-echo interval 30s failures 5",
	    "lcp-echo interval 30s failures 5\n" },
	{ "lcp-echo failures 4", "lcp-echo interval 10s failures 4\n" },
	{ "lcp-echo interval 2m", "lcp-echo interval 2m failures 3\n" },
	{ "lcp-echo interval 20", "lcp-echo interval 20s failures 3\n" },
	{ "lcp-echo no", "lcp-echo interval 0s failures 3\n" },
	{ "tcp-mss-adjust no", "tcp-mss-adjust no\n" },
	{ "proxyarp no", "proxyarp no\n" },
	{ "client-to-client yes", "client-to-client yes\n" },
	{ "rate-limit 10M/2M", "rate-limit 10M/2M\n" },
	{ "rate-limit 10000000/512k burst 256k",
	    "rate-limit 10M/512k burst 256k\n" },
	{ "rate-limit 1G/- burst 2000000", "rate-limit 1G/- burst 2M\n" },
	{ "rate-limit 10M/2M\nrate-limit no", "rate-limit no\n" },
	{ "rate-limit user \"alice\" 5M/1M",
	    "rate-limit user \"alice\" 5M/1M\n" },
	{ "rate-limit user bob 1500k/1500k burst 3000",
	    "rate-limit user \"bob\" 1500k/1500k burst 3k\n" },
	{ "nat on \"eth0\"", "nat on \"eth0\"\n" },
	{ "nat on eth0\nnat no", "nat no\n" },
	{ "logwtmp yes", "logwtmp yes\n" },
	{ "ip-up \"/etc/ppp/ip-up\"", "ip-up \"/etc/ppp/ip-up\"\n" },
	{ "ip-up /x\nip-up none", "ip-up none\n" },
	{ "ip-down \"/etc/ppp/ip-down\"", "ip-down \"/etc/ppp/ip-down\"\n" },
	{ "ipparam no", "ipparam no\n" },
	{ "hook-timeout 1m", "hook-timeout 1m\n" },
	{ "max-sessions 20", "max-sessions 20\n" },
	{ "max-sessions-per-user 2", "max-sessions-per-user 2\n" },
	{ "max-connections 50", "max-connections 50\n" },
	{ "max-connections-per-source 0", "max-connections-per-source 0\n" },
	{ "connection-rate 10 burst 20", "connection-rate 10 burst 20\n" },
	{ "connection-rate 60", "connection-rate 60 burst 100\n" },
	{ "lockout failures 3 window 2m time 1h",
	    "lockout failures 3 window 2m time 1h\n" },
	{ "lockout time 90s", "lockout failures 5 window 1m time 90s\n" },
	{ "lockout no", "lockout failures 0 window 1m time 5m\n" },
	{ "sccrq-timeout 5s", "sccrq-timeout 5s\n" },
	{ "ppp-timeout 2m", "ppp-timeout 2m\n" },
	{ "calls-per-connection 1", "calls-per-connection 1\n" },
	{ "pptp-echo interval 30s", "pptp-echo interval 30s\n" },
	{ "pptp-echo no", "pptp-echo no\n" },
	{ "gre-reorder timeout 500ms window 16",
	    "gre-reorder timeout 500ms window 16\n" },
	{ "gre-reorder timeout 1s", "gre-reorder timeout 1s window 8\n" },
	{ "gre-reorder no", "gre-reorder timeout 0s window 8\n" },
	{ "gre-workers 3", "gre-workers 3\n" },
	{ "gre-workers 1", "gre-workers 1\n" },
	{ "chroot \"/var/lib/hpptpd\"", "chroot \"/var/lib/hpptpd\"\n" },
	{ "user \"nobody\"", "user \"nobody\"\n" },
	{ "control \"/run/x.sock\"", "control \"/run/x.sock\"\n" },
	{ "log-level debug", "log-level debug\n" },
	{ "log-level trace", "log-level trace\n" },
	{ "debug\nlog-level info", "log-level info\n" },
	{ "debug", "log-level debug\n" },
	/* Macros, quoting, continuation, comments, CRLF, no final \n. */
	{ "ext = \"eth1\"\nnat on $ext", "nat on \"eth1\"\n" },
	{ "m = 1300\nmtu $m", "mtu 1300\n" },
	{ "net = \"10.9\"\npush-route $net.0.0/16",
	    "push-route 10.9.0.0/16\n" },
	{ "a = \"x\"\na = \"vpn2\"\ntun $a", "tun \"vpn2\"\n" },
	{ "mtu \\\n 1300", "mtu 1300\n" },
	{ "mtu 1300 # trailing comment", "mtu 1300\n" },
	{ "mtu 1300\r\nmru 1300\r\n", "mru 1300\n" },
	{ "mtu 1300", "mtu 1300\n" },
	{ "server-name \"a\\\\b\"", "server-name \"a\\\\b\"\n" },
	{ "tun \"v\\\n0\"", "tun \"v0\"\n" },
};

static void
test_good(void **state)
{
	struct hp_conf	 c;
	size_t		 i;
	char		*out;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (parse(good[i].text, &c) != 0)
			fail_msg("case %zu '%s' failed:\n%s", i, good[i].text,
			    logbuf);
		out = print_conf(&c);
		if (strstr(out, good[i].line) == NULL)
			fail_msg("case %zu '%s': no line '%s' in\n%s", i,
			    good[i].text, good[i].line, out);
		assert_roundtrip(&c);
	}
}

static void
test_fields(void **state)
{
	struct hp_conf	c;
	char		buf[INET6_ADDRSTRLEN];

	(void)state;
	assert_int_equal(parse("listen on 127.0.0.1\nlisten on ::1 port 9\n"
	    "push-route 10.0.0.0/8\npush-route 172.16.0.0/12\n"
	    "lockout failures 7 window 30s time 10m\n"
	    "gre-reorder timeout 250ms\n", &c), 0);
	assert_int_equal(c.nlisten, 2);
	assert_int_equal(c.listen[0].af, AF_INET);
	assert_int_equal(c.listen[0].port, 1723);
	assert_int_equal(c.listen[1].af, AF_INET6);
	assert_int_equal(c.listen[1].port, 9);
	assert_string_equal(inet_ntop(AF_INET6, &c.listen[1].addr.v6, buf,
	    sizeof(buf)), "::1");
	assert_int_equal(c.nroutes, 2);
	assert_int_equal(c.routes[1].len, 12);
	assert_int_equal(c.lockout_failures, 7);
	assert_int_equal(c.lockout_window_s, 30);
	assert_int_equal(c.lockout_time_s, 600);
	assert_int_equal(c.gre_reorder_ms, 250);
	assert_int_equal(c.gre_reorder_window, 8);
}

/* Every error: text -> the line that must be logged. */
static const struct {
	const char	*text;
	const char	*error;
} bad[] = {
	{ "mtu 99999", "t.conf:1: mtu: 99999 is too large (576..1500)" },
	{ "mtu 100", "t.conf:1: mtu: 100 is too small (576..1500)" },
	{ "mtu 99999999999999999999999", "t.conf:1: mtu: "
	    "99999999999999999999999 is too large" },
	{ "mru 1501", "t.conf:1: mru: 1501 is too large" },
	{ "mtu abc", "t.conf:1: syntax error near 'abc'" },
	{ "mtu", "t.conf:1: syntax error near 'end of line'" },
	{ "bogus 1", "t.conf:1: unknown keyword 'bogus'" },
	{ "\n\nfrobnicate", "t.conf:3: unknown keyword 'frobnicate'" },
	{ "listen on 1.2.3", "t.conf:1: '1.2.3' is not an IPv4 or IPv6 "
	    "address" },
	{ "listen on 1.2.3.4 port 0", "t.conf:1: port: 0 is too small" },
	{ "listen on 1.2.3.4 port 65536", "t.conf:1: port: 65536 is too "
	    "large" },
	{ "listen on 1.2.3.4\nlisten on 1.2.3.4", "t.conf:2: listen on IPv4 "
	    "port 1723: listed twice" },
	{ "listen on 1.0.0.1\nlisten on 1.0.0.2\nlisten on 1.0.0.3\n"
	    "listen on 1.0.0.4\nlisten on 1.0.0.5\nlisten on 1.0.0.6\n"
	    "listen on 1.0.0.7\nlisten on 1.0.0.8\nlisten on 1.0.0.9",
	    "t.conf:9: too many listen statements (at most 8)" },
	{ "local address ::1", "t.conf:1: local address: '::1' is not an "
	    "IPv4 address" },
	{ "pool \"\"", "t.conf:1: pool: empty" },
	{ "auth", "t.conf:1: syntax error near 'end of line'" },
	{ "auth pap pap", "t.conf:1: auth: method listed twice" },
	{ "auth foo", "t.conf:1: syntax error near 'foo'" },
	{ "mppe require 64", "t.conf:1: mppe: key length 64 is not 40, 56 "
	    "or 128" },
	{ "mppe allow 40 40", "t.conf:1: mppe: key length listed twice" },
	{ "mppe require", "t.conf:1: syntax error" },
	/* cross-setting errors name the line of the setting (mppe, else auth) */
	{ "auth pap mschap-v2", "t.conf:1: mppe require: auth may only list "
	    "mschap and mschap-v2" },
	{ "auth pap mschap-v2\nmppe require 128", "t.conf:2: mppe require: "
	    "auth may only list mschap and mschap-v2" },
	{ "local address 0.0.0.0", "t.conf:1: local address: 0.0.0.0 is no "
	    "address for the tunnel" },
	{ "dns 1.2.3.4 5.6.7.8 9.9.9.9", "t.conf:1: syntax error near "
	    "'9.9.9.9'" },
	{ "dns 1.2.3.256", "t.conf:1: address: '1.2.3.256' is not an IPv4 "
	    "address" },
	{ "push-route 10.0.0.1/8", "t.conf:1: push-route 10.0.0.1/8: host "
	    "bits set" },
	{ "push-route 10.0.0.0/33", "t.conf:1: push-route 10.0.0.0/33: "
	    "prefix length too large" },
	{ "push-route 10.0.0.0/", "t.conf:1: push-route 10.0.0.0/: prefix "
	    "length invalid" },
	{ "push-route 10.0.0/8", "t.conf:1: push-route 10.0.0/8: not an "
	    "IPv4 prefix" },
	{ "push-route 10.0.0.0/8\npush-route 10.0.0.0/8", "t.conf:2: "
	    "push-route 10.0.0.0/8: listed twice" },
	{ "domain \"bad domain\"", "t.conf:1: domain: 'bad domain' is not a "
	    "domain name" },
	{ "domain \"a..b\"", "is not a domain name" },
	{ "secrets \"relative\"", "t.conf:1: secrets: 'relative' is not an "
	    "absolute path" },
	{ "server-name \"\"", "t.conf:1: server-name: empty" },
	{ "server-name \"0123456789012345678901234567890123456789012345678"
	    "901234567890123456789\"", "t.conf:1: server-name: too long (at "
	    "most 63 characters)" },
	{ "tun \"a/b\"", "t.conf:1: tun: 'a/b' is not an interface name" },
	{ "tun \"0123456789abcdef\"", "t.conf:1: tun: too long" },
	{ "tun \"\"", "t.conf:1: tun: '' is not an interface name" },
	{ "lcp-echo interval 2h", "t.conf:1: lcp-echo interval: 7200s is out "
	    "of range (0s..3600s)" },
	{ "lcp-echo failures 0", "t.conf:1: lcp-echo failures: 0 is too "
	    "small" },
	{ "lcp-echo interval 1500ms", "t.conf:1: lcp-echo interval: must be "
	    "whole seconds" },
	{ "lcp-echo", "t.conf:1: syntax error" },
	{ "tcp-mss-adjust maybe", "t.conf:1: syntax error near 'maybe'" },
	{ "nat on \"\"", "t.conf:1: nat on: '' is not an interface name" },
	{ "ip-up \"ip-up\"", "t.conf:1: ip-up: 'ip-up' is not an absolute "
	    "path" },
	{ "hook-timeout 0", "t.conf:1: hook-timeout: 0s is out of range" },
	{ "max-sessions 0", "t.conf:1: max-sessions: 0 is too small" },
	{ "max-sessions 70000", "t.conf:1: max-sessions 70000 cannot be "
	    "reached: a box has 65535 PPTP call ids" },
	{ "max-connections 65536", "t.conf:1: max-connections 65536 cannot "
	    "be reached: a box has 65535 PPTP call ids" },
	{ "max-connections 16777217", "t.conf:1: max-connections: 16777217 "
	    "is too large" },
	{ "max-sessions-per-user 70000", "t.conf:1: max-sessions-per-user: "
	    "70000 is too large" },
	{ "max-sessions 10\nmax-sessions-per-user 20", "t.conf:2: "
	    "max-sessions-per-user 20 exceeds max-sessions 10" },
	{ "max-connections 0", "t.conf:1: max-connections: 0 is too small" },
	{ "max-connections-per-source 65536", "t.conf:1: "
	    "max-connections-per-source: 65536 is too large" },
	{ "connection-rate 0", "t.conf:1: connection-rate: 0 is too small" },
	{ "connection-rate 10 burst 0", "t.conf:1: connection-rate burst: 0 "
	    "is too small" },
	{ "connection-rate 200 burst 100", "t.conf:1: connection-rate: burst "
	    "100 is below the rate 200" },
	{ "lockout failures 1001", "t.conf:1: lockout failures: 1001 is too "
	    "large" },
	{ "lockout window 0s", "t.conf:1: lockout window: 0s is out of "
	    "range" },
	{ "lockout time 2d", "t.conf:1: lockout time: 172800s is out of "
	    "range" },
	{ "sccrq-timeout 0", "t.conf:1: sccrq-timeout: 0s is out of range" },
	{ "sccrq-timeout 10m", "t.conf:1: sccrq-timeout: 600s is out of "
	    "range (1s..300s)" },
	{ "ppp-timeout 1s", "t.conf:1: ppp-timeout: 1s is out of range" },
	{ "calls-per-connection 0", "t.conf:1: calls-per-connection: 0 is "
	    "too small" },
	{ "calls-per-connection 2", "t.conf:1: calls-per-connection: 2 is "
	    "too large" },
	{ "gre-reorder window 33", "t.conf:1: gre-reorder window: 33 is "
	    "too large" },
	{ "pptp-echo interval 0", "t.conf:1: pptp-echo interval: 0s is out "
	    "of range" },
	{ "gre-reorder timeout 6s", "t.conf:1: gre-reorder timeout: 6000ms "
	    "is too large" },
	{ "gre-reorder window 0", "t.conf:1: gre-reorder window: 0 is too "
	    "small" },
	{ "gre-workers 0", "t.conf:1: gre-workers: 0 is too small" },
	{ "gre-workers 17", "t.conf:1: gre-workers: 17 is too large" },
	{ "chroot \"var/empty\"", "t.conf:1: chroot: 'var/empty' is not an "
	    "absolute path" },
	{ "user \"\"", "t.conf:1: user: empty" },
	{ "control \"x.sock\"", "t.conf:1: control: 'x.sock' is not an "
	    "absolute path" },
	{ "log-level loud", "t.conf:1: syntax error near 'loud'" },
	/* Durations. */
	{ "hook-timeout 8d", "t.conf:1: duration 8d out of range" },
	{ "hook-timeout 99999999999999999999s", "out of range" },
	{ "hook-timeout 5x", "t.conf:1: syntax error near '5x'" },
	{ "hook-timeout 604801", "t.conf:1: duration: 604801 is too large" },
	/* Lexer. */
	{ "server-name \"abc", "t.conf:1: reached end of file inside a "
	    "quoted string" },
	{ "server-name \"abc\ntun x", "t.conf:1: unterminated quoted string" },
	{ "server-name \"a\tb\"", "t.conf:1: control character in quoted "
	    "string" },
	{ "mtu 1400 ;", "t.conf:1: unexpected character ';'" },
	{ "mtu \x01", "t.conf:1: unexpected character '\\?'" },
	{ "mtu $nope", "t.conf:1: macro 'nope' not defined" },
	{ "mtu $", "t.conf:1: '$' without a macro name" },
	{ "1x = \"a\"", "t.conf:1: macro name '1x' must start with a letter" },
	{ "a.b = \"a\"", "t.conf:1: macro name 'a.b': only letters" },
	{ "a = \"$b\"", "t.conf:1: macro 'a': value may not contain '$'" },
	{ "include \"/etc/passwd\"", "t.conf:1: include is not allowed here" },
	{ "mtu 1400 1400", "t.conf:1: syntax error near '1400'" },
	{ "rate-limit 10M", "t.conf:1: rate-limit: '10M' is not DOWN/UP" },
	{ "rate-limit 10X/1M", "is not DOWN/UP in bit/s" },
	{ "rate-limit 101G/1M", "is not DOWN/UP in bit/s" },
	{ "rate-limit 1M/1M burst 2G", "rate-limit: burst '2G' is not a" },
	{ "rate-limit 1M/1M burst 2m", "syntax error" },
	{ "rate-limit user \"\" 1M/1M", "rate-limit user: empty name" },
	{ "rate-limit user a 1M/1M\nrate-limit user a 2M/2M",
	    "t.conf:2: rate-limit user \"a\": given twice" },
	{ "auth {\n pap\n", "syntax error" },
	{ "{", "t.conf:1: syntax error near '{'" },
	{ "ipv6 maybe", "t.conf:1: syntax error near 'maybe'" },
	{ "ipv6 interface-id 2001:db8::1", "t.conf:1: ipv6 interface id "
	    "2001:db8::1: not ::X[,::Y] with the upper 64 bits zero" },
	{ "ipv6 interface-id ::1,::1", "both ends equal" },
	{ "ipv6 interface-id ::1,zz", "not ::X[,::Y]" },
	{ "metrics listen on 127.0.0.1\nmetrics listen on ::1",
	    "t.conf:2: metrics listen: given twice" },
	{ "metrics listen on localhost", "'localhost' is not an IPv4 or IPv6" },
	{ "metrics listen on 127.0.0.1 port 0", "port: 0 is too small" },
	{ "metrics listen", "syntax error" },
	{ "radius nas-ip-address 0.0.0.0", "0.0.0.0 names no box" },
	{ "radius nas-ip-address ::1", "radius nas-ip-address" },
	{ "ipv6 pool 2001:db8::/48 prefix-length 56", "t.conf:1: ipv6 pool "
	    "prefix-length 56: only 64" },
	{ "ipv6 pool 2001:db8::/48 prefix-length 129", "ipv6 pool "
	    "prefix-length: 129 is too large" },
	{ "ipv6 pool 2001:db8::/47", "the pool must be a /48 to a /63" },
	{ "ipv6 pool 2001:db8::/64", "the pool must be a /48 to a /63" },
	{ "ipv6 pool 2001:db8::1/48", "bits set beyond /48" },
	{ "ipv6 pool fe80::/48", "not a global unicast" },
	{ "ipv6 pool ff02::/48", "not a global unicast" },
	{ "ipv6 pool 10.0.0.0/8", "is not an IPv6 address" },
	{ "ipv6 pool 2001:db8::", "not an IPv6 prefix P/N" },
	{ "ipv6 pool 2001:db8::/4x", "bad prefix length" },
	{ "dns6 2001:db8::53", "dns6 and push-route6 need an ipv6 pool" },
	{ "push-route6 2001:db8::/32", "need an ipv6 pool" },
	{ "dns6 ::", "dns6: :: is no server address" },
	{ "dns6 ff02::2", "is no server address" },
	{ "dns6 10.0.0.1", "dns6: '10.0.0.1' is not an IPv6 address" },
	{ "dns6 fd00::1 fd00::1", "dns6: fd00::1 listed twice" },
	{ "dns6 fd00::1 fd00::2 fd00::3 fd00::4", "syntax error" },
	{ "push-route6 2001:db8::1/64", "push-route6 2001:db8::1/64: bits "
	    "set beyond /64" },
	{ "push-route6 2001:db8::/200", "bad prefix length" },
	{ "push-route6 nope/8", "not an IPv6 prefix" },
	{ "push-route6 fd00::/8\npush-route6 fd00::/8", "listed twice" },
	{ "radius dae client 192.0.2.9 secret-file \"/etc/d\" "
	  "multiple-sessions 0", "radius dae client multiple-sessions" },
	{ "radius dae client 192.0.2.9 secret-file \"/etc/d\" "
	  "multiple-sessions 33", "radius dae client multiple-sessions" },
};

/* A dae client ends one session per Disconnect unless told more. */
static void
test_dae_multiple(void **state)
{
	struct hp_conf	c;

	(void)state;
	if (parse("radius server 192.0.2.1 secret-file \"/etc/r\"\n"
	    "radius dae client 192.0.2.9 secret-file "
	    "\"/etc/d\"\nradius dae client 192.0.2.10 secret-file \"/etc/d\" "
	    "require-event-timestamp no multiple-sessions 32\n", &c) != 0)
		fail_msg("%s", logbuf);
	assert_int_equal(c.ndae, 2);
	assert_int_equal(c.dae[0].max_sessions, 1);
	assert_int_equal(c.dae[1].max_sessions, 32);
	assert_false(c.dae[1].require_ts);
}

static void
test_bad(void **state)
{
	struct hp_conf	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i].text, &c) == 0)
			fail_msg("case %zu '%s' parsed", i, bad[i].text);
		if (strstr(logbuf, bad[i].error) == NULL)
			fail_msg("case %zu '%s': expected '%s', got\n%s", i,
			    bad[i].text, bad[i].error, logbuf);
	}
}

/* Every error is reported, not only the first; good lines still count. */
static void
test_all_errors(void **state)
{
	struct hp_conf	c;

	(void)state;
	assert_int_equal(parse("mtu 1\nmru 1400\nbogus\nmru 2\n\nmtu 9999\n",
	    &c), -1);
	assert_non_null(strstr(logbuf, "t.conf:1: mtu"));
	assert_non_null(strstr(logbuf, "t.conf:3: unknown keyword 'bogus'"));
	assert_non_null(strstr(logbuf, "t.conf:4: mru"));
	assert_non_null(strstr(logbuf, "t.conf:6: mtu"));
	assert_null(strstr(logbuf, "t.conf:2:"));
	assert_null(strstr(logbuf, "t.conf:5:"));
	/* syntax errors on consecutive lines: each one is reported */
	assert_int_equal(parse("mtu abc\nmru abc\nlog-level loud\n"
	    "frobnicate 1\n", &c), -1);
	assert_non_null(strstr(logbuf, "t.conf:1: syntax error"));
	assert_non_null(strstr(logbuf, "t.conf:2: syntax error"));
	assert_non_null(strstr(logbuf, "t.conf:3: syntax error"));
	assert_non_null(strstr(logbuf, "t.conf:4: unknown keyword"));
}

static void
test_long_string(void **state)
{
	struct hp_conf	 c;
	char		*text;
	size_t		 n = CONF_POOL_MAX + 200;

	(void)state;
	text = malloc(n + 16);
	assert_non_null(text);
	memcpy(text, "pool \"", 6);
	memset(text + 6, 'a', n);
	memcpy(text + 6 + n, "\"\n", 3);
	assert_int_equal(parse(text, &c), -1);
	assert_non_null(strstr(logbuf, "t.conf:1: string too long"));
	/* A pool that just fits. */
	memset(text + 6, '1', CONF_POOL_MAX - 1);
	memcpy(text + 6 + CONF_POOL_MAX - 1, "\"\n", 3);
	assert_int_equal(parse(text, &c), 0);
	assert_int_equal(strlen(c.pool), CONF_POOL_MAX - 1);
	memset(text + 6, '1', CONF_POOL_MAX);
	memcpy(text + 6 + CONF_POOL_MAX, "\"\n", 3);
	assert_int_equal(parse(text, &c), -1);
	assert_non_null(strstr(logbuf, "pool: too long"));
	free(text);
}

static void
test_limits(void **state)
{
	struct hp_conf	c;
	char		text[4096];
	size_t		n = 0;
	int		i;

	(void)state;
	for (i = 0; i < CONF_MAX_ROUTES; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "push-route 10.%d.0.0/16\n", i);
	assert_int_equal(parse(text, &c), 0);
	assert_int_equal(c.nroutes, CONF_MAX_ROUTES);
	snprintf(text + n, sizeof(text) - n, "push-route 11.0.0.0/8\n");
	assert_int_equal(parse(text, &c), -1);
	assert_non_null(strstr(logbuf, "t.conf:33: too many push-route "
	    "statements (at most 32)"));
}

static const char *datadir = "tests/unit/data/conf";

static void
test_include(void **state)
{
	struct hp_conf	c;
	char		path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/include-main.conf", datadir);
	logbuf[0] = '\0';
	assert_int_equal(conf_parse_file(path, &c), 0);
	assert_int_equal(c.mtu, 1300);		/* from the included file */
	assert_int_equal(c.mru, 1350);		/* after the include */
	assert_string_equal(c.nat_ifname, "eth3");	/* macro across files */

	snprintf(path, sizeof(path), "%s/include-bad.conf", datadir);
	logbuf[0] = '\0';
	assert_int_equal(conf_parse_file(path, &c), -1);
	/* Errors carry the name and line of the file they are in. */
	assert_non_null(strstr(logbuf, "include-bad-inner.conf:2: mtu: 5 is "
	    "too small"));
	assert_non_null(strstr(logbuf, "include-bad.conf:3: mru: 5 is too "
	    "small"));
	assert_non_null(strstr(logbuf, "include-bad.conf:4: include "));
	assert_non_null(strstr(logbuf, "does-not-exist.conf: No such file"));

	snprintf(path, sizeof(path), "%s/include-loop.conf", datadir);
	logbuf[0] = '\0';
	assert_int_equal(conf_parse_file(path, &c), -1);
	assert_non_null(strstr(logbuf, "nested too deeply"));

	/* Buffers may include when allowed; relative to the cwd then. */
	conf_parse_allow_include(true);
	snprintf(path, sizeof(path), "include \"%s/include-inner.conf\"\n",
	    datadir);
	assert_int_equal(parse(path, &c), 0);
	assert_int_equal(c.mtu, 1300);
	conf_parse_allow_include(false);

	logbuf[0] = '\0';
	assert_int_equal(conf_parse_file("/nonexistent/hpptpd.conf", &c), -1);
	assert_non_null(strstr(logbuf, "/nonexistent/hpptpd.conf: No such"));
}

static void
test_example(void **state)
{
	struct hp_conf	c, d;

	(void)state;
	/* etc/hpptpd.conf is the seed setup: equal to the defaults. */
	logbuf[0] = '\0';
	if (conf_parse_file("etc/hpptpd.conf", &c) != 0)
		fail_msg("etc/hpptpd.conf:\n%s", logbuf);
	conf_init(&d);
	assert_int_equal(conf_diff(&c, &d, NULL, NULL), 0);
}

static int	pool_calls;

static int
fake_pool_check(const char *spec, struct in_addr local, char *err,
    size_t errlen)
{
	(void)local;
	pool_calls++;
	if (strchr(spec, 'x') != NULL) {
		snprintf(err, errlen, "`%s': bad", spec);
		return -5;
	}
	return 0;
}

static void
test_pool_hook(void **state)
{
	struct hp_conf	c;

	(void)state;
	conf_set_pool_check(fake_pool_check);
	pool_calls = 0;
	assert_int_equal(parse("mtu 1400\npool \"10.0.0.2-9\"\n", &c), 0);
	assert_int_equal(pool_calls, 1);
	assert_int_equal(parse("mtu 1400\n\npool \"10.0.0.x\"\n", &c), -1);
	assert_non_null(strstr(logbuf, "t.conf:3: pool: `10.0.0.x': bad"));
	conf_set_pool_check(NULL);
}

struct diffseen {
	char	names[512];
	int	restart;
};

static void
diff_cb(const char *kw, bool restart, void *arg)
{
	struct diffseen	*d = arg;
	size_t		 n = strlen(d->names);

	snprintf(d->names + n, sizeof(d->names) - n, "%s;", kw);
	d->restart += restart;
}

/* A user's own limit, else everyone's; printed back as parsed. */
static void
test_rate_for(void **state)
{
	struct hp_conf	c;

	(void)state;
	assert_int_equal(parse("rate-limit 10M/2M burst 1M\n"
	    "rate-limit user alice 5M/1M\nrate-limit user bob -/-\n", &c), 0);
	assert_int_equal(conf_rate_for(&c, "alice")->down_bps, 5000000);
	assert_int_equal(conf_rate_for(&c, "alice")->up_bps, 1000000);
	assert_int_equal(conf_rate_for(&c, "alice")->burst, 0);
	assert_int_equal(conf_rate_for(&c, "bob")->down_bps, 0);
	assert_int_equal(conf_rate_for(&c, "carol")->down_bps, 10000000);
	assert_int_equal(conf_rate_for(&c, "carol")->burst, 1000000);
	assert_int_equal(conf_rate_for(&c, "Alice")->down_bps, 10000000);
	assert_roundtrip(&c);
}

static void
test_diff(void **state)
{
	struct hp_conf	a, b;
	struct diffseen	d;

	(void)state;
	memset(&d, 0, sizeof(d));
	conf_init(&a);
	assert_int_equal(parse("dns 1.1.1.1\nlisten on ::\nmax-sessions 5\n",
	    &b), 0);
	assert_int_equal(conf_diff(&a, &b, diff_cb, &d), 3);
	assert_string_equal(d.names, "listen;dns;max-sessions;");
	/* listen and max-sessions (it sizes the session table) */
	assert_int_equal(d.restart, 2);
	memset(&d, 0, sizeof(d));
	conf_free(&b);
	assert_int_equal(parse("mtu 1300\nmax-connections 9\nlog-level debug\n"
	    "gre-reorder window 4\n", &b), 0);
	assert_int_equal(conf_diff(&a, &b, diff_cb, &d), 4);
	assert_string_equal(d.names, "mtu;max-connections;gre-reorder;"
	    "log-level;");
	assert_int_equal(d.restart, 2);
	assert_string_equal(conf_mppe_name(CONF_MPPE_OPTIONAL), "allow");
	conf_free(&b);
	assert_int_equal(b.nlisten, 0);
}

int
main(void)
{
	const char	*top = getenv("HP_TOP");

	/* Data files are named relative to the top of the tree. */
	if (top != NULL && chdir(top) == -1)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_keywords_sorted, setup),
		cmocka_unit_test_setup(test_defaults, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_good, setup),
		cmocka_unit_test_setup(test_fields, setup),
		cmocka_unit_test_setup(test_bad, setup),
		cmocka_unit_test_setup(test_dae_multiple, setup),
		cmocka_unit_test_setup(test_all_errors, setup),
		cmocka_unit_test_setup(test_long_string, setup),
		cmocka_unit_test_setup(test_limits, setup),
		cmocka_unit_test_setup(test_include, setup),
		cmocka_unit_test_setup(test_example, setup),
		cmocka_unit_test_setup(test_pool_hook, setup),
		cmocka_unit_test_setup(test_rate_for, setup),
		cmocka_unit_test_setup(test_diff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
