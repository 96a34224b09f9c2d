/*
 * hpptpd: configuration defaults, consistency check and comparison.
 * The grammar lives in parse.y, the Poptop reader in poptop.c, the
 * printer in printconf.c.
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
#include <unistd.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "master/conf.h"
#include "master/limits.h"

static struct in_addr
conf_v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct in_addr	in;

	in.s_addr = htonl((uint32_t)a << 24 | (uint32_t)b << 16 |
	    (uint32_t)c << 8 | d);
	return in;
}

/*
 * The built-in defaults reproduce the Poptop seed setup (local address
 * 10.100.1.1, pool 10.100.0.200-210 and 10.100.0.230-254, MS-CHAPv2
 * with MPPE-128 required, DNS and WINS 202.99.96.68), so that "hpptpd"
 * with no configuration file behaves like the seed pptpd.conf +
 * options.pptpd (proxyarp included), plus hpptpd's own limits and
 * protections.
 */
/* gre-workers' default: a data worker per online CPU, within bounds. */
static uint32_t
conf_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > GRE_WORKERS_MAX ? GRE_WORKERS_MAX : (uint32_t)n;
}

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
	c->nradius = 0;
	c->auth_source = AS_FILE;
	c->radius_deadtime_s = 60;
	c->radius_interim_s = 0;
	c->radius_acct_queue = 10000;	/* 10,000 sessions' Stops */
	c->ndae = 0;
	c->dae_listen.s_addr = htonl(INADDR_ANY);
	c->dae_port = CONF_DAE_PORT;
	c->dae_window_s = 300;		/* RFC 5176 section 3.4's example */

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
	c->tun_offload = true;
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
	c->gre_reorder_ms = GRE_REORDER_MS_DEFAULT;
	c->gre_reorder_window = GRE_REORDER_WIN_DEFAULT;
	c->gre_workers = conf_ncpus();

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

/* One identifier, "" meaning zero; -1 unless its upper 64 bits are 0. */
static int
conf_ifid_one(const char *s, size_t n, uint8_t id[8])
{
	struct in6_addr a;
	char buf[INET6_ADDRSTRLEN];
	static const uint8_t zero[8];

	memset(id, 0, 8);
	if (n == 0)
		return 0;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, &a) != 1 ||
	    memcmp(a.s6_addr, zero, 8) != 0)
		return -1;
	memcpy(id, a.s6_addr + 8, 8);
	return 0;
}

int
conf_ifid_pair(const char *s, uint8_t local[8], uint8_t remote[8],
    char *err, size_t errlen)
{
	const char *comma = strchr(s, ',');
	size_t n = comma != NULL ? (size_t)(comma - s) : strlen(s);

	if (conf_ifid_one(s, n, local) == -1 || (comma != NULL &&
	    conf_ifid_one(comma + 1, strlen(comma + 1), remote) == -1)) {
		snprintf(err, errlen, "interface id %s: not ::X[,::Y] with "
		    "the upper 64 bits zero", s);
		return -1;
	}
	if (comma == NULL)
		memset(remote, 0, 8);
	if (memcmp(local, remote, 8) == 0 && local[0] | local[1] | local[2] |
	    local[3] | local[4] | local[5] | local[6] | local[7]) {
		snprintf(err, errlen, "interface id %s: both ends equal", s);
		return -1;
	}
	return 0;
}

/*
 * "::" and the groups from the first non-zero one: inet_ntop would
 * write ::0.10.0.11 for ::a:b (an IPv4-compatible address).
 */
void
conf_ifid_fmt(const uint8_t id[8], char *out, size_t outlen)
{
	size_t i = 0, n;
	int w;

	snprintf(out, outlen, "%s", "");
	while (i < 8 && id[i] == 0 && id[i + 1] == 0)
		i += 2;
	if (i == 8)
		return;
	snprintf(out, outlen, "%s", ":");
	for (; i < 8; i += 2) {
		n = strlen(out);
		w = snprintf(out + n, outlen - n, ":%x",
		    (unsigned)(id[i] << 8 | id[i + 1]));
		if (w < 0 || (size_t)w >= outlen - n)
			return;
	}
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

static conf_pool_check_fn	pool_check;

void
conf_set_pool_check(conf_pool_check_fn fn)
{
	pool_check = fn;
}

conf_pool_check_fn
conf_get_pool_check(void)
{
	return pool_check;
}

static conf_named_pool_check_fn	named_pool_check;

void
conf_set_named_pool_check(conf_named_pool_check_fn fn)
{
	named_pool_check = fn;
}

conf_named_pool_check_fn
conf_get_named_pool_check(void)
{
	return named_pool_check;
}

/* Named pools differ: their names or prefixes, in order. */
static bool
conf_named_pools_differ(const struct hp_conf *a, const struct hp_conf *b)
{
	unsigned i;

	if (a->nnamed_pools != b->nnamed_pools)
		return true;
	for (i = 0; i < a->nnamed_pools; i++)
		if (strcmp(a->named_pools[i].name, b->named_pools[i].name) !=
		    0 || a->named_pools[i].p.addr.s_addr !=
		    b->named_pools[i].p.addr.s_addr ||
		    a->named_pools[i].p.len != b->named_pools[i].p.len)
			return true;
	return false;
}

/*
 * Rules that involve more than one setting.  Single values are checked
 * by the grammar where they are read, with their line numbers.
 */
/* "file:line" of setting k when known, else the file's name. */
static const char *
conf_at_str(const struct conf_at_rec *at, enum conf_at k, const char *name,
    char *buf, size_t len)
{
	if (at == NULL || at[k].line == 0)
		return name;
	(void)snprintf(buf, len, "%s:%d", at[k].file, at[k].line);
	return buf;
}

/* The metrics port is one of a PPTP listen's (the same or any address). */
static bool
metrics_listen_clash(const struct hp_conf *c)
{
	const struct conf_listen *ml = &c->metrics_listen, *l;
	static const struct in6_addr any6 = IN6ADDR_ANY_INIT;
	unsigned i;

	for (i = 0; i < c->nlisten; i++) {
		l = &c->listen[i];
		if (l->af != ml->af || l->port != ml->port)
			continue;
		if (l->af == AF_INET ? l->addr.v4.s_addr == INADDR_ANY ||
		    ml->addr.v4.s_addr == INADDR_ANY ||
		    l->addr.v4.s_addr == ml->addr.v4.s_addr :
		    memcmp(&l->addr.v6, &any6, sizeof(any6)) == 0 ||
		    memcmp(&ml->addr.v6, &any6, sizeof(any6)) == 0 ||
		    memcmp(&l->addr.v6, &ml->addr.v6, sizeof(any6)) == 0)
			return true;
	}
	return false;
}

int
conf_check(const struct hp_conf *c, const char *name)
{
	return conf_check_at(c, name, NULL);
}

int
conf_check_at(const struct hp_conf *c, const char *name,
    const struct conf_at_rec *at)
{
	char	w[CONF_PATH_MAX + 16];
	int	bad = 0;

#define AT(k)	conf_at_str(at, (k), name, w, sizeof(w))
	if (c->nlisten == 0) {
		log_warnx("%s: no listen address", name);
		bad++;
	}
	if (c->auth == 0 || (c->auth & ~CONF_AUTH_ALL) != 0) {
		log_warnx("%s: auth: no authentication method", AT(CA_AUTH));
		bad++;
	}
	if (c->pool[0] == '\0') {
		log_warnx("%s: pool: empty", name);
		bad++;
	}
	if (c->local_addr.s_addr == htonl(INADDR_ANY)) {
		log_warnx("%s: local address: not set", name);
		bad++;
	}
	if (c->mppe != CONF_MPPE_NONE) {
		if (c->mppe_keys == 0 || (c->mppe_keys & ~CONF_MPPE_ALL)) {
			log_warnx("%s: mppe: no key length", AT(CA_MPPE));
			bad++;
		}
		/* MPPE keys come from MS-CHAP (RFC 3079); nothing else. */
		if (c->mppe == CONF_MPPE_REQUIRED &&
		    (c->auth & ~(CONF_AUTH_MSCHAP | CONF_AUTH_MSCHAPV2))) {
			log_warnx("%s: mppe require: auth may only list "
			    "mschap and mschap-v2 (pap and chap give no "
			    "MPPE keys)", AT(at != NULL && at[CA_MPPE].line ?
			    CA_MPPE : CA_AUTH));
			bad++;
		}
	}
	/* they go in the pool's router advertisements, and nowhere else */
	if ((c->ndns6 > 0 || c->nroutes6 > 0) && c->ipv6_pool_len == 0) {
		log_warnx("%s: dns6 and push-route6 need an ipv6 pool (they "
		    "are sent in its router advertisements)", name);
		bad++;
	}
	if (c->auth_source != AS_FILE && c->nradius == 0) {
		log_warnx("%s: auth-source radius: no radius server", name);
		bad++;
	}
	/* auth finds a session by its accounting record, kept per server */
	if (c->ndae > 0 && c->nradius == 0) {
		log_warnx("%s: radius dae client: no radius server (a "
		    "Disconnect/CoA names sessions by their accounting)", name);
		bad++;
	}
	if (c->nat && c->nat_ifname[0] == '\0') {
		log_warnx("%s: nat: no interface", AT(CA_NAT));
		bad++;
	}
	if (c->lockout_failures != 0 &&
	    (c->lockout_window_s == 0 || c->lockout_time_s == 0)) {
		log_warnx("%s: lockout: window and time must be set",
		    AT(CA_LOCKOUT));
		bad++;
	}
	if (c->conn_burst < c->conn_rate) {
		log_warnx("%s: connection-rate: burst %u is below the rate %u",
		    AT(CA_CONNRATE), c->conn_burst, c->conn_rate);
		bad++;
	}
	/* one call per connection, each with a Call ID of its own */
	if (c->max_connections > CONF_CALL_IDS) {
		log_warnx("%s: max-connections %u cannot be reached: a box has "
		    "%u PPTP call ids (one call per connection)", AT(CA_MAXCONN),
		    c->max_connections, CONF_CALL_IDS);
		bad++;
	}
	if (c->max_sessions > CONF_CALL_IDS) {
		log_warnx("%s: max-sessions %u cannot be reached: a box has "
		    "%u PPTP call ids", AT(CA_MAXSESS), c->max_sessions,
		    CONF_CALL_IDS);
		bad++;
	}
	if (c->max_sessions_per_user > c->max_sessions) {
		log_warnx("%s: max-sessions-per-user %u exceeds max-sessions "
		    "%u", AT(CA_MAXSESSUSER), c->max_sessions_per_user,
		    c->max_sessions);
		bad++;
	}
#undef AT
	if (c->metrics_listen_on && metrics_listen_clash(c)) {
		log_warnx("%s: metrics listen on: port %u is a PPTP listen "
		    "port of the same address", name, c->metrics_listen.port);
		bad++;
	}
	/* each data worker has its own tun: "<tun>-<k>" for k >= 1 */
	if (c->gre_workers > 1 && strlen(c->tun_name) + 1 +
	    (c->gre_workers > 10 ? 2 : 1) >= CONF_IFNAME_MAX) {
		log_warnx("%s: tun %s is too long for gre-workers %u: the "
		    "data workers' devices are %s-1 and so on, at most %u "
		    "characters", name, c->tun_name, c->gre_workers,
		    c->tun_name, CONF_IFNAME_MAX - 1);
		bad++;
	}
	if (c->tun_name[0] == '\0' || c->user[0] == '\0' ||
	    c->server_name[0] == '\0' || c->chroot_dir[0] != '/' ||
	    c->secrets[0] != '/' || c->control[0] != '/') {
		log_warnx("%s: tun, user, server-name, chroot, secrets and "
		    "control must be set", name);
		bad++;
	}
	return bad == 0 ? 0 : -1;
}

int
conf_check_reach(const struct hp_conf *c, const char *name)
{
	unsigned need = limits_ctrl_nofile(c->max_connections);
	char why[160];

	if (limits_nofile_check(need, why, sizeof(why)) == HP_OK)
		return 0;
	log_warnx("%s: max-connections %u cannot be reached: ctrl needs %u "
	    "file descriptors, but %s", name, c->max_connections, need, why);
	return -1;
}

/* Comparison for SIGHUP and the round-trip tests. */

struct conf_diffctx {
	conf_diff_fn	 fn;
	void		*arg;
	unsigned	 n;
};

static void
conf_diff_note(struct conf_diffctx *d, bool differ, const char *kw,
    bool restart)
{
	if (!differ)
		return;
	d->n++;
	if (d->fn != NULL)
		d->fn(kw, restart, d->arg);
}

#define DIFF_FIELD(f)	(a->f != b->f)
#define DIFF_STR(f)	(strcmp(a->f, b->f) != 0)

static bool
conf_listen_differ(const struct hp_conf *a, const struct hp_conf *b)
{
	unsigned	i;

	if (a->nlisten != b->nlisten)
		return true;
	for (i = 0; i < a->nlisten; i++) {
		if (a->listen[i].af != b->listen[i].af ||
		    a->listen[i].port != b->listen[i].port)
			return true;
		if (a->listen[i].af == AF_INET ?
		    a->listen[i].addr.v4.s_addr != b->listen[i].addr.v4.s_addr :
		    memcmp(&a->listen[i].addr.v6, &b->listen[i].addr.v6,
		    sizeof(a->listen[i].addr.v6)) != 0)
			return true;
	}
	return false;
}

static bool
conf_v4_differ(const struct in_addr *a, unsigned na, const struct in_addr *b,
    unsigned nb)
{
	unsigned	i;

	if (na != nb)
		return true;
	for (i = 0; i < na; i++)
		if (a[i].s_addr != b[i].s_addr)
			return true;
	return false;
}

static bool
conf_routes_differ(const struct hp_conf *a, const struct hp_conf *b)
{
	unsigned	i;

	if (a->nroutes != b->nroutes)
		return true;
	for (i = 0; i < a->nroutes; i++)
		if (a->routes[i].addr.s_addr != b->routes[i].addr.s_addr ||
		    a->routes[i].len != b->routes[i].len)
			return true;
	return false;
}

const struct conf_rate *
conf_rate_for(const struct hp_conf *c, const char *user)
{
	unsigned	i;

	for (i = 0; i < c->nuser_rates; i++)
		if (strcmp(c->user_rates[i].user, user) == 0)
			return &c->user_rates[i].rate;
	return &c->rate;
}

unsigned
conf_diff(const struct hp_conf *a, const struct hp_conf *b, conf_diff_fn fn,
    void *arg)
{
	struct conf_diffctx	d = { fn, arg, 0 };

	conf_diff_note(&d, conf_listen_differ(a, b), "listen", true);
	conf_diff_note(&d, DIFF_FIELD(local_addr.s_addr), "local address",
	    true);
	conf_diff_note(&d, DIFF_STR(pool), "pool", true);
	conf_diff_note(&d, DIFF_STR(static_addrs), "static-addresses", true);
	conf_diff_note(&d, DIFF_STR(radius_pool), "radius pool", true);
	conf_diff_note(&d, conf_named_pools_differ(a, b), "pool NAME", false);
	conf_diff_note(&d, DIFF_FIELD(auth), "auth", false);
	conf_diff_note(&d, DIFF_FIELD(mppe) || DIFF_FIELD(mppe_keys),
	    "mppe", false);
	conf_diff_note(&d, DIFF_FIELD(mppe_stateful), "mppe stateful", false);
	/* new sessions only, as every PPP setting */
	conf_diff_note(&d, DIFF_FIELD(ipv6) ||
	    memcmp(a->ipv6_ifid_local, b->ipv6_ifid_local, 8) != 0 ||
	    memcmp(a->ipv6_ifid_remote, b->ipv6_ifid_remote, 8) != 0,
	    "ipv6", false);
	/* the prefix pool is built at start, as the IPv4 one */
	conf_diff_note(&d, memcmp(&a->ipv6_pool, &b->ipv6_pool,
	    sizeof(a->ipv6_pool)) != 0 || DIFF_FIELD(ipv6_pool_len) ||
	    DIFF_FIELD(ipv6_prefix_len), "ipv6 pool", true);
	conf_diff_note(&d, DIFF_FIELD(ndns6) || memcmp(a->dns6, b->dns6,
	    sizeof(a->dns6)) != 0, "dns6", false);
	conf_diff_note(&d, DIFF_FIELD(nroutes6) || memcmp(a->routes6,
	    b->routes6, sizeof(a->routes6)) != 0, "push-route6", false);
	conf_diff_note(&d, DIFF_STR(server_name), "server-name", false);
	conf_diff_note(&d, DIFF_STR(secrets), "secrets", false);
	conf_diff_note(&d, DIFF_FIELD(secrets_group_readable),
	    "secrets group-readable", false);
	conf_diff_note(&d, DIFF_FIELD(nradius) || memcmp(a->radius, b->radius,
	    sizeof(a->radius)) != 0, "radius server", false);
	conf_diff_note(&d, DIFF_FIELD(auth_source), "auth-source", false);
	conf_diff_note(&d, DIFF_STR(radius_nas_id) ||
	    DIFF_FIELD(radius_nas_ip.s_addr) ||
	    DIFF_FIELD(radius_deadtime_s) || DIFF_FIELD(radius_interim_s) ||
	    DIFF_FIELD(radius_acct_queue) ||
	    DIFF_FIELD(radius_acct_timeout_s), "radius", false);
	/* master holds the bound socket: where it listens needs a restart */
	conf_diff_note(&d, (a->ndae == 0) != (b->ndae == 0) ||
	    DIFF_FIELD(dae_listen.s_addr) || DIFF_FIELD(dae_port),
	    "radius dae listen", true);
	conf_diff_note(&d, DIFF_FIELD(ndae) || memcmp(a->dae, b->dae,
	    sizeof(a->dae)) != 0 || DIFF_FIELD(dae_window_s),
	    "radius dae client", false);
	conf_diff_note(&d, conf_v4_differ(a->dns, a->ndns, b->dns, b->ndns),
	    "dns", false);
	conf_diff_note(&d, conf_v4_differ(a->wins, a->nwins, b->wins,
	    b->nwins), "wins", false);
	conf_diff_note(&d, conf_routes_differ(a, b), "push-route", false);
	conf_diff_note(&d, DIFF_STR(domain), "domain", false);
	conf_diff_note(&d, DIFF_STR(tun_name), "tun", true);
	conf_diff_note(&d, DIFF_FIELD(mtu), "mtu", true);
	conf_diff_note(&d, DIFF_FIELD(tun_offload), "tun-offload", true);
	conf_diff_note(&d, DIFF_FIELD(mru), "mru", false);
	conf_diff_note(&d, DIFF_FIELD(lcp_echo_interval_s) ||
	    DIFF_FIELD(lcp_echo_failure), "lcp-echo", false);
	conf_diff_note(&d, DIFF_FIELD(tcp_mss_adjust), "tcp-mss-adjust",
	    false);
	conf_diff_note(&d, DIFF_FIELD(proxyarp), "proxyarp", false);
	conf_diff_note(&d, DIFF_FIELD(client_to_client), "client-to-client",
	    false);
	conf_diff_note(&d, memcmp(&a->rate, &b->rate, sizeof(a->rate)) != 0 ||
	    a->nuser_rates != b->nuser_rates || memcmp(a->user_rates,
	    b->user_rates, sizeof(a->user_rates)) != 0, "rate-limit", false);
	conf_diff_note(&d, DIFF_FIELD(metrics_per_user), "metrics per-user",
	    false);
	conf_diff_note(&d, DIFF_FIELD(metrics_listen_on) ||
	    DIFF_FIELD(metrics_listen.af) || DIFF_FIELD(metrics_listen.port) ||
	    memcmp(&a->metrics_listen.addr, &b->metrics_listen.addr,
	    sizeof(a->metrics_listen.addr)) != 0, "metrics listen", true);
	conf_diff_note(&d, DIFF_FIELD(nat) || DIFF_STR(nat_ifname), "nat",
	    true);
	conf_diff_note(&d, DIFF_FIELD(logwtmp), "logwtmp", false);
	conf_diff_note(&d, DIFF_STR(ip_up), "ip-up", false);
	conf_diff_note(&d, DIFF_STR(ip_down), "ip-down", false);
	conf_diff_note(&d, DIFF_FIELD(ipparam), "ipparam", false);
	conf_diff_note(&d, DIFF_FIELD(hook_timeout_s), "hook-timeout", false);
	conf_diff_note(&d, DIFF_FIELD(max_sessions), "max-sessions", true);
	conf_diff_note(&d, DIFF_FIELD(max_sessions_per_user),
	    "max-sessions-per-user", false);
	conf_diff_note(&d, DIFF_FIELD(max_connections), "max-connections",
	    true);
	conf_diff_note(&d, DIFF_FIELD(max_conn_per_source),
	    "max-connections-per-source", false);
	conf_diff_note(&d, DIFF_FIELD(conn_rate) || DIFF_FIELD(conn_burst),
	    "connection-rate", false);
	conf_diff_note(&d, DIFF_FIELD(lockout_failures) ||
	    DIFF_FIELD(lockout_window_s) || DIFF_FIELD(lockout_time_s),
	    "lockout", false);
	conf_diff_note(&d, DIFF_FIELD(sccrq_timeout_s), "sccrq-timeout",
	    false);
	conf_diff_note(&d, DIFF_FIELD(ppp_timeout_s), "ppp-timeout", false);
	conf_diff_note(&d, DIFF_FIELD(calls_per_ctrl), "calls-per-connection",
	    false);
	conf_diff_note(&d, DIFF_FIELD(pptp_echo_interval_s), "pptp-echo",
	    false);
	conf_diff_note(&d, DIFF_FIELD(gre_reorder_ms) ||
	    DIFF_FIELD(gre_reorder_window), "gre-reorder", false);
	conf_diff_note(&d, DIFF_FIELD(gre_workers), "gre-workers", true);
	conf_diff_note(&d, DIFF_STR(chroot_dir), "chroot", true);
	conf_diff_note(&d, DIFF_STR(user), "user", true);
	conf_diff_note(&d, DIFF_STR(control), "control", true);
	conf_diff_note(&d, DIFF_FIELD(verbose), "log-level", false);
	return d.n;
}
