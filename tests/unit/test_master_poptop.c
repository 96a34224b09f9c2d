/*
 * Unit tests: Poptop compatibility (master/poptop.c).  Poptop's seed
 * pptpd.conf and options.pptpd, variations of quoting, comments,
 * unknown and refused options, and the converter's output fed back to
 * the parser.
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
#include "master/poptop.h"

/* Exported by poptop_opts.c for this test. */
size_t		 poptop_option_count(void);
const char	*poptop_option(size_t);

static char	logbuf[16384];
static char	warn[POPTOP_WARN_LEN];

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
	conf_set_pool_check(NULL);
	return 0;
}

static int
load(const char *pptpd, const char *opts, struct hp_conf *c)
{
	logbuf[0] = '\0';
	return poptop_parse_buffers("pptpd.conf", pptpd, strlen(pptpd),
	    "options.pptpd", opts, opts != NULL ? strlen(opts) : 0, c, warn,
	    sizeof(warn));
}

static const char seed_pptpd[] =
    "option /etc/ppp/options.pptpd\n"
    "debug\n"
    "logwtmp\n"
    "localip 10.100.1.1\n"
    "remoteip 10.100.0.200-210,10.100.0.230-254\n";
static const char seed_opts[] =
    "name pptpd\n"
    "refuse-pap\n"
    "refuse-chap\n"
    "refuse-mschap\n"
    "require-mschap-v2\n"
    "require-mppe-128\n"
    "ms-dns 202.99.96.68\n"
    "ms-wins 202.99.96.68\n"
    "proxyarp\n";

/* The converter's output parses back to the same settings. */
static void
assert_converts(const struct hp_conf *c)
{
	struct hp_conf	 back;
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*fp;

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	poptop_print(fp, "pptpd.conf", c, warn);
	fclose(fp);
	logbuf[0] = '\0';
	if (conf_parse_buffer("converted", text, len, &back) != 0)
		fail_msg("converted config does not parse:\n%s\n%s", logbuf,
		    text);
	assert_int_equal(conf_diff(c, &back, NULL, NULL), 0);
	free(text);
}

/* +ipv6 and ipv6 <local>,<remote> as pppd; -ipv6/noipv6 turn it off. */
static void
test_ipv6(void **state)
{
	static const uint8_t one[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };
	static const uint8_t beef[8] = { 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef };
	struct hp_conf	c;

	(void)state;
	assert_int_equal(load(seed_pptpd, seed_opts, &c), 0);
	assert_false(c.ipv6);
	assert_int_equal(load(seed_pptpd, "+ipv6\n", &c), 0);
	assert_true(c.ipv6);
	assert_null(strstr(warn, "ipv6"));
	assert_converts(&c);
	assert_int_equal(load(seed_pptpd, "ipv6 ::1,::dead:beef\n", &c), 0);
	assert_true(c.ipv6);
	assert_memory_equal(c.ipv6_ifid_local, one, 8);
	assert_memory_equal(c.ipv6_ifid_remote, beef, 8);
	assert_converts(&c);
	assert_int_equal(load(seed_pptpd, "+ipv6\nnoipv6\n", &c), 0);
	assert_false(c.ipv6);
	assert_int_equal(load(seed_pptpd, "+ipv6 -ipv6\n", &c), 0);
	assert_false(c.ipv6);
	assert_int_not_equal(load(seed_pptpd, "ipv6 fe80::1,::2\n", &c), 0);
}

static void
test_table_sorted(void **state)
{
	size_t	i, n = poptop_option_count();

	(void)state;
	assert_true(n > 80);
	for (i = 1; i < n; i++)
		if (strcmp(poptop_option(i - 1), poptop_option(i)) >= 0)
			fail_msg("option table: '%s' before '%s'",
			    poptop_option(i - 1), poptop_option(i));
	assert_null(poptop_option(n));
}

static void
test_seed(void **state)
{
	struct hp_conf	c, d;
	char		buf[INET_ADDRSTRLEN];

	(void)state;
	if (load(seed_pptpd, seed_opts, &c) != 0)
		fail_msg("seed: %s", logbuf);
	assert_string_equal(warn, "");
	assert_string_equal(logbuf, "");
	assert_string_equal(inet_ntop(AF_INET, &c.local_addr, buf,
	    sizeof(buf)), "10.100.1.1");
	assert_string_equal(c.pool, "10.100.0.200-210,10.100.0.230-254");
	assert_string_equal(c.server_name, "pptpd");
	assert_int_equal(c.auth, CONF_AUTH_MSCHAPV2);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_false(c.mppe_stateful);
	assert_int_equal(c.ndns, 1);
	assert_int_equal(c.nwins, 1);
	assert_true(c.proxyarp);
	assert_true(c.logwtmp);
	assert_int_equal(c.verbose, 1);
	assert_string_equal(c.ip_up, "/etc/ppp/ip-up");
	assert_string_equal(c.ip_down, "/etc/ppp/ip-down");
	assert_true(c.ipparam);
	assert_string_equal(c.secrets, "/etc/ppp/chap-secrets");
	assert_converts(&c);

	/* The seed is hpptpd's built-in default, but for what Poptop adds. */
	conf_init(&d);
	d.logwtmp = true;
	d.verbose = 1;
	strcpy(d.ip_up, "/etc/ppp/ip-up");
	strcpy(d.ip_down, "/etc/ppp/ip-down");
	assert_int_equal(conf_diff(&c, &d, NULL, NULL), 0);
}

static void
test_seed_files(void **state)
{
	struct hp_conf	 c, b;
	char		 path[] = "/tmp/hpptpd-poptop-XXXXXX";
	char		 conf[600], opt[600];
	FILE		*fp;

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(opt, sizeof(opt), "%s/options.pptpd", path);
	snprintf(conf, sizeof(conf), "%s/pptpd.conf", path);
	fp = fopen(opt, "w");
	assert_non_null(fp);
	fputs(seed_opts, fp);
	fputs("file ", fp);
	fprintf(fp, "%s/more\n", path);
	fclose(fp);
	snprintf(conf, sizeof(conf), "%s/more", path);
	fp = fopen(conf, "w");
	assert_non_null(fp);
	fputs("mtu 1450\n", fp);
	fclose(fp);
	snprintf(conf, sizeof(conf), "%s/pptpd.conf", path);
	fp = fopen(conf, "w");
	assert_non_null(fp);
	fprintf(fp, "option %s\nlocalip 10.100.1.1\nremoteip 10.100.0.2-9\n",
	    opt);
	fclose(fp);
	logbuf[0] = '\0';
	if (poptop_load(conf, &c, warn, sizeof(warn)) != 0)
		fail_msg("%s", logbuf);
	assert_int_equal(c.mtu, 1450);
	assert_int_equal(c.auth, CONF_AUTH_MSCHAPV2);

	/* The seed files in the tree (the option path is absolute there). */
	logbuf[0] = '\0';
	assert_int_equal(poptop_load("tests/unit/data/conf/poptop/pptpd.conf",
	    &b, warn, sizeof(warn)), -1);
	assert_non_null(strstr(logbuf, "option /etc/ppp/options.pptpd"));

	logbuf[0] = '\0';
	assert_int_equal(poptop_load("/nonexistent/pptpd.conf", &b, warn,
	    sizeof(warn)), -1);
	assert_non_null(strstr(logbuf, "/nonexistent/pptpd.conf"));

	unlink(opt);
	unlink(conf);
	snprintf(conf, sizeof(conf), "%s/more", path);
	unlink(conf);
	rmdir(path);
}

static void
test_variants(void **state)
{
	struct hp_conf	c;
	char		buf[INET6_ADDRSTRLEN];

	(void)state;
	assert_int_equal(load(
	    "# Poptop config\n"
	    "option /etc/ppp/options.pptpd   # trailing comment\n"
	    "  localip   192.168.0.1-5\n"
	    "remoteip \"192.168.0.20-30\"\n"
	    "listen 192.0.2.7\n"
	    "connections 50\n"
	    "stimeout 20\n"
	    "noipparam\n"
	    "speed 115200\n"
	    "bcrelay eth1\n"
	    "frobnicate yes\n",
	    "# pppd syntax\n"
	    "name \"my vpn\"\n"
	    "'require-mschap-v2'\n"
	    "require-mschap\n"
	    "require-mppe\n"
	    "nomppe-40\n"
	    "mppe-stateful\n"
	    "ms-dns 1.1.1.1 ms-dns 8.8.8.8\n"
	    "ms-dns 9.9.9.9\n"
	    "ms-wins 10.0.0.5\n"
	    "lock nobsdcomp nodeflate novj novjccomp nologfd auth noipx\n"
	    "nodefaultroute\n"
	    "logfile /var/log/pptpd.log\n"
	    "mtu 1490\n"
	    "mru 9000\n"
	    "lcp-echo-interval 30\n"
	    "lcp-echo-failure 4\n"
	    "dump\n"
	    "debug\n"
	    "bogus-option\n"
	    "ip-up-script /usr/local/bin/up\n"
	    "ip-down-\\\nscript /usr/local/bin/down\n", &c), 0);
	assert_string_equal(inet_ntop(AF_INET, &c.local_addr, buf,
	    sizeof(buf)), "192.168.0.1");
	assert_string_equal(c.pool, "192.168.0.20-30");
	assert_int_equal(c.nlisten, 1);
	assert_string_equal(inet_ntop(AF_INET, &c.listen[0].addr.v4, buf,
	    sizeof(buf)), "192.0.2.7");
	assert_int_equal(c.max_sessions, 50);
	assert_int_equal(c.sccrq_timeout_s, 20);
	assert_false(c.ipparam);
	assert_string_equal(c.server_name, "my vpn");
	assert_int_equal(c.auth, CONF_AUTH_MSCHAPV2 | CONF_AUTH_MSCHAP);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_true(c.mppe_stateful);
	assert_int_equal(c.ndns, 2);
	assert_string_equal(inet_ntop(AF_INET, &c.dns[1], buf, sizeof(buf)),
	    "8.8.8.8");
	assert_int_equal(c.nwins, 1);
	assert_false(c.proxyarp);
	assert_int_equal(c.mtu, 1490);
	assert_int_equal(c.mru, 1500);		/* clamped, and named */
	assert_int_equal(c.lcp_echo_interval_s, 30);
	assert_int_equal(c.lcp_echo_failure, 4);
	assert_int_equal(c.verbose, 1);
	assert_string_equal(c.ip_up, "/usr/local/bin/up");
	assert_string_equal(c.ip_down, "/usr/local/bin/down");
	/* One warning naming everything not carried over, with places. */
	assert_non_null(strstr(warn, "ignored, not implemented by hpptpd: "));
	assert_non_null(strstr(warn, "localip list"));
	assert_non_null(strstr(warn, "speed 115200 (pptpd.conf:9)"));
	assert_non_null(strstr(warn, "bcrelay eth1 (pptpd.conf:10)"));
	assert_non_null(strstr(warn, "frobnicate (unknown pptpd.conf "
	    "keyword) (pptpd.conf:11)"));
	assert_non_null(strstr(warn, "ms-dns 9.9.9.9 (options.pptpd:9)"));
	assert_non_null(strstr(warn, "lock (options.pptpd:11)"));
	assert_non_null(strstr(warn, "logfile /var/log/pptpd.log"));
	assert_non_null(strstr(warn, "mru 9000 (used 1500)"));
	assert_non_null(strstr(warn, "dump (options.pptpd:18)"));
	assert_non_null(strstr(warn, "bogus-option (unknown option) "
	    "(options.pptpd:20)"));
	/* Behaviour hpptpd always has is not warned about. */
	assert_null(strstr(warn, "nobsdcomp"));
	assert_null(strstr(warn, "novj"));
	assert_null(strstr(warn, "noipx"));
	assert_string_equal(logbuf, "");
	assert_converts(&c);
}

static void
test_pppd_words(void **state)
{
	struct hp_conf	c;

	(void)state;
	/* Quotes, escapes, a '#' inside a word is not a comment. */
	assert_int_equal(load(seed_pptpd,
	    "name 'a b'\"c\"\\x41\\101\\s\\\\#x  # comment\n"
	    "ms-dns\t\t1.2.3.4#c\n", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:2: ms-dns: "
	    "'1.2.3.4#c' is not an IPv4 address"));
	assert_int_equal(load(seed_pptpd,
	    "name 'a b'\"c\"\\x41\\101\\s\\\\#x  # comment\nrequire-mppe-128",
	    &c), 0);
	assert_string_equal(c.server_name, "a bcAA \\#x");
	assert_converts(&c);

	assert_int_equal(load(seed_pptpd, "name \"unterminated\n", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:1: name: unterminated "
	    "quoted word"));
	assert_int_equal(load(seed_pptpd, "\n\nname", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:3: name: missing "
	    "argument"));
	assert_int_equal(load(seed_pptpd, "mtu abc", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:1: mtu: 'abc' is not a "
	    "number"));
}

static void
test_auth_mppe(void **state)
{
	struct hp_conf	c;

	(void)state;
	/* No require-*, nothing refused: all; MPPE optional 40/128. */
	assert_int_equal(load(seed_pptpd, "auth\n", &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_ALL);
	assert_int_equal(c.mppe, CONF_MPPE_OPTIONAL);
	assert_int_equal(c.mppe_keys, CONF_MPPE_40 | CONF_MPPE_128);
	assert_converts(&c);
	/* No option file at all. */
	assert_int_equal(load(seed_pptpd, NULL, &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_ALL);
	assert_int_equal(c.ndns, 0);
	assert_false(c.proxyarp);
	/* refuse-* without require-*. */
	assert_int_equal(load(seed_pptpd, "refuse-pap refuse-chap nomppe\n",
	    &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_MSCHAP | CONF_AUTH_MSCHAPV2);
	assert_int_equal(c.mppe, CONF_MPPE_NONE);
	assert_converts(&c);
	/* require-mppe drops PAP and CHAP, which give no MPPE keys. */
	assert_int_equal(load(seed_pptpd, "require-mppe-40 require-mppe-128\n",
	    &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_MSCHAP | CONF_AUTH_MSCHAPV2);
	assert_int_equal(c.mppe_keys, CONF_MPPE_40 | CONF_MPPE_128);
	assert_int_equal(load(seed_pptpd, "require-pap require-mppe\n", &c),
	    -1);
	assert_non_null(strstr(logbuf, "no authentication protocol left"));
	assert_int_equal(load(seed_pptpd, "require-mppe nomppe-40 "
	    "nomppe-128\n", &c), -1);
	assert_non_null(strstr(logbuf, "every key length is refused"));
	/* Old patch syntax. */
	assert_int_equal(load(seed_pptpd, "mppe required,stateless,no40\n",
	    &c), 0);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_int_equal(load(seed_pptpd, "mppe required,bogus\n", &c), -1);
	assert_non_null(strstr(logbuf, "mppe: unknown flag 'bogus'"));
	/* noccp means no MPPE; lcp-echo-failure 0 means no echo. */
	assert_int_equal(load(seed_pptpd, "noccp lcp-echo-failure 0\n", &c),
	    0);
	assert_int_equal(c.mppe, CONF_MPPE_NONE);
	assert_int_equal(c.lcp_echo_interval_s, 0);
	assert_converts(&c);
	assert_int_equal(load(seed_pptpd, "noauth\n", &c), 0);
	assert_non_null(strstr(warn, "noauth (hpptpd always authenticates)"));
	/*
	 * pppd's short aliases mean what their long forms do: read as
	 * unknown, "-pap ... +mppe-128" would leave PAP allowed and MPPE
	 * optional.
	 */
	assert_int_equal(load(seed_pptpd, "-pap -chap -mschap +mschap-v2 "
	    "+mppe-128\n", &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_MSCHAPV2);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_null(strstr(warn, "pap"));
	assert_converts(&c);
	assert_int_equal(load(seed_pptpd, "+pap +chap -mschap-v2 -mppe "
	    "-proxyarp -vj -vjccomp -bsdcomp -deflate\n", &c), 0);
	assert_int_equal(c.auth, CONF_AUTH_PAP | CONF_AUTH_CHAP);
	assert_int_equal(c.mppe, CONF_MPPE_NONE);
	assert_false(c.proxyarp);
	assert_converts(&c);
	assert_int_equal(load(seed_pptpd, "+mppe -mppe-40 +mschap\n", &c), 0);
	assert_int_equal(c.mppe, CONF_MPPE_REQUIRED);
	assert_int_equal(c.mppe_keys, CONF_MPPE_128);
	assert_int_equal(c.auth, CONF_AUTH_MSCHAP);
	assert_int_equal(load(seed_pptpd, "+eap\n", &c), -1);
	assert_int_equal(load(seed_pptpd, "-ccp\n", &c), 0);
	assert_int_equal(c.mppe, CONF_MPPE_NONE);
}

static void
test_errors(void **state)
{
	struct hp_conf	c;

	(void)state;
	assert_int_equal(load("remoteip 10.0.0.2-9\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf: localip missing"));
	assert_int_equal(load("localip 10.0.0.1\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf: remoteip missing"));
	assert_int_equal(load("localip 10.0.0.1\nremoteip 10.0.0.2-9\n"
	    "delegate\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:3: delegate: refused"));
	assert_int_equal(load("localip nowhere\nremoteip 10.0.0.2-9\n",
	    NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:1: localip: 'nowhere' is "
	    "not an IPv4 address"));
	assert_int_equal(load("localip 10.0.0.1\nremoteip\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:2: remoteip: empty"));
	assert_int_equal(load("localip 10.0.0.1\nremoteip 1.2.3.4\nlisten x\n",
	    NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:3: listen: 'x' is not an "
	    "IP address"));
	assert_int_equal(load("localip 10.0.0.1\nremoteip 1.2.3.4\n"
	    "connections many\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:3: connections: 'many' is "
	    "not a number"));
	/* radius.so is converted (poptop_radius.c); any other plugin not */
	assert_int_equal(load(seed_pptpd, "plugin rp-pppoe.so\n", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:1: plugin rp-pppoe.so: "
	    "pppd plugins other than radius.so are not supported"));
	assert_int_equal(load(seed_pptpd, "require-eap\n", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:1: require-eap: "
	    "refused: EAP is not supported"));
	assert_int_equal(load(seed_pptpd, "ms-dns 300.1.1.1\n", &c), -1);
	assert_int_equal(load(seed_pptpd, "ip-up-script relative\n", &c), -1);
	assert_non_null(strstr(logbuf, "ip-up-script: 'relative' is not an "
	    "absolute path"));
	/* printable is common/printable.h's: DEL and 8-bit bytes refused */
	assert_int_equal(load(seed_pptpd, "name caf\xc3\xa9\n", &c), -1);
	assert_non_null(strstr(logbuf, "options.pptpd:1: name: control or "
	    "non-ASCII byte in value"));
	assert_int_equal(load(seed_pptpd, "name a\x7f\n", &c), -1);
	assert_int_equal(load(seed_pptpd, "name \\xff\n", &c), -1);
	assert_non_null(strstr(logbuf, "name: control or non-ASCII byte"));
	/* ... but a comment is dropped unread, whatever its bytes */
	assert_int_equal(load(seed_pptpd, "# caf\xc3\xa9\x7f\nname pptpd\n",
	    &c), 0);
	assert_int_equal(load("localip 10.0.0.1\nremoteip 10.0.0.2-9\n"
	    "speed 115200\xff\n", NULL, &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:3: line: control or "
	    "non-ASCII byte in value"));
	assert_int_equal(load("# \xc3\xa9\x01\nlocalip 10.0.0.1\n"
	    "remoteip 10.0.0.2-9 # \xff\n", NULL, &c), 0);
	/* Every error is reported. */
	assert_int_equal(load("localip x\nremoteip 1.2.3.4\nlisten y\n",
	    "mtu a\nms-wins b\n", &c), -1);
	assert_non_null(strstr(logbuf, "pptpd.conf:1:"));
	assert_non_null(strstr(logbuf, "pptpd.conf:3:"));
	assert_non_null(strstr(logbuf, "options.pptpd:1:"));
	assert_non_null(strstr(logbuf, "options.pptpd:2:"));
}

static void
test_warning_bound(void **state)
{
	struct hp_conf	 c;
	char		*opts;
	size_t		 i, n = 0;

	(void)state;
	opts = malloc(200 * 32);
	assert_non_null(opts);
	for (i = 0; i < 200; i++)
		n += (size_t)sprintf(opts + n, "unknown-option-%zu\n", i);
	assert_int_equal(load(seed_pptpd, opts, &c), 0);
	assert_true(strlen(warn) < sizeof(warn));
	/* the names that fit, then how many more: none goes unmentioned */
	assert_non_null(strstr(warn,
	    "unknown-option-0 (unknown option) (options.pptpd:1)"));
	assert_non_null(strstr(warn, " more"));
	{
		const char *m = strstr(warn, " and ");
		size_t listed = 0, more;
		const char *q;

		assert_non_null(m);
		for (q = warn; (q = strstr(q, "unknown-option-")) != NULL; q++)
			listed++;
		more = strtoul(m + 5, NULL, 10);
		assert_int_equal(listed + more, 200);
	}
	free(opts);
	/* A newline inside a quoted option never reaches the warning. */
	assert_int_equal(load(seed_pptpd, "logfile \"a\nb\"\n", &c), 0);
	assert_null(strchr(warn, '\n'));
	assert_converts(&c);
}

int
main(void)
{
	const char	*top = getenv("HP_TOP");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table_sorted, setup),
		cmocka_unit_test_setup(test_seed, setup),
		cmocka_unit_test_setup(test_seed_files, setup),
		cmocka_unit_test_setup(test_variants, setup),
		cmocka_unit_test_setup(test_pppd_words, setup),
		cmocka_unit_test_setup(test_auth_mppe, setup),
		cmocka_unit_test_setup(test_ipv6, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_warning_bound, setup),
	};

	if (top != NULL && chdir(top) == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
