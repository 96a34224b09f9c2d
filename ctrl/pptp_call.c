/*
 * hpptpd: the PPTP call machine (RFC 2637, server/PAC side): opening a
 * call on an Outgoing-Call-Request, refusing incoming ones, clearing on
 * Call-Clear-Request, the worker's request or a deadline, and the
 * per-call notices (Set-Link-Info, WAN-Error-Notify).  The connection
 * machine (pptp_ctrl.c) calls these cells from its table; pcall_event()
 * is the only writer of a call's state.
 *
 * Decisions where RFC 2637 leaves room (Windows is the reference client):
 *  - ICRQ is refused with ICRP "do not accept"; OCRQ/ICRQ before SCCRQ
 *    get "general error / not connected" and the SCCRQ deadline keeps
 *    running.
 *  - max_calls counts calls ever opened on the connection, not
 *    concurrent ones: Windows opens one call and, after it ends, stops
 *    the connection.  An OCRQ beyond it gets OCRP general error /
 *    no-resource.
 *  - CDN result: 4 (request) after a CCRQ, 3 (admin shutdown) otherwise;
 *    MS-PTPT 3.2.5.5 says Windows ignores it either way.
 *  - SLI names our Call ID.  A client that sends its own instead is
 *    matched on that as a fallback: the ACCMs are harmless either way.
 */
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/pptp_defs.h"
#include "ctrl/pptp_local.h"
#include "ctrl/pptp_msg.h"

static void	pcall_event(struct pptp_ctrl *, struct pptp_call *,
		    enum pc_call_event);
static void	pcall_send_ocrp(struct pptp_ctrl *, struct pptp_call *);
static void	pcall_send_ocrp_refused(struct pptp_ctrl *,
		    const struct pptp_call *);
static void	pcall_send_cdn(struct pptp_ctrl *, const struct pptp_call *,
		    uint8_t);
static enum pptp_ctrl_state pcall_request(struct pptp_ctrl *,
		    enum pc_call_event);
static void	pcall_refuse_ocrq(struct pptp_ctrl *,
		    const struct pptp_ocrq *, uint8_t, uint8_t, const char *);
static int	pcall_live(const struct pptp_call *);
static struct pptp_call *pcall_find_our(struct pptp_ctrl *, uint16_t);
static struct pptp_call *pcall_find_peer(struct pptp_ctrl *, uint16_t, int);

static void
pcall_refuse_ocrq(struct pptp_ctrl *c, const struct pptp_ocrq *rq,
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

enum pptp_ctrl_state
pcall_recv_ocrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_ocrq *rq = &m->u.ocrq;
	struct pptp_call *call = NULL;
	uint16_t id = 0;
	size_t i;
	int rc;

	if (c->state == PCS_WAIT_SCCRQ) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL,
		    PPTP_ERR_NOT_CONNECTED, "before SCCRQ");
		return c->state;
	}
	if (c->ncalls >= c->conf.max_calls) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
		    "call limit reached");
		return c->state;
	}
	if (pcall_find_peer(c, rq->call_id, 0) != NULL) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_BAD_CALLID,
		    "peer call id in use");
		return c->state;
	}
	if (rq->recv_window == 0) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_BAD_VALUE,
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
	    pcall_find_our(c, id) != NULL) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
		    "no call id");
		return c->state;
	}
	rc = c->cb->call_open(c->arg, id, rq->call_id, rq->recv_window,
	    rq->proc_delay);
	if (rc != HP_OK && rc != HP_E_AGAIN) {
		pcall_refuse_ocrq(c, rq, PPTP_OCRP_GENERAL, PPTP_ERR_NO_RESOURCE,
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
	pcall_event(c, call, CE_OPEN);
	if (rc == HP_E_AGAIN)
		call->ocrp_pending = 1;	/* pptp_ctrl_call_accept() sends it */
	else
		pcall_send_ocrp(c, call);
	return c->state;
}

/* The OCRP of an accepted call: from now on the peer sends GRE. */
static void
pcall_send_ocrp(struct pptp_ctrl *c, struct pptp_call *call)
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

enum pptp_ctrl_state
pcall_recv_icrq(struct pptp_ctrl *c, const struct pptp_msg *m)
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

enum pptp_ctrl_state
pcall_recv_ccrq(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	/* CCRQ carries the PNS's (peer's) Call ID. */
	if ((call = pcall_find_peer(c, m->u.ccrq.call_id, 0)) != NULL) {
		pcall_event(c, call, CE_PEER_CLEAR);
		return c->state;
	}
	/* Already cleared by us (our CDN crossed it) or never existed. */
	if (pcall_find_peer(c, m->u.ccrq.call_id, 1) == NULL && pc_lognote(c))
		log_info("pptp: conn %u: %s for unknown peer call id 0x%04x",
		    c->id, pptp_type_name(m->type), m->u.ccrq.call_id);
	return c->state;
}

enum pptp_ctrl_state
pcall_recv_wen(struct pptp_ctrl *c, const struct pptp_msg *m)
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

enum pptp_ctrl_state
pcall_recv_sli(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	const struct pptp_sli *s = &m->u.sli;
	struct pptp_call *call;

	if ((call = pcall_find_our(c, s->peer_call_id)) == NULL &&
	    (call = pcall_find_peer(c, s->peer_call_id, 0)) == NULL) {
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

/* The worker's request for one of our calls: its event, if it is live. */
static enum pptp_ctrl_state
pcall_request(struct pptp_ctrl *c, enum pc_call_event ev)
{
	struct pptp_call *call;

	if ((call = pcall_find_our(c, c->req_call_id)) == NULL) {
		c->req_result = HP_E_NOTFOUND;
		return c->state;
	}
	pcall_event(c, call, ev);
	return c->state;
}

enum pptp_ctrl_state
pcall_up(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pcall_request(c, CE_UP);
}

enum pptp_ctrl_state
pcall_accept(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	struct pptp_call *call;

	if ((call = pcall_find_our(c, c->req_call_id)) == NULL ||
	    !call->ocrp_pending) {
		c->req_result = HP_E_NOTFOUND;
		return c->state;
	}
	pcall_send_ocrp(c, call);
	return c->state;
}

enum pptp_ctrl_state
pcall_clear(struct pptp_ctrl *c, const struct pptp_msg *m)
{
	return pcall_request(c, CE_LOCAL_CLEAR);
}

enum pptp_ctrl_state
pcall_none(struct pptp_ctrl *c, const struct pptp_msg *m)
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
pcall_event(struct pptp_ctrl *c, struct pptp_call *call, enum pc_call_event ev)
{
	enum pptp_clear_reason why;
	uint8_t cdn;

	switch (call->state) {
	case PCALL_IDLE:
		if (ev != CE_OPEN)
			return;
		call->state = PCALL_WAIT_UP;
		call->deadline = pc_after(c->now, c->conf.setup_timeout_ms);
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
		pcall_send_ocrp_refused(c, call);
	else if (cdn != 0)
		pcall_send_cdn(c, call, cdn);
	call->ocrp_pending = 0;
	log_info("pptp: conn %u call 0x%04x cleared: %s", c->id, call->our_id,
	    pptp_clear_reason_name(why));
	c->cb->call_clear(c->arg, call->our_id, why);
	if (pcall_live_count(c) == 0)
		c->nocall_deadline = pc_after(c->now, c->conf.call_timeout_ms);
}

static void
pcall_send_ocrp_refused(struct pptp_ctrl *c, const struct pptp_call *call)
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
pcall_send_cdn(struct pptp_ctrl *c, const struct pptp_call *call, uint8_t result)
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

/* The same event for every call: the connection stops or is gone. */
void
pcall_event_all(struct pptp_ctrl *c, enum pc_call_event ev)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		pcall_event(c, &c->calls[i], ev);
}

void
pcall_timeout(struct pptp_ctrl *c)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (c->calls[i].state == PCALL_WAIT_UP &&
		    c->now >= c->calls[i].deadline)
			pcall_event(c, &c->calls[i], CE_SETUP_TIMEOUT);
}

uint64_t
pcall_next_deadline(const struct pptp_ctrl *c, uint64_t d)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (c->calls[i].state == PCALL_WAIT_UP &&
		    c->calls[i].deadline < d)
			d = c->calls[i].deadline;
	return d;
}

/* WAIT_UP or ESTABLISHED: the worker has a session for it. */
static int
pcall_live(const struct pptp_call *call)
{
	return call->state == PCALL_WAIT_UP ||
	    call->state == PCALL_ESTABLISHED;
}

int
pcall_live_count(const struct pptp_ctrl *c)
{
	size_t i;
	int n = 0;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (pcall_live(&c->calls[i]))
			n++;
	return n;
}

const struct pptp_call *
pptp_ctrl_call(const struct pptp_ctrl *c, uint16_t our_call_id)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++)
		if (pcall_live(&c->calls[i]) &&
		    c->calls[i].our_id == our_call_id)
			return &c->calls[i];
	return NULL;
}

/* pptp_ctrl_call(), writable: the same slot of the caller's array. */
static struct pptp_call *
pcall_find_our(struct pptp_ctrl *c, uint16_t id)
{
	const struct pptp_call *call = pptp_ctrl_call(c, id);

	return call != NULL ? &c->calls[call - c->calls] : NULL;
}

/* A call by the peer's ID: live ones, or (dead != 0) cleaned-up ones. */
static struct pptp_call *
pcall_find_peer(struct pptp_ctrl *c, uint16_t id, int dead)
{
	size_t i;

	for (i = 0; i < PPTP_CTRL_MAX_CALLS; i++) {
		if (c->calls[i].peer_id != id)
			continue;
		if (dead ? c->calls[i].state == PCALL_CLEANUP :
		    pcall_live(&c->calls[i]))
			return &c->calls[i];
	}
	return NULL;
}
