/*
 * hpptpd master: `hpptpctl metrics`, the OpenMetrics text exposition
 * (for Prometheus, a node_exporter textfile collector, or any scraper
 * that runs hpptpctl) of what master already knows: sessions by state,
 * how they ended, authentication verdicts, refusals at each limit,
 * traffic and drops, the pool, the workers, syslog.
 *
 * The reply streams in chunks of CTL_CHUNK_MAX like `list`: each
 * family is written whole into a chunk or left for the next one (a
 * family is far smaller than a chunk), and with `metrics per-user yes`
 * the per-session family streams from a cursor into the session table,
 * so no reply needs a buffer beyond one chunk.  Counters are cumulative
 * since master started.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stddef.h>
#include <string.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/msg.h"
#include "master/control_local.h"
#include "master/dae.h"
#include "master/gre_sock.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/pool.h"
#include "master/session.h"

typedef void (*family_fn)(struct master *, struct control_text *);

static void
head(struct control_text *t, const char *name, const char *type,
    const char *help)
{
	control_out(t, "# TYPE hpptpd_%s %s\n# HELP hpptpd_%s %s\n", name,
	    type, name, help);
}

static void
fam_sessions(struct master *m, struct control_text *t)
{
	uint64_t n[MS_NSTATES];
	uint32_t i;

	memset(n, 0, sizeof(n));
	for (i = 0; i < m->nsess_top; i++)
		n[m->sess[i].state]++;
	head(t, "sessions", "gauge", "Sessions by state of master's "
	    "session machine.");
	for (i = MS_FREE + 1; i < MS_NSTATES; i++)
		control_out(t, "hpptpd_sessions{state=\"%s\"} %llu\n",
		    msess_state_name((enum ms_state)i),
		    (unsigned long long)n[i]);
	head(t, "sessions_max", "gauge", "The max-sessions limit.");
	control_out(t, "hpptpd_sessions_max %u\n", m->nsess_max);
}

static void
fam_ends(struct master *m, struct control_text *t)
{
	unsigned int r, up;

	head(t, "session_ends", "counter", "Sessions ended, by cause and by "
	    "whether they had come up (a cause with up=\"no\" is a failed "
	    "set-up).");
	for (r = 1; r < SR_NREASONS; r++)
		for (up = 0; up < 2; up++)
			control_out(t, "hpptpd_session_ends_total{reason=\"%s\","
			    "up=\"%s\"} %llu\n", sess_reason_name(r),
			    up ? "yes" : "no",
			    (unsigned long long)m->metrics.ends[r][up]);
}

static void
fam_auth(struct master *m, struct control_text *t)
{
	head(t, "auth", "counter", "Authentication verdicts of auth.");
	control_out(t, "hpptpd_auth_total{result=\"ok\"} %llu\n",
	    (unsigned long long)m->metrics.auth[1]);
	control_out(t, "hpptpd_auth_total{result=\"fail\"} %llu\n",
	    (unsigned long long)m->metrics.auth[0]);
	head(t, "auth_refused", "counter", "Logins auth accepted that master "
	    "refused (address, per-user limit, MPPE keys).");
	control_out(t, "hpptpd_auth_refused_total %llu\n",
	    (unsigned long long)m->metrics.refused);
}

static void
fam_refused(struct master *m, struct control_text *t)
{
	struct limits_stats ls;
	unsigned int i;

	if (m->limits == NULL)
		return;
	memset(&ls, 0, sizeof(ls));
	limits_get_stats(m->limits, &ls);
	head(t, "connections_refused", "counter", "Connections refused at "
	    "a limit, by limit (lockout: too many failed logins).");
	for (i = 1; i < LIM_N; i++)
		control_out(t, "hpptpd_connections_refused_total{limit=\"%s\"} "
		    "%llu\n", lim_verdict_name((enum lim_verdict)i),
		    (unsigned long long)ls.refused[i]);
	head(t, "connections", "gauge", "Open control connections.");
	control_out(t, "hpptpd_connections %u\n", ls.conns);
}

/* Ended sessions' totals plus every live session's latest report. */
static void
fam_traffic(struct master *m, struct control_text *t)
{
	struct metrics_acc a = m->metrics;
	uint32_t i;

	for (i = 0; i < m->nsess_top; i++) {
		const struct msess *s = &m->sess[i];

		if (s->state == MS_FREE || s->state == MS_DOWN)
			continue;
		metrics_add_traffic(&a, &s->stats);
	}
	head(t, "bytes", "counter", "Inner IP bytes through the tunnels "
	    "(in: from the clients), as gre last reported them.");
	control_out(t, "hpptpd_bytes_total{dir=\"in\"} %llu\n"
	    "hpptpd_bytes_total{dir=\"out\"} %llu\n",
	    (unsigned long long)a.bytes_in, (unsigned long long)a.bytes_out);
	head(t, "packets", "counter", "Inner IP packets through the tunnels.");
	control_out(t, "hpptpd_packets_total{dir=\"in\"} %llu\n"
	    "hpptpd_packets_total{dir=\"out\"} %llu\n",
	    (unsigned long long)a.pkts_in, (unsigned long long)a.pkts_out);
	head(t, "drops", "counter", "Packets of sessions that gre dropped, "
	    "all causes.");
	control_out(t, "hpptpd_drops_total %llu\n",
	    (unsigned long long)a.drops);
	head(t, "rate_limit_drops", "counter", "Packets dropped over a "
	    "session's rate limit.");
	control_out(t, "hpptpd_rate_limit_drops_total{dir=\"down\"} %llu\n"
	    "hpptpd_rate_limit_drops_total{dir=\"up\"} %llu\n",
	    (unsigned long long)a.rate_drops_down,
	    (unsigned long long)a.rate_drops_up);
}

static void
fam_pool(struct master *m, struct control_text *t)
{
	if (m->pool == NULL)
		return;
	head(t, "pool_addresses", "gauge", "Addresses of the pool, by use.");
	control_out(t, "hpptpd_pool_addresses{state=\"free\"} %zu\n"
	    "hpptpd_pool_addresses{state=\"used\"} %zu\n",
	    pool_free_count(m->pool), pool_used_count(m->pool));
}

static void
fam_workers(struct master *m, struct control_text *t)
{
	unsigned int i;

	head(t, "worker_up", "gauge", "1 while the worker is running and "
	    "ready.");
	for (i = 1; i < m->nslots; i++)
		control_out(t, "hpptpd_worker_up{worker=\"%s\"} %d\n",
		    m->procs[i].name, m->procs[i].pid > 0 &&
		    m->procs[i].ready);
	head(t, "worker_restarts", "counter", "Restarts of each worker.");
	for (i = 1; i < m->nslots; i++)
		control_out(t, "hpptpd_worker_restarts_total{worker=\"%s\"} "
		    "%u\n", m->procs[i].name, m->procs[i].restarts);
	head(t, "worker_log_suppressed", "counter", "Log lines of each "
	    "worker over its rate limit.");
	for (i = 1; i < m->nslots; i++)
		control_out(t, "hpptpd_worker_log_suppressed_total{worker=\"%s\"}"
		    " %llu\n", m->procs[i].name,
		    (unsigned long long)m->procs[i].log_suppressed);
	head(t, "syslog_dropped", "counter", "Log lines syslog could not "
	    "take (no daemon, or the backlog full).");
	control_out(t, "hpptpd_syslog_dropped_total %llu\n",
	    (unsigned long long)log_dropped());
}

/*
 * One sample per data worker (have[k]: worker k has the counter; NULL:
 * all have it) of the value v[k].
 */
static void
worker_samples(struct master *m, struct control_text *t, const char *name,
    const uint64_t v[], const bool have[])
{
	unsigned int k;

	for (k = 0; k < m->ngre; k++)
		if (have == NULL || have[k])
			control_out(t, "hpptpd_%s_total{worker=\"%s\"} %llu\n",
			    name, m->procs[PROC_GRE_SLOT(k)].name,
			    (unsigned long long)v[k]);
}

/* The data workers' receive rings (several workers: master/gre_sock.c). */
static void
fam_rings(struct master *m, struct control_text *t)
{
	struct gre_ring_count c[GRE_WORKERS_MAX];
	uint64_t in[GRE_WORKERS_MAX], drops[GRE_WORKERS_MAX];
	bool have[GRE_WORKERS_MAX];
	unsigned int k;

	if (gre_sock_ring_stats(m, c) == 0)
		return;
	for (k = 0; k < m->ngre; k++) {
		have[k] = c[k].have;
		in[k] = c[k].delivered;
		drops[k] = c[k].dropped;
	}
	head(t, "gre_ring_packets", "counter", "GRE packets the kernel put "
	    "in each data worker's receive ring.");
	worker_samples(m, t, "gre_ring_packets", in, have);
	head(t, "gre_ring_drops", "counter", "GRE packets dropped because "
	    "the worker's receive ring was full.");
	worker_samples(m, t, "gre_ring_drops", drops, have);
}

/* The data workers' own counters (gre-worker messages). */
static void
fam_tun(struct master *m, struct control_text *t)
{
	uint64_t jp[GRE_WORKERS_MAX], jw[GRE_WORKERS_MAX];
	uint64_t td[GRE_WORKERS_MAX], cd[GRE_WORKERS_MAX];
	unsigned int k;

	for (k = 0; k < m->ngre; k++) {
		jp[k] = m->gre_dev[k].wk.joined_pkts;
		jw[k] = m->gre_dev[k].wk.joined_writes;
		td[k] = m->gre_dev[k].wk.tun_drops;
		cd[k] = m->gre_dev[k].wk.ctrl_drops;
	}
	head(t, "gre_tun_joined_packets", "counter", "Clients' TCP segments "
	    "a data worker joined into runs, one tun write each "
	    "(tun-offload).");
	worker_samples(m, t, "gre_tun_joined_packets", jp, NULL);
	head(t, "gre_tun_joined_writes", "counter", "The tun writes of "
	    "those runs.");
	worker_samples(m, t, "gre_tun_joined_writes", jw, NULL);
	head(t, "gre_tun_drops", "counter", "Packets for the tun that it "
	    "refused (its queue full).");
	worker_samples(m, t, "gre_tun_drops", td, NULL);
	head(t, "gre_ctrl_drops", "counter", "Peers' PPP control frames a "
	    "data worker dropped because master was behind.");
	worker_samples(m, t, "gre_ctrl_drops", cd, NULL);
}

/* One sample per configured RADIUS server, of the field at off. */
static void
radius_samples(struct master *m, struct control_text *t, const char *name,
    const char *dir, size_t off)
{
	char a[INET_ADDRSTRLEN];
	unsigned int i;
	uint64_t v;

	for (i = 0; i < m->conf.nradius && i < RADIUS_SERVERS_MAX; i++) {
		memcpy(&v, (const uint8_t *)&m->radius_stats[i] + off,
		    sizeof(v));
		(void)inet_ntop(AF_INET, &m->conf.radius[i].addr, a,
		    sizeof(a));
		/* address and port: two servers may share an address */
		control_out(t, "hpptpd_%s{server=\"%s:%u\"%s} %llu\n", name,
		    a, m->conf.radius[i].auth_port, dir,
		    (unsigned long long)v);
	}
}

/* auth's per-server counts (radius-stats), as hpptpctl stats has them */
static void
fam_radius(struct master *m, struct control_text *t)
{
	unsigned int i;
	char a[INET_ADDRSTRLEN];

	if (m->conf.nradius == 0)
		return;
	head(t, "radius_requests", "counter", "RADIUS Access-Requests sent "
	    "to each server (not counting retries).");
	radius_samples(m, t, "radius_requests_total", "",
	    offsetof(struct m_radius_stats, requests));
	head(t, "radius_replies", "counter", "RADIUS replies by kind: "
	    "accepts, rejects, and those dropped for a bad authenticator.");
	radius_samples(m, t, "radius_replies_total", ",kind=\"accept\"",
	    offsetof(struct m_radius_stats, accepts));
	radius_samples(m, t, "radius_replies_total", ",kind=\"reject\"",
	    offsetof(struct m_radius_stats, rejects));
	radius_samples(m, t, "radius_replies_total", ",kind=\"bad\"",
	    offsetof(struct m_radius_stats, bad));
	head(t, "radius_timeouts", "counter", "RADIUS requests given up on "
	    "each server.");
	radius_samples(m, t, "radius_timeouts_total", "",
	    offsetof(struct m_radius_stats, timeouts));
	head(t, "radius_rtt_milliseconds", "gauge", "Average round trip "
	    "to each RADIUS server.");
	for (i = 0; i < m->conf.nradius && i < RADIUS_SERVERS_MAX; i++) {
		const struct m_radius_stats *r = &m->radius_stats[i];

		(void)inet_ntop(AF_INET, &m->conf.radius[i].addr, a,
		    sizeof(a));
		control_out(t, "hpptpd_radius_rtt_milliseconds{server=\"%s:%u\"} "
		    "%llu\n", a, m->conf.radius[i].auth_port,
		    (unsigned long long)(r->rtt_n != 0 ?
		    r->rtt_ms_sum / r->rtt_n : 0));
	}
	head(t, "radius_accounting", "counter", "Accounting requests sent "
	    "and acknowledged by each server.");
	radius_samples(m, t, "radius_accounting_total", ",kind=\"sent\"",
	    offsetof(struct m_radius_stats, acct_requests));
	radius_samples(m, t, "radius_accounting_total", ",kind=\"acked\"",
	    offsetof(struct m_radius_stats, acct_acks));
}

/* auth's Disconnect/CoA counts (dae-stats), when a client is listed */
static void
fam_dae(struct master *m, struct control_text *t)
{
	unsigned int i;

	if (m->conf.ndae == 0)
		return;
	head(t, "radius_dae_requests", "counter", "RADIUS Disconnect and "
	    "CoA requests by result: ACKs, NAKs, repeats answered from the "
	    "cache, and drops by reason.");
	for (i = 0; i < DAE_R_N; i++)
		control_out(t, "hpptpd_radius_dae_requests_total{result=\"%s\"}"
		    " %llu\n", dae_result_name(i),
		    (unsigned long long)m->dae_stats.n[i]);
}

static const family_fn families[] = {
	fam_sessions, fam_ends, fam_auth, fam_refused, fam_traffic, fam_pool,
	fam_workers, fam_rings, fam_tun, fam_radius, fam_dae,
};
#define NFAMILIES	(sizeof(families) / sizeof(families[0]))

/*
 * A label value as OpenMetrics wants it: backslash, quote and newline
 * escaped.  Names in msess are printable ASCII already (\xNN escapes).
 */
static void
label_value(char *dst, size_t len, const char *s)
{
	size_t o = 0;

	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == '\\' || *s == '"')
			dst[o++] = '\\';
		dst[o++] = *s;
	}
	dst[o] = '\0';
}

/* One session's samples (metrics per-user yes): whole, or none. */
static void
session_rows(struct control_text *t, const struct msess *s)
{
	char user[2 * AUTH_NAME_MAX + 2];

	label_value(user, sizeof(user), s->user);
	control_out(t, "hpptpd_session_bytes_total{sid=\"0x%x\",user=\"%s\","
	    "dir=\"in\"} %llu\nhpptpd_session_bytes_total{sid=\"0x%x\","
	    "user=\"%s\",dir=\"out\"} %llu\n", s->sid, user,
	    (unsigned long long)s->stats.bytes_in, s->sid, user,
	    (unsigned long long)s->stats.bytes_out);
}

/*
 * Fill the chunk with what fits; true while more is to come.  The
 * client's cursor walks the families, then (per-user) the sessions.
 */
bool
control_metrics_produce(struct master *m, struct control_client *c,
    struct control_text *t)
{
	size_t before;

	for (; c->family < NFAMILIES; c->family++) {
		before = t->len;
		families[c->family](m, t);
		if (t->full) {
			t->len = before;
			t->full = false;
			return true;
		}
	}
	if (m->conf.metrics_per_user && c->family == NFAMILIES) {
		before = t->len;
		if (!c->header_done)
			head(t, "session_bytes", "counter", "Inner IP bytes of "
			    "each session that is up, with its user.");
		if (t->full) {
			t->len = before;
			t->full = false;
			return true;
		}
		c->header_done = true;
		for (; c->cursor < m->nsess_top; c->cursor++) {
			const struct msess *s = &m->sess[c->cursor];

			if (s->state != MS_UP)
				continue;
			before = t->len;
			session_rows(t, s);
			if (t->full) {
				t->len = before;
				t->full = false;
				return true;
			}
		}
	}
	c->family = NFAMILIES + 1;
	control_out(t, "# EOF\n");
	if (t->full) {
		t->full = false;
		c->family = NFAMILIES;
		c->cursor = m->nsess_max;
		return true;
	}
	return false;
}
