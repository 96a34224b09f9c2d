/*
 * hpptpd: Poptop compatibility (pptpd.conf + pppd option file).
 *
 * pptpd.conf is line based: a keyword and the rest of the line, '#'
 * starting a comment anywhere (Poptop's configfile.c).  The option
 * file uses pppd's word syntax (pppd/options.c, read_word): words
 * separated by white space, '#' comments at the start of a word,
 * single and double quotes, backslash escapes (\n \t \ooo \xHH ...,
 * backslash-newline joins lines).  Both readers work on a buffer that
 * the caller bounded (POPTOP_MAX_FILE) and never write past their
 * output arrays.
 *
 * Every pppd option is in one table with what hpptpd does with it:
 * applies it, already behaves that way, ignores it (named in the
 * warning), or refuses it (an error: ignoring it would change who may
 * log in or how addresses are assigned).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/log.h"
#include "common/printable.h"
#include "master/conf.h"
#include "master/poptop.h"

#define PT_WORD_MAX	1024	/* longest pppd word */
#define PT_MAX_DEPTH	4	/* pppd "file" nesting */
#define PT_PATH_MAX	1024

#define PT_GLOBAL_OPTIONS	"/etc/ppp/options"
#define PT_WARN_TAIL	32	/* room for " and N more" */

struct pt_state {
	struct hp_conf	*conf;
	char		*warn;
	size_t		 warnlen;
	bool		 warn_full;
	size_t		 warn_omitted;	/* names that did not fit */
	int		 errors;
	bool		 from_files;	/* may follow "file" */
	int		 depth;
	/* Where the current option came from, for messages. */
	const char	*name;
	int		 line;
	/* Accumulated pppd semantics, applied at the end. */
	unsigned	 allowed;	/* CONF_AUTH_*, minus refuse-* */
	unsigned	 wanted;	/* require-* */
	bool		 auth;
	bool		 nomppe;
	unsigned	 mppe_req;	/* require-mppe-* */
	unsigned	 mppe_off;	/* nomppe-40/-128 */
	bool		 mppe_req_any;
	unsigned	 ndns, nwins;
	bool		 have_local, have_remote, have_name;
	bool		 radius;	/* plugin radius.so */
	char		 radius_conf[PT_PATH_MAX];
};

struct pt_rd {
	const char	*buf;
	size_t		 len;
	size_t		 pos;
	int		 line;
};

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

static void	pt_global_options(struct pt_state *);
static void	pt_warn(struct pt_state *, const char *, const char *);
static void	pt_error(struct pt_state *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	pt_read_options(struct pt_state *, const char *, const char *,
		    size_t);
static int	pt_read_file(const char *, char **, size_t *);

static void
pt_error(struct pt_state *st, const char *fmt, ...)
{
	char	msg[LOG_MAX_LINE + 1];
	va_list	ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("%s:%d: %s", st->name, st->line, msg);
	st->errors++;
}

/*
 * Append "what note (file:line)" to the one warning line.  Items are
 * sanitized: the line ends up in logs and as a comment in the
 * converted configuration.
 */
static void
pt_warn(struct pt_state *st, const char *what, const char *note)
{
	char	raw[256], item[256], where[128];
	size_t	have, need;

	if (st->warn == NULL || st->warnlen == 0)
		return;
	if (st->warn_full) {
		st->warn_omitted++;
		return;
	}
	where[0] = '\0';
	if (st->line > 0)
		(void)snprintf(where, sizeof(where), " (%s:%d)", st->name,
		    st->line);
	(void)snprintf(raw, sizeof(raw), "%s%s%s%s", what,
	    note != NULL ? " " : "", note != NULL ? note : "", where);
	log_sanitize(item, sizeof(item), raw, strlen(raw));
	have = strlen(st->warn);
	if (have == 0) {
		(void)snprintf(st->warn, st->warnlen, "%s",
		    "ignored, not implemented by hpptpd: ");
		have = strlen(st->warn);
	} else if (have + 2 < st->warnlen) {
		memcpy(st->warn + have, ", ", 3);
		have += 2;
	}
	need = strlen(item);
	/* keep room to say how many more there were (pt_finish) */
	if (have + need + PT_WARN_TAIL >= st->warnlen) {
		if (have >= 2 && memcmp(st->warn + have - 2, ", ", 2) == 0)
			st->warn[have - 2] = '\0';
		st->warn_full = true;
		st->warn_omitted++;
		return;
	}
	memcpy(st->warn + have, item, need + 1);
}

static bool
pt_num(struct pt_state *st, const char *opt, const char *arg, long long min,
    long long max, long long *out)
{
	const char	*errstr;
	long long	 v;

	v = conf_strtonum(arg, 0, 1000000000LL, &errstr);
	if (errstr != NULL) {
		pt_error(st, "%s: '%s' is not a number (or too large)", opt,
		    arg);
		return false;
	}
	if (v < min || v > max) {
		/*
		 * pppd accepts it; hpptpd cannot use it.  Clamp and say so
		 * rather than refuse a file that worked with Poptop.
		 */
		char	note[64];

		(void)snprintf(note, sizeof(note), "%s (used %lld)", arg,
		    v < min ? min : max);
		pt_warn(st, opt, note);
		v = v < min ? min : max;
	}
	*out = v;
	return true;
}

static bool
pt_v4(struct pt_state *st, const char *opt, const char *arg,
    struct in_addr *out)
{
	if (inet_pton(AF_INET, arg, out) != 1) {
		pt_error(st, "%s: '%s' is not an IPv4 address", opt, arg);
		return false;
	}
	return true;
}

/*
 * A value kept in the configuration: printable (pr_isprint, the one
 * definition shared with the logs), so that it logs and converts to
 * hpptpd.conf cleanly (pppd's escapes can make any byte).
 */
static bool
pt_printable(struct pt_state *st, const char *opt, const char *s)
{
	if (!pr_all_printable(s, strlen(s))) {
		pt_error(st, "%s: control or non-ASCII byte in value", opt);
		return false;
	}
	return true;
}

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
	{ "+ipv6",		0, PT_IGNORE, NULL, NULL },
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
	{ "-ipv6",		0, PT_SAME, NULL, NULL },
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
	{ "ipv6",		1, PT_IGNORE, NULL, NULL },
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
	{ "noipv6",		0, PT_SAME, NULL, NULL },
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
 * One pppd word.  Returns 1 with the word in out, 0 at the end of the
 * input, -1 if the word is longer than outlen - 1 (st->line is the line
 * the word started on).
 */
static int
pt_word(struct pt_rd *r, char *out, size_t outlen, int *line)
{
	size_t	 n = 0;
	int	 c, quote = 0, digits, v;
	bool	 any = false, comment = false;

	for (;;) {
		if (r->pos >= r->len) {
			if (quote)
				return -2;	/* unterminated quote */
			break;
		}
		c = (unsigned char)r->buf[r->pos++];
		if (comment) {
			if (c == '\n') {
				comment = false;
				r->line++;
			}
			continue;
		}
		if (c == '\\') {
			if (r->pos >= r->len)
				break;
			c = (unsigned char)r->buf[r->pos++];
			switch (c) {
			case '\n':
				/* Line continuation. */
				r->line++;
				continue;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 's': c = ' '; break;
			case 't': c = '\t'; break;
			case 'x':
				v = 0;
				for (digits = 0; digits < 2 && r->pos < r->len &&
				    isxdigit((unsigned char)r->buf[r->pos]);
				    digits++) {
					c = (unsigned char)r->buf[r->pos++];
					v = v * 16 + (isdigit(c) ? c - '0' :
					    tolower(c) - 'a' + 10);
				}
				c = v;
				break;
			default:
				if (c >= '0' && c <= '7') {
					v = c - '0';
					for (digits = 1; digits < 3 &&
					    r->pos < r->len &&
					    r->buf[r->pos] >= '0' &&
					    r->buf[r->pos] <= '7'; digits++)
						v = v * 8 +
						    (r->buf[r->pos++] - '0');
					c = v & 0xff;
				}
				/* Anything else stands for itself. */
				break;
			}
			if (!any)
				*line = r->line;
			any = true;
			goto store;
		}
		if (quote) {
			if (c == quote) {
				quote = 0;
				continue;
			}
			if (c == '\n')
				r->line++;
			goto store;
		}
		if (c == '"' || c == '\'') {
			if (!any)
				*line = r->line;
			any = true;
			quote = c;
			continue;
		}
		if (isspace(c)) {
			if (any) {
				/* Leave the newline to count it next time. */
				r->pos--;
				break;
			}
			if (c == '\n')
				r->line++;
			continue;
		}
		if (c == '#' && !any) {
			comment = true;
			continue;
		}
		if (!any)
			*line = r->line;
		any = true;
store:
		if (n + 1 >= outlen)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return any ? 1 : 0;
}

static int
pt_read_options(struct pt_state *st, const char *name, const char *buf,
    size_t len)
{
	struct pt_rd		 r = { buf, len, 0, 1 };
	const struct pt_opt	*o;
	char			 word[PT_WORD_MAX], arg[PT_WORD_MAX];
	int			 wline = 1, aline = 1, w;

	st->name = name;
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

/* pptpd.conf. */

static char *
pt_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	/* Poptop takes values as written; accept them quoted too. */
	if (e - s >= 2 && (*s == '"' || *s == '\'') && e[-1] == *s) {
		e[-1] = '\0';
		s++;
	}
	return s;
}

static int
pt_localip(struct pt_state *st, char *val)
{
	char		 first[INET_ADDRSTRLEN];
	size_t		 n;

	n = strcspn(val, ",- \t");
	if (n == 0 || n >= sizeof(first)) {
		pt_error(st, "localip: '%s' is not an IPv4 address", val);
		return -1;
	}
	memcpy(first, val, n);
	first[n] = '\0';
	if (!pt_v4(st, "localip", first, &st->conf->local_addr))
		return -1;
	if (val[n] != '\0') {
		/* Poptop hands out one local address per call. */
		pt_warn(st, "localip", "list (hpptpd uses its first address "
		    "for every session)");
	}
	st->have_local = true;
	return 0;
}

static int
pt_remoteip(struct pt_state *st, const char *val)
{
	conf_pool_check_fn	 check;
	char			 err[128];

	if (*val == '\0' || !conf_strcpy(st->conf->pool,
	    sizeof(st->conf->pool), val)) {
		pt_error(st, "remoteip: empty or longer than %zu characters",
		    sizeof(st->conf->pool) - 1);
		return -1;
	}
	if ((check = conf_get_pool_check()) != NULL &&
	    check(val, st->conf->local_addr, err, sizeof(err)) != 0) {
		pt_error(st, "remoteip: %s", err);
		return -1;
	}
	st->have_remote = true;
	return 0;
}

static int
pt_listen(struct pt_state *st, const char *val)
{
	struct conf_listen	 l;

	memset(&l, 0, sizeof(l));
	if (inet_pton(AF_INET, val, &l.addr.v4) == 1)
		l.af = AF_INET;
	else if (inet_pton(AF_INET6, val, &l.addr.v6) == 1)
		l.af = AF_INET6;
	else {
		pt_error(st, "listen: '%s' is not an IP address", val);
		return -1;
	}
	l.port = CONF_DEFAULT_PORT;
	/* pptpd has one listen address; the last line wins. */
	memset(st->conf->listen, 0, sizeof(st->conf->listen));
	st->conf->nlisten = 0;
	st->conf->listen[st->conf->nlisten++] = l;
	return 0;
}

/*
 * Returns the option file named by the last "option" line in *optpath
 * (empty if none).
 */
static int
pt_read_pptpd(struct pt_state *st, const char *name, const char *buf,
    size_t len, char *optpath, size_t optlen)
{
	char		 line[PT_WORD_MAX + 64], *kw, *val, *p;
	size_t		 pos = 0, n;
	long long	 v;
	int		 lineno = 0;

	optpath[0] = '\0';
	st->name = name;
	while (pos < len) {
		lineno++;
		st->line = lineno;
		for (n = 0; pos + n < len && buf[pos + n] != '\n'; n++)
			;
		if (n >= sizeof(line)) {
			pt_error(st, "line too long");
			pos += n + 1;
			continue;
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		pos += n + 1;
		if (memchr(line, '\0', n) != NULL) {
			pt_error(st, "NUL byte in line");
			continue;
		}
		for (p = line; *p != '\0'; p++)
			if (*p == '\t' || *p == '\r')
				*p = ' ';
		/* a comment is dropped unread: any bytes may stay in it */
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		if (!pt_printable(st, "line", line))
			continue;
		kw = line + strspn(line, " \t\r");
		if (*kw == '\0')
			continue;
		val = kw + strcspn(kw, " \t\r");
		if (*val != '\0')
			*val++ = '\0';
		val = pt_trim(val);

		if (strcasecmp(kw, "option") == 0) {
			if (*val == '\0' || !conf_strcpy(optpath, optlen, val))
				pt_error(st, "option: missing or too long "
				    "file name");
		} else if (strcasecmp(kw, "debug") == 0)
			st->conf->verbose = 1;
		else if (strcasecmp(kw, "logwtmp") == 0)
			st->conf->logwtmp = true;
		else if (strcasecmp(kw, "noipparam") == 0)
			st->conf->ipparam = false;
		else if (strcasecmp(kw, "localip") == 0)
			(void)pt_localip(st, val);
		else if (strcasecmp(kw, "remoteip") == 0)
			(void)pt_remoteip(st, val);
		else if (strcasecmp(kw, "listen") == 0)
			(void)pt_listen(st, val);
		else if (strcasecmp(kw, "connections") == 0) {
			if (pt_num(st, "connections", val, 1, 65535, &v)) {
				st->conf->max_sessions = (uint32_t)v;
				if (st->conf->max_sessions_per_user >
				    st->conf->max_sessions)
					st->conf->max_sessions_per_user =
					    st->conf->max_sessions;
			}
		} else if (strcasecmp(kw, "stimeout") == 0) {
			if (pt_num(st, "stimeout", val, 1, 300, &v))
				st->conf->sccrq_timeout_s = (uint32_t)v;
		} else if (strcasecmp(kw, "delegate") == 0)
			pt_error(st, "delegate: refused: hpptpd assigns "
			    "addresses itself; remove delegate and set "
			    "remoteip");
		else if (strcasecmp(kw, "bcrelay") == 0)
			pt_warn(st, "bcrelay", val);
		else if (strcasecmp(kw, "speed") == 0 ||
		    strcasecmp(kw, "ppp") == 0 ||
		    strcasecmp(kw, "pidfile") == 0 ||
		    strcasecmp(kw, "vrf") == 0)
			pt_warn(st, kw, val);
		else
			pt_warn(st, kw, "(unknown pptpd.conf keyword)");
	}
	return st->errors == 0 ? 0 : -1;
}

/* Poptop's defaults where they differ from hpptpd's built-in ones. */
static void
pt_init(struct pt_state *st, struct hp_conf *conf, char *warnings,
    size_t warnlen)
{
	memset(st, 0, sizeof(*st));
	st->conf = conf;
	st->warn = warnings;
	st->warnlen = warnlen;
	if (warnings != NULL && warnlen > 0)
		warnings[0] = '\0';
	st->allowed = CONF_AUTH_ALL;
	st->name = "pptpd.conf";

	conf_init(conf);
	conf->ndns = 0;
	memset(conf->dns, 0, sizeof(conf->dns));
	conf->nwins = 0;
	memset(conf->wins, 0, sizeof(conf->wins));
	conf->proxyarp = false;
	conf->logwtmp = false;
	conf->verbose = 0;
	conf->mppe_stateful = false;
	conf->pool[0] = '\0';
	conf->local_addr.s_addr = htonl(INADDR_ANY);
	(void)conf_strcpy(conf->ip_up, sizeof(conf->ip_up), CONF_POPTOP_IP_UP);
	(void)conf_strcpy(conf->ip_down, sizeof(conf->ip_down),
	    CONF_POPTOP_IP_DOWN);
}

/* Turn pppd's option semantics into hpptpd settings. */
static int
pt_finish(struct pt_state *st, const char *conf_name)
{
	struct hp_conf	*c = st->conf;
	unsigned	 keys;

	st->name = conf_name;
	st->line = 0;
	if (st->warn_omitted > 0) {
		size_t have = strlen(st->warn);

		(void)snprintf(st->warn + have, st->warnlen - have,
		    " and %zu more", st->warn_omitted);
	}
	if (!st->have_local) {
		log_warnx("%s: localip missing (hpptpd needs the server's "
		    "tunnel address)", conf_name);
		st->errors++;
	}
	if (!st->have_remote) {
		log_warnx("%s: remoteip missing (hpptpd assigns client "
		    "addresses from it)", conf_name);
		st->errors++;
	}

	/*
	 * pppd: require-* names what the peer must use; without any,
	 * every protocol not refused.  hpptpd always authenticates.
	 */
	c->auth = st->wanted != 0 ? st->wanted : st->allowed;

	if (st->nomppe) {
		c->mppe = CONF_MPPE_NONE;
		c->mppe_keys = 0;
		c->mppe_stateful = false;
	} else {
		/* pppd does 40 and 128 bits, never 56. */
		keys = st->mppe_req != 0 ? st->mppe_req :
		    CONF_MPPE_40 | CONF_MPPE_128;
		keys &= ~st->mppe_off;
		c->mppe = st->mppe_req != 0 || st->mppe_req_any ?
		    CONF_MPPE_REQUIRED : CONF_MPPE_OPTIONAL;
		c->mppe_keys = keys;
		if (keys == 0) {
			log_warnx("%s: MPPE: every key length is refused "
			    "(nomppe-40/nomppe-128)", conf_name);
			st->errors++;
		}
		/*
		 * MPPE keys come from MS-CHAP; pppd would accept PAP or
		 * CHAP and then fail CCP.  Leave them out instead.
		 */
		if (c->mppe == CONF_MPPE_REQUIRED)
			c->auth &= CONF_AUTH_MSCHAP | CONF_AUTH_MSCHAPV2;
	}
	if (c->auth == 0) {
		log_warnx("%s: no authentication protocol left (refuse-*, "
		    "require-*, require-mppe)", conf_name);
		st->errors++;
	}
	if (st->errors == 0 && conf_check(c, conf_name) != 0)
		st->errors++;
	return st->errors == 0 ? 0 : -1;
}

int
poptop_parse_buffers(const char *conf_name, const char *confbuf,
    size_t conflen, const char *opt_name, const char *optbuf, size_t optlen,
    struct hp_conf *conf, char *warnings, size_t warnlen)
{
	struct pt_state	 st;
	char		 optpath[PT_PATH_MAX];

	pt_init(&st, conf, warnings, warnlen);
	(void)pt_read_pptpd(&st, conf_name, confbuf, conflen, optpath,
	    sizeof(optpath));
	if (optbuf != NULL)
		(void)pt_read_options(&st, opt_name != NULL ? opt_name :
		    "options", optbuf, optlen);
	return pt_finish(&st, conf_name);
}

/* Read a whole regular file of at most POPTOP_MAX_FILE bytes. */
static int
pt_read_file(const char *path, char **bufp, size_t *lenp)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, saved;

	*bufp = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1)
		goto fail;
	if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if (sb.st_size > POPTOP_MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	if ((buf = malloc((size_t)sb.st_size + 1)) == NULL)
		goto fail;
	while (len < (size_t)sb.st_size) {
		n = read(fd, buf + len, (size_t)sb.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n == 0 ? EIO : errno;
			free(buf);
			close(fd);
			errno = saved;
			return -1;
		}
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fd);
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
poptop_load(const char *path, struct hp_conf *conf, char *warnings,
    size_t warnlen)
{
	struct pt_state	 st;
	char		 optpath[PT_PATH_MAX];
	char		*buf = NULL, *obuf = NULL;
	size_t		 len = 0, olen = 0;

	pt_init(&st, conf, warnings, warnlen);
	st.from_files = true;
	if (pt_read_file(path, &buf, &len) == -1) {
		log_warn("%s", path);
		return -1;
	}
	(void)pt_read_pptpd(&st, path, buf, len, optpath, sizeof(optpath));
	free(buf);
	if (optpath[0] != '\0') {
		if (pt_read_file(optpath, &obuf, &olen) == -1) {
			log_warn("%s: option %s", path, optpath);
			st.errors++;
		} else {
			(void)pt_read_options(&st, optpath, obuf, olen);
			free(obuf);
		}
	}
	if (st.radius && poptop_radius(conf, st.radius_conf[0] != '\0' ?
	    st.radius_conf : POPTOP_RADIUSCLIENT_CONF) != 0)
		st.errors++;
	pt_global_options(&st);
	return pt_finish(&st, path);
}

/*
 * Poptop's pppd reads /etc/ppp/options before the option file; hpptpd
 * does not.  If it sets anything, name it in the warning, so a setting
 * made there (lcp-echo-interval, say) is not lost without a word.
 */
static void
pt_global_options(struct pt_state *st)
{
	char		*buf = NULL, word[PT_WORD_MAX];
	size_t		 len = 0;
	struct pt_rd	 r;
	int		 line = 1;
	bool		 any;

	if (pt_read_file(PT_GLOBAL_OPTIONS, &buf, &len) == -1)
		return;
	/* any word at all, read as pppd reads it (-1: one too long) */
	r = (struct pt_rd){ buf, len, 0, 1 };
	any = pt_word(&r, word, sizeof(word), &line) != 0;
	free(buf);
	if (any) {
		st->line = 0;
		pt_warn(st, PT_GLOBAL_OPTIONS, "(pppd reads it first; hpptpd "
		    "does not: move what matters into the option file)");
	}
}

void
poptop_print(FILE *fp, const char *source, const struct hp_conf *conf,
    const char *warnings)
{
	fprintf(fp, "# hpptpd.conf converted from %s (hpptpd -P)\n", source);
	if (warnings != NULL && warnings[0] != '\0')
		fprintf(fp, "# %s\n", warnings);
	fputs("# Users stay in the chap-secrets file named below.\n\n", fp);
	conf_print(fp, conf);
}
