/*
 * hpptpd: the PPTP control connection machine (server/PAC side of
 * RFC 2637).  See pptp_ctrl.h for the API and its rules; the calls it
 * carries are pptp_call.c's, the helpers both use pptp_subr.c's.
 *
 * Every event, whether a message from the peer, a timer, or a request
 * from the worker, goes through pc_dispatch(): one [state][event] table
 * lookup, an empty cell being a protocol error handled in one place
 * (pc_unexpected), then pc_enter() with the state the handler returned.
 * Only pc_enter() writes c->state (and pcall_event() a call's).
 *
 * Decisions where RFC 2637 leaves room (Windows is the reference client):
 *  - A message the peer's role never sends us (SCCRP, StopCCRP unasked,
 *    OCRP, ICRP, ICCN, CDN) closes the connection: it is not a PNS.
 *  - Echo-Request before SCCRQ gets "general error / not connected" and
 *    the SCCRQ deadline keeps running (so do OCRQ and ICRQ: pptp_call.c).
 *  - A second SCCRQ gets SCCRP "command channel already exists"; the
 *    established connection carries on.
 *  - When no call is live for call_timeout_ms we stop the connection
 *    ourselves, so an idle TCP connection cannot linger.
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
#include "ctrl/pptp_local.h"
#include "ctrl/pptp_msg.h"
#include "ctrl/pptp_stream.h"

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
		[PPTP_OCRQ]	= pcall_recv_ocrq,	/* not connected */
		[PPTP_ICRQ]	= pcall_recv_icrq,	/* not connected */
		[PCE_TIMEOUT]	= pc_timeout_sccrq,
		[PCE_STOP]	= pc_stop_idle,
		[PCE_CALL_UP]	= pcall_none,
		[PCE_CALL_ACCEPT] = pcall_none,
		[PCE_CALL_CLEAR] = pcall_none,
		[PCE_EOF]	= pc_eof,
		[PCE_BAD]	= pc_bad,
	},
	[PCS_ESTABLISHED] = {
		[PPTP_SCCRQ]	= pc_recv_sccrq,	/* already exists */
		[PPTP_STOPCCRQ]	= pc_recv_stopccrq,
		[PPTP_ECHORQ]	= pc_recv_echorq,
		[PPTP_ECHORP]	= pc_recv_echorp,
		[PPTP_OCRQ]	= pcall_recv_ocrq,
		[PPTP_ICRQ]	= pcall_recv_icrq,	/* do not accept */
		[PPTP_CCRQ]	= pcall_recv_ccrq,
		[PPTP_WEN]	= pcall_recv_wen,
		[PPTP_SLI]	= pcall_recv_sli,
		[PCE_TIMEOUT]	= pc_timeout_est,
		[PCE_STOP]	= pc_stop_send,
		[PCE_CALL_UP]	= pcall_up,
		[PCE_CALL_ACCEPT] = pcall_accept,
		[PCE_CALL_CLEAR] = pcall_clear,
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
		[PCE_CALL_UP]	= pcall_none,
		[PCE_CALL_ACCEPT] = pcall_none,
		[PCE_CALL_CLEAR] = pcall_none,
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
static void	pc_send_stopccrq(struct pptp_ctrl *);
static void	pc_alive(struct pptp_ctrl *);
static uint64_t	echo_idle_deadline(const struct pptp_ctrl *);
static int	pc_enter_api(struct pptp_ctrl *, uint64_t);

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
	c->state_deadline = pc_after(now, c->conf.sccrq_timeout_ms);
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
	char bad[PPTP_CTRL_WHY_LEN];
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
		/* the text lives here; pc_bad copies it into why */
		if (e != HP_OK) {
			(void)pptp_stream_reason(&c->stream, bad, sizeof(bad));
			c->bad = bad;
			pc_dispatch(c, PCE_BAD, NULL);
			c->bad = NULL;
			break;
		}
		if ((e = pptp_msg_decode(frame, flen, &m)) != HP_OK) {
			(void)snprintf(bad, sizeof(bad),
			    "undecodable message: %s", hp_strerror(e));
			c->bad = bad;
			pc_dispatch(c, PCE_BAD, NULL);
			c->bad = NULL;
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

	switch (c->state) {
	case PCS_WAIT_SCCRQ:
	case PCS_WAIT_STOPCCRP:
		return c->state_deadline;
	case PCS_ESTABLISHED:
		d = c->echo_at;
		if (pcall_live_count(c) == 0 && c->nocall_deadline < d)
			d = c->nocall_deadline;
		return pcall_next_deadline(c, d);
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
	if (next == c->state)
		return;
	log_debug("pptp: conn %u %s -> %s", c->id,
	    pptp_ctrl_state_name(c->state), pptp_ctrl_state_name(next));
	c->state = next;
	switch (next) {
	case PCS_ESTABLISHED:
		c->echo_at = echo_idle_deadline(c);
		c->nocall_deadline = pc_after(c->now, c->conf.call_timeout_ms);
		break;
	case PCS_WAIT_STOPCCRP:
		c->state_deadline = pc_after(c->now, c->conf.stop_timeout_ms);
		break;
	case PCS_CLOSED:
		pcall_event_all(c, CE_CONN_LOST);
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
	return pc_close(c, PPTP_CLOSE_BAD_MESSAGE, "%s",
	    c->bad != NULL ? c->bad : "bad message");
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
	/* sanitized, for the log lines only: not kept per connection */
	char host[PPTP_STR_LEN + 1], vendor[PPTP_STR_LEN + 1];

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
	log_sanitize(host, sizeof(host), rq->host, strlen(rq->host));
	log_sanitize(vendor, sizeof(vendor), rq->vendor, strlen(rq->vendor));
	if (rq->version != PPTP_VERSION) {
		r.u.sccrp.result = PPTP_SCCRP_VERSION;
		pc_send(c, &r);
		return pc_close(c, PPTP_CLOSE_VERSION,
		    "protocol version 0x%04x not supported (vendor \"%s\")",
		    rq->version, vendor);
	}
	r.u.sccrp.result = PPTP_SCCRP_OK;
	pc_send(c, &r);
	log_info("pptp: conn %u started: firmware %u host \"%s\" vendor \"%s\"",
	    c->id, rq->firmware, host, vendor);
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

	pcall_timeout(c);
	if (pcall_live_count(c) == 0 && c->now >= c->nocall_deadline) {
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
		c->echo_at = pc_after(c->now, c->conf.echo_retry_ms);
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
	pcall_event_all(c, CE_STOP);
	pc_send_stopccrq(c);
	return PCS_WAIT_STOPCCRP;
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

/* Any valid message shows the peer is alive: restart the echo timer. */
static void
pc_alive(struct pptp_ctrl *c)
{
	c->echo_missed = 0;
	c->echo_pending = 0;
	if (c->state == PCS_ESTABLISHED)
		c->echo_at = echo_idle_deadline(c);
}

/* When to send our Echo-Request after silence; never with echo off (0). */
static uint64_t
echo_idle_deadline(const struct pptp_ctrl *c)
{
	if (c->conf.echo_idle_ms == 0)
		return PPTP_NO_DEADLINE;
	return pc_after(c->now, c->conf.echo_idle_ms);
}
