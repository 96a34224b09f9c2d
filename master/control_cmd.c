/*
 * hpptpd master: what each hpptpctl command answers (list, show, kick,
 * stats, reload).  The reply goes into the client's fixed chunk buffer;
 * the session list is produced one chunk at a time from a cursor into
 * the session table, so any number of sessions streams through the
 * same buffer.  control.c sends each chunk.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/ctl_proto.h"
#include "common/log.h"
#include "common/err.h"
#include "common/msg.h"
#include "common/rate.h"
#include "master/control_local.h"
#include "master/dae.h"
#include "master/gre_sock.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/metrics_http.h"
#include "master/net6.h"
#include "master/pool.h"
#include "master/pool6.h"
#include "master/session.h"

static void	control_fmt_addr(const struct m_addr *, char *, size_t);
static void	control_fmt_since(uint64_t, uint64_t, char *, size_t);
static void	control_list_line(struct control_text *, const struct msess *,
		    uint64_t, bool);
static void	control_show(struct master *, struct control_client *);
static void	control_show_gre(struct control_text *, const struct msess *,
		    uint64_t);
static void	control_show_counters(struct control_text *,
		    const struct msess *, uint64_t);
static void	control_kick(struct master *, struct control_client *);
static void	control_show_rate(struct control_text *, const struct msess *);
static void	control_limit(struct master *, struct control_client *);
static void	control_stats(struct master *, struct control_client *);

/* What the command does now; control_produce writes its output. */
void
control_run(struct master *m, struct control_client *c)
{
	log_debug("control: pid %d: %s", (int)c->pid,
	    ctl_cmd_name(c->req.cmd));
	switch (c->req.cmd) {
	case CTL_LIST:
		c->listing = true;
		break;
	case CTL_METRICS:
		c->metrics = true;
		break;
	case CTL_SHOW:
		control_show(m, c);
		break;
	case CTL_KICK:
		control_kick(m, c);
		break;
	case CTL_LIMIT:
		control_limit(m, c);
		break;
	case CTL_STATS:
		control_stats(m, c);
		break;
	case CTL_RELOAD:
		/* main_loop reloads after this batch of events */
		m->reload = true;
		log_audit("event=reload by=hpptpctl pid=%d", (int)c->pid);
		control_end(c, CTL_R_OK,
		    "reload requested; the result is logged");
		break;
	case CTL_NONE:
	case CTL_NCMDS:
		control_end(c, CTL_R_ERR, "internal error");
		break;
	}
}

void
control_end(struct control_client *c, uint8_t kind, const char *fmt, ...)
{
	va_list ap;

	c->end_kind = kind;
	va_start(ap, fmt);
	(void)vsnprintf(c->end_text, sizeof(c->end_text), fmt, ap);
	va_end(ap);
}

/* Next datagram: list rows, then the end record (control_local.h). */
bool
control_produce(struct master *m, struct control_client *c)
{
	struct control_text t;
	uint64_t now = now_ms();
	size_t before, n;

	if (c->listing) {
		control_out_init(&t, c);
		if (!c->header_done) {
			control_out(&t, "%-12s %-16s %-13s %-15s %-24s %-20s "
			    "%-9s %12s %12s%s\n", "SID", "USER", "STATE",
			    "ADDRESS", "PEER", "SINCE", "DURATION", "BYTES-IN",
			    "BYTES-OUT", m->pool6 != NULL ? " PREFIX6" : "");
			c->header_done = true;
		}
		/*
		 * Stream from a cursor into the session table (what
		 * sess_foreach walks), so the list needs no buffer beyond
		 * one chunk however many sessions there are.
		 */
		for (; c->cursor < m->nsess_top; c->cursor++) {
			const struct msess *s = &m->sess[c->cursor];

			if (s->state == MS_FREE)
				continue;
			before = t.len;
			control_list_line(&t, s, now, m->pool6 != NULL);
			if (t.full) {
				t.len = before;
				break;
			}
		}
		if (c->cursor >= m->nsess_top) {
			c->listing = false;
			/* the rows say it all */
			control_end(c, CTL_R_OK, "%s", "");
		}
		if (t.len > 0) {
			c->len = 1 + t.len;
			return true;
		}
	}
	if (c->metrics) {
		control_out_init(&t, c);
		if (!control_metrics_produce(m, c, &t)) {
			c->metrics = false;
			control_end(c, CTL_R_OK, "%s", "");
		}
		if (t.len > 0) {
			c->len = 1 + t.len;
			return true;
		}
	}
	if (c->end_sent)
		return false;
	n = strnlen(c->end_text, sizeof(c->end_text));
	c->buf[0] = c->end_kind == CTL_R_OK ? CTL_R_OK : CTL_R_ERR;
	memcpy(c->buf + 1, c->end_text, n);
	c->len = 1 + n;
	c->end_sent = true;
	return true;
}

static void
control_fmt_addr(const struct m_addr *a, char *buf, size_t len)
{
	char s[INET6_ADDRSTRLEN];

	if ((a->family != 4 && a->family != 6) ||
	    inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->addr, s,
	    sizeof(s)) == NULL) {
		(void)snprintf(buf, len, "-");
		return;
	}
	if (a->family == 6)
		(void)snprintf(buf, len, "[%s]:%u", s, a->port);
	else
		(void)snprintf(buf, len, "%s:%u", s, a->port);
}

/* Wall-clock time of monotonic instant t, as UTC ISO 8601. */
static void
control_fmt_since(uint64_t t, uint64_t now, char *buf, size_t len)
{
	time_t when = time(NULL) - (time_t)((now - t) / 1000);
	struct tm tm;

	if (t == 0 || t > now || gmtime_r(&when, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		(void)snprintf(buf, len, "-");
}

static void
control_list_line(struct control_text *t, const struct msess *s, uint64_t now,
    bool v6)
{
	char sid[16], ip[INET_ADDRSTRLEN], peer[64], since[32], dur[24];
	char p6[INET6_ADDRSTRLEN + 4];

	(void)snprintf(sid, sizeof(sid), "0x%x", s->sid);
	if (s->ip_held || s->ip.s_addr != 0)
		(void)inet_ntop(AF_INET, &s->ip, ip, sizeof(ip));
	else
		(void)snprintf(ip, sizeof(ip), "-");
	control_fmt_addr(&s->peer, peer, sizeof(peer));
	control_fmt_since(s->t_start, now, since, sizeof(since));
	(void)snprintf(dur, sizeof(dur), "%llus",
	    (unsigned long long)(s->t_start != 0 && now >= s->t_start ?
	    (now - s->t_start) / 1000 : 0));
	/* bytes as of gre's last report (every GRE_REPORT_MS at most) */
	control_out(t,
	    "%-12s %-16s %-13s %-15s %-24s %-20s %-9s %12llu %12llu%s%s\n",
	    sid, s->user[0] != '\0' ? s->user : "-",
	    msess_state_name(s->state), ip, peer, since, dur,
	    (unsigned long long)s->stats.bytes_in,
	    (unsigned long long)s->stats.bytes_out, v6 ? " " : "",
	    v6 ? (net6_prefix_str(s, p6, sizeof(p6)), p6) : "");
}

/* The msess for sid, or NULL (sess_lookup is private to session.c). */
struct control_find {
	uint32_t		 sid;
	const struct msess	*found;
};

static void
control_find_cb(const struct msess *s, void *arg)
{
	struct control_find *f = arg;

	if (s->sid == f->sid)
		f->found = s;
}

static void
control_show(struct master *m, struct control_client *c)
{
	struct control_find f = { c->req.sid, NULL };
	const struct msess *s;
	struct control_text t;
	uint64_t now = now_ms();
	char ip[INET_ADDRSTRLEN], peer[64], since[32];
	char p6[INET6_ADDRSTRLEN + 4];

	sess_foreach(m, control_find_cb, &f);
	if ((s = f.found) == NULL) {
		control_end(c, CTL_R_ERR, "no session 0x%x", c->req.sid);
		return;
	}
	control_out_init(&t, c);
	control_out(&t, "sid: 0x%x\n", s->sid);
	control_out(&t, "user: %s\n", s->user[0] != '\0' ? s->user : "-");
	control_out(&t, "state: %s%s\n", msess_state_name(s->state),
	    s->kicked ? " (kicked)" : "");
	control_out(&t, "method: %s\n",
	    s->method != 0 ? auth_method_name(s->method) : "-");
	control_out(&t, "mppe: %s\n", msess_mppe_name(s->mppe_tx));
	if (s->ip_held || s->ip.s_addr != 0) {
		(void)inet_ntop(AF_INET, &s->ip, ip, sizeof(ip));
		control_out(&t, "address: %s (%s)\n", ip,
		    s->ip_static ? "static" : "pool");
	} else
		control_out(&t, "address: -\n");
	if (m->pool6 != NULL) {
		net6_prefix_str(s, p6, sizeof(p6));
		control_out(&t, "prefix6: %s\n", p6);
	}
	control_fmt_addr(&s->peer, peer, sizeof(peer));
	control_out(&t, "peer: %s\n", peer);
	control_out(&t, "call-id: %u\n", s->call_id);
	control_out(&t, "peer-call-id: %u\n", s->peer_call_id);
	/* its data worker (call id % gre-workers), once it has a call */
	control_out(&t, "gre-worker: %s\n", s->state == MS_CONN ? "-" :
	    m->procs[PROC_GRE_SLOT(s->gre)].name);
	control_show_gre(&t, s, now);
	control_fmt_since(s->t_start, now, since, sizeof(since));
	control_out(&t, "connected: %s (%llus ago)\n", since,
	    (unsigned long long)(now >= s->t_start ?
	    (now - s->t_start) / 1000 : 0));
	if (s->t_up != 0) {
		control_fmt_since(s->t_up, now, since, sizeof(since));
		control_out(&t, "up: %s (%llus)\n", since,
		    (unsigned long long)(now >= s->t_up ?
		    (now - s->t_up) / 1000 : 0));
	} else
		control_out(&t, "up: -\n");
	control_show_rate(&t, s);
	control_show_counters(&t, s, now);
	c->len = 1 + t.len;
	control_end(c, CTL_R_OK, "%s", "");
}

/* Has the peer's GRE come?  If not, what that means (session_diag.c). */
static void
control_show_gre(struct control_text *t, const struct msess *s, uint64_t now)
{
	if (s->gre_seen) {
		control_out(t, "gre: received\n");
		return;
	}
	if (s->t_call == 0) {
		control_out(t, "gre: - (no call yet)\n");
		return;
	}
	if (s->no_gre)
		control_out(t, "gre: none in %us: gave up (event=no-gre)\n",
		    NO_GRE_MS / 1000);
	else
		control_out(t, "gre: none yet, %llus after the call was "
		    "connected (event=no-gre at %us)\n",
		    (unsigned long long)(now >= s->t_call ?
		    (now - s->t_call) / 1000 : 0), NO_GRE_MS / 1000);
	control_out(t, "hint: %s\n", msess_no_gre_hint);
}

/* The limits gre polices and what it dropped over them. */
static void
control_show_rate(struct control_text *t, const struct msess *s)
{
	char down[RATE_STR_MAX], up[RATE_STR_MAX];

	if (s->rate.down_bps == 0 && s->rate.up_bps == 0) {
		control_out(t, "rate-limit: none\n");
		return;
	}
	rate_format(s->rate.down_bps, down, sizeof(down));
	rate_format(s->rate.up_bps, up, sizeof(up));
	control_out(t, "rate-limit: %s/%s (down/up), drops %llu down, "
	    "%llu up\n", down, up,
	    (unsigned long long)s->stats.rate_drops_down,
	    (unsigned long long)s->stats.rate_drops_up);
}

/* gre's latest report: live while packets flow, final at the end */
static void
control_show_counters(struct control_text *t, const struct msess *s,
    uint64_t now)
{
	const struct m_gre_stats *st = &s->stats;

	control_out(t, "bytes-in: %llu\n", (unsigned long long)st->bytes_in);
	control_out(t, "bytes-out: %llu\n", (unsigned long long)st->bytes_out);
	control_out(t, "packets-in: %llu\n", (unsigned long long)st->pkts_in);
	control_out(t, "packets-out: %llu\n", (unsigned long long)st->pkts_out);
	control_out(t, "drops: %llu\n", (unsigned long long)st->drops);
	if (s->stats_at == 0)
		control_out(t, "counters: none reported yet (gre reports every "
		    "%us while packets flow)\n", GRE_REPORT_MS / 1000);
	else
		control_out(t, "counters: %s, %llus old\n",
		    s->stats_final ? "final" : "live",
		    (unsigned long long)(now >= s->stats_at ?
		    (now - s->stats_at) / 1000 : 0));
}

static void
control_kick(struct master *m, struct control_client *c)
{
	bool ok = sess_kick(m, c->req.sid, SR_KICKED);

	log_audit("event=kick sid=0x%x by=hpptpctl pid=%d result=%s",
	    c->req.sid, (int)c->pid, ok ? "ok" : "no-such-session");
	if (ok)
		control_end(c, CTL_R_OK, "session 0x%x kicked", c->req.sid);
	else
		control_end(c, CTL_R_ERR, "no session 0x%x (or already going "
		    "down)", c->req.sid);
}

/* New limits for a live session; the audit line is session_rate.c's. */
static void
control_limit(struct master *m, struct control_client *c)
{
	struct m_gre_rate r = { c->req.down_bps, c->req.up_bps, 0 };
	char down[RATE_STR_MAX], up[RATE_STR_MAX];

	rate_format(r.down_bps, down, sizeof(down));
	rate_format(r.up_bps, up, sizeof(up));
	if (sess_limit(m, c->req.sid, &r) == HP_OK)
		control_end(c, CTL_R_OK, "session 0x%x limited to %s/%s",
		    c->req.sid, down, up);
	else
		control_end(c, CTL_R_ERR, "no session 0x%x with an address "
		    "(or its data worker did not take the change)",
		    c->req.sid);
}

/*
 * One line for all the data workers' receive rings (several workers:
 * master/gre_sock.c), so that stats fits its reply with 16 of them.
 */
static void
control_rings(struct master *m, struct control_text *t)
{
	struct gre_ring_count c[GRE_WORKERS_MAX];
	uint64_t in = 0, drops = 0;
	unsigned int k, n;

	if ((n = gre_sock_ring_stats(m, c)) == 0)
		return;
	for (k = 0; k < m->ngre; k++) {
		in += c[k].delivered;
		drops += c[k].dropped;
	}
	control_out(t, "gre receive rings: %u, %llu packets, %llu dropped "
	    "(ring full)\n", n, (unsigned long long)in,
	    (unsigned long long)drops);
}

/* The data workers' own counters, summed: one line. */
static void
control_tun(struct master *m, struct control_text *t)
{
	struct m_gre_worker sum;
	unsigned int k;

	memset(&sum, 0, sizeof(sum));
	for (k = 0; k < m->ngre; k++) {
		sum.joined_pkts += m->gre_dev[k].wk.joined_pkts;
		sum.joined_writes += m->gre_dev[k].wk.joined_writes;
		sum.tun_drops += m->gre_dev[k].wk.tun_drops;
		sum.ctrl_drops += m->gre_dev[k].wk.ctrl_drops;
	}
	control_out(t, "gre tun writes: %llu packets joined in %llu writes, "
	    "%llu dropped (tun full); control frames dropped: %llu\n",
	    (unsigned long long)sum.joined_pkts,
	    (unsigned long long)sum.joined_writes,
	    (unsigned long long)sum.tun_drops,
	    (unsigned long long)sum.ctrl_drops);
}

static void
control_stats(struct master *m, struct control_client *c)
{
	struct limits_stats ls;
	struct control_text t;
	uint64_t now = now_ms();
	unsigned int i;

	control_out_init(&t, c);
	control_out(&t, "sessions: %u in use, %u max\n", sess_count(m),
	    m->nsess_max);
	memset(&ls, 0, sizeof(ls));
	if (m->limits != NULL) {
		limits_get_stats(m->limits, &ls);
		control_out(&t, "connections: %u open, %u max\n", ls.conns,
		    m->conf.max_connections);
		control_out(&t, "sources: %u with a connection, %u per source "
		    "max\n", ls.addrs, m->conf.max_conn_per_source);
		control_out(&t, "users: %u with a session, %u per user max "
		    "(0: unlimited)\n", ls.users,
		    m->conf.max_sessions_per_user);
		control_out(&t, "refused:");
		for (i = 1; i < LIM_N; i++)
			control_out(&t, " %s=%llu",
			    lim_verdict_name((enum lim_verdict)i),
			    (unsigned long long)ls.refused[i]);
		control_out(&t, "\n");
	}
	if (m->pool != NULL)
		control_out(&t, "pool: %zu free, %zu in use, %zu addresses\n",
		    pool_free_count(m->pool), pool_used_count(m->pool),
		    pool_size(m->pool));
	if (m->pool6 != NULL)
		control_out(&t, "ipv6 pool: %zu free, %zu in use, %zu "
		    "prefixes; Framed-IPv6-Prefix refused %llu\n",
		    pool6_size(m->pool6) - pool6_used_count(m->pool6),
		    pool6_used_count(m->pool6), pool6_size(m->pool6),
		    (unsigned long long)m->metrics.prefix6_refused);
	if (m->conf.metrics_listen_on) {
		uint64_t served, refused;
		unsigned int open;
		char a[INET6_ADDRSTRLEN];

		metrics_http_stats(m, &served, &refused, &open);
		inet_ntop(m->conf.metrics_listen.af,
		    &m->conf.metrics_listen.addr, a, sizeof(a));
		control_out(&t, "metrics http: %s port %u, %llu served, "
		    "%llu refused, %u open\n", a, m->conf.metrics_listen.port,
		    (unsigned long long)served, (unsigned long long)refused,
		    open);
	}
	if (m->secrets_loaded)
		control_out(&t, "secrets: %u entries\n", m->secrets_entries);
	else
		control_out(&t, "secrets: not loaded\n");
	for (i = 1; i < m->nslots; i++) {
		const struct proc *p = &m->procs[i];

		/* state: up (pid, uptime), starting, restarting in N s */
		if (p->pid > 0)
			control_out(&t, "worker %s: pid %d, %s %llus, ",
			    p->name, (int)p->pid,
			    p->ready ? "up" : "starting", (unsigned long long)
			    (now >= p->started_ms ? (now - p->started_ms) /
			    1000 : 0));
		else if (p->restart_at != 0)
			control_out(&t, "worker %s: restarting in %llus, ",
			    p->name, (unsigned long long)
			    (p->restart_at > now ? (p->restart_at - now +
			    999) / 1000 : 0));
		else
			control_out(&t, "worker %s: not running, ",
			    p->name);
		control_out(&t, "restarts %u, crashes %u, log lines suppressed "
		    "%llu\n", p->restarts, p->crashes,
		    (unsigned long long)p->log_suppressed);
	}
	for (i = 0; i < m->conf.nradius && i < RADIUS_SERVERS_MAX; i++) {
		const struct m_radius_stats *r = &m->radius_stats[i];
		char a[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &m->conf.radius[i].addr, a, sizeof(a));
		control_out(&t, "radius %s: %s, requests %llu, accepts %llu, "
		    "rejects %llu, timeouts %llu, bad authenticators %llu, "
		    "average rtt %llums, acct requests %llu acked %llu "
		    "queued %u dropped %llu\n", a, r->dead ? "dead" : "alive",
		    (unsigned long long)r->requests,
		    (unsigned long long)r->accepts,
		    (unsigned long long)r->rejects,
		    (unsigned long long)r->timeouts,
		    (unsigned long long)r->bad, (unsigned long long)
		    (r->rtt_n ? r->rtt_ms_sum / r->rtt_n : 0),
		    (unsigned long long)r->acct_requests,
		    (unsigned long long)r->acct_acks, r->acct_queued,
		    (unsigned long long)r->acct_drops);
	}
	if (m->conf.ndae > 0) {
		control_out(&t, "radius dae:");
		for (i = 0; i < DAE_R_N; i++)
			control_out(&t, "%s %s %llu", i == 0 ? "" : ",",
			    dae_result_name(i),
			    (unsigned long long)m->dae_stats.n[i]);
		control_out(&t, "\n");
	}
	if (m->conf.nradius > 0)
		control_out(&t, "radius framed-routes: installed %llu, "
		    "refused %llu\n",
		    (unsigned long long)m->metrics.framed_installed,
		    (unsigned long long)m->metrics.framed_refused);
	if (m->conf.nradius > 0)
		control_out(&t, "radius acct: stops kept while auth was "
		    "away %llu, dropped %llu; sessions ended by acct-timeout "
		    "%llu\n", (unsigned long long)m->metrics.acct_kept,
		    (unsigned long long)m->metrics.acct_dropped,
		    (unsigned long long)m->metrics.acct_timeouts);
	control_out(&t, "syslog: %llu lines dropped (socket missing or full), "
	    "%u waiting\n", (unsigned long long)log_dropped(), log_backlog());
	/* gre counts every such packet; it reports the first per source */
	control_out(&t, "gre for no session: %llu sources reported, %llu "
	    "packets not reported\n", (unsigned long long)m->gre_strays,
	    (unsigned long long)m->gre_strays_quiet);
	control_rings(m, &t);
	control_tun(m, &t);
	control_out(&t, "control clients: %u, %u max\n",
	    m->control->nclients, CONTROL_MAX_CLIENTS);
	c->len = 1 + t.len;
	control_end(c, CTL_R_OK, "%s", "");
}
