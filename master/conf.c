/*
 * hpptpd: configuration defaults, consistency check and printing.
 * The grammar lives in parse.y, the Poptop reader in poptop.c.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "master/conf.h"

static struct in_addr
conf_v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct in_addr	in;

	in.s_addr = htonl((uint32_t)a << 24 | (uint32_t)b << 16 |
	    (uint32_t)c << 8 | d);
	return in;
}

/*
 * The built-in defaults reproduce the Poptop seed setup of DESIGN.md,
 * so that "hpptpd" with no configuration file behaves like the seed
 * pptpd.conf + options.pptpd (proxyarp included), plus hpptpd's own
 * limits and protections.
 */
void
conf_init(struct hp_conf *c)
{
	memset(c, 0, sizeof(*c));

	c->listen[0].af = AF_INET;
	c->listen[0].addr.v4.s_addr = htonl(INADDR_ANY);
	c->listen[0].port = CONF_DEFAULT_PORT;
	c->nlisten = 1;

	c->local_addr = conf_v4(10, 100, 1, 1);
	conf_strcpy(c->pool, sizeof(c->pool), "10.100.0.200-210,10.100.0.230-254");

	c->auth = CONF_AUTH_MSCHAPV2;
	c->mppe = CONF_MPPE_REQUIRED;
	c->mppe_keys = CONF_MPPE_128;
	c->mppe_stateful = false;
	conf_strcpy(c->server_name, sizeof(c->server_name), "pptpd");
	conf_strcpy(c->secrets, sizeof(c->secrets), CONF_DEFAULT_SECRETS);
	c->secrets_group_readable = false;

	c->dns[0] = conf_v4(202, 99, 96, 68);
	c->ndns = 1;
	c->wins[0] = conf_v4(202, 99, 96, 68);
	c->nwins = 1;

	conf_strcpy(c->tun_name, sizeof(c->tun_name), "hpptp0");
	c->mtu = 1400;
	c->mru = 1400;
	c->lcp_echo_interval_s = 10;
	c->lcp_echo_failure = 3;
	c->tcp_mss_adjust = true;
	c->proxyarp = true;
	c->client_to_client = false;
	c->nat = false;

	c->logwtmp = false;
	c->ipparam = true;
	c->hook_timeout_s = 30;

	c->max_sessions = 1000;
	c->max_sessions_per_user = 0;
	c->max_connections = 1000;
	c->max_conn_per_source = 16;
	c->conn_rate = 50;
	c->conn_burst = 100;
	c->lockout_failures = 5;
	c->lockout_window_s = 60;
	c->lockout_time_s = 300;

	c->sccrq_timeout_s = 10;
	c->ppp_timeout_s = 60;
	c->calls_per_ctrl = 1;
	c->pptp_echo_interval_s = 60;
	c->gre_reorder_ms = 300;
	c->gre_reorder_window = 32;

	conf_strcpy(c->chroot_dir, sizeof(c->chroot_dir), "/var/empty");
	conf_strcpy(c->user, sizeof(c->user), "_hpptpd");
	conf_strcpy(c->control, sizeof(c->control), CONF_DEFAULT_CONTROL);
	c->verbose = 0;
}

/* Copy a string; false (and dst cut short, terminated) if it did not fit. */
bool
conf_strcpy(char *dst, size_t dstlen, const char *src)
{
	size_t	n = strlen(src);

	if (dstlen == 0)
		return false;
	if (n >= dstlen) {
		memcpy(dst, src, dstlen - 1);
		dst[dstlen - 1] = '\0';
		return false;
	}
	memcpy(dst, src, n + 1);
	return true;
}

/*
 * strtonum(3) for glibc: a decimal number within [min, max], or
 * *errstr set to "invalid", "too small" or "too large".
 */
long long
conf_strtonum(const char *s, long long min, long long max,
    const char **errstr)
{
	char		*end;
	long long	 v;

	*errstr = NULL;
	if (min > max || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9'))) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

void
conf_free(struct hp_conf *c)
{
	/* Nothing is allocated; wipe so a stale copy is never mistaken. */
	memset(c, 0, sizeof(*c));
}

const char *
conf_mppe_name(enum conf_mppe m)
{
	switch (m) {
	case CONF_MPPE_NONE:
		return "none";
	case CONF_MPPE_OPTIONAL:
		return "allow";
	case CONF_MPPE_REQUIRED:
		return "require";
	}
	return "unknown";
}
