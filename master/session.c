/*
 * hpptpd master: the session table and the session machine.  A session
 * is born at accept, bound to a call that gre takes before the peer
 * hears of it, authenticated against a challenge master issued, given
 * an address, installed in gre, and torn down on any end with every
 * resource returned.
 *
 * ms_table[state][type] is the one answer to "what may a worker send
 * for this session now": a handler, ms_drop for what can be in flight
 * when the session moved on (normal, ignored), or nothing -- and then
 * the sender is compromised (ms_violation: logged, worker killed and
 * restarted).  Messages that may come once leave the state where their
 * cell is empty.  ms_enter() is the only writer of s->state.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "master/dae.h"
#include "master/gre_bpf.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/net.h"
#include "master/net6.h"
#include "master/pool.h"
#include "master/radius.h"
#include "master/secrets_load.h"
#include "master/send.h"
#include "master/worker_conf.h"
#include "master/session_local.h"

#define GRE_STATS_WAIT_MS	2000

static void	sess_teardown(struct master *, struct msess *, uint32_t);
static void	sess_finish(struct master *, struct msess *);

static void	on_call_open(struct master *, struct msess *, struct msg *);
static void	on_gre_added(struct master *, struct msess *, struct msg *);
static void	on_ppp_from_ctrl(struct master *, struct msess *, struct msg *);
static void	on_ppp_from_gre(struct master *, struct msess *, struct msg *);
static void	on_ccp_mode(struct master *, struct msess *, struct msg *);
static void	on_lcp_keepalive(struct master *, struct msess *,
		    struct msg *);
static void	on_gre_link_dead(struct master *, struct msess *,
		    struct msg *);
static void	on_session_up(struct master *, struct msess *, struct msg *);
static void	on_ctrl_closed(struct master *, struct msess *, struct msg *);
static void	on_gre_stats(struct master *, struct msess *, struct msg *);
static void	on_gre_counters(struct master *, struct msess *, struct msg *);
static void	ms_drop(struct master *, struct msess *, struct msg *);

/* What every live state takes: the end, and gre's reports. */
#define MS_ALWAYS \
	[MSG_CTRL_CLOSED] = on_ctrl_closed, \
	[MSG_GRE_COUNTERS] = on_gre_counters
/* Once the call is accepted: PPP frames both ways, and LCP's echoes. */
#define MS_FRAMES \
	[MSG_PPP_FROM_CTRL] = on_ppp_from_ctrl, \
	[MSG_PPP_FROM_GRE] = on_ppp_from_gre, \
	[MSG_LCP_KEEPALIVE] = on_lcp_keepalive, \
	[MSG_GRE_LINK_DEAD] = on_gre_link_dead

static const ms_fn ms_table[MS_NSTATES][MSG_NTYPES] = {
	[MS_CONN] = {
		[MSG_CALL_OPEN] = on_call_open,
		[MSG_CTRL_CLOSED] = on_ctrl_closed,
	},
	[MS_GRE_WAIT] = {
		MS_ALWAYS,
		[MSG_GRE_ADDED] = on_gre_added,
		/* spoofed GRE for the call id before ctrl may speak */
		[MSG_PPP_FROM_GRE] = ms_drop,
	},
	[MS_CALL] = {
		MS_ALWAYS, MS_FRAMES,
		[MSG_AUTH_REQUEST] = ms_on_auth_request,
	},
	[MS_AUTH] = {
		MS_ALWAYS, MS_FRAMES,
		[MSG_RADIUS_REPLY] = ms_on_radius_reply,
		[MSG_ACCT_RECORD] = radius_on_acct_record,
		[MSG_AUTH_RESULT] = ms_on_auth_result,
	},
	[MS_KEYS] = {
		MS_ALWAYS, MS_FRAMES,
		[MSG_SESSION_KEYS] = ms_on_session_keys,
	},
	[MS_AUTHED] = {
		MS_ALWAYS, MS_FRAMES,
		[MSG_CCP_MODE] = on_ccp_mode,
		[MSG_SESSION_UP] = on_session_up,
	},
	[MS_REJECTED] = {
		MS_ALWAYS, MS_FRAMES,
		/* auth said ok and master no: its keys are thrown away */
		[MSG_SESSION_KEYS] = ms_drop,
	},
	[MS_UP] = {
		MS_ALWAYS, MS_FRAMES,
		[MSG_CCP_MODE] = on_ccp_mode,
	},
	[MS_DOWN] = {
		/* everything in flight when the end came is dropped */
		[MSG_CTRL_CLOSED] = ms_drop,
		[MSG_CALL_OPEN] = ms_drop,
		[MSG_GRE_ADDED] = ms_drop,
		[MSG_PPP_FROM_CTRL] = ms_drop,
		[MSG_PPP_FROM_GRE] = ms_drop,
		[MSG_AUTH_REQUEST] = ms_drop,
		[MSG_RADIUS_REPLY] = ms_drop,
		[MSG_ACCT_RECORD] = ms_drop,
		[MSG_AUTH_RESULT] = ms_drop,
		[MSG_SESSION_KEYS] = ms_drop,
		[MSG_CCP_MODE] = ms_drop,
		[MSG_SESSION_UP] = ms_drop,
		[MSG_GRE_COUNTERS] = ms_drop,
		[MSG_LCP_KEEPALIVE] = ms_drop,
		[MSG_GRE_LINK_DEAD] = ms_drop,
		[MSG_GRE_STATS] = on_gre_stats,
	},
};

int
sess_init(struct master *m)
{
	uint32_t i;

	m->nsess_max = m->conf.max_sessions;
	if (m->nsess_max == 0 || m->nsess_max > 65535)
		m->nsess_max = 65535;
	if ((m->sess = calloc(m->nsess_max, sizeof(*m->sess))) == NULL ||
	    (m->sess_free = calloc(m->nsess_max, sizeof(uint32_t))) == NULL ||
	    heap_init(&m->sess_heap, m->nsess_max) != HP_OK)
		return -1;
	/* slot 0 on top: the first sessions take the first slots */
	for (i = 0; i < m->nsess_max; i++)
		m->sess_free[i] = m->nsess_max - 1 - i;
	m->nsess = 0;
	m->nsess_top = 0;
	randombytes_buf(&m->sess_gen, sizeof(m->sess_gen));
	return 0;
}

void
sess_fini(struct master *m)
{
	uint32_t i;

	for (i = 0; m->sess != NULL && i < m->nsess_top; i++)
		ms_parts_free(&m->sess[i]);
	free(m->sess);
	free(m->sess_free);
	heap_fini(&m->sess_heap);
	m->sess = NULL;
	m->sess_free = NULL;
	m->nsess = m->nsess_top = 0;
}

static uint32_t
slot_of(const struct master *m, const struct msess *s)
{
	return (uint32_t)(s - m->sess);
}

uint32_t
sess_count(const struct master *m)
{
	return m->nsess;
}

/* sid = generation << 16 | (slot + 1): a stale sid never matches. */
static struct msess *
sess_lookup(struct master *m, uint32_t sid)
{
	uint32_t slot = (sid & 0xffff);
	struct msess *s;

	/* a slot never used is not read (see nsess_top) */
	if (slot == 0 || slot > m->nsess_top)
		return NULL;
	s = &m->sess[slot - 1];
	return s->state != MS_FREE && s->sid == sid ? s : NULL;
}

/* A sid master may have issued (the slot exists): else not in flight. */
static bool
sid_possible(const struct master *m, uint32_t sid)
{
	uint32_t slot = sid & 0xffff;

	return slot != 0 && slot <= m->nsess_top && (sid >> 16) != 0;
}

static struct msess *
sess_alloc(struct master *m)
{
	uint32_t i;

	if (m->nsess == m->nsess_max)
		return NULL;
	i = m->sess_free[m->nsess_max - 1 - m->nsess];
	memset(&m->sess[i], 0, sizeof(m->sess[i]));
	if (++m->sess_gen == 0)
		m->sess_gen = 1;
	m->sess[i].sid = ((uint32_t)m->sess_gen << 16) | (i + 1);
	ms_parts_init(&m->sess[i]);
	m->nsess++;
	if (i >= m->nsess_top)
		m->nsess_top = i + 1;
	return &m->sess[i];
}

/* Back to the free list: every field cleared, then the state. */
static void
sess_free(struct master *m, struct msess *s)
{
	enum ms_state st = s->state;

	heap_del(&m->sess_heap, slot_of(m, s));
	ms_parts_free(s);
	sodium_memzero(s, sizeof(*s));
	s->state = st;
	ms_enter(s, MS_FREE);
	m->nsess--;
	m->sess_free[m->nsess_max - 1 - m->nsess] = slot_of(m, s);
}

void
sess_accept(struct master *m, int fd, const struct sockaddr_storage *peer,
    const struct sockaddr_storage *local)
{
	struct m_ctrl_conn cc;
	struct msess *s;
	char pstr[INET6_ADDRSTRLEN];
	const char *why;

	memset(&cc, 0, sizeof(cc));
	net_maddr(peer, &cc.peer);
	net_maddr(local, &cc.local);
	ms_addr_str(&cc.peer, pstr, sizeof(pstr));
	if (!m->procs[P_CTRL].ready) {
		why = "ctrl-not-ready";
		goto refuse;
	}
	if ((why = net_admit(m, &cc.peer)) != NULL)
		goto refuse;
	if ((s = sess_alloc(m)) == NULL) {
		net_release(m, &cc.peer);	/* net_admit counted it */
		limits_refused(m->limits, LIM_SESSIONS);
		why = "max-sessions";
		goto refuse;
	}
	ms_enter(s, MS_CONN);
	s->peer = cc.peer;
	s->t_start = now_ms();
	s->setup_deadline = s->t_start + (uint64_t)m->conf.ppp_timeout_s *
	    1000 + (uint64_t)m->conf.sccrq_timeout_s * 1000;
	ms_deadline(m, s, s->setup_deadline);
	if (send_ctrl_conn(m, s->sid, &cc, fd) != HP_OK) {
		net_release(m, &s->peer);
		sess_free(m, s);
		why = "ctrl-unreachable";
		goto refuse;
	}
	close(fd);
	log_debug("sid=0x%x accepted from %s port %u", s->sid, pstr,
	    cc.peer.port);
	return;
refuse:
	net_refused(m, &cc.peer, why);	/* counted, audited, rate-limited */
	close(fd);
}

/* The peer's IPv4 address, for GRE. */
static uint32_t
peer_ip4(const struct msess *s)
{
	uint32_t a;

	memcpy(&a, s->peer.addr, 4);
	return a;
}

void
ms_kick(struct master *m, struct msess *s, uint32_t reason)
{
	if (s->kicked)
		return;
	s->kicked = true;
	s->reason = reason;
	/*
	 * Give ctrl time to say goodbye (LCP Terminate, CDN, StopCCRQ):
	 * after that, sess_timers() tears it down.
	 */
	ms_deadline(m, s, now_ms() + GRE_STATS_WAIT_MS);
	if (send_session_kick(m, s->sid, reason) != HP_OK)
		sess_teardown(m, s, reason);
}

/* In flight when the session moved on: nothing to do. */
static void
ms_drop(struct master *m, struct msess *s, struct msg *msg)
{
	log_debug("sid=0x%x %s in state %s dropped", s->sid,
	    msg_type_name(msg->hdr.type), msess_state_name(s->state));
}

/* ---- the call ---- */

/*
 * ctrl has an OCRQ and has not answered it: gre takes the call first,
 * so that the peer's first LCP packet, sent the moment the OCRP
 * arrives, finds it.  The MPPE policy is fixed for the call here.
 */
static void
on_call_open(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_call_open *c = (const void *)msg->data;
	struct m_gre_add g;

	s->call_id = c->call_id;
	s->peer_call_id = c->peer_call_id;
	/*
	 * Its data worker, by the rule the kernel's filters apply to the
	 * GRE the peer sends (master/gre_bpf.h): master's choice, from the
	 * call id ctrl picked, so no worker names its own shard.
	 */
	s->gre = (uint8_t)gre_bpf_worker(c->call_id, m->ngre);
	s->mppe_policy = (uint8_t)worker_conf_mppe(&m->conf);
	s->mppe_radius = MPPE_POLICY_MASK & ~MPPE_REQUIRED;	/* no say yet */
	ms_enter(s, MS_GRE_WAIT);
	if (s->peer.family == 6 && m->gre_dev[s->gre].gre6_fd == -1) {
		/* no IPv6 GRE socket: cannot happen without an IPv6 listen */
		ms_kick(m, s, SR_PROTOCOL_ERROR);
		return;
	}
	memset(&g, 0, sizeof(g));
	g.call_id = c->call_id;
	g.peer_call_id = c->peer_call_id;
	g.peer_window = c->peer_window;
	g.mppe = s->mppe_policy;
	/* the only source gre takes this call's packets from */
	g.family = s->peer.family;
	if (s->peer.family == 6)
		memcpy(g.peer_ip6, s->peer.addr, sizeof(g.peer_ip6));
	else
		g.peer_ip = peer_ip4(s);
	if (send_gre_add(m, s->gre, s->sid, &g) != HP_OK) {
		ms_kick(m, s, SR_WORKER_RESTART);
		return;
	}
	s->gre_added = true;
}

/* gre has the call: the peer may hear of it, with our challenge. */
static void
on_gre_added(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_gre_added *a = (const void *)msg->data;

	if (a->status != HP_OK) {
		log_warnx("sid=0x%x: gre could not take the call: %s",
		    s->sid, hp_strerror(a->status));
		s->gre_added = false;
		ms_kick(m, s, SR_LIMIT);
		return;
	}
	ms_enter(s, MS_CALL);
	ms_gre_watch_start(m, s, now_ms());
	if (ms_issue_challenge(m, s) != HP_OK)
		ms_kick(m, s, SR_WORKER_RESTART);
}

/*
 * PPP frames come as fast as peers send them: when the worker is
 * behind, drop them (PPP retransmits) instead of filling its queue and
 * killing it in proc_send() with every session it holds.
 */
static void
on_ppp_from_ctrl(struct master *m, struct msess *s, struct msg *msg)
{
	if (s->gre_added &&
	    m->procs[PROC_GRE_SLOT(s->gre)].chan.qlen < MSG_QUEUE_MAX / 2)
		(void)send_ppp_to_gre(m, s->gre, s->sid, msg->data,
		    msg->hdr.len);
}

static void
on_ppp_from_gre(struct master *m, struct msess *s, struct msg *msg)
{
	ms_gre_seen(m, s);
	if (m->procs[P_CTRL].chan.qlen < MSG_QUEUE_MAX / 2)
		(void)send_ppp_to_ctrl(m, s->sid, msg->data, msg->hdr.len);
}

/* A negotiated mode the session's policy allows (RFC 3078 bits). */
static bool
mppe_mode_allowed(uint8_t policy, uint32_t bits)
{
	uint8_t need = (bits & MPPE_BIT_S) ? MPPE_ALLOW_128 :
	    (bits & MPPE_BIT_M) ? MPPE_ALLOW_56 : MPPE_ALLOW_40;

	if ((policy & need) == 0)
		return false;
	return (bits & MPPE_BIT_H) != 0 || (policy & MPPE_ALLOW_STATEFUL);
}

static void
on_ccp_mode(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_ccp_mode *c = (const void *)msg->data;

	if (!mppe_mode_allowed(s->mppe_policy, c->bits)) {
		ms_violation(m, P_CTRL, msg, s, "MPPE mode outside the "
		    "configured mppe policy");
		return;
	}
	/* ctrl negotiates the config; the RADIUS reply may allow less */
	if (!mppe_mode_allowed(s->mppe_policy & s->mppe_radius, c->bits)) {
		log_warnx("sid=0x%x: MPPE mode %s refused by the RADIUS reply",
		    s->sid, msess_mppe_name(c->bits));
		ms_kick(m, s, SR_MPPE_REFUSED);
		return;
	}
	if (c->dir == CCP_DIR_TX)
		s->mppe_tx = c->bits;
	else
		s->mppe_rx = c->bits;
	(void)send_gre_ccp_mode(m, s->gre, s->sid, c);
}

/*
 * LCP opened or left Opened (ctrl's word, about its own session): gre
 * runs the echoes, with master's interval and count, never ctrl's.
 * Off when the config has no LCP echo.
 */
static void
on_lcp_keepalive(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_lcp_keepalive *k = (const void *)msg->data;
	struct m_gre_keepalive g;

	memset(&g, 0, sizeof(g));
	if (k->on && m->conf.lcp_echo_interval_s > 0) {
		g.magic = k->magic;
		g.interval_s = (uint16_t)(m->conf.lcp_echo_interval_s >
		    GRE_ECHO_INTERVAL_MAX ? GRE_ECHO_INTERVAL_MAX :
		    m->conf.lcp_echo_interval_s);
		g.failures = (uint8_t)(m->conf.lcp_echo_failure > 255 ? 255 :
		    m->conf.lcp_echo_failure < 1 ? 1 :
		    m->conf.lcp_echo_failure);
	}
	if (!s->echo_on && g.interval_s == 0)
		return;
	s->echo_on = g.interval_s != 0;
	(void)send_gre_keepalive(m, s->gre, s->sid, &g);
}

/*
 * gre's echoes went unanswered: the peer is gone.  With the keepalive
 * off it crossed ctrl's "LCP down" on the way: in flight, dropped.  (A
 * lying gre can only end sessions of its own shard, whose packets it
 * could drop anyway.)
 */
static void
on_gre_link_dead(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_link_dead *d = (const void *)msg->data;

	if (!s->echo_on) {
		ms_drop(m, s, msg);
		return;
	}
	s->echo_on = false;
	log_info("sid=0x%x: %u LCP echo requests unanswered", s->sid,
	    d->unanswered);
	ms_kick(m, s, SR_ECHO_TIMEOUT);
}

static void
on_session_up(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_session_up *u = (const void *)msg->data;
	char pstr[INET6_ADDRSTRLEN], ipstr[INET_ADDRSTRLEN];
	char p6[INET6_ADDRSTRLEN + 4];

	if (u->peer_ip != s->ip.s_addr) {
		ms_violation(m, P_CTRL, msg, s, "session-up with another "
		    "address");
		return;
	}
	/* both directions, each checked by on_ccp_mode() */
	if ((s->mppe_policy & MPPE_REQUIRED) &&
	    (s->mppe_rx == 0 || s->mppe_tx == 0)) {
		ms_violation(m, P_CTRL, msg, s, "session-up without MPPE in "
		    "both directions although mppe is required");
		return;
	}
	if ((s->mppe_radius & MPPE_REQUIRED) &&
	    (s->mppe_rx == 0 || s->mppe_tx == 0)) {
		log_warnx("sid=0x%x: the RADIUS reply requires MPPE and the "
		    "session has none: ended", s->sid);
		ms_kick(m, s, SR_MPPE_REFUSED);
		return;
	}
	net_session_up(m, s);
	ms_enter(s, MS_UP);
	s->t_up = s->t_active = now_ms();
	/* set up in time; RADIUS Session- and Idle-Timeout from now on */
	s->t_session_end = s->session_timeout_s == 0 ? 0 :
	    s->t_up + (uint64_t)s->session_timeout_s * 1000;
	ms_deadline(m, s, ms_up_deadline(s));
	radius_acct_start(m, s);
	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	inet_ntop(AF_INET, &s->ip, ipstr, sizeof(ipstr));
	net6_prefix_str(s, p6, sizeof(p6));
	log_audit("event=session-up sid=0x%x user=\"%s\" peer=%s ip=%s "
	    "method=%s mppe=%s%s%s", s->sid, s->user, pstr, ipstr,
	    auth_method_name(s->method), msess_mppe_name(s->mppe_tx),
	    s->ip6_held ? " prefix6=" : "", s->ip6_held ? p6 : "");
}

/* The RADIUS timeout that ended an up session. */
static uint32_t
up_timeout_reason(const struct msess *s, uint64_t now)
{
	if (s->idle_timeout_s != 0 &&
	    s->t_active + (uint64_t)s->idle_timeout_s * 1000 <= now &&
	    (s->t_session_end == 0 || s->t_session_end > now))
		return SR_IDLE_TIMEOUT;
	return SR_SESSION_TIMEOUT;
}

/* ---- from gre ---- */

/* gre's counters (MSG_GRE_STATS or MSG_GRE_COUNTERS), and when. */
static void
take_counters(struct msess *s, const struct msg *msg)
{
	memcpy(&s->stats, msg->data, sizeof(s->stats));
	s->stats_at = now_ms();
}

static void
on_gre_stats(struct master *m, struct msess *s, struct msg *msg)
{
	if (!s->gre_added) {
		ms_violation(m, PROC_GRE_SLOT(s->gre), msg, s,
		    "stats without a delete");
		return;
	}
	take_counters(s, msg);
	s->stats_final = true;
	s->gre_added = false;
	sess_finish(m, s);
}

/* A live session's periodic report: kept for hpptpctl and for the end. */
static void
on_gre_counters(struct master *m, struct msess *s, struct msg *msg)
{
	if (!s->gre_added) {
		ms_violation(m, PROC_GRE_SLOT(s->gre), msg, s, "counters of "
		    "a session gre lacks");
		return;
	}
	take_counters(s, msg);
	radius_acct_counters(m, s);
	/* gre reports a session only when it moved IP packets */
	if (s->state == MS_UP && !s->kicked && s->idle_timeout_s != 0) {
		s->t_active = s->stats_at;
		ms_deadline(m, s, ms_up_deadline(s));
	}
}

/* ---- teardown ---- */

static void
sess_finish(struct master *m, struct msess *s)
{
	char pstr[INET6_ADDRSTRLEN], ipstr[INET_ADDRSTRLEN];
	uint64_t now = now_ms();

	metrics_session_end(&m->metrics, s);
	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	if (s->was_up) {
		inet_ntop(AF_INET, &s->ip, ipstr, sizeof(ipstr));
		log_audit("event=session-down sid=0x%x user=\"%s\" peer=%s "
		    "ip=%s method=%s mppe=%s bytes_in=%llu bytes_out=%llu "
		    "pkts_in=%llu pkts_out=%llu duration=%llu reason=%s%s",
		    s->sid, s->user, pstr, ipstr, auth_method_name(s->method),
		    msess_mppe_name(s->mppe_tx),
		    (unsigned long long)s->stats.bytes_in,
		    (unsigned long long)s->stats.bytes_out,
		    (unsigned long long)s->stats.pkts_in,
		    (unsigned long long)s->stats.pkts_out,
		    (unsigned long long)((now - s->t_up) / 1000),
		    sess_reason_name(s->reason),
		    /* gre died or never answered: its last report */
		    s->stats_final ? "" : " counters=partial");
	} else
		log_debug("sid=0x%x from %s ended before it was up: %s",
		    s->sid, pstr, sess_reason_name(s->reason));
	radius_acct_stop(m, s);
	net_session_down(m, s);
	ms_release_address(m, s);
	net_release(m, &s->peer);
	sess_free(m, s);
}

static void
sess_teardown(struct master *m, struct msess *s, uint32_t reason)
{
	if (s->state == MS_DOWN)
		return;
	if (s->reason == SR_NONE || reason == SR_WORKER_RESTART)
		s->reason = reason;
	s->was_up = s->state == MS_UP;
	ms_enter(s, MS_DOWN);
	sodium_memzero(s->chal, sizeof(s->chal));
	if (s->gre_added && send_gre_del(m, s->gre, s->sid, reason) ==
	    HP_OK) {
		ms_deadline(m, s, now_ms() + GRE_STATS_WAIT_MS);
		return;		/* finish when MSG_GRE_STATS arrives */
	}
	s->gre_added = false;
	sess_finish(m, s);
}

static void
on_ctrl_closed(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_ctrl_closed *c = (const void *)msg->data;
	char detail[sizeof(c->detail) + 1];

	log_sanitize(detail, sizeof(detail), c->detail, c->detail_len);
	if (c->reason == SR_LIMIT && !s->kicked)	/* ctrl had no slot */
		net_ctrl_refused(m, &s->peer);
	if (c->detail_len > 0)
		log_debug("sid=0x%x closed by ctrl: %s (%s)", s->sid,
		    sess_reason_name(c->reason), detail);
	if (!s->kicked)
		ms_audit_closed(s, c);
	sess_teardown(m, s, s->kicked ? s->reason : c->reason);
}

/* ---- dispatch ---- */

/*
 * radius acct-timeout: accounting has gone unanswered that long (auth's
 * word, failing_s; 0: not), so the sessions it accounts end, as
 * accel-ppp's acct-timeout does; their Stops join auth's queue.
 */
static void
acct_timeout(struct master *m, uint32_t failing_s)
{
	uint32_t i;

	for (i = 0; failing_s != 0 && i < m->nsess_top; i++) {
		struct msess *s = &m->sess[i];

		if (s->state != MS_UP || !s->acct || s->kicked)
			continue;
		log_audit("event=acct-timeout sid=0x%x user=\"%s\" "
		    "failing_s=%u", s->sid, s->user, failing_s);
		m->metrics.acct_timeouts++;
		ms_kick(m, s, SR_ACCT_TIMEOUT);
	}
}

/* The messages that name no session: auth's secrets load and stats,
 * gre's strays; and auth's dae-action, whose sid master checks itself
 * (one that is not a live session is answered, not a violation: a
 * session may end while a Disconnect is on its way). */
static bool
sess_dispatch_unbound(struct master *m, struct msg *msg)
{
	struct msess *s;

	switch (msg->hdr.type) {
	case MSG_SECRET_FILE_REQ:
		secrets_load_on_file_req(m, msg);
		return true;
	case MSG_SECRETS_LOADED:
		secrets_load_on_loaded(m, msg);
		return true;
	case MSG_STATIC_ADDR:
		secrets_load_on_static_addr(m, msg);
		return true;
	case MSG_GRE_STRAY:
		ms_on_gre_stray(m, msg);
		return true;
	case MSG_RADIUS_STATS:
		acct_timeout(m, radius_on_stats(m, msg));
		return true;
	case MSG_DAE_STATS:
		dae_on_stats(m, msg);
		return true;
	case MSG_DAE_ACTION:		/* checks its session itself */
		s = sess_lookup(m, msg->hdr.sid);
		if (ms_on_dae_action(m, s, msg))
			ms_kick(m, s, SR_KICKED);	/* Admin-Reset */
		return true;
	default:
		return false;
	}
}

/*
 * A gre data worker speaks for its own shard only: a message naming
 * another worker's session (or one that has none yet) is a violation,
 * whatever the state table would say.
 */
static bool
from_its_worker(const struct master *m, unsigned int from,
    const struct msess *s)
{
	const struct proc *p = &m->procs[from];

	return p->id != P_GRE || (s->state != MS_CONN && s->gre == p->shard);
}

void
sess_dispatch(struct master *m, unsigned int from, struct msg *msg)
{
	struct msess *s;
	uint16_t t = msg->hdr.type;
	ms_fn fn;

	if (sess_dispatch_unbound(m, msg))
		return;
	if (!sid_possible(m, msg->hdr.sid)) {
		ms_violation(m, from, msg, NULL, "a session id master never "
		    "issued");
		return;
	}
	if ((s = sess_lookup(m, msg->hdr.sid)) == NULL) {
		/* in flight when the session ended: normal, drop */
		log_debug("%s for unknown sid 0x%x from %s dropped",
		    msg_type_name(t), msg->hdr.sid, m->procs[from].name);
		return;
	}
	if (!from_its_worker(m, from, s)) {
		ms_violation(m, from, msg, s, "a session of another gre "
		    "worker's shard");
		return;
	}
	fn = t < MSG_NTYPES ? ms_table[s->state][t] : NULL;
	if (fn == NULL) {
		ms_violation(m, from, msg, s, "not expected in this state");
		return;
	}
	fn(m, s, msg);
}

/* A data worker died: clean up what it owned, its shard only. */
static void
sess_lost_gre(struct master *m, struct msess *s, unsigned int shard)
{
	if (s->state == MS_CONN || s->gre != shard)
		return;
	if (s->state == MS_DOWN) {
		s->gre_added = false;
		sess_finish(m, s);
	} else if (s->gre_added) {
		s->gre_added = false;
		ms_kick(m, s, SR_WORKER_RESTART);
	}
}

static void
sess_lost_auth(struct master *m, struct msess *s)
{
	switch (s->state) {
	case MS_AUTH:
		ms_enter(s, MS_REJECTED);
		ms_auth_unavailable(m, s, "auth-restarted",
		    "authentication service restarted");
		break;
	case MS_KEYS:
		/*
		 * Its MPPE keys died with auth: CCP would open and gre run
		 * the session without encryption.
		 */
		ms_enter(s, MS_REJECTED);
		ms_kick(m, s, SR_WORKER_RESTART);
		break;
	default:
		break;
	}
}

void
sess_worker_lost(struct master *m, unsigned int slot)
{
	enum proc_id id = m->procs[slot].id;
	uint32_t i;

	if (id == P_AUTH)
		/* its load died with it; the new auth gets a fresh one */
		m->secrets_loading = m->secrets_again = false;
	for (i = 0; i < m->nsess_top; i++) {
		struct msess *s = &m->sess[i];

		if (s->state == MS_FREE)
			continue;
		switch (id) {
		case P_CTRL:
			/* the control connections died with it */
			s->kicked = true;
			sess_teardown(m, s, SR_WORKER_RESTART);
			break;
		case P_GRE:
			sess_lost_gre(m, s, m->procs[slot].shard);
			break;
		case P_AUTH:
			sess_lost_auth(m, s);
			break;
		default:
			break;
		}
	}
}

void
sess_foreach(struct master *m, void (*fn)(const struct msess *, void *),
    void *arg)
{
	uint32_t i;

	for (i = 0; i < m->nsess_top; i++)
		if (m->sess[i].state != MS_FREE)
			fn(&m->sess[i], arg);
}

bool
sess_kick(struct master *m, uint32_t sid, uint32_t reason)
{
	struct msess *s;

	if ((s = sess_lookup(m, sid)) == NULL || s->state == MS_DOWN)
		return false;
	ms_kick(m, s, reason);
	return true;
}

int
sess_limit(struct master *m, uint32_t sid, const struct m_gre_rate *r)
{
	struct msess *s;

	/* gre knows the session from the grant until the end */
	if ((s = sess_lookup(m, sid)) == NULL ||
	    (s->state != MS_AUTHED && s->state != MS_UP))
		return HP_E_NOTFOUND;
	return ms_set_rate(m, s, r, "hpptpctl");
}

void
sess_close_all(struct master *m, uint32_t reason)
{
	uint32_t i;

	for (i = 0; i < m->nsess_top; i++) {
		struct msess *s = &m->sess[i];

		if (s->state == MS_FREE)
			continue;
		s->reason = reason;
		s->kicked = true;
		sess_teardown(m, s, reason);
		if (s->state == MS_DOWN) {	/* don't wait for stats */
			s->gre_added = false;
			sess_finish(m, s);
		}
	}
}

/* Only the sessions that are due: the heap's top, never a walk. */
void
sess_timers(struct master *m, uint64_t now)
{
	struct msess *s;
	uint64_t key;
	uint32_t i;

	while (heap_top(&m->sess_heap, &i, &key) && key <= now) {
		s = &m->sess[i];
		ms_deadline(m, s, 0);
		if (s->state == MS_DOWN) {	/* gre never answered */
			s->gre_added = false;
			sess_finish(m, s);
		} else if (s->state != MS_UP && !s->kicked) {
			ms_kick(m, s, ms_gre_overdue(m, s, now) ?
			    SR_NO_GRE : SR_SETUP_TIMEOUT);
		} else if (s->state == MS_UP && !s->kicked)
			ms_kick(m, s, up_timeout_reason(s, now));	/* RADIUS */
		else if (s->kicked)		/* ctrl never answered */
			sess_teardown(m, s, s->reason);
	}
}
