/*
 * hpptpd ctrl worker: connections and the glue between the PPTP
 * control machine, the PPP session and master.  A connection is
 * identified by master's session id; one call per connection (as
 * Poptop).  Nothing here decodes network bytes: pptp_ctrl and ppp do,
 * and this file only moves their results to and from master.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/heap.h"
#include "common/rand.h"
#include "common/log.h"
#include "ctrl/ctrl.h"
#include "ctrl/ctrl_local.h"
#include "ctrl/http.h"
#include "ctrl/ppp.h"
#include "ctrl/pptp_ctrl.h"

/*
 * Unsent bytes per TCP connection, at most.  The buffer exists only
 * while bytes wait (a peer that reads slowly): PPTP control messages
 * are <= 220 bytes and nearly every write goes out whole at once, so
 * an idle connection holds none of it (it was 8 KiB inline, most of
 * ctrl's ~7 KiB RSS per connection).
 */
#define CTRL_OUTBUF	8192
#define CTRL_READ	4096
#define CTRL_LINGER_MS	300	/* PPP's last frames before the TCP stop */

static void	conn_stop(struct ctrl *, struct conn *, uint64_t);

/*
 * A connection closed inside a callback is freed only when the
 * callbacks have returned (ctrl_reap): it goes on a list, so reaping
 * costs what there is to reap, not a walk over every slot.
 */
static void
mark_dead(struct ctrl *c, struct conn *k)
{
	k->dead = true;
	if (k->on_reap)
		return;
	k->on_reap = true;
	k->reap_next = c->reap;
	c->reap = k;
}

struct conn *
conn_by_sid(struct ctrl *c, uint32_t sid)
{
	uint16_t slot = c->by_sid[sid & 0xffff];
	struct conn *k;

	if (slot == 0 || slot > c->nconns)
		return NULL;
	k = c->conns[slot - 1];
	return k != NULL && k->used && k->sid == sid ? k : NULL;
}

static bool
callid_used(const struct ctrl *c, uint16_t id)
{
	return (c->call_ids[id >> 3] >> (id & 7)) & 1;
}

static void
callid_set(struct ctrl *c, uint16_t id, bool on)
{
	if (callid_used(c, id) == on)
		return;
	if (on) {
		c->call_ids[id >> 3] |= (uint8_t)(1u << (id & 7));
		c->ncalls++;
	} else {
		c->call_ids[id >> 3] &= (uint8_t)~(1u << (id & 7));
		c->ncalls--;
	}
}

/* ---- messages to master ---- */

static void
to_master(struct ctrl *c, uint16_t type, uint32_t sid, const void *p,
    size_t len)
{
	int r;

	if ((r = msg_send(c->chan, type, sid, p, len, -1)) != HP_OK)
		fatalx("lost master: %s", hp_strerror(r));
}

/*
 * A new current PPP configuration for the sessions to come, a copy of
 * the last one (the ones made under that keep it: pppc_put).
 */
struct ppp_conf *
pppc_next(struct ctrl *c)
{
	struct pppc_gen *g;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		fatal("calloc");
	if (c->pppc != NULL) {
		g->conf = c->pppc->conf;
		pppc_put(c->pppc);
	} else
		ppp_conf_defaults(&g->conf);
	g->refs = 1;
	c->pppc = g;
	return &g->conf;
}

void
pppc_put(struct pppc_gen *g)
{
	if (--g->refs == 0)
		free(g);
}

static void
send_closed(struct ctrl *c, struct conn *k)
{
	struct m_ctrl_closed m;

	if (k->closed_sent)
		return;
	k->closed_sent = true;
	memset(&m, 0, sizeof(m));
	m.reason = k->reason != SR_NONE ? k->reason : SR_PEER_CLOSED;
	if (m.reason == k->fail_reason) {	/* a cause PPP could name */
		m.peer = k->fail_peer;
		m.ours = k->fail_ours;
	}
	m.detail_len = (uint8_t)msg_strcpy(m.detail, sizeof(m.detail),
	    k->detail);
	to_master(c, MSG_CTRL_CLOSED, k->sid, &m, sizeof(m));
}

/* ---- PPTP control callbacks ---- */

static int
cb_send_bytes(void *arg, const uint8_t *buf, size_t len)
{
	struct conn *k = arg;
	ssize_t n = 0;

	if (k->fd == -1)
		return HP_E_CLOSED;
	if (k->outlen == 0) {
		n = write(k->fd, buf, len);
		if (n == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				return HP_E_SYS;
			n = 0;
		}
	}
	if ((size_t)n < len) {
		if (len - (size_t)n > CTRL_OUTBUF - k->outlen)
			return HP_E_NOMEM;	/* peer isn't reading */
		if (k->out == NULL && (k->out = malloc(CTRL_OUTBUF)) == NULL)
			return HP_E_NOMEM;
		memcpy(k->out + k->outlen, buf + n, len - (size_t)n);
		k->outlen += len - (size_t)n;
	}
	return HP_OK;
}

static struct ctrl *ctrl_of(struct conn *);

static int
cb_alloc_call_id(void *arg, uint16_t *id)
{
	struct conn *k = arg;
	struct ctrl *c = ctrl_of(k);
	int tries;

	/* random and unpredictable; unique among live calls */
	for (tries = 0; tries < 64; tries++) {
		hp_random(id, sizeof(*id));
		if (*id != 0 && !callid_used(c, *id))
			return HP_OK;
	}
	/*
	 * Nearly all 65,535 taken (max-connections may be that): the next
	 * free one after a random place, so a full space is the only
	 * failure.
	 */
	if (c->ncalls >= 65535)
		return HP_E_NOMEM;
	for (tries = 0; tries < 65536; tries++, (*id)++)
		if (*id != 0 && !callid_used(c, *id))
			return HP_OK;
	return HP_E_NOMEM;
}

/* ---- PPP callbacks ---- */

static void
cb_send_frame(void *arg, uint16_t proto, const uint8_t *info, size_t len)
{
	struct conn *k = arg;
	uint8_t buf[PPP_MAX_FRAME];

	if (len + 2 > sizeof(buf) || k->dead) {
		log_warnx("sid=0x%x: frame of %zu bytes dropped", k->sid, len);
		return;
	}
	/*
	 * Frames answer what peers send: with master behind, drop them
	 * (PPP retransmits) rather than fill the queue and die in
	 * to_master() on the next message that matters.
	 */
	if (ctrl_of(k)->chan->qlen >= MSG_QUEUE_MAX / 2)
		return;
	buf[0] = (uint8_t)(proto >> 8);
	buf[1] = (uint8_t)proto;
	memcpy(buf + 2, info, len);
	to_master(ctrl_of(k), MSG_PPP_FROM_CTRL, k->sid, buf, len + 2);
}

#ifdef HP_TEST_HOOKS
/*
 * Test builds only (tests/security/t_redteam.sh): a compromised ctrl,
 * running the real code in the real sandbox, misbehaves at the points
 * where it talks to master, as HP_EVIL_CTRL (passed on by master in
 * test builds) says:
 *	replay    every session's authentication request is the first one
 *		  this process sent (a recorded genuine login, replayed)
 *	pap       every request becomes PAP with HP_EVIL_PASSWORD
 *	skip-ccp  CCP is negotiated with the peer, master is never told
 *	metrics-forge  each new connection also asks master for metrics
 *		  of a scraper slot master never gave
 */
static bool
evil(const char *mode)
{
	const char *e = getenv("HP_EVIL_CTRL");

	return e != NULL && strcmp(e, mode) == 0;
}

static void
evil_auth_request(struct m_auth_request *m)
{
	static struct m_auth_request rec;
	static bool have;
	const char *pw = getenv("HP_EVIL_PASSWORD");

	if (evil("replay")) {
		if (have)
			*m = rec;
		else
			rec = *m;
		have = true;
	} else if (evil("pap") && pw != NULL) {
		m->method = AM_PAP;
		m->chal_len = 0;
		memset(m->chal, 0, sizeof(m->chal));
		memset(m->resp, 0, sizeof(m->resp));
		m->resp_len = (uint8_t)(strlen(pw) > AUTH_RESP_MAX ?
		    AUTH_RESP_MAX : strlen(pw));
		memcpy(m->resp, pw, m->resp_len);
	}
}
#endif

static void
cb_auth_request(void *arg, const struct ppp_auth_req *r)
{
	struct conn *k = arg;
	struct m_auth_request m;

	memset(&m, 0, sizeof(m));
	switch (r->method) {
	case PPP_AUTH_PAP:	m.method = AM_PAP; break;
	case PPP_AUTH_CHAP_MD5:	m.method = AM_CHAP_MD5; break;
	case PPP_AUTH_MSCHAP1:	m.method = AM_MSCHAP1; break;
	case PPP_AUTH_MSCHAP2:	m.method = AM_MSCHAP2; break;
	default:
		conn_end(ctrl_of(k), k, SR_AUTH_FAILED, "no method");
		return;
	}
	m.ident = r->id;
	m.name_len = r->name_len;
	memcpy(m.name, r->name, r->name_len);
	m.chal_len = r->challenge_len > sizeof(m.chal) ?
	    (uint8_t)sizeof(m.chal) : r->challenge_len;
	memcpy(m.chal, r->challenge, m.chal_len);
	m.resp_len = r->value_len;
	memcpy(m.resp, r->value, r->value_len);
#ifdef HP_TEST_HOOKS
	evil_auth_request(&m);
#endif
	to_master(ctrl_of(k), MSG_AUTH_REQUEST, k->sid, &m, sizeof(m));
	sodium_memzero(&m, sizeof(m));
}

static void
ccp_mode(struct conn *k, uint32_t dir, uint32_t bits)
{
	struct m_ccp_mode m;

	if (bits == 0)		/* CCP down: the session ends anyway */
		return;
#ifdef HP_TEST_HOOKS
	if (evil("skip-ccp"))
		return;
#endif
	memset(&m, 0, sizeof(m));
	m.dir = dir;
	m.bits = bits & (MPPE_BIT_H | MPPE_BIT_L | MPPE_BIT_M | MPPE_BIT_S);
	to_master(ctrl_of(k), MSG_CCP_MODE, k->sid, &m, sizeof(m));
}

static void
cb_ccp_rx_mode(void *arg, uint32_t bits)
{
	ccp_mode(arg, CCP_DIR_RX, bits);
}

static void
cb_ccp_tx_mode(void *arg, uint32_t bits)
{
	ccp_mode(arg, CCP_DIR_TX, bits);
}

static void
cb_keepalive(void *arg, uint32_t magic)
{
	struct conn *k = arg;
	struct m_lcp_keepalive m;

	memset(&m, 0, sizeof(m));
	m.on = 1;
	m.magic = magic;
	to_master(ctrl_of(k), MSG_LCP_KEEPALIVE, k->sid, &m, sizeof(m));
}

static void
cb_ip_up(void *arg, uint32_t peer_ip)
{
	struct conn *k = arg;
	struct m_session_up m;

	memset(&m, 0, sizeof(m));
	m.peer_ip = htonl(peer_ip);
	k->ip_up = true;
	(void)pptp_ctrl_call_up(&k->pc, k->call_id, now_ms());
	to_master(ctrl_of(k), MSG_SESSION_UP, k->sid, &m, sizeof(m));
}

/* PPP's free-text reason, classified for master's audit line. */
static uint32_t
ppp_reason(const char *why)
{
	if (strstr(why, "authentic") != NULL)
		return SR_AUTH_FAILED;
	if (strstr(why, "echo") != NULL)
		return SR_ECHO_TIMEOUT;
	if (strstr(why, "MPPE") != NULL || strstr(why, "mppe") != NULL ||
	    strstr(why, "CCP") != NULL)
		return SR_MPPE_REFUSED;
	if (strstr(why, "Terminate") != NULL || strstr(why, "peer") != NULL)
		return SR_PEER_TERMINATE;
	return SR_NEGOTIATION;
}

/* ppp_conf's PPP_AUTHF() bits as the catalog's AM_BIT() set. */
static uint32_t
am_bits(uint32_t authf)
{
	uint32_t b = 0;

	if (authf & PPP_AUTHF(PPP_AUTH_PAP))
		b |= AM_BIT(AM_PAP);
	if (authf & PPP_AUTHF(PPP_AUTH_CHAP_MD5))
		b |= AM_BIT(AM_CHAP_MD5);
	if (authf & PPP_AUTHF(PPP_AUTH_MSCHAP1))
		b |= AM_BIT(AM_MSCHAP1);
	if (authf & PPP_AUTHF(PPP_AUTH_MSCHAP2))
		b |= AM_BIT(AM_MSCHAP2);
	return b;
}

/*
 * A set-up failure PPP could name, as master's reason and the two
 * numbers it writes into the event line; SR_NONE when there is none.
 */
static uint32_t
ppp_cause_reason(const struct ppp *p, uint32_t *peer, uint32_t *ours)
{
	struct ppp_failure f;

	ppp_failure(p, &f);
	*peer = *ours = 0;
	switch (f.cause) {
	case PPP_CAUSE_LCP_TIMEOUT:
		*peer = f.peer > CLOSED_LCP_MAX ? CLOSED_LCP_MAX : f.peer;
		*ours = f.ours > CLOSED_LCP_MAX ? CLOSED_LCP_MAX : f.ours;
		return SR_LCP_TIMEOUT;
	case PPP_CAUSE_CCP_REFUSED:
		*peer = f.peer & CLOSED_MPPE_BITS;
		*ours = f.ours & CLOSED_MPPE_BITS;
		return SR_CCP_REFUSED;
	case PPP_CAUSE_AUTH_REFUSED:
		*peer = f.peer & CLOSED_AUTH_PEER_MAX;
		*ours = am_bits(f.ours);
		return SR_AUTH_REFUSED;
	case PPP_CAUSE_NONE:
		break;
	}
	return SR_NONE;
}

static void
cb_finished(void *arg, const char *why)
{
	struct conn *k = arg;
	uint32_t r;

	r = ppp_cause_reason(k->ppp, &k->fail_peer, &k->fail_ours);
	if (r != SR_NONE)
		k->fail_reason = r;
	conn_end(ctrl_of(k), k, r != SR_NONE ? r : ppp_reason(why), why);
}

static const struct ppp_cb ppp_callbacks = {
	.send_frame = cb_send_frame,
	.auth_request = cb_auth_request,
	.ccp_rx_mode = cb_ccp_rx_mode,
	.ccp_tx_mode = cb_ccp_tx_mode,
	.ip_up = cb_ip_up,
	.keepalive = cb_keepalive,
	.finished = cb_finished,
};

static int
cb_call_open(void *arg, uint16_t our, uint16_t peer, uint16_t window,
    uint16_t delay)
{
	struct conn *k = arg;
	struct ctrl *c = ctrl_of(k);
	struct m_call_open m;
	uint64_t now = now_ms();

	if (k->call || c->pppc == NULL)
		return HP_E_RANGE;
	if ((k->ppp = ppp_create(&c->pppc->conf, k->sid, &ppp_callbacks, k,
	    now)) == NULL)
		return HP_E_NOMEM;
	k->pppc = c->pppc;
	k->pppc->refs++;
	k->call = true;
	k->call_id = our;
	callid_set(c, our, true);
	memset(&m, 0, sizeof(m));
	m.call_id = our;
	m.peer_call_id = peer;
	m.peer_window = window;
	to_master(c, MSG_CALL_OPEN, k->sid, &m, sizeof(m));
	/*
	 * The OCRP waits for master's MSG_CALL_ACCEPT: gre must take the
	 * call's packets before the peer, which sends its first LCP
	 * packet the moment the OCRP arrives, knows the call exists.
	 */
	return HP_E_AGAIN;
}

static void
cb_call_clear(void *arg, uint16_t our, enum pptp_clear_reason why)
{
	struct conn *k = arg;

	if (k->reason == SR_NONE)
		k->reason = why == PPTP_CLEAR_SETUP_TIMEOUT ?
		    SR_SETUP_TIMEOUT : SR_CALL_CLEARED;
	if (k->ppp != NULL && !ppp_is_finished(k->ppp))
		ppp_close(k->ppp, pptp_clear_reason_name(why));
}

static void
cb_set_link_info(void *arg, uint16_t our, uint32_t send_accm,
    uint32_t recv_accm)
{
	/* ACCMs matter for async HDLC only; GRE carries whole frames */
}

static void
cb_closed(void *arg, enum pptp_close_reason why, const char *text)
{
	struct conn *k = arg;
	struct ctrl *c = ctrl_of(k);

	if (k->reason == SR_NONE) {
		switch (why) {
		case PPTP_CLOSE_ECHO_TIMEOUT:
			k->reason = SR_ECHO_TIMEOUT;
			break;
		case PPTP_CLOSE_SCCRQ_TIMEOUT:
			k->reason = SR_SETUP_TIMEOUT;
			break;
		case PPTP_CLOSE_BAD_MESSAGE:
		case PPTP_CLOSE_PROTOCOL:
		case PPTP_CLOSE_VERSION:
			k->reason = SR_PROTOCOL_ERROR;
			break;
		default:
			k->reason = SR_PEER_CLOSED;
			break;
		}
		(void)snprintf(k->detail, sizeof(k->detail), "%s", text);
	}
	if (k->ppp != NULL && !ppp_is_finished(k->ppp))
		ppp_close(k->ppp, "control connection closed");
	mark_dead(c, k);
}

static const struct pptp_ctrl_cb pptp_callbacks = {
	.send_bytes = cb_send_bytes,
	.alloc_call_id = cb_alloc_call_id,
	.call_open = cb_call_open,
	.call_clear = cb_call_clear,
	.set_link_info = cb_set_link_info,
	.closed = cb_closed,
};

/*
 * End a session from our side: record why, stop the control
 * connection (CDN + StopCCRQ); cb_closed() marks it for reaping.
 */
void
conn_end(struct ctrl *c, struct conn *k, uint32_t reason, const char *why)
{
	uint64_t now = now_ms();

	if (k->reason == SR_NONE) {
		k->reason = reason;
		(void)snprintf(k->detail, sizeof(k->detail), "%s", why);
	}
	if (k->ppp != NULL && !ppp_is_finished(k->ppp)) {
		ppp_close(k->ppp, why);
		return;		/* finished() comes back here */
	}
	/*
	 * PPP's last frames (a Terminate-Ack) travel through master and
	 * gre, the stop goes straight out on TCP and would overtake them:
	 * a client then sees a hang-up, not the authentication failure.
	 * Linger a moment before stopping the control connection.
	 */
	if (!k->dead && k->stop_at == 0 && k->pc.state != PCS_CLOSED) {
		k->stop_at = now + CTRL_LINGER_MS;
		return;
	}
	conn_stop(c, k, now);
}

static void
conn_stop(struct ctrl *c, struct conn *k, uint64_t now)
{
	k->stop_at = 0;
	if (!k->dead)
		(void)pptp_ctrl_stop(&k->pc, 1, now);
	if (!k->dead && k->pc.state == PCS_CLOSED)
		mark_dead(c, k);
}

/* ---- connection table ---- */

static struct ctrl *
ctrl_of(struct conn *k)
{
	return k->ctrl;
}

struct ctrl *
ctrl_create(struct msg_chan *chan, int ep)
{
	struct ctrl *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->chan = chan;
	c->ep = ep;
	/*
	 * Our DHCPv6 DUID (RFC 8415 11.5, a DUID-UUID of RFC 6355): random,
	 * version 4 (RFC 9562 5.4), the same for every session of this
	 * process; a stateless client keeps nothing that names it.
	 */
	randombytes_buf(c->duid_uuid, sizeof(c->duid_uuid));
	c->duid_uuid[6] = (uint8_t)((c->duid_uuid[6] & 0x0f) | 0x40);
	c->duid_uuid[8] = (uint8_t)((c->duid_uuid[8] & 0x3f) | 0x80);
	if ((c->http = ctrl_http_create(chan, ep)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

/*
 * The table has exactly max-connections slots (master sized its limits
 * and its fd grant to the same number; a SIGHUP keeps it); a slot's
 * connection is allocated on first use and kept for reuse.
 */
struct ctrl_http *
ctrl_http_of(struct ctrl *c)
{
	return c->http;
}

void
ctrl_slots_init(struct ctrl *c, uint32_t n)
{
	uint32_t i;

	c->nconns = n == 0 ? 1 : n;
	c->conns = calloc(c->nconns, sizeof(*c->conns));
	c->free_slots = calloc(c->nconns, sizeof(*c->free_slots));
	if (c->conns == NULL || c->free_slots == NULL ||
	    heap_init(&c->timers, c->nconns) != HP_OK)
		fatalx("out of memory for %u connection slots", c->nconns);
	for (i = 0; i < c->nconns; i++)
		c->free_slots[i] = c->nconns - 1 - i;
	c->nfree = c->nconns;
}

void
conn_new(struct ctrl *c, uint32_t sid, int fd)
{
	struct epoll_event ev;
	struct conn *k;
	uint32_t i;

	if (!c->configured || conn_by_sid(c, sid) != NULL) {
		close(fd);
		return;
	}
	/*
	 * Master admits no more than max-connections, so this refuses only
	 * when memory runs out; master writes the audit line and counts it
	 * (a line here per refusal would be a flood).
	 */
	i = c->nfree > 0 ? c->free_slots[c->nfree - 1] : c->nconns;
	if (i == c->nconns || (c->conns[i] == NULL &&
	    (c->conns[i] = malloc(sizeof(struct conn))) == NULL)) {
		struct m_ctrl_closed m;

		log_debug("sid=0x%x: no connection slot", sid);
		close(fd);
		memset(&m, 0, sizeof(m));
		m.reason = SR_LIMIT;
		m.detail_len = (uint8_t)msg_strcpy(m.detail, sizeof(m.detail),
		    "no connection slot");
		to_master(c, MSG_CTRL_CLOSED, sid, &m, sizeof(m));
		return;
	}
#ifdef HP_TEST_HOOKS
	if (evil("metrics-forge")) {
		struct m_metrics_req f = { .id = 0 };

		to_master(c, MSG_METRICS_REQ, 0, &f, sizeof(f));
	}
#endif
	c->nfree--;
	k = c->conns[i];
	memset(k, 0, sizeof(*k));
	k->ctrl = c;
	k->used = true;
	k->slot = i;
	k->sid = sid;
	k->fd = fd;
	c->by_sid[sid & 0xffff] = (uint16_t)(i + 1);
	pptp_ctrl_init(&k->pc, &c->pcc, &pptp_callbacks, k, sid, now_ms());
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = ((uint64_t)2 << 32) | i;
	if (epoll_ctl(c->ep, EPOLL_CTL_ADD, fd, &ev) == -1)
		fatal("epoll_ctl");
	conn_rearm(c, k, 0);		/* the SCCRQ timeout */
}

static void
out_free(struct conn *k)
{
	free(k->out);
	k->out = NULL;
	k->outlen = 0;
}

static void
conn_free(struct ctrl *c, struct conn *k)
{
	heap_del(&c->timers, k->slot);
	send_closed(c, k);
	if (k->fd != -1) {
		(void)epoll_ctl(c->ep, EPOLL_CTL_DEL, k->fd, NULL);
		close(k->fd);
		k->fd = -1;
	}
	if (k->ppp != NULL)
		ppp_destroy(k->ppp);
	k->ppp = NULL;
	if (k->pppc != NULL)
		pppc_put(k->pppc);
	k->pppc = NULL;
	out_free(k);
	if (k->call)
		callid_set(c, k->call_id, false);
	pptp_ctrl_fini(&k->pc);
	if (c->by_sid[k->sid & 0xffff] != 0 &&
	    c->conns[c->by_sid[k->sid & 0xffff] - 1] == k)
		c->by_sid[k->sid & 0xffff] = 0;
	k->used = false;
	c->free_slots[c->nfree++] = k->slot;
}

void
ctrl_reap(struct ctrl *c)
{
	struct conn *k;

	while ((k = c->reap) != NULL) {
		c->reap = k->reap_next;
		k->reap_next = NULL;
		k->on_reap = false;
		if (k->used)
			conn_free(c, k);
	}
}

/* The earliest of the connection's deadlines: linger, PPTP, PPP. */
static uint64_t
conn_deadline(const struct conn *k)
{
	uint64_t next = UINT64_MAX, d;

	if (k->stop_at != 0)
		next = k->stop_at;
	d = pptp_ctrl_next_deadline(&k->pc);
	if (d != PPTP_NO_DEADLINE && d < next)
		next = d;
	if (k->ppp != NULL && (d = ppp_next_deadline(k->ppp)) != 0 &&
	    d < next)
		next = d;
	return next;
}

/*
 * After anything that may have moved a connection's deadlines (its
 * bytes, a message from master for it, its timers): put it at its
 * earliest in the heap, never before `floor`, or take it out.  Only
 * the connection an event was for can change, so this is all the
 * bookkeeping an event needs.
 */
void
conn_rearm(struct ctrl *c, struct conn *k, uint64_t floor)
{
	uint64_t d;

	if (!k->used || k->dead ||
	    (d = conn_deadline(k)) == UINT64_MAX) {
		heap_del(&c->timers, k->slot);
		return;
	}
	heap_set(&c->timers, k->slot, d < floor ? floor : d);
}

static void
set_events(struct ctrl *c, struct conn *k, uint32_t idx)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | (k->outlen > 0 ? EPOLLOUT : 0);
	ev.data.u64 = ((uint64_t)2 << 32) | idx;
	(void)epoll_ctl(c->ep, EPOLL_CTL_MOD, k->fd, &ev);
}

void
ctrl_conn_event(struct ctrl *c, uint32_t idx, uint32_t events)
{
	uint8_t buf[CTRL_READ];
	struct conn *k;
	uint64_t now = now_ms();
	bool had_out;
	ssize_t n;

	if (idx >= c->nconns || (k = c->conns[idx]) == NULL || !k->used ||
	    k->dead)
		return;
	had_out = k->outlen > 0;
	if ((events & EPOLLOUT) && k->outlen > 0) {
		n = write(k->fd, k->out, k->outlen);
		if (n > 0) {
			memmove(k->out, k->out + n, k->outlen - (size_t)n);
			k->outlen -= (size_t)n;
			if (k->outlen == 0)
				out_free(k);
		} else if (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK)
			(void)pptp_ctrl_eof(&k->pc, now);
	}
	if (!k->dead && (events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
		n = read(k->fd, buf, sizeof(buf));
		if (n > 0)
			(void)pptp_ctrl_input(&k->pc, buf, (size_t)n, now);
		else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR))
			(void)pptp_ctrl_eof(&k->pc, now);
	}
	if (!k->dead && (k->outlen > 0) != had_out)
		set_events(c, k, idx);
	conn_rearm(c, k, 0);
	ctrl_reap(c);
}

int
ctrl_timers(struct ctrl *c, uint64_t now)
{
	uint32_t slot;
	uint64_t d, next;

	if (!c->configured)
		return -1;
	while (heap_top(&c->timers, &slot, &d) && d <= now) {
		struct conn *k = c->conns[slot];

		/*
		 * Thousands can fall due at once (an outage ends every
		 * session's echoes together): each close is a message, and
		 * a full queue to master is fatal.  Let master catch up
		 * first; the main loop flushes and calls again.
		 */
		if (c->chan->qlen >= MSG_QUEUE_MAX / 2)
			return 1;

		/* run what is due: the linger (see conn_end), PPTP, PPP */
		if (k->stop_at != 0 && now >= k->stop_at)
			conn_stop(c, k, now);
		if (!k->dead && (d = pptp_ctrl_next_deadline(&k->pc)) !=
		    PPTP_NO_DEADLINE && d <= now)
			(void)pptp_ctrl_timeout(&k->pc, now);
		if (!k->dead && k->ppp != NULL &&
		    (d = ppp_next_deadline(k->ppp)) != 0 && d <= now)
			ppp_timeout(k->ppp, now);
		/*
		 * Only now take the deadlines: each timeout can arm another
		 * machine's timer (a PPP timeout that ends the session
		 * lingers, then stops PPTP and waits for its StopCCRP).
		 * Never again at `now`: that would loop.
		 */
		conn_rearm(c, k, now + 1);
		ctrl_reap(c);
	}
	if (!heap_top(&c->timers, &slot, &next))
		return -1;
	return next <= now ? 0 : next - now > 60000 ? 60000 :
	    (int)(next - now);
}
