/*
 * hpptpd: printing a configuration (hpptpd -n, and the Poptop
 * converter's output).  What conf_print() writes parses back to the
 * same struct; the round-trip tests (test_master_conf) hold it to that.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>

#include "common/msg.h"
#include "common/rate.h"
#include "master/conf.h"

static void	conf_print_ipv6(FILE *, const struct hp_conf *);
static void	conf_print_ipv6_ra(FILE *, const struct hp_conf *);

static void
conf_print_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
conf_print_str(FILE *fp, const char *kw, const char *s)
{
	fprintf(fp, "%s ", kw);
	conf_print_quoted(fp, s);
	fputc('\n', fp);
}

/* "10M/2M", then " burst 256k" when one is set, and the newline. */
static void
conf_print_rate(FILE *fp, const struct conf_rate *r)
{
	char	down[RATE_STR_MAX], up[RATE_STR_MAX], burst[RATE_STR_MAX];

	rate_format(r->down_bps, down, sizeof(down));
	rate_format(r->up_bps, up, sizeof(up));
	fprintf(fp, "%s/%s", down, up);
	if (r->burst != 0) {
		rate_format(r->burst, burst, sizeof(burst));
		fprintf(fp, " burst %s", burst);
	}
	fputc('\n', fp);
}

static void
conf_print_rates(FILE *fp, const struct hp_conf *c)
{
	unsigned	i;

	if (c->rate.down_bps == 0 && c->rate.up_bps == 0)
		fputs("rate-limit no\n", fp);
	else {
		fputs("rate-limit ", fp);
		conf_print_rate(fp, &c->rate);
	}
	for (i = 0; i < c->nuser_rates; i++) {
		fputs("rate-limit user ", fp);
		conf_print_quoted(fp, c->user_rates[i].user);
		fputc(' ', fp);
		conf_print_rate(fp, &c->user_rates[i].rate);
	}
}

static void
conf_fmt_dur(char *buf, size_t len, uint64_t ms)
{
	uint64_t	s = ms / 1000;

	if (ms % 1000 != 0)
		snprintf(buf, len, "%llums", (unsigned long long)ms);
	else if (s != 0 && s % 3600 == 0)
		snprintf(buf, len, "%lluh", (unsigned long long)(s / 3600));
	else if (s != 0 && s % 60 == 0)
		snprintf(buf, len, "%llum", (unsigned long long)(s / 60));
	else
		snprintf(buf, len, "%llus", (unsigned long long)s);
}

static void
conf_print_dur(FILE *fp, const char *kw, uint32_t secs)
{
	char	buf[32];

	conf_fmt_dur(buf, sizeof(buf), (uint64_t)secs * 1000);
	fprintf(fp, "%s %s\n", kw, buf);
}

static void
conf_print_yesno(FILE *fp, const char *kw, bool v)
{
	fprintf(fp, "%s %s\n", kw, v ? "yes" : "no");
}

static void
conf_print_v4list(FILE *fp, const char *kw, const struct in_addr *a,
    unsigned n)
{
	char		buf[INET_ADDRSTRLEN];
	unsigned	i;

	if (n == 0) {
		fprintf(fp, "%s none\n", kw);
		return;
	}
	fputs(kw, fp);
	for (i = 0; i < n; i++)
		fprintf(fp, " %s", inet_ntop(AF_INET, &a[i], buf,
		    sizeof(buf)));
	fputc('\n', fp);
}

static void
conf_print_path(FILE *fp, const char *kw, const char *path)
{
	if (path[0] == '\0')
		fprintf(fp, "%s none\n", kw);
	else
		conf_print_str(fp, kw, path);
}

/* Disconnect/CoA (issue 16): printed only when a client is listed. */
static void
conf_print_dae(FILE *fp, const struct hp_conf *c)
{
	const struct conf_dae_client *d;
	char a[INET_ADDRSTRLEN];
	unsigned i;

	if (c->ndae == 0)
		return;
	for (i = 0; i < c->ndae; i++) {
		d = &c->dae[i];
		fprintf(fp, "radius dae client %s secret-file ",
		    inet_ntop(AF_INET, &d->addr, a, sizeof(a)));
		conf_print_quoted(fp, d->secret_file);
		fprintf(fp, " require-message-authenticator %s "
		    "require-event-timestamp %s multiple-sessions %u\n",
		    d->require_ma ? "yes" : "no", d->require_ts ? "yes" : "no",
		    d->max_sessions);
	}
	fprintf(fp, "radius dae listen %s\n", inet_ntop(AF_INET,
	    &c->dae_listen, a, sizeof(a)));
	fprintf(fp, "radius dae port %u\n", c->dae_port);
	conf_print_dur(fp, "radius dae window", c->dae_window_s);
}

/* RADIUS (issue 15): printed only when configured. */
static void
conf_print_radius(FILE *fp, const struct hp_conf *c)
{
	static const char *const src[] = {
		[AS_FILE] = "file", [AS_RADIUS] = "radius",
		[AS_RADIUS_FILE] = "radius file",
	};
	const struct conf_radius *r;
	char a[INET_ADDRSTRLEN], dur[32];
	unsigned i;

	if (c->nradius == 0 && c->auth_source == AS_FILE)
		return;
	fputs("\n# RADIUS\n", fp);
	for (i = 0; i < c->nradius; i++) {
		r = &c->radius[i];
		fprintf(fp, "radius server %s secret-file ", inet_ntop(AF_INET,
		    &r->addr, a, sizeof(a)));
		conf_print_quoted(fp, r->secret_file);
		conf_fmt_dur(dur, sizeof(dur), r->timeout_ms);
		fprintf(fp, " auth-port %u acct-port %u timeout %s retries %u "
		    "require-message-authenticator %s\n", r->auth_port,
		    r->acct_port, dur, r->retries, r->require_ma ? "yes" : "no");
	}
	if (c->radius_nas_id[0] != '\0')
		conf_print_str(fp, "radius nas-identifier", c->radius_nas_id);
	if (c->radius_pool[0] != '\0')
		conf_print_str(fp, "radius pool", c->radius_pool);
	if (c->radius_nas_ip.s_addr != 0)
		fprintf(fp, "radius nas-ip-address %s\n", inet_ntop(AF_INET,
		    &c->radius_nas_ip, a, sizeof(a)));
	conf_print_dur(fp, "radius deadtime", c->radius_deadtime_s);
	if (c->radius_interim_s == 0)
		fputs("radius acct-interim no\n", fp);
	else
		conf_print_dur(fp, "radius acct-interim", c->radius_interim_s);
	if (c->radius_acct_timeout_s == 0)
		fputs("radius acct-timeout no\n", fp);
	else
		conf_print_dur(fp, "radius acct-timeout",
		    c->radius_acct_timeout_s);
	fprintf(fp, "radius acct-queue %u\n", c->radius_acct_queue);
	fprintf(fp, "auth-source %s\n", c->auth_source < 3 ?
	    src[c->auth_source] : "file");
	conf_print_dae(fp, c);
}

void
conf_print(FILE *fp, const struct hp_conf *c)
{
	static const struct {
		unsigned	 bit;
		const char	*name;
	} auths[] = {
		{ CONF_AUTH_MSCHAPV2, "mschap-v2" },
		{ CONF_AUTH_MSCHAP, "mschap" },
		{ CONF_AUTH_CHAP, "chap" },
		{ CONF_AUTH_PAP, "pap" },
	}, keys[] = {
		{ CONF_MPPE_40, "40" },
		{ CONF_MPPE_56, "56" },
		{ CONF_MPPE_128, "128" },
	};
	char		 buf[INET6_ADDRSTRLEN], dur[32];
	const char	*levels[] = { "info", "debug", "trace" };
	unsigned	 i;

	fputs("# Listening (changes need a restart)\n", fp);
	for (i = 0; i < c->nlisten; i++) {
		inet_ntop(c->listen[i].af, &c->listen[i].addr, buf,
		    sizeof(buf));
		fprintf(fp, "listen on %s port %u\n", buf,
		    (unsigned)c->listen[i].port);
	}

	fputs("\n# Addresses\n", fp);
	fprintf(fp, "local address %s\n",
	    inet_ntop(AF_INET, &c->local_addr, buf, sizeof(buf)));
	conf_print_str(fp, "pool", c->pool);
	if (c->static_addrs[0] != '\0')
		conf_print_str(fp, "static-addresses", c->static_addrs);
	for (i = 0; i < c->nnamed_pools; i++)
		fprintf(fp, "pool %s %s/%u\n", c->named_pools[i].name,
		    inet_ntop(AF_INET, &c->named_pools[i].p.addr, buf,
		    sizeof(buf)), (unsigned)c->named_pools[i].p.len);

	fputs("\n# Authentication and encryption\n", fp);
	fputs("auth", fp);
	for (i = 0; i < sizeof(auths) / sizeof(auths[0]); i++)
		if (c->auth & auths[i].bit)
			fprintf(fp, " %s", auths[i].name);
	fputc('\n', fp);
	if (c->mppe == CONF_MPPE_NONE)
		fputs("mppe no\n", fp);
	else {
		fprintf(fp, "mppe %s", conf_mppe_name(c->mppe));
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (c->mppe_keys & keys[i].bit)
				fprintf(fp, " %s", keys[i].name);
		fputc('\n', fp);
		conf_print_yesno(fp, "mppe stateful", c->mppe_stateful);
	}
	conf_print_str(fp, "server-name", c->server_name);
	conf_print_str(fp, "secrets", c->secrets);
	conf_print_yesno(fp, "secrets group-readable",
	    c->secrets_group_readable);

	conf_print_radius(fp, c);

	fputs("\n# Handed to clients (IPCP, DHCPINFORM)\n", fp);
	conf_print_v4list(fp, "dns", c->dns, c->ndns);
	conf_print_v4list(fp, "wins", c->wins, c->nwins);
	for (i = 0; i < c->nroutes; i++)
		fprintf(fp, "push-route %s/%u\n", inet_ntop(AF_INET,
		    &c->routes[i].addr, buf, sizeof(buf)),
		    (unsigned)c->routes[i].len);
	if (c->domain[0] == '\0')
		fputs("domain none\n", fp);
	else
		conf_print_str(fp, "domain", c->domain);

	fputs("\n# IPv6 in the tunnel (IPV6CP; a /64 per session from the "
	    "pool, if any)\n", fp);
	conf_print_ipv6(fp, c);

	fputs("\n# Link\n", fp);
	conf_print_str(fp, "tun", c->tun_name);
	conf_print_yesno(fp, "tun-offload", c->tun_offload);
	fprintf(fp, "mtu %u\n", (unsigned)c->mtu);
	fprintf(fp, "mru %u\n", (unsigned)c->mru);
	/* Interval 0 (lcp-echo no) prints as such, with the failures. */
	conf_fmt_dur(dur, sizeof(dur), (uint64_t)c->lcp_echo_interval_s * 1000);
	fprintf(fp, "lcp-echo interval %s failures %u\n", dur,
	    c->lcp_echo_failure);
	conf_print_yesno(fp, "tcp-mss-adjust", c->tcp_mss_adjust);
	conf_print_yesno(fp, "proxyarp", c->proxyarp);
	conf_print_yesno(fp, "client-to-client", c->client_to_client);
	conf_print_rates(fp, c);
	conf_print_yesno(fp, "metrics per-user", c->metrics_per_user);
	if (c->metrics_listen_on) {
		inet_ntop(c->metrics_listen.af, &c->metrics_listen.addr, buf,
		    sizeof(buf));
		fprintf(fp, "metrics listen on %s port %u\n", buf,
		    (unsigned)c->metrics_listen.port);
	} else
		fputs("metrics listen no\n", fp);
	if (c->nat)
		conf_print_str(fp, "nat on", c->nat_ifname);
	else
		fputs("nat no\n", fp);

	fputs("\n# Hooks and records\n", fp);
	conf_print_yesno(fp, "logwtmp", c->logwtmp);
	conf_print_path(fp, "ip-up", c->ip_up);
	conf_print_path(fp, "ip-down", c->ip_down);
	conf_print_yesno(fp, "ipparam", c->ipparam);
	conf_print_dur(fp, "hook-timeout", c->hook_timeout_s);

	fputs("\n# Limits\n", fp);
	fprintf(fp, "max-sessions %u\n", c->max_sessions);
	fprintf(fp, "max-sessions-per-user %u\n", c->max_sessions_per_user);
	fprintf(fp, "max-connections %u\n", c->max_connections);
	fprintf(fp, "max-connections-per-source %u\n",
	    c->max_conn_per_source);
	fprintf(fp, "connection-rate %u burst %u\n", c->conn_rate,
	    c->conn_burst);
	/* failures 0 is "lockout no"; window and time still print. */
	fprintf(fp, "lockout failures %u", c->lockout_failures);
	conf_fmt_dur(dur, sizeof(dur), (uint64_t)c->lockout_window_s * 1000);
	fprintf(fp, " window %s", dur);
	conf_fmt_dur(dur, sizeof(dur), (uint64_t)c->lockout_time_s * 1000);
	fprintf(fp, " time %s\n", dur);

	fputs("\n# PPTP and GRE\n", fp);
	conf_print_dur(fp, "sccrq-timeout", c->sccrq_timeout_s);
	conf_print_dur(fp, "ppp-timeout", c->ppp_timeout_s);
	fprintf(fp, "calls-per-connection %u\n", c->calls_per_ctrl);
	if (c->pptp_echo_interval_s == 0)
		fputs("pptp-echo no\n", fp);
	else
		conf_print_dur(fp, "pptp-echo interval",
		    c->pptp_echo_interval_s);
	conf_fmt_dur(dur, sizeof(dur), c->gre_reorder_ms);
	fprintf(fp, "gre-reorder timeout %s window %u\n", dur,
	    c->gre_reorder_window);
	fprintf(fp, "gre-workers %u\n", c->gre_workers);

	fputs("\n# Processes\n", fp);
	conf_print_str(fp, "chroot", c->chroot_dir);
	conf_print_str(fp, "user", c->user);
	conf_print_str(fp, "control", c->control);
	fprintf(fp, "log-level %s\n", c->verbose >= 0 && c->verbose <= 2 ?
	    levels[c->verbose] : "trace");
}

/* "ipv6 no", "ipv6 yes", or the interface ids (which imply yes). */
static void
conf_print_ipv6(FILE *fp, const struct hp_conf *c)
{
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];

	conf_ifid_fmt(c->ipv6_ifid_local, l, sizeof(l));
	conf_ifid_fmt(c->ipv6_ifid_remote, r, sizeof(r));
	if (!c->ipv6 || (l[0] == '\0' && r[0] == '\0'))
		fprintf(fp, "ipv6 %s\n", c->ipv6 ? "yes" : "no");
	else
		fprintf(fp, "ipv6 interface-id %s%s%s\n", l,
		    r[0] != '\0' ? "," : "", r);
	if (c->ipv6 && c->ipv6_pool_len != 0) {
		char p[INET6_ADDRSTRLEN];

		fprintf(fp, "ipv6 pool %s/%u prefix-length %u\n",
		    inet_ntop(AF_INET6, &c->ipv6_pool, p, sizeof(p)),
		    (unsigned)c->ipv6_pool_len, (unsigned)c->ipv6_prefix_len);
	}
	conf_print_ipv6_ra(fp, c);
}

/* What the router advertisements carry: dns6, push-route6. */
static void
conf_print_ipv6_ra(FILE *fp, const struct hp_conf *c)
{
	char p[INET6_ADDRSTRLEN];
	unsigned i;

	if (c->ndns6 == 0)
		fputs("dns6 none\n", fp);
	else {
		fputs("dns6", fp);
		for (i = 0; i < c->ndns6; i++)
			fprintf(fp, " %s", inet_ntop(AF_INET6, &c->dns6[i], p,
			    sizeof(p)));
		fputs("\n", fp);
	}
	for (i = 0; i < c->nroutes6; i++)
		fprintf(fp, "push-route6 %s/%u\n", inet_ntop(AF_INET6,
		    &c->routes6[i].addr, p, sizeof(p)),
		    (unsigned)c->routes6[i].len);
}
