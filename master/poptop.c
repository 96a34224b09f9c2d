/*
 * hpptpd: Poptop compatibility (pptpd.conf + pppd option file).
 *
 * pptpd.conf is line based: a keyword and the rest of the line, '#'
 * starting a comment anywhere (Poptop's configfile.c).  The option
 * file uses pppd's word syntax, read by common/pppword.c as pppd reads
 * it (words separated by white space, '#' comments at the start of a
 * word, single and double quotes, backslash escapes, backslash-newline
 * joins lines).  Both readers work on a buffer that the caller bounded
 * (POPTOP_MAX_FILE) and never write past their output arrays.
 *
 * The pppd option table and its handlers are in poptop_opts.c, the
 * helpers both use in poptop_subr.c; this file reads pptpd.conf, runs
 * the whole read (poptop_load, poptop_parse_buffers), turns pppd's
 * semantics into hpptpd settings and prints the result.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "common/pppword.h"
#include "master/conf.h"
#include "master/poptop.h"
#include "master/poptop_local.h"

static void	pt_global_options(struct pt_state *);

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
	struct pw_rd	 r;
	int		 line = 1;
	bool		 any;

	if (pt_read_file(PT_GLOBAL_OPTIONS, &buf, &len) == -1)
		return;
	/* any word at all, read as pppd reads it (-1: one too long) */
	pw_init(&r, buf, len, 0);
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
