/*
 * hpptpd master: Poptop's RADIUS (-P): pppd's "plugin radius.so" and
 * the radiusclient.conf it reads ("radius-config-file", by default
 * /etc/radiusclient/radiusclient.conf), turned into radius server
 * statements.  The servers file (host and secret per line) is never
 * read here: it becomes each server's secret-file, which only auth
 * reads, taking the line of that server's address.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/msg.h"
#include "master/conf.h"
#include "master/poptop_local.h"

#define PR_LINE_MAX	512

struct pr_conf {
	char	 auth[PR_LINE_MAX];	/* authserver */
	char	 acct[PR_LINE_MAX];	/* acctserver */
	char	 servers[CONF_PATH_MAX];
	char	 nas_id[CONF_NAME_MAX];
	long	 timeout, retries, deadtime;
};

/* "host[:port]": an address (or localhost) and a port, 0 when none. */
static int
pr_host(const char *s, struct in_addr *a, unsigned *port)
{
	char host[64];
	const char *c = strchr(s, ':');
	size_t n = c != NULL ? (size_t)(c - s) : strlen(s);

	*port = 0;
	if (n == 0 || n >= sizeof(host))
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	if (c != NULL && ((*port = (unsigned)strtoul(c + 1, NULL, 10)) == 0 ||
	    *port > 65535))
		return -1;
	if (strcmp(host, "localhost") == 0)
		return inet_pton(AF_INET, "127.0.0.1", a) == 1 ? 0 : -1;
	return inet_pton(AF_INET, host, a) == 1 ? 0 : -1;
}

static void
pr_keyword(struct pr_conf *p, const char *k, const char *v)
{
	if (strcmp(k, "authserver") == 0)
		(void)conf_strcpy(p->auth, sizeof(p->auth), v);
	else if (strcmp(k, "acctserver") == 0)
		(void)conf_strcpy(p->acct, sizeof(p->acct), v);
	else if (strcmp(k, "servers") == 0)
		(void)conf_strcpy(p->servers, sizeof(p->servers), v);
	else if (strcmp(k, "nas-identifier") == 0)
		(void)conf_strcpy(p->nas_id, sizeof(p->nas_id), v);
	else if (strcmp(k, "radius_timeout") == 0)
		p->timeout = strtol(v, NULL, 10);
	else if (strcmp(k, "radius_retries") == 0)
		p->retries = strtol(v, NULL, 10);
	else if (strcmp(k, "radius_deadtime") == 0)
		p->deadtime = strtol(v, NULL, 10);
}

static int
pr_read(const char *path, struct pr_conf *p)
{
	char line[PR_LINE_MAX], *k, *v, *e;
	FILE *fp;

	if ((fp = fopen(path, "re")) == NULL) {
		log_warn("radius-config-file %s", path);
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		for (k = line; isspace((unsigned char)*k); k++)
			continue;
		if (*k == '#' || *k == '\0')
			continue;
		for (v = k; *v != '\0' && !isspace((unsigned char)*v); v++)
			continue;
		if (*v != '\0')
			*v++ = '\0';
		while (isspace((unsigned char)*v))
			v++;
		for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		pr_keyword(p, k, v);
	}
	fclose(fp);
	return 0;
}

/* The acctserver port for this address, else 1813. */
static unsigned
pr_acct_port(const struct pr_conf *p, struct in_addr a)
{
	char list[PR_LINE_MAX], *w, *s = list;
	struct in_addr b;
	unsigned port;

	(void)conf_strcpy(list, sizeof(list), p->acct);
	while ((w = strsep(&s, ", \t")) != NULL)
		if (*w != '\0' && pr_host(w, &b, &port) == 0 &&
		    b.s_addr == a.s_addr && port != 0)
			return port;
	return CONF_RADIUS_ACCT_PORT;
}

int
poptop_radius(struct hp_conf *c, const char *path)
{
	struct pr_conf p;
	struct conf_radius *r;
	char list[PR_LINE_MAX], *w, *s = list;
	unsigned port;

	memset(&p, 0, sizeof(p));
	(void)conf_strcpy(p.servers, sizeof(p.servers),
	    "/etc/radiusclient/servers");
	p.timeout = 3;
	p.retries = 3;
	if (pr_read(path, &p) != 0)
		return -1;
	(void)conf_strcpy(list, sizeof(list), p.auth);
	while ((w = strsep(&s, ", \t")) != NULL) {
		if (*w == '\0')
			continue;
		if (c->nradius >= CONF_MAX_RADIUS) {
			log_warnx("%s: authserver: more than %d servers",
			    path, CONF_MAX_RADIUS);
			return -1;
		}
		r = &c->radius[c->nradius];
		memset(r, 0, sizeof(*r));
		if (pr_host(w, &r->addr, &port) != 0) {
			log_warnx("%s: authserver %s: an IPv4 address "
			    "(or localhost) is needed", path, w);
			return -1;
		}
		r->auth_port = (uint16_t)(port ? port : CONF_RADIUS_AUTH_PORT);
		r->acct_port = (uint16_t)pr_acct_port(&p, r->addr);
		r->timeout_ms = (uint32_t)(p.timeout >= 1 && p.timeout <= 60 ?
		    p.timeout : 3) * 1000;
		r->retries = (uint32_t)(p.retries >= 1 && p.retries <= 10 ?
		    p.retries : 3);
		r->require_ma = true;
		(void)conf_strcpy(r->secret_file, sizeof(r->secret_file),
		    p.servers);
		c->nradius++;
	}
	if (c->nradius == 0) {
		log_warnx("%s: no authserver", path);
		return -1;
	}
	if (p.deadtime >= 0 && p.deadtime <= 3600)
		c->radius_deadtime_s = (uint32_t)p.deadtime;
	if (p.nas_id[0] != '\0')
		(void)conf_strcpy(c->radius_nas_id, sizeof(c->radius_nas_id),
		    p.nas_id);
	/* pppd's radius.so replaces chap-secrets */
	c->auth_source = AS_RADIUS;
	return 0;
}
