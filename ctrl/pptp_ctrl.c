/*
 * hpptpd: PPTP control connection and call state machines (server/PAC
 * side of RFC 2637).  See pptp_ctrl.h for the API and its rules.
 *
 * Every event, whether a message from the peer, a timer, or a request
 * from the worker, goes through pc_dispatch(): one [state][event] table
 * lookup, an empty cell being a protocol error handled in one place
 * (pc_unexpected), then pc_enter() with the state the handler returned.
 * Only pc_enter() writes c->state and only call_event() writes a call's.
 *
 * Decisions where RFC 2637 leaves room (Windows is the reference client):
 *  - A message the peer's role never sends us (SCCRP, StopCCRP unasked,
 *    OCRP, ICRP, ICCN, CDN) closes the connection: it is not a PNS.
 *  - ICRQ is refused with ICRP "do not accept"; OCRQ/ICRQ/Echo-Request
 *    before SCCRQ get "general error / not connected" and the SCCRQ
 *    deadline keeps running.
 *  - A second SCCRQ gets SCCRP "command channel already exists"; the
 *    established connection carries on.
 *  - max_calls counts calls ever opened on the connection, not
 *    concurrent ones: Windows opens one call and, after it ends, stops
 *    the connection.  An OCRQ beyond it gets OCRP general error /
 *    no-resource.  When no call is live for call_timeout_ms we stop the
 *    connection ourselves, so an idle TCP connection cannot linger.
 *  - CDN result: 4 (request) after a CCRQ, 3 (admin shutdown) otherwise;
 *    MS-PTPT 3.2.5.5 says Windows ignores it either way.
 *  - SLI names our Call ID.  A client that sends its own instead is
 *    matched on that as a fallback: the ACCMs are harmless either way.
 *  - Any valid message counts as proof of life for the echo timer.
 *  - Peer-triggered log lines that do not end the connection are capped
 *    per connection (PC_LOG_MAX); the close line is always logged.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/pptp_ctrl.h"
#include "ctrl/pptp_msg.h"
#include "ctrl/pptp_stream.h"

#define PC_LOG_MAX	16

/* Events: 1..15 are the received message types themselves. */
enum pc_event {
	PCE_NONE = 0,
	PCE_TIMEOUT = PPTP_TYPE_MAX + 1,	/* a deadline passed */
	PCE_STOP,				/* pptp_ctrl_stop() */
	PCE_CALL_UP,				/* pptp_ctrl_call_up() */
	PCE_CALL_ACCEPT,			/* pptp_ctrl_call_accept() */
	PCE_CALL_CLEAR,				/* pptp_ctrl_call_clear() */
	PCE_EOF,				/* pptp_ctrl_eof() */
	PCE_BAD,				/* framing/decoding failed */
	PCE_N
};

/* Call events (call_event()). */
enum pc_call_event {
	CE_OPEN,		/* OCRQ accepted */
	CE_UP,			/* worker: PPP up */
	CE_PEER_CLEAR,		/* CCRQ */
	CE_LOCAL_CLEAR,		/* worker: clear */
	CE_SETUP_TIMEOUT,	/* not up in time */
	CE_STOP,		/* connection being stopped by us */
	CE_CONN_LOST,		/* connection closed */
};

typedef enum pptp_ctrl_state (*pc_fn)(struct pptp_ctrl *,
    const struct pptp_msg *);

static enum pptp_ctrl_state pc_recv_sccrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_stopccrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_stopccrp(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_echorq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_echorp(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_ocrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_icrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_ccrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_wen(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_recv_sli(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_ignore(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_timeout_sccrq(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_timeout_est(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_timeout_stop(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_stop_idle(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_stop_send(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_call_up(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_call_accept(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_call_clear(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_no_call(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_eof(struct pptp_ctrl *,
    const struct pptp_msg *);
static enum pptp_ctrl_state pc_bad(struct pptp_ctrl *,
    const struct pptp_msg *);

/*
 * The connection machine.  An empty cell is a protocol error
 * (pc_unexpected closes).  CLOSED has no row: nothing is dispatched
 * there.
 */
static const pc_fn pc_table[PCS_N][PCE_N] = {
	[PCS_WAIT_SCCRQ] = {
		[PPTP_SCCRQ]	= pc_recv_sccrq,
		[PPTP_STOPCCRQ]	= pc_recv_stopccrq,
		[PPTP_ECHORQ]	= pc_recv_echorq,	/* not connected */
		[PPTP_OCRQ]	= pc_recv_ocrq,		/* not connected */
		[PPTP_ICRQ]	= pc_recv_icrq,		/* not connected */
		[PCE_TIMEOUT]	= pc_timeout_sccrq,
		[PCE_STOP]	= pc_stop_idle,
		[PCE_CALL_UP]	= pc_no_call,
		[PCE_CALL_ACCEPT] = pc_no_call,
		[PCE_CALL_CLEAR] = pc_no_call,
		[PCE_EOF]	= pc_eof,
		[PCE_BAD]	= pc_bad,
	},
	[PCS_ESTABLISHED] = {
		[PPTP_SCCRQ]	= pc_recv_sccrq,	/* already exists */
		[PPTP_STOPCCRQ]	= pc_recv_stopccrq,
		[PPTP_ECHORQ]	= pc_recv_echorq,
		[PPTP_ECHORP]	= pc_recv_echorp,
		[PPTP_OCRQ]	= pc_recv_ocrq,
		[PPTP_ICRQ]	= pc_recv_icrq,		/* do not accept */
		[PPTP_CCRQ]	= pc_recv_ccrq,
		[PPTP_WEN]	= pc_recv_wen,
		[PPTP_SLI]	= pc_recv_sli,
		[PCE_TIMEOUT]	= pc_timeout_est,
		[PCE_STOP]	= pc_stop_send,
		[PCE_CALL_UP]	= pc_call_up,
		[PCE_CALL_ACCEPT] = pc_call_accept,
		[PCE_CALL_CLEAR] = pc_call_clear,
		[PCE_EOF]	= pc_eof,
		[PCE_BAD]	= pc_bad,
	},
	[PCS_WAIT_STOPCCRP] = {
		[PPTP_STOPCCRQ]	= pc_recv_stopccrq,	/* crossed ours */
		[PPTP_STOPCCRP]	= pc_recv_stopccrp,
		[PPTP_ECHORQ]	= pc_recv_echorq,
		/* what the peer sent before it saw our StopCCRQ */
		[PPTP_ECHORP]	= pc_ignore,
		[PPTP_OCRQ]	= pc_ignore,
		[PPTP_CCRQ]	= pc_ignore,
		[PPTP_WEN]	= pc_ignore,
		[PPTP_SLI]	= pc_ignore,
		[PCE_TIMEOUT]	= pc_timeout_stop,
		[PCE_STOP]	= pc_ignore,
		[PCE_CALL_UP]	= pc_no_call,
		[PCE_CALL_ACCEPT] = pc_no_call,
		[PCE_CALL_CLEAR] = pc_no_call,
		[PCE_EOF]	= pc_eof,
		[PCE_BAD]	= pc_bad,
	},
};

static void	pc_dispatch(struct pptp_ctrl *, enum pc_event,
		    const struct pptp_msg *);
static void	pc_enter(struct pptp_ctrl *, enum pptp_ctrl_state);
static enum pptp_ctrl_state pc_unexpected(struct pptp_ctrl *,
		    enum pc_event);
static enum pptp_ctrl_state pc_close(struct pptp_ctrl *,
		    enum pptp_close_reason, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	pc_send(struct pptp_ctrl *, const struct pptp_msg *);
static void	pc_send_stopccrq(struct pptp_ctrl *);
static void	pc_send_ocrp(struct pptp_ctrl *, struct pptp_call *);
static void	pc_send_ocrp_refused(struct pptp_ctrl *,
		    const struct pptp_call *);
static void	pc_send_cdn(struct pptp_ctrl *, const struct pptp_call *,
		    uint8_t);
static void	pc_ocrp_refuse(struct pptp_ctrl *, const struct pptp_ocrq *,
		    uint8_t, uint8_t, const char *);
static int	pc_lognote(struct pptp_ctrl *);
static void	pc_alive(struct pptp_ctrl *);
static int	pc_live_calls(const struct pptp_ctrl *);
static struct pptp_call *pc_find_our(struct pptp_ctrl *, uint16_t);
static struct pptp_call *pc_find_peer(struct pptp_ctrl *, uint16_t, int);
static void	call_event(struct pptp_ctrl *, struct pptp_call *,
		    enum pc_call_event);
static uint64_t	after(uint64_t, uint32_t);
static uint64_t	echo_idle_deadline(const struct pptp_ctrl *);
static int	pc_enter_api(struct pptp_ctrl *, uint64_t);
static const char *pc_event_name(enum pc_event);

void
pptp_ctrl_conf_defaults(struct pptp_ctrl_conf *cf)
{
	memset(cf, 0, sizeof(*cf));
	(void)snprintf(cf->host, sizeof(cf->host), "hpptpd");
	(void)snprintf(cf->vendor, sizeof(cf->vendor), "hpptpd");
	cf->firmware = 1;
	cf->max_channels = 1;
	cf->connect_speed = 100000000;
	cf->recv_window = 64;
	cf->max_calls = 1;
	cf->echo_max_missed = 3;
	cf->sccrq_timeout_ms = 10000;
	cf->call_timeout_ms = 10000;
	cf->setup_timeout_ms = 60000;
	cf->echo_idle_ms = 60000;
	cf->echo_retry_ms = 20000;
	cf->stop_timeout_ms = 3000;
}

void
pptp_ctrl_init(struct pptp_ctrl *c, const struct pptp_ctrl_conf *cf,
    const struct pptp_ctrl_cb *cb, void *arg, uint32_t conn_id, uint64_t now)
{
	memset(c, 0, sizeof(*c));
	c->conf = *cf;
	/* Clamp what would break the machine rather than trust callers. */
	c->conf.host[PPTP_STR_LEN] = '\0';
	c->conf.vendor[PPTP_STR_LEN] = '\0';
	if (c->conf.max_calls < 1)
		c->conf.max_calls = 1;
	if (c->conf.max_calls > PPTP_CTRL_MAX_CALLS)
		c->conf.max_calls = PPTP_CTRL_MAX_CALLS;
	if (c->conf.echo_max_missed < 1)
		c->conf.echo_max_missed = 1;
	if (c->conf.recv_window < 1)
		c->conf.recv_window = 1;
	c->cb = cb;
	c->arg = arg;
	c->id = conn_id;
	c->now = now;
	c->send_err = HP_OK;
	c->state = PCS_WAIT_SCCRQ;
	c->state_deadline = after(now, c->conf.sccrq_timeout_ms);
	c->nocall_deadline = PPTP_NO_DEADLINE;
	c->echo_at = PPTP_NO_DEADLINE;
	pptp_stream_init(&c->stream);
	log_debug("pptp: conn %u accepted", c->id);
}

void
pptp_ctrl_fini(struct pptp_ctrl *c)
{
	memset(c, 0, sizeof(*c));
	c->state = PCS_CLOSED;
}

int
pptp_ctrl_input(struct pptp_ctrl *c, const uint8_t *buf, size_t len,
    uint64_t now)
{
	const uint8_t *frame;
	struct pptp_msg m;
	struct rd in;
	size_t flen;
	int e;

	if ((e = pc_enter_api(c, now)) != HP_OK)
		return e;
	rd_init(&in, buf, len);
	/* Every complete message now; what follows a close is dropped. */
	while (c->state != PCS_CLOSED) {
		e = pptp_stream_next(&c->stream, &in, &frame, &flen);
		if (e == HP_E_AGAIN)
			break;
		if (e != HP_OK) {
			(void)pptp_stream_reason(&c->stream, c->bad,
			    sizeof(c->bad));
			pc_dispatch(c, PCE_BAD, NULL);
			break;
		}
		if ((e = pptp_msg_decode(frame, flen, &m)) != HP_OK) {
			(void)snprintf(c->bad, sizeof(c->bad),
			    "undecodable message: %s", hp_strerror(e));
			pc_dispatch(c, PCE_BAD, NULL);
			break;
		}
		log_debug("pptp: conn %u recv %s in %s", c->id,
		    pptp_type_name(m.type), pptp_ctrl_state_name(c->state));
		pc_alive(c);
		pc_dispatch(c, (enum pc_event)m.type, &m);
	}
	c->busy = 0;
	return c->state == PCS_CLOSED ? HP_E_CLOSED : HP_OK;
}

int
pptp_ctrl_eof(struct pptp_ctrl *c, uint64_t now)
{
	int e;

	if ((e = pc_enter_api(c, now)) != HP_OK)
		return e;
	pc_dispatch(c, PCE_EOF, NULL);
	c->busy = 0;
	return HP_E_CLOSED;
}

int
pptp_ctrl_timeout(struct pptp_ctrl *c, uint64_t now)
{
	int e;

	if ((e = pc_enter_api(c, now)) != HP_OK)
		return e;
	if (now >= pptp_ctrl_next_deadline(c))
		pc_dispatch(c, PCE_TIMEOUT, NULL);
	c->busy = 0;
	return c->state == PCS_CLOSED ? HP_E_CLOSED : HP_OK;
}

uint64_t
pptp_ctrl_next_deadline(const struct pptp_ctrl *c)
{
	uint64_t d;
	size_t i;

	switch (c->state) {
	case PCS_WAIT_SCCRQ:
	case PCS_WAIT_STOPCCRP:
		return c->state_deadline;
	case PCS_ESTABLISHED:
		d = c->echo_at;
		if (pc_live_calls(c) == 0 && c->nocall_deadline < d)
			d = c->nocall_deadline;
		for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
			if (c->calls[i].state == PCALL_WAIT_UP &&
			    c->calls[i].deadline < d)
				d = c->calls[i].deadline;
		return d;
	case PCS_CLOSED:
	case PCS_N:
		break;
	}
	return PPTP_NO_DEADLINE;
}

/* The API calls that name one call: its event, and the handler's result. */
static int
pc_call_api(struct pptp_ctrl *c, uint16_t our_call_id, uint64_t now,
    enum pc_event ev)
{
	int e;

	if ((e = pc_enter_api(c, now)) != HP_OK)
		return e;
	c->req_call_id = our_call_id;
	c->req_result = HP_OK;
	pc_dispatch(c, ev, NULL);
	c->busy = 0;
	return c->req_result;
}

int
pptp_ctrl_call_up(struct pptp_ctrl *c, uint16_t our_call_id, uint64_t now)
{
	return pc_call_api(c, our_call_id, now, PCE_CALL_UP);
}

int
pptp_ctrl_call_accept(struct pptp_ctrl *c, uint16_t our_call_id,
    uint64_t now)
{
	return pc_call_api(c, our_call_id, now, PCE_CALL_ACCEPT);
}

int
pptp_ctrl_call_clear(struct pptp_ctrl *c, uint16_t our_call_id,
    uint64_t now)
{
	return pc_call_api(c, our_call_id, now, PCE_CALL_CLEAR);
}

int
pptp_ctrl_stop(struct pptp_ctrl *c, unsigned int reason, uint64_t now)
{
	int e;

	if ((e = pc_enter_api(c, now)) != HP_OK)
		return e;
	c->stop_reason = reason >= PPTP_STOP_NONE && reason <= PPTP_STOP_LOCAL ?
	    (uint8_t)reason : PPTP_STOP_NONE;
	pc_dispatch(c, PCE_STOP, NULL);
	c->busy = 0;
	return c->state == PCS_CLOSED ? HP_E_CLOSED : HP_OK;
}

const struct pptp_call *
pptp_ctrl_call(const struct pptp_ctrl *c, uint16_t our_call_id)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if ((c->calls[i].state == PCALL_WAIT_UP ||
		    c->calls[i].state == PCALL_ESTABLISHED) &&
		    c->calls[i].our_id == our_call_id)
			return &c->calls[i];
	return NULL;
}

/* Common entry of the public calls: no reentry, nothing after close. */
static int
pc_enter_api(struct pptp_ctrl *c, uint64_t now)
{
	if (c->busy) {
		log_warnx("pptp: conn %u: called from its own callback",
		    c->id);
		return HP_E_AGAIN;
	}
	if (c->state == PCS_CLOSED)
		return HP_E_CLOSED;
	c->busy = 1;
	c->now = now;
	return HP_OK;
}

static void
pc_dispatch(struct pptp_ctrl *c, enum pc_event ev, const struct pptp_msg *m)
{
	enum pptp_ctrl_state next;
	pc_fn fn;

	if (c->state >= PCS_CLOSED || ev <= PCE_NONE || ev >= PCE_N)
		return;
	fn = pc_table[c->state][ev];
	next = fn != NULL ? fn(c, m) : pc_unexpected(c, ev);
	/* A failed write ends the connection, unless it is ending anyway. */
	if (c->send_err != HP_OK && next != PCS_CLOSED)
		next = pc_close(c, PPTP_CLOSE_SEND, "send failed: %s",
		    hp_strerror(c->send_err));
	pc_enter(c, next);
}

/* The only writer of c->state; entry actions live here. */
static void
pc_enter(struct pptp_ctrl *c, enum pptp_ctrl_state next)
{
	size_t i;

	if (next == c->state)
		return;
	log_debug("pptp: conn %u %s -> %s", c->id,
	    pptp_ctrl_state_name(c->state), pptp_ctrl_state_name(next));
	c->state = next;
	switch (next) {
	case PCS_ESTABLISHED:
		c->echo_at = echo_idle_deadline(c);
		c->nocall_deadline = after(c->now, c->conf.call_timeout_ms);
		break;
	case PCS_WAIT_STOPCCRP:
		c->state_deadline = after(c->now, c->conf.stop_timeout_ms);
		break;
	case PCS_CLOSED:
		for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
			call_event(c, &c->calls[i], CE_CONN_LOST);
		switch (c->close_reason) {
		case PPTP_CLOSE_PEER_STOP:
		case PPTP_CLOSE_STOPPED:
		case PPTP_CLOSE_EOF:
		case PPTP_CLOSE_LOCAL:
			log_info("pptp: conn %u closed: %s", c->id, c->why);
			break;
		default:
			log_warnx("pptp: conn %u closed: %s", c->id, c->why);
			break;
		}
		c->cb->closed(c->arg, c->close_reason, c->why);
		break;
	case PCS_WAIT_SCCRQ:
	case PCS_N:
		break;
	}
}

static enum pptp_ctrl_state
pc_close(struct pptp_ctrl *c, enum pptp_close_reason r, const char *fmt, ...)
{
	va_list ap;

	c->close_reason = r;
	va_start(ap, fmt);
	(void)vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return PCS_CLOSED;
}

static enum pptp_ctrl_state
pc_unexpected(struct pptp_ctrl *c, enum pc_event ev)
{
	return pc_close(c, PPTP_CLOSE_PROTOCOL, "unexpected %s in state %s",
	    pc_event_name(ev), pptp_ctrl_state_name(c->state));
}

static enum pptp_ctrl_state
pc_bad(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_BAD_MESSAGE, "%s", c->bad);
}

static enum pptp_ctrl_state
pc_eof(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_EOF, "peer closed the connection%s",
	    pptp_stream_partial(&c->stream) ? " inside a message" : "");
}

static enum pptp_ctrl_state
pc_ignore(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	if (m != NULL)
		log_debug("pptp: conn %u ignored %s in %s", c->id,
		    pptp_type_name(m->type), pptp_ctrl_state_name(c->state));
	return c->state;
}

static enum pptp_ctrl_state
pc_recv_sccrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_sccrq *rq = &m->u.sccrq;
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_SCCRP;
	r.u.sccrp.version = PPTP_VERSION;
	r.u.sccrp.framing_caps = PPTP_FRAMING_ASYNC | PPTP_FRAMING_SYNC;
	r.u.sccrp.bearer_caps = PPTP_BEARER_ANALOG | PPTP_BEARER_DIGITAL;
	r.u.sccrp.max_channels = c->conf.max_channels;
	r.u.sccrp.firmware = c->conf.firmware;
	memcpy(r.u.sccrp.host, c->conf.host, sizeof(r.u.sccrp.host));
	memcpy(r.u.sccrp.vendor, c->conf.vendor, sizeof(r.u.sccrp.vendor));

	if (c->state != PCS_WAIT_SCCRQ) {
		r.u.sccrp.result = PPTP_SCCRP_EXISTS;
		if (pc_lognote(c))
			log_info("pptp: conn %u: second %s refused", c->id,
			    pptp_type_name(m->type));
		pc_send(c, &r);
		return c->state;
	}
	c->peer_version = rq->version;
	c->peer_firmware = rq->firmware;
	log_sanitize(c->peer_host, sizeof(c->peer_host), rq->host,
	    strlen(rq->host));
	log_sanitize(c->peer_vendor, sizeof(c->peer_vendor), rq->vendor,
	    strlen(rq->vendor));
	if (rq->version != PPTP_VERSION) {
		r.u.sccrp.result = PPTP_SCCRP_VERSION;
		pc_send(c, &r);
		return pc_close(c, PPTP_CLOSE_VERSION,
		    "protocol version 0x%04x not supported (vendor \"%s\")",
		    rq->version, c->peer_vendor);
	}
	r.u.sccrp.result = PPTP_SCCRP_OK;
	pc_send(c, &r);
	log_info("pptp: conn %u started: firmware %u host \"%s\" vendor \"%s\"",
	    c->id, rq->firmware, c->peer_host, c->peer_vendor);
	return PCS_ESTABLISHED;
}

static enum pptp_ctrl_state
pc_recv_stopccrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_STOPCCRP;
	r.u.stopccrp.result = PPTP_STOPCCRP_OK;
	pc_send(c, &r);
	/* RFC 2637 2.3: the sender has cleared its calls; pc_enter ends ours. */
	return pc_close(c, PPTP_CLOSE_PEER_STOP, "peer stopped (reason %s)",
	    pptp_stop_reason_name(m->u.stopccrq.reason));
}

static enum pptp_ctrl_state
pc_recv_stopccrp(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_STOPPED, "stopped (peer replied %s)",
	    pptp_result_name(PPTP_STOPCCRP, m->u.stopccrp.result));
}

static enum pptp_ctrl_state
pc_recv_echorq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_ECHORP;
	r.u.echorp.id = m->u.echorq.id;
	if (c->state == PCS_WAIT_SCCRQ) {
		r.u.echorp.result = PPTP_ECHORP_GENERAL;
		r.u.echorp.error = PPTP_ERR_NOT_CONNECTED;
	} else
		r.u.echorp.result = PPTP_ECHORP_OK;
	pc_send(c, &r);
	return c->state;
}

static enum pptp_ctrl_state
pc_recv_echorp(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	/* pc_alive() already counted it as life; just note a stray one. */
	if (m->u.echorp.id != c->echo_id)
		log_debug("pptp: conn %u: Echo-Reply 0x%08x, expected 0x%08x",
		    c->id, m->u.echorp.id, c->echo_id);
	return c->state;
}

static void
pc_ocrp_refuse(struct pptp_ctrl *c, const struct pptp_ocrq *rq,
    uint8_t result, uint8_t error, const char *why)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_OCRP;
	r.u.ocrp.call_id = 0;
	r.u.ocrp.peer_call_id = rq->call_id;
	r.u.ocrp.result = result;
	r.u.ocrp.error = error;
	if (pc_lognote(c))
		log_info("pptp: conn %u: call refused (peer call id 0x%04x): "
		    "%s, result %s error %s", c->id, rq->call_id, why,
		    pptp_result_name(PPTP_OCRP, result),
		    pptp_error_name(error));
	pc_send(c, &r);
}

static enum pptp_ctrl_state
pc_recv_ocrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_ocrq *rq = &m->u.ocrq;
	struct pptp_call *call = NULL;
	uint16_t id = 0;
	size_t i;
	int rc;

	if (c->state == PCS_WAIT_SCCRQ) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL,
		    PPTP_ERR_NOT_CONNECTED, "before SCCRQ");
		return c->state;
	}
	if (c->ncalls >= c->conf.max_calls) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
		    "call limit reached");
		return c->state;
	}
	if (pc_find_peer(c, rq->call_id, 0) != NULL) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_BAD_CALLID,
		    "peer call id in use");
		return c->state;
	}
	if (rq->recv_window == 0) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_BAD_VALUE,
		    "receive window 0");
		return c->state;
	}
	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (c->calls[i].state == PCALL_IDLE) {
			call = &c->calls[i];
			break;
		}
	if (call == NULL ||
	    c->cb->alloc_call_id(c->arg, &id) != HP_OK || id == 0 ||
	    pc_find_our(c, id) != NULL) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
		    "no call id");
		return c->state;
	}
	rc = c->cb->call_open(c->arg, id, rq->call_id, rq->recv_window,
	    rq->proc_delay);
	if (rc != HP_OK && rc != HP_E_AGAIN) {
		pc_ocrp_refuse(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
		    "no session");
		return c->state;
	}
	memset(call, 0, sizeof(*call));
	call->our_id = id;
	call->peer_id = rq->call_id;
	call->peer_window = rq->recv_window;
	call->peer_delay = rq->proc_delay;
	call->send_accm = 0xffffffff;
	call->recv_accm = 0xffffffff;
	c->ncalls++;
	call_event(c, call, CE_OPEN);
	if (rc == HP_E_AGAIN)
		call->ocrp_pending = 1;	/* pptp_ctrl_call_accept() sends it */
	else
		pc_send_ocrp(c, call);
	return c->state;
}

/* The OCRP of an accepted call: from now on the peer sends GRE. */
static void
pc_send_ocrp(struct pptp_ctrl *c, struct pptp_call *call)
{
	struct pptp_msg r;

	call->ocrp_pending = 0;
	memset(&r, 0, sizeof(r));
	r.type = PPTP_OCRP;
	r.u.ocrp.call_id = call->our_id;
	r.u.ocrp.peer_call_id = call->peer_id;
	r.u.ocrp.result = PPTP_OCRP_CONNECTED;
	r.u.ocrp.error = PPTP_ERR_NONE;
	r.u.ocrp.cause = 0;
	r.u.ocrp.connect_speed = c->conf.connect_speed;
	r.u.ocrp.recv_window = c->conf.recv_window;
	r.u.ocrp.proc_delay = 0;
	r.u.ocrp.phys_channel = 0;
	pc_send(c, &r);
	log_info("pptp: conn %u call 0x%04x open: peer call id 0x%04x "
	    "window %u delay %u", c->id, call->our_id, call->peer_id,
	    call->peer_window, call->peer_delay);
}

static enum pptp_ctrl_state
pc_recv_icrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_ICRP;
	r.u.icrp.call_id = 0;
	r.u.icrp.peer_call_id = m->u.icrq.call_id;
	if (c->state == PCS_WAIT_SCCRQ) {
		r.u.icrp.result = PPTP_ICRP_GENERAL;
		r.u.icrp.error = PPTP_ERR_NOT_CONNECTED;
	} else
		r.u.icrp.result = PPTP_ICRP_DO_NOT_ACCEPT;
	if (pc_lognote(c))
		log_info("pptp: conn %u: %s refused (we take no incoming calls)",
		    c->id, pptp_type_name(m->type));
	pc_send(c, &r);
	return c->state;
}

static enum pptp_ctrl_state
pc_recv_ccrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	/* CCRQ carries the PNS's (peer's) Call ID. */
	if ((call = pc_find_peer(c, m->u.ccrq.call_id, 0)) != NULL) {
		call_event(c, call, CE_PEER_CLEAR);
		return c->state;
	}
	/* Already cleared by us (our CDN crossed it) or never existed. */
	if (pc_find_peer(c, m->u.ccrq.call_id, 1) == NULL && pc_lognote(c))
		log_info("pptp: conn %u: %s for unknown peer call id 0x%04x",
		    c->id, pptp_type_name(m->type), m->u.ccrq.call_id);
	return c->state;
}

static enum pptp_ctrl_state
pc_recv_wen(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_wen *w = &m->u.wen;

	if (pc_lognote(c))
		log_info("pptp: conn %u: WAN-Error-Notify call id 0x%04x: "
		    "crc %u framing %u hw-overrun %u buf-overrun %u "
		    "timeout %u alignment %u", c->id, w->peer_call_id,
		    w->crc_errors, w->framing_errors, w->hw_overruns,
		    w->buf_overruns, w->timeout_errors, w->align_errors);
	return c->state;
}

static enum pptp_ctrl_state
pc_recv_sli(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_sli *s = &m->u.sli;
	struct pptp_call *call;

	if ((call = pc_find_our(c, s->peer_call_id)) == NULL &&
	    (call = pc_find_peer(c, s->peer_call_id, 0)) == NULL) {
		if (pc_lognote(c))
			log_info("pptp: conn %u: %s for unknown call id 0x%04x",
			    c->id, pptp_type_name(m->type), s->peer_call_id);
		return c->state;
	}
	call->send_accm = s->send_accm;
	call->recv_accm = s->recv_accm;
	log_debug("pptp: conn %u call 0x%04x: send ACCM 0x%08x recv ACCM "
	    "0x%08x", c->id, call->our_id, s->send_accm, s->recv_accm);
	c->cb->set_link_info(c->arg, call->our_id, s->send_accm,
	    s->recv_accm);
	return c->state;
}

static enum pptp_ctrl_state
pc_timeout_sccrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_SCCRQ_TIMEOUT,
	    "no Start-Control-Connection-Request within %u ms",
	    c->conf.sccrq_timeout_ms);
}

static enum pptp_ctrl_state
pc_timeout_est(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_msg r;
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (c->calls[i].state == PCALL_WAIT_UP &&
		    c->now >= c->calls[i].deadline)
			call_event(c, &c->calls[i], CE_SETUP_TIMEOUT);
	if (pc_live_calls(c) == 0 && c->now >= c->nocall_deadline) {
		log_info("pptp: conn %u: no call for %u ms, stopping", c->id,
		    c->conf.call_timeout_ms);
		c->stop_reason = PPTP_STOP_NONE;
		return pc_stop_send(c, NULL);
	}
	if (c->now >= c->echo_at) {
		if (c->echo_missed >= c->conf.echo_max_missed)
			return pc_close(c, PPTP_CLOSE_ECHO_TIMEOUT,
			    "no reply to %u Echo-Requests",
			    c->echo_missed);
		memset(&r, 0, sizeof(r));
		r.type = PPTP_ECHORQ;
		r.u.echorq.id = ++c->echo_id;
		c->echo_pending = 1;
		c->echo_missed++;
		c->echo_at = after(c->now, c->conf.echo_retry_ms);
		pc_send(c, &r);
	}
	return c->state;
}

static enum pptp_ctrl_state
pc_timeout_stop(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_STOP_TIMEOUT,
	    "no Stop-Control-Connection-Reply within %u ms",
	    c->conf.stop_timeout_ms);
}

static enum pptp_ctrl_state
pc_stop_idle(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pc_close(c, PPTP_CLOSE_LOCAL, "stopped before SCCRQ");
}

static enum pptp_ctrl_state
pc_stop_send(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		call_event(c, &c->calls[i], CE_STOP);
	pc_send_stopccrq(c);
	return PCS_WAIT_STOPCCRP;
}

static enum pptp_ctrl_state
pc_call_up(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	if ((call = pc_find_our(c, c->req_call_id)) == NULL) {
		c->req_result = HP_E_NOTFOUND;
		return c->state;
	}
	call_event(c, call, CE_UP);
	return c->state;
}

static enum pptp_ctrl_state
pc_call_accept(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	if ((call = pc_find_our(c, c->req_call_id)) == NULL ||
	    !call->ocrp_pending) {
		c->req_result = HP_E_NOTFOUND;
		return c->state;
	}
	pc_send_ocrp(c, call);
	return c->state;
}

static enum pptp_ctrl_state
pc_call_clear(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	if ((call = pc_find_our(c, c->req_call_id)) == NULL) {
		c->req_result = HP_E_NOTFOUND;
		return c->state;
	}
	call_event(c, call, CE_LOCAL_CLEAR);
	return c->state;
}

static enum pptp_ctrl_state
pc_no_call(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	c->req_result = HP_E_NOTFOUND;
	return c->state;
}

/*
 * The call machine: the only writer of call->state.  Leaving a live
 * state always calls call_clear() once, so the worker's session table
 * has a single teardown path.
 */
static void
call_event(struct pptp_ctrl *c, struct pptp_call *call, enum pc_call_event ev)
{
	enum pptp_clear_reason why;
	uint8_t cdn;

	switch (call->state) {
	case PCALL_IDLE:
		if (ev != CE_OPEN)
			return;
		call->state = PCALL_WAIT_UP;
		call->deadline = after(c->now, c->conf.setup_timeout_ms);
		return;
	case PCALL_WAIT_UP:
	case PCALL_ESTABLISHED:
		break;
	case PCALL_CLEANUP:
	case PCALL_N:
		return;
	}
	switch (ev) {
	case CE_OPEN:
		return;
	case CE_UP:
		if (call->state == PCALL_WAIT_UP) {
			call->state = PCALL_ESTABLISHED;
			call->deadline = PPTP_NO_DEADLINE;
			log_debug("pptp: conn %u call 0x%04x up", c->id,
			    call->our_id);
		}
		return;
	case CE_PEER_CLEAR:
		why = PPTP_CLEAR_PEER;
		cdn = PPTP_CDN_REQUEST;
		break;
	case CE_LOCAL_CLEAR:
		why = PPTP_CLEAR_LOCAL;
		cdn = PPTP_CDN_ADMIN_SHUTDOWN;
		break;
	case CE_SETUP_TIMEOUT:
		why = PPTP_CLEAR_SETUP_TIMEOUT;
		cdn = PPTP_CDN_ADMIN_SHUTDOWN;
		break;
	case CE_STOP:
		why = PPTP_CLEAR_STOP;
		cdn = PPTP_CDN_ADMIN_SHUTDOWN;
		break;
	case CE_CONN_LOST:
		why = PPTP_CLEAR_CONN_LOST;
		cdn = 0;			/* nobody to tell */
		break;
	default:
		return;
	}
	call->state = PCALL_CLEANUP;
	call->deadline = PPTP_NO_DEADLINE;
	if (cdn != 0 && call->ocrp_pending)
		/* the peer never heard of the call: answer its OCRQ "no" */
		pc_send_ocrp_refused(c, call);
	else if (cdn != 0)
		pc_send_cdn(c, call, cdn);
	call->ocrp_pending = 0;
	log_info("pptp: conn %u call 0x%04x cleared: %s", c->id, call->our_id,
	    pptp_clear_reason_name(why));
	c->cb->call_clear(c->arg, call->our_id, why);
	if (pc_live_calls(c) == 0)
		c->nocall_deadline = after(c->now, c->conf.call_timeout_ms);
}

static void
pc_send_ocrp_refused(struct pptp_ctrl *c, const struct pptp_call *call)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_OCRP;
	r.u.ocrp.peer_call_id = call->peer_id;
	r.u.ocrp.result = PPTP_OCRP_GENERAL;
	r.u.ocrp.error = PPTP_ERR_NO_RESOURCE;
	pc_send(c, &r);
}

static void
pc_send_cdn(struct pptp_ctrl *c, const struct pptp_call *call, uint8_t result)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_CDN;
	r.u.cdn.call_id = call->our_id;	/* RFC 2637 2.13: the PAC's ID */
	r.u.cdn.result = result;
	r.u.cdn.error = PPTP_ERR_NONE;
	r.u.cdn.cause = 0;
	pc_send(c, &r);
}

static void
pc_send_stopccrq(struct pptp_ctrl *c)
{
	struct pptp_msg r;

	memset(&r, 0, sizeof(r));
	r.type = PPTP_STOPCCRQ;
	r.u.stopccrq.reason = c->stop_reason != 0 ? c->stop_reason :
	    PPTP_STOP_NONE;
	pc_send(c, &r);
}

/* Encode and hand over; the first failure is kept and ends the connection. */
static void
pc_send(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	uint8_t buf[PPTP_MAX_LEN];
	size_t len = 0;
	int e;

	if (c->send_err != HP_OK)
		return;
	if ((e = pptp_msg_encode(m, buf, sizeof(buf), &len)) != HP_OK) {
		c->send_err = e;		/* a bug; close rather than lie */
		return;
	}
	log_debug("pptp: conn %u send %s", c->id, pptp_type_name(m->type));
	if ((e = c->cb->send_bytes(c->arg, buf, len)) != HP_OK)
		c->send_err = e;
}

/* Any valid message shows the peer is alive: restart the echo timer. */
static void
pc_alive(struct pptp_ctrl *c)
{
	c->echo_missed = 0;
	c->echo_pending = 0;
	if (c->state == PCS_ESTABLISHED)
		c->echo_at = echo_idle_deadline(c);
}

/* Cap on log lines a peer can cause without ending its connection. */
static int
pc_lognote(struct pptp_ctrl *c)
{
	if (c->nlog >= PC_LOG_MAX)
		return 0;
	if (++c->nlog == PC_LOG_MAX)
		log_info("pptp: conn %u: further notices suppressed", c->id);
	return 1;
}

static int
pc_live_calls(const struct pptp_ctrl *c)
{
	size_t i;
	int n = 0;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (c->calls[i].state == PCALL_WAIT_UP ||
		    c->calls[i].state == PCALL_ESTABLISHED)
			n++;
	return n;
}

static struct pptp_call *
pc_find_our(struct pptp_ctrl *c, uint16_t id)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if ((c->calls[i].state == PCALL_WAIT_UP ||
		    c->calls[i].state == PCALL_ESTABLISHED) &&
		    c->calls[i].our_id == id)
			return &c->calls[i];
	return NULL;
}

/* A call by the peer's ID: live ones, or (dead != 0) cleaned-up ones. */
static struct pptp_call *
pc_find_peer(struct pptp_ctrl *c, uint16_t id, int dead)
{
	enum pptp_call_state st;
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++) {
		st = c->calls[i].state;
		if (c->calls[i].peer_id != id)
			continue;
		if (dead ? st == PCALL_CLEANUP :
		    (st == PCALL_WAIT_UP || st == PCALL_ESTABLISHED))
			return &c->calls[i];
	}
	return NULL;
}

/* now + ms, saturating below PPTP_NO_DEADLINE. */
static uint64_t
after(uint64_t now, uint32_t ms)
{
	if (now >= PPTP_NO_DEADLINE - 1 - ms)
		return PPTP_NO_DEADLINE - 1;
	return now + ms;
}

/* When to send our Echo-Request after silence; never with echo off (0). */
static uint64_t
echo_idle_deadline(const struct pptp_ctrl *c)
{
	if (c->conf.echo_idle_ms == 0)
		return PPTP_NO_DEADLINE;
	return after(c->now, c->conf.echo_idle_ms);
}

const char *
pptp_ctrl_state_name(enum pptp_ctrl_state s)
{
	switch (s) {
	case PCS_WAIT_SCCRQ:
		return "wait-sccrq";
	case PCS_ESTABLISHED:
		return "established";
	case PCS_WAIT_STOPCCRP:
		return "wait-stopccrp";
	case PCS_CLOSED:
		return "closed";
	case PCS_N:
		break;
	}
	return "unknown";
}

const char *
pptp_call_state_name(enum pptp_call_state s)
{
	switch (s) {
	case PCALL_IDLE:
		return "idle";
	case PCALL_WAIT_UP:
		return "wait-up";
	case PCALL_ESTABLISHED:
		return "established";
	case PCALL_CLEANUP:
		return "cleanup";
	case PCALL_N:
		break;
	}
	return "unknown";
}

const char *
pptp_clear_reason_name(enum pptp_clear_reason r)
{
	switch (r) {
	case PPTP_CLEAR_PEER:
		return "peer-request";
	case PPTP_CLEAR_LOCAL:
		return "local-request";
	case PPTP_CLEAR_SETUP_TIMEOUT:
		return "setup-timeout";
	case PPTP_CLEAR_STOP:
		return "connection-stop";
	case PPTP_CLEAR_CONN_LOST:
		return "connection-lost";
	}
	return "unknown";
}

const char *
pptp_close_reason_name(enum pptp_close_reason r)
{
	switch (r) {
	case PPTP_CLOSE_PEER_STOP:
		return "peer-stop";
	case PPTP_CLOSE_STOPPED:
		return "stopped";
	case PPTP_CLOSE_STOP_TIMEOUT:
		return "stop-timeout";
	case PPTP_CLOSE_SCCRQ_TIMEOUT:
		return "sccrq-timeout";
	case PPTP_CLOSE_ECHO_TIMEOUT:
		return "echo-timeout";
	case PPTP_CLOSE_BAD_MESSAGE:
		return "bad-message";
	case PPTP_CLOSE_PROTOCOL:
		return "protocol-error";
	case PPTP_CLOSE_VERSION:
		return "bad-version";
	case PPTP_CLOSE_EOF:
		return "eof";
	case PPTP_CLOSE_LOCAL:
		return "local";
	case PPTP_CLOSE_SEND:
		return "send-failed";
	}
	return "unknown";
}

static const char *
pc_event_name(enum pc_event ev)
{
	if (ev >= 1 && ev <= PPTP_TYPE_MAX)
		return pptp_type_name((unsigned int)ev);
	switch (ev) {
	case PCE_TIMEOUT:
		return "timeout";
	case PCE_STOP:
		return "stop";
	case PCE_CALL_UP:
		return "call-up";
	case PCE_CALL_ACCEPT:
		return "call-accept";
	case PCE_CALL_CLEAR:
		return "call-clear";
	case PCE_EOF:
		return "eof";
	case PCE_BAD:
		return "bad-message";
	default:
		break;
	}
	return "unknown";
}
