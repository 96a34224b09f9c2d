/*
 * hpptpd master: pppd's options as Poptop's option file gives them.
 * Every pppd option is in one table with what hpptpd does with it:
 * applies it, already behaves that way, ignores it (named in the
 * warning), or refuses it (an error: ignoring it would change who may
 * log in or how addresses are assigned).  Words come from
 * common/pppword.c in pppd's own reading.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/pppword.h"
#include "master/conf.h"
#include "master/poptop_local.h"

enum pt_kind {
	PT_DO,		/* hpptpd applies it */
	PT_SAME,	/* hpptpd always behaves this way; nothing to do */
	PT_IGNORE,	/* not implemented: named in the warning */
	PT_REFUSE,	/* not implemented and unsafe to ignore: error */
};

struct pt_opt {
	const char	*name;
	int		 nargs;		/* 0 or 1 */
	enum pt_kind	 kind;
	int		(*fn)(struct pt_state *, const char *);
	const char	*why;		/* for PT_REFUSE */
};

/* pppd option handlers. */

static int
pt_name(struct pt_state *st, const char *arg)
{
	if (!pt_printable(st, "name", arg))
		return -1;
	if (*arg == '\0' || !conf_strcpy(st->conf->server_name,
	    sizeof(st->conf->server_name), arg)) {
		pt_error(st, "name: empty or longer than %zu characters",
		    sizeof(st->conf->server_name) - 1);
		return -1;
	}
	st->have_name = true;
	return 0;
}

static int
pt_auth(struct pt_state *st, const char *arg)
{
	st->auth = true;
	return 0;
}

static int
pt_noauth(struct pt_state *st, const char *arg)
{
	pt_warn(st, "noauth", "(hpptpd always authenticates)");
	return 0;
}

static int
pt_debug(struct pt_state *st, const char *arg)
{
	st->conf->verbose = 1;
	return 0;
}

#define PT_REFUSE_FN(fn, bit)						\
static int								\
fn(struct pt_state *st, const char *arg)				\
{									\
	st->allowed &= ~(unsigned)(bit);				\
	return 0;							\
}
#define PT_REQUIRE_FN(fn, bit)						\
static int								\
fn(struct pt_state *st, const char *arg)				\
{									\
	st->wanted |= (bit);						\
	st->auth = true;						\
	return 0;							\
}
PT_REFUSE_FN(pt_refuse_pap, CONF_AUTH_PAP)
PT_REFUSE_FN(pt_refuse_chap, CONF_AUTH_CHAP)
PT_REFUSE_FN(pt_refuse_mschap, CONF_AUTH_MSCHAP)
PT_REFUSE_FN(pt_refuse_mschapv2, CONF_AUTH_MSCHAPV2)
PT_REQUIRE_FN(pt_require_pap, CONF_AUTH_PAP)
PT_REQUIRE_FN(pt_require_chap, CONF_AUTH_CHAP)
PT_REQUIRE_FN(pt_require_mschap, CONF_AUTH_MSCHAP)
PT_REQUIRE_FN(pt_require_mschapv2, CONF_AUTH_MSCHAPV2)

static int
pt_require_mppe(struct pt_state *st, const char *arg)
{
	st->mppe_req_any = true;
	return 0;
}

static int
pt_require_mppe40(struct pt_state *st, const char *arg)
{
	st->mppe_req |= CONF_MPPE_40;
	return 0;
}

static int
pt_require_mppe128(struct pt_state *st, const char *arg)
{
	st->mppe_req |= CONF_MPPE_128;
	return 0;
}

static int
pt_nomppe(struct pt_state *st, const char *arg)
{
	st->nomppe = true;
	return 0;
}

static int
pt_nomppe40(struct pt_state *st, const char *arg)
{
	st->mppe_off |= CONF_MPPE_40;
	return 0;
}

static int
pt_nomppe128(struct pt_state *st, const char *arg)
{
	st->mppe_off |= CONF_MPPE_128;
	return 0;
}

static int
pt_mppe_stateful(struct pt_state *st, const char *arg)
{
	st->conf->mppe_stateful = true;
	return 0;
}

static int
pt_nomppe_stateful(struct pt_state *st, const char *arg)
{
	st->conf->mppe_stateful = false;
	return 0;
}

/* Old MPPE patch syntax: "mppe required,stateless,no40,no56". */
static int
pt_mppe_old(struct pt_state *st, const char *arg)
{
	char	 buf[PT_WORD_MAX], *p, *w;

	if (!conf_strcpy(buf, sizeof(buf), arg))
		return -1;
	for (p = buf; (w = strsep(&p, ",")) != NULL; ) {
		if (strcmp(w, "required") == 0)
			st->mppe_req_any = true;
		else if (strcmp(w, "stateless") == 0)
			st->conf->mppe_stateful = false;
		else if (strcmp(w, "stateful") == 0)
			st->conf->mppe_stateful = true;
		else if (strcmp(w, "no40") == 0)
			st->mppe_off |= CONF_MPPE_40;
		else if (strcmp(w, "no56") == 0)
			st->mppe_off |= CONF_MPPE_56;
		else if (strcmp(w, "no128") == 0)
			st->mppe_off |= CONF_MPPE_128;
		else {
			pt_error(st, "mppe: unknown flag '%s'", w);
			return -1;
		}
	}
	return 0;
}

/* radius.so is hpptpd's own client now (master/poptop_radius.c). */
static int
pt_plugin(struct pt_state *st, const char *arg)
{
	const char *b = strrchr(arg, '/');

	if (strcmp(b != NULL ? b + 1 : arg, "radius.so") != 0) {
		pt_error(st, "plugin %s: pppd plugins other than radius.so are "
		    "not supported", arg);
		return -1;
	}
	st->radius = true;
	return 0;
}

static int
pt_radius_conf(struct pt_state *st, const char *arg)
{
	if (!conf_strcpy(st->radius_conf, sizeof(st->radius_conf), arg)) {
		pt_error(st, "radius-config-file: path too long");
		return -1;
	}
	return 0;
}

static int
pt_noccp(struct pt_state *st, const char *arg)
{
	/* Without CCP there is no MPPE. */
	st->nomppe = true;
	return 0;
}

static int
pt_ms_dns(struct pt_state *st, const char *arg)
{
	struct in_addr	a;

	if (!pt_v4(st, "ms-dns", arg, &a))
		return -1;
	if (st->ndns >= CONF_MAX_DNS) {
		pt_warn(st, "ms-dns", arg);	/* pppd keeps two as well */
		return 0;
	}
	st->conf->dns[st->ndns++] = a;
	st->conf->ndns = st->ndns;
	return 0;
}

static int
pt_ms_wins(struct pt_state *st, const char *arg)
{
	struct in_addr	a;

	if (!pt_v4(st, "ms-wins", arg, &a))
		return -1;
	if (st->nwins >= CONF_MAX_WINS) {
		pt_warn(st, "ms-wins", arg);
		return 0;
	}
	st->conf->wins[st->nwins++] = a;
	st->conf->nwins = st->nwins;
	return 0;
}

static int
pt_proxyarp(struct pt_state *st, const char *arg)
{
	st->conf->proxyarp = true;
	return 0;
}

static int
pt_noproxyarp(struct pt_state *st, const char *arg)
{
	st->conf->proxyarp = false;
	return 0;
}

static int
pt_mtu(struct pt_state *st, const char *arg)
{
	long long	v;

	if (!pt_num(st, "mtu", arg, 576, 1500, &v))
		return -1;
	st->conf->mtu = (uint16_t)v;
	return 0;
}

static int
pt_mru(struct pt_state *st, const char *arg)
{
	long long	v;

	if (!pt_num(st, "mru", arg, 576, 1500, &v))
		return -1;
	st->conf->mru = (uint16_t)v;
	return 0;
}

static int
pt_lcp_echo_interval(struct pt_state *st, const char *arg)
{
	long long	v;

	if (!pt_num(st, "lcp-echo-interval", arg, 0, 3600, &v))
		return -1;
	st->conf->lcp_echo_interval_s = (uint32_t)v;
	return 0;
}

/* +ipv6: IPV6CP with link-local addresses only, as pppd. */
static int
pt_ipv6_on(struct pt_state *st, const char *arg)
{
	st->conf->ipv6 = true;
	return 0;
}

static int
pt_ipv6_off(struct pt_state *st, const char *arg)
{
	st->conf->ipv6 = false;
	memset(st->conf->ipv6_ifid_local, 0, 8);
	memset(st->conf->ipv6_ifid_remote, 0, 8);
	return 0;
}

/* ipv6 <local>,<remote>: the interface identifiers; enables IPV6CP. */
static int
pt_ipv6_ids(struct pt_state *st, const char *arg)
{
	char	err[128];

	if (conf_ifid_pair(arg, st->conf->ipv6_ifid_local,
	    st->conf->ipv6_ifid_remote, err, sizeof(err)) == -1) {
		pt_error(st, "ipv6 %s", err);
		return -1;
	}
	st->conf->ipv6 = true;
	return 0;
}

static int
pt_lcp_echo_failure(struct pt_state *st, const char *arg)
{
	long long	v;

	if (!pt_num(st, "lcp-echo-failure", arg, 0, 100, &v))
		return -1;
	if (v == 0) {
		/* pppd: never declare the peer dead; same as no echo. */
		st->conf->lcp_echo_interval_s = 0;
		return 0;
	}
	st->conf->lcp_echo_failure = (uint32_t)v;
	return 0;
}

static int
pt_script(struct pt_state *st, const char *opt, const char *arg, char *dst,
    size_t dstlen)
{
	if (!pt_printable(st, opt, arg))
		return -1;
	if (arg[0] != '/' || !conf_strcpy(dst, dstlen, arg)) {
		pt_error(st, "%s: '%s' is not an absolute path (or too long)",
		    opt, arg);
		return -1;
	}
	return 0;
}

static int
pt_ip_up(struct pt_state *st, const char *arg)
{
	return pt_script(st, "ip-up-script", arg, st->conf->ip_up,
	    sizeof(st->conf->ip_up));
}

static int
pt_ip_down(struct pt_state *st, const char *arg)
{
	return pt_script(st, "ip-down-script", arg, st->conf->ip_down,
	    sizeof(st->conf->ip_down));
}

/* pppd "file": read another option file (only from poptop_load). */
static int
pt_file(struct pt_state *st, const char *arg)
{
	char		*buf = NULL;
	size_t		 len = 0;
	const char	*oname = st->name;
	int		 oline = st->line, r;

	if (!st->from_files) {
		pt_warn(st, "file", arg);
		return 0;
	}
	if (st->depth >= PT_MAX_DEPTH) {
		pt_error(st, "file %s: nested too deeply", arg);
		return -1;
	}
	if (pt_read_file(arg, &buf, &len) == -1) {
		pt_error(st, "file %s: %s", arg, strerror(errno));
		return -1;
	}
	st->depth++;
	r = pt_read_options(st, arg, buf, len);
	st->depth--;
	st->name = oname;
	st->line = oline;
	free(buf);
	return r;
}

/*
 * Every pppd option a Poptop installation is likely to carry.  Sorted
 * by name (bsearch); tests/unit/test_master_poptop.c checks the order.
 */
static const struct pt_opt pt_opts[] = {
	{ "+chap",		0, PT_DO, pt_require_chap, NULL },
	{ "+eap",		0, PT_REFUSE, NULL, "EAP is not supported" },
	{ "+ipv6",		0, PT_DO, pt_ipv6_on, NULL },
	{ "+mppe",		0, PT_DO, pt_require_mppe, NULL },
	{ "+mppe-128",		0, PT_DO, pt_require_mppe128, NULL },
	{ "+mppe-40",		0, PT_DO, pt_require_mppe40, NULL },
	{ "+mschap",		0, PT_DO, pt_require_mschap, NULL },
	{ "+mschap-v2",		0, PT_DO, pt_require_mschapv2, NULL },
	{ "+pap",		0, PT_DO, pt_require_pap, NULL },
	{ "-ac",		0, PT_IGNORE, NULL, NULL },
	{ "-bsdcomp",		0, PT_SAME, NULL, NULL },
	{ "-ccp",		0, PT_DO, pt_noccp, NULL },
	{ "-chap",		0, PT_DO, pt_refuse_chap, NULL },
	{ "-defaultroute",	0, PT_SAME, NULL, NULL },
	{ "-deflate",		0, PT_SAME, NULL, NULL },
	{ "-detach",		0, PT_SAME, NULL, NULL },
	{ "-eap",		0, PT_SAME, NULL, NULL },
	{ "-ip",		0, PT_REFUSE, NULL, "hpptpd carries IPv4" },
	{ "-ipv6",		0, PT_DO, pt_ipv6_off, NULL },
	{ "-mn",		0, PT_IGNORE, NULL, NULL },
	{ "-mppe",		0, PT_DO, pt_nomppe, NULL },
	{ "-mppe-128",		0, PT_DO, pt_nomppe128, NULL },
	{ "-mppe-40",		0, PT_DO, pt_nomppe40, NULL },
	{ "-mschap",		0, PT_DO, pt_refuse_mschap, NULL },
	{ "-mschap-v2",		0, PT_DO, pt_refuse_mschapv2, NULL },
	{ "-pap",		0, PT_DO, pt_refuse_pap, NULL },
	{ "-pc",		0, PT_IGNORE, NULL, NULL },
	{ "-predictor1",	0, PT_SAME, NULL, NULL },
	{ "-proxyarp",		0, PT_DO, pt_noproxyarp, NULL },
	{ "-vj",		0, PT_SAME, NULL, NULL },
	{ "-vjccomp",		0, PT_SAME, NULL, NULL },
	{ "active-filter",	1, PT_IGNORE, NULL, NULL },
	{ "asyncmap",		1, PT_SAME, NULL, NULL },
	{ "auth",		0, PT_DO, pt_auth, NULL },
	{ "bsdcomp",		1, PT_IGNORE, NULL, NULL },
	{ "chap-interval",	1, PT_IGNORE, NULL, NULL },
	{ "chap-max-challenge",	1, PT_IGNORE, NULL, NULL },
	{ "chap-restart",	1, PT_IGNORE, NULL, NULL },
	{ "chapms-strip-domain", 0, PT_IGNORE, NULL, NULL },
	{ "connect-delay",	1, PT_IGNORE, NULL, NULL },
	{ "crtscts",		0, PT_SAME, NULL, NULL },
	{ "debug",		0, PT_DO, pt_debug, NULL },
	{ "default-asyncmap",	0, PT_SAME, NULL, NULL },
	{ "defaultroute",	0, PT_IGNORE, NULL, NULL },
	{ "deflate",		1, PT_IGNORE, NULL, NULL },
	{ "dump",		0, PT_IGNORE, NULL, NULL },
	{ "file",		1, PT_DO, pt_file, NULL },
	{ "hide-password",	0, PT_SAME, NULL, NULL },
	{ "holdoff",		1, PT_IGNORE, NULL, NULL },
	{ "idle",		1, PT_IGNORE, NULL, NULL },
	{ "ifname",		1, PT_IGNORE, NULL, NULL },
	{ "ip-down-script",	1, PT_DO, pt_ip_down, NULL },
	{ "ip-up-script",	1, PT_DO, pt_ip_up, NULL },
	{ "ipcp-accept-local",	0, PT_IGNORE, NULL, NULL },
	{ "ipcp-accept-remote",	0, PT_IGNORE, NULL, NULL },
	{ "ipcp-max-configure",	1, PT_IGNORE, NULL, NULL },
	{ "ipcp-max-failure",	1, PT_IGNORE, NULL, NULL },
	{ "ipcp-max-terminate",	1, PT_IGNORE, NULL, NULL },
	{ "ipcp-restart",	1, PT_IGNORE, NULL, NULL },
	{ "ipparam",		1, PT_IGNORE, NULL, NULL },
	{ "ipv6",		1, PT_DO, pt_ipv6_ids, NULL },
	{ "ipx",		0, PT_IGNORE, NULL, NULL },
	{ "kdebug",		1, PT_IGNORE, NULL, NULL },
	{ "ktune",		0, PT_IGNORE, NULL, NULL },
	{ "lcp-echo-failure",	1, PT_DO, pt_lcp_echo_failure, NULL },
	{ "lcp-echo-interval",	1, PT_DO, pt_lcp_echo_interval, NULL },
	{ "lcp-max-configure",	1, PT_IGNORE, NULL, NULL },
	{ "lcp-max-failure",	1, PT_IGNORE, NULL, NULL },
	{ "lcp-max-terminate",	1, PT_IGNORE, NULL, NULL },
	{ "lcp-restart",	1, PT_IGNORE, NULL, NULL },
	{ "linkname",		1, PT_IGNORE, NULL, NULL },
	{ "local",		0, PT_SAME, NULL, NULL },
	{ "lock",		0, PT_IGNORE, NULL, NULL },
	{ "logfd",		1, PT_IGNORE, NULL, NULL },
	{ "logfile",		1, PT_IGNORE, NULL, NULL },
	{ "maxconnect",		1, PT_IGNORE, NULL, NULL },
	{ "maxfail",		1, PT_IGNORE, NULL, NULL },
	{ "modem",		0, PT_SAME, NULL, NULL },
	{ "mppe",		1, PT_DO, pt_mppe_old, NULL },
	{ "mppe-stateful",	0, PT_DO, pt_mppe_stateful, NULL },
	{ "mru",		1, PT_DO, pt_mru, NULL },
	{ "ms-dns",		1, PT_DO, pt_ms_dns, NULL },
	{ "ms-lanman",		0, PT_IGNORE, NULL, NULL },
	{ "ms-wins",		1, PT_DO, pt_ms_wins, NULL },
	{ "mtu",		1, PT_DO, pt_mtu, NULL },
	{ "name",		1, PT_DO, pt_name, NULL },
	{ "netmask",		1, PT_IGNORE, NULL, NULL },
	{ "noaccomp",		0, PT_IGNORE, NULL, NULL },
	{ "noauth",		0, PT_DO, pt_noauth, NULL },
	{ "nobsdcomp",		0, PT_SAME, NULL, NULL },
	{ "noccp",		0, PT_DO, pt_noccp, NULL },
	{ "nocrtscts",		0, PT_SAME, NULL, NULL },
	{ "nodefaultroute",	0, PT_SAME, NULL, NULL },
	{ "nodeflate",		0, PT_SAME, NULL, NULL },
	{ "nodetach",		0, PT_SAME, NULL, NULL },
	{ "noip",		0, PT_REFUSE, NULL, "hpptpd carries IPv4" },
	{ "noipv6",		0, PT_DO, pt_ipv6_off, NULL },
	{ "noipx",		0, PT_SAME, NULL, NULL },
	{ "nolock",		0, PT_SAME, NULL, NULL },
	{ "nologfd",		0, PT_SAME, NULL, NULL },
	{ "nomagic",		0, PT_IGNORE, NULL, NULL },
	{ "nomppe",		0, PT_DO, pt_nomppe, NULL },
	{ "nomppe-128",		0, PT_DO, pt_nomppe128, NULL },
	{ "nomppe-40",		0, PT_DO, pt_nomppe40, NULL },
	{ "nomppe-stateful",	0, PT_DO, pt_nomppe_stateful, NULL },
	{ "nopcomp",		0, PT_IGNORE, NULL, NULL },
	{ "nopersist",		0, PT_SAME, NULL, NULL },
	{ "nopredictor1",	0, PT_SAME, NULL, NULL },
	{ "noproxyarp",		0, PT_DO, pt_noproxyarp, NULL },
	{ "novj",		0, PT_SAME, NULL, NULL },
	{ "novjccomp",		0, PT_SAME, NULL, NULL },
	{ "pap-max-authreq",	1, PT_IGNORE, NULL, NULL },
	{ "pap-restart",	1, PT_IGNORE, NULL, NULL },
	{ "pap-timeout",	1, PT_IGNORE, NULL, NULL },
	{ "passive",		0, PT_IGNORE, NULL, NULL },
	{ "password",		1, PT_IGNORE, NULL, NULL },
	{ "persist",		0, PT_IGNORE, NULL, NULL },
	{ "plugin",		1, PT_DO, pt_plugin, NULL },
	{ "proxyarp",		0, PT_DO, pt_proxyarp, NULL },
	{ "radius-config-file",	1, PT_DO, pt_radius_conf, NULL },
	{ "refuse-chap",	0, PT_DO, pt_refuse_chap, NULL },
	{ "refuse-eap",		0, PT_SAME, NULL, NULL },
	{ "refuse-mschap",	0, PT_DO, pt_refuse_mschap, NULL },
	{ "refuse-mschap-v2",	0, PT_DO, pt_refuse_mschapv2, NULL },
	{ "refuse-pap",		0, PT_DO, pt_refuse_pap, NULL },
	{ "remotename",		1, PT_IGNORE, NULL, NULL },
	{ "require-chap",	0, PT_DO, pt_require_chap, NULL },
	{ "require-eap",	0, PT_REFUSE, NULL, "EAP is not supported" },
	{ "require-mppe",	0, PT_DO, pt_require_mppe, NULL },
	{ "require-mppe-128",	0, PT_DO, pt_require_mppe128, NULL },
	{ "require-mppe-40",	0, PT_DO, pt_require_mppe40, NULL },
	{ "require-mschap",	0, PT_DO, pt_require_mschap, NULL },
	{ "require-mschap-v2",	0, PT_DO, pt_require_mschapv2, NULL },
	{ "require-pap",	0, PT_DO, pt_require_pap, NULL },
	{ "show-password",	0, PT_IGNORE, NULL, NULL },
	{ "silent",		0, PT_IGNORE, NULL, NULL },
	{ "unit",		1, PT_IGNORE, NULL, NULL },
	{ "updetach",		0, PT_SAME, NULL, NULL },
	{ "usepeerdns",		0, PT_IGNORE, NULL, NULL },
	{ "user",		1, PT_IGNORE, NULL, NULL },
	{ "vj-max-slots",	1, PT_IGNORE, NULL, NULL },
};

/* For the unit test of the table's order. */
size_t		 poptop_option_count(void);
const char	*poptop_option(size_t);

size_t
poptop_option_count(void)
{
	return sizeof(pt_opts) / sizeof(pt_opts[0]);
}

const char *
poptop_option(size_t i)
{
	return i < poptop_option_count() ? pt_opts[i].name : NULL;
}

static int
pt_opt_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct pt_opt *)e)->name);
}

/*
 * One pppd word as a C string (a NUL byte in it ends it early, as in
 * pppd).  Returns 1 with the word in out and *line the line it started
 * on, 0 at the end of the input, -1 if the word is longer than
 * outlen - 1 bytes, -2 for a quote left open at the end (*line is then
 * the word's line too).
 */
int
pt_word(struct pw_rd *r, char *out, size_t outlen, int *line)
{
	struct pw_word	 w = { .buf = (uint8_t *)out, .cap = outlen - 1 };

	switch (pw_next(r, &w)) {
	case PW_WORD:
		out[w.len] = '\0';
		*line = (int)w.line;
		return 1;
	case PW_ERR:
		*line = (int)w.line;
		return w.err == HP_E_LONG ? -1 : -2;
	case PW_EOL:	/* not without PW_LINES */
	case PW_EOF:
		break;
	}
	out[0] = '\0';
	return 0;
}

int
pt_read_options(struct pt_state *st, const char *name, const char *buf,
    size_t len)
{
	struct pw_rd		 r;
	const struct pt_opt	*o;
	char			 word[PT_WORD_MAX], arg[PT_WORD_MAX];
	int			 wline = 1, aline = 1, w;

	st->name = name;
	pw_init(&r, buf, len, 0);	/* pppd's own reading */
	for (;;) {
		w = pt_word(&r, word, sizeof(word), &wline);
		st->line = wline;
		if (w == 0)
			break;
		if (w < 0) {
			pt_error(st, w == -2 ? "unterminated quoted word" :
			    "word too long");
			return -1;
		}
		o = bsearch(word, pt_opts, sizeof(pt_opts) / sizeof(pt_opts[0]),
		    sizeof(pt_opts[0]), pt_opt_cmp);
		if (o == NULL) {
			/*
			 * We cannot know whether it takes an argument; a
			 * following word that is no option is named too.
			 */
			pt_warn(st, word, "(unknown option)");
			continue;
		}
		arg[0] = '\0';
		if (o->nargs == 1) {
			w = pt_word(&r, arg, sizeof(arg), &aline);
			if (w <= 0) {
				pt_error(st, "%s: %s", o->name, w == 0 ?
				    "missing argument" : w == -2 ?
				    "unterminated quoted word" :
				    "argument too long");
				return -1;
			}
		}
		switch (o->kind) {
		case PT_DO:
			/* A handler that fails has logged and counted. */
			(void)o->fn(st, arg);
			st->name = name;
			break;
		case PT_SAME:
			break;
		case PT_IGNORE:
			pt_warn(st, o->name, o->nargs == 1 ? arg : NULL);
			break;
		case PT_REFUSE:
			pt_error(st, "%s: refused: %s", o->name, o->why);
			break;
		}
	}
	return st->errors == 0 ? 0 : -1;
}
