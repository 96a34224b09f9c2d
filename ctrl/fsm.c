/*
 * hpptpd ctrl: the RFC 1661 option negotiation automaton.
 *
 * One function per event, each a switch over the state; the comments
 * quote the action/next-state cell of RFC 1661's table (section 4.1).
 * Actions: tlu/tld/tls/tlf this-layer-up/down/started/finished,
 * irc/zrc initialize/zero the restart counter, scr/sca/scn/str/sta/scj
 * send Configure-Request/Ack/Nak, Terminate-Request/Ack, Code-Reject.
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"

static void	fsm_set_state(struct fsm *, enum fsm_state);
static void	fsm_tlu(struct fsm *);
static void	fsm_tld(struct fsm *);
static void	fsm_tls(struct fsm *);
static void	fsm_tlf(struct fsm *);
static void	fsm_irc(struct fsm *);
static void	fsm_zrc(struct fsm *);
static void	fsm_scr(struct fsm *);
static void	fsm_str(struct fsm *);
static void	fsm_sta(struct fsm *, uint8_t);
static void	fsm_scj(struct fsm *, const uint8_t *, size_t);
static void	fsm_rcr(struct fsm *, uint8_t, const struct rd *);
static void	fsm_rca(struct fsm *, uint8_t, const struct rd *);
static void	fsm_rcn(struct fsm *, uint8_t, uint8_t, const struct rd *);
static void	fsm_rtr(struct fsm *, uint8_t);
static void	fsm_rta(struct fsm *);
static void	fsm_rxj_plus(struct fsm *);
static void	fsm_rxj_minus(struct fsm *);
static void	fsm_to_plus(struct fsm *);
static void	fsm_to_minus(struct fsm *);
static bool	fsm_req_has(const struct fsm *, const struct cpopt *);

const char *
fsm_state_name(enum fsm_state s)
{
	switch (s) {
	case FSM_INITIAL:	return "Initial";
	case FSM_STARTING:	return "Starting";
	case FSM_CLOSED:	return "Closed";
	case FSM_STOPPED:	return "Stopped";
	case FSM_CLOSING:	return "Closing";
	case FSM_STOPPING:	return "Stopping";
	case FSM_REQSENT:	return "Req-Sent";
	case FSM_ACKRCVD:	return "Ack-Rcvd";
	case FSM_ACKSENT:	return "Ack-Sent";
	case FSM_OPENED:	return "Opened";
	}
	return "unknown";
}

void
fsm_init(struct fsm *f, const struct fsm_cb *cb, void *ctx, fsm_send_fn send,
    void *send_arg, uint32_t sid)
{
	memset(f, 0, sizeof(*f));
	f->state = FSM_INITIAL;
	f->cb = cb;
	f->ctx = ctx;
	f->send = send;
	f->send_arg = send_arg;
	f->sid = sid;
	f->restart_ms = FSM_RESTART_MS;
	f->max_configure = FSM_MAX_CONFIGURE;
	f->max_terminate = FSM_MAX_TERMINATE;
	f->max_failure = FSM_MAX_FAILURE;
	f->mtu = FSM_MAX_PKT;
	f->id = 1;
}

uint64_t
fsm_deadline(const struct fsm *f)
{
	return f->deadline;
}

static void
fsm_set_state(struct fsm *f, enum fsm_state s)
{
	if (f->state != s)
		log_debug("sid=%08x %s: %s -> %s", f->sid, f->cb->name,
		    fsm_state_name(f->state), fsm_state_name(s));
	f->state = s;
	switch (s) {
	case FSM_CLOSING:
	case FSM_STOPPING:
	case FSM_REQSENT:
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		break;
	default:
		/* Only the five states above run the restart timer. */
		f->deadline = 0;
		break;
	}
}

/* ---- actions ---- */

static void
fsm_tlu(struct fsm *f)
{
	f->naks_sent = 0;
	f->naks_rcvd = 0;
	if (f->cb->up != NULL)
		f->cb->up(f);
}

static void
fsm_tld(struct fsm *f)
{
	if (f->cb->down != NULL)
		f->cb->down(f);
}

static void
fsm_tls(struct fsm *f)
{
	if (f->cb->started != NULL)
		f->cb->started(f);
}

static void
fsm_tlf(struct fsm *f)
{
	if (f->cb->finished != NULL)
		f->cb->finished(f);
}

static void
fsm_irc(struct fsm *f)
{
	if (f->state == FSM_CLOSING || f->state == FSM_STOPPING)
		f->restart = f->max_terminate;
	else
		f->restart = f->max_configure;
}

static void
fsm_zrc(struct fsm *f)
{
	/* Wait one restart period for the peer, without sending. */
	f->restart = 0;
	f->deadline = f->now + f->restart_ms;
}

void
fsm_send_packet(struct fsm *f, uint8_t code, uint8_t id, const void *data,
    size_t len)
{
	uint8_t buf[FSM_MAX_PKT];
	size_t max = f->mtu < sizeof(buf) ? f->mtu : sizeof(buf);
	struct wr w;

	/* What the peer may receive is bounded by its MRU; truncate. */
	if (len > max - 4)
		len = max - 4;
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, code);
	wr_u8(&w, id);
	wr_u16(&w, (uint16_t)(len + 4));
	wr_bytes(&w, data, len);
	if (w.err != HP_OK)
		return;
	f->send(f->send_arg, f->cb->proto, buf, w.len);
}

static void
fsm_scr(struct fsm *f)
{
	struct wr w;

	f->reqid = f->id++;
	f->reqid_valid = true;
	wr_init(&w, f->req, sizeof(f->req));
	f->cb->addci(f, &w);
	if (w.err != HP_OK) {
		/* Our own options never exceed FSM_MAX_REQ; a bug if so. */
		log_warnx("sid=%08x %s: own request too long", f->sid,
		    f->cb->name);
		w.len = 0;
	}
	f->reqlen = w.len;
	fsm_send_packet(f, CP_CONFREQ, f->reqid, f->req, f->reqlen);
	f->restart--;
	f->deadline = f->now + f->restart_ms;
}

static void
fsm_str(struct fsm *f)
{
	const char *why = f->reason != NULL ? f->reason : "";
	size_t n = strnlen(why, 64);

	fsm_send_packet(f, CP_TERMREQ, f->id++, why, n);
	f->restart--;
	f->deadline = f->now + f->restart_ms;
}

static void
fsm_sta(struct fsm *f, uint8_t id)
{
	fsm_send_packet(f, CP_TERMACK, id, NULL, 0);
}

static void
fsm_scj(struct fsm *f, const uint8_t *pkt, size_t len)
{
	fsm_send_packet(f, CP_CODEREJ, f->id++, pkt, len);
}

/* ---- administrative and lower-layer events ---- */

void
fsm_up(struct fsm *f, uint64_t now)
{
	f->now = now;
	switch (f->state) {
	case FSM_INITIAL:			/* 2 */
		fsm_set_state(f, FSM_CLOSED);
		break;
	case FSM_STARTING:			/* irc,scr/6 */
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	default:				/* illegal: ignore */
		break;
	}
}

void
fsm_down(struct fsm *f, uint64_t now)
{
	f->now = now;
	switch (f->state) {
	case FSM_CLOSED:			/* 0 */
	case FSM_CLOSING:
		fsm_set_state(f, FSM_INITIAL);
		break;
	case FSM_STOPPED:			/* tls/1 */
		fsm_set_state(f, FSM_STARTING);
		fsm_tls(f);
		break;
	case FSM_STOPPING:			/* 1 */
	case FSM_REQSENT:
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		fsm_set_state(f, FSM_STARTING);
		break;
	case FSM_OPENED:			/* tld/1 */
		fsm_set_state(f, FSM_STARTING);
		fsm_tld(f);
		break;
	default:
		break;
	}
}

void
fsm_open(struct fsm *f, uint64_t now)
{
	f->now = now;
	if (f->state == FSM_INITIAL || f->state == FSM_CLOSED)
		f->reason = NULL;
	switch (f->state) {
	case FSM_INITIAL:			/* tls/1 */
		fsm_set_state(f, FSM_STARTING);
		fsm_tls(f);
		break;
	case FSM_CLOSED:			/* irc,scr/6 */
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	case FSM_CLOSING:			/* 5 */
		fsm_set_state(f, FSM_STOPPING);
		break;
	default:				/* 1, 3, 5, 6, 7, 8, 9 */
		break;
	}
}

void
fsm_close(struct fsm *f, const char *reason, uint64_t now)
{
	f->now = now;
	if (reason != NULL && f->reason == NULL)
		f->reason = reason;
	switch (f->state) {
	case FSM_STARTING:			/* tlf/0 */
		fsm_set_state(f, FSM_INITIAL);
		fsm_tlf(f);
		break;
	case FSM_STOPPED:			/* 2 */
		fsm_set_state(f, FSM_CLOSED);
		break;
	case FSM_STOPPING:			/* 4 */
		fsm_set_state(f, FSM_CLOSING);
		break;
	case FSM_OPENED:			/* tld,irc,str/4 */
		fsm_tld(f);
		fsm_set_state(f, FSM_CLOSING);
		fsm_irc(f);
		fsm_str(f);
		break;
	case FSM_REQSENT:			/* irc,str/4 */
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		fsm_set_state(f, FSM_CLOSING);
		fsm_irc(f);
		fsm_str(f);
		break;
	default:				/* 0, 2, 4 */
		break;
	}
}

void
fsm_protreject(struct fsm *f, uint64_t now)
{
	f->now = now;
	fsm_rxj_minus(f);
}

/* ---- timer ---- */

void
fsm_timeout(struct fsm *f, uint64_t now)
{
	f->now = now;
	if (f->deadline == 0 || now < f->deadline)
		return;
	f->deadline = 0;
	if (f->restart > 0)
		fsm_to_plus(f);
	else
		fsm_to_minus(f);
}

static void
fsm_to_plus(struct fsm *f)
{
	switch (f->state) {
	case FSM_CLOSING:			/* str/4 */
	case FSM_STOPPING:			/* str/5 */
		fsm_str(f);
		break;
	case FSM_REQSENT:			/* scr/6 */
	case FSM_ACKRCVD:
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	case FSM_ACKSENT:			/* scr/8 */
		fsm_scr(f);
		break;
	default:
		break;
	}
}

static void
fsm_to_minus(struct fsm *f)
{
	switch (f->state) {
	case FSM_CLOSING:			/* tlf/2 */
		fsm_set_state(f, FSM_CLOSED);
		fsm_tlf(f);
		break;
	case FSM_STOPPING:			/* tlf/3 */
		fsm_set_state(f, FSM_STOPPED);
		fsm_tlf(f);
		break;
	case FSM_REQSENT:			/* tlf/3p */
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		f->timed_out = true;
		if (f->reason == NULL)
			f->reason = "negotiation timed out";
		log_info("sid=%08x %s: no answer after %d requests",
		    f->sid, f->cb->name, f->max_configure);
		fsm_set_state(f, FSM_STOPPED);
		fsm_tlf(f);
		break;
	default:
		break;
	}
}

/* ---- receive events ---- */

int
fsm_input(struct fsm *f, const uint8_t *pkt, size_t len, uint64_t now)
{
	struct rd r, data;
	uint8_t code, id;
	uint16_t plen;
	int rv;

	f->now = now;
	rd_init(&r, pkt, len);
	if ((rv = rd_u8(&r, &code)) != HP_OK ||
	    (rv = rd_u8(&r, &id)) != HP_OK ||
	    (rv = rd_u16(&r, &plen)) != HP_OK)
		return rv;
	/* Bytes after Length are padding (RFC 1661 5); less is an error. */
	if (plen < 4)
		return HP_E_BADLEN;
	if ((rv = rd_sub(&r, (size_t)plen - 4, &data)) != HP_OK)
		return HP_E_BADLEN;
	len = plen;

	/* RFC 1661 4.1: no packets are expected in Initial or Starting. */
	if (f->state == FSM_INITIAL || f->state == FSM_STARTING) {
		log_debug("sid=%08x %s: code %u in %s dropped", f->sid,
		    f->cb->name, code, fsm_state_name(f->state));
		return HP_E_AGAIN;
	}

	switch (code) {
	case CP_CONFREQ:
	case CP_CONFACK:
	case CP_CONFNAK:
	case CP_CONFREJ:
		if ((rv = cpopt_validate(&data, true)) != HP_OK) {
			log_info("sid=%08x %s: malformed options in code %u: "
			    "%s", f->sid, f->cb->name, code, hp_strerror(rv));
			return rv;
		}
		if (code == CP_CONFREQ)
			fsm_rcr(f, id, &data);
		else if (code == CP_CONFACK)
			fsm_rca(f, id, &data);
		else
			fsm_rcn(f, code, id, &data);
		return HP_OK;
	case CP_TERMREQ:
		fsm_rtr(f, id);
		return HP_OK;
	case CP_TERMACK:
		fsm_rta(f);
		return HP_OK;
	case CP_CODEREJ: {
		uint8_t rcode = 0;

		/*
		 * RXJ+ when the rejected code is an extension we can live
		 * without; RXJ- when it is one of the automaton's own.
		 */
		if (rd_u8(&data, &rcode) != HP_OK)
			return HP_E_SHORT;
		log_info("sid=%08x %s: peer rejected code %u", f->sid,
		    f->cb->name, rcode);
		if (rcode >= CP_CONFREQ && rcode <= CP_CODEREJ) {
			if (f->reason == NULL)
				f->reason = "peer rejected a required code";
			fsm_rxj_minus(f);
		} else
			fsm_rxj_plus(f);
		return HP_OK;
	}
	default:
		if (f->cb->extcode != NULL &&
		    f->cb->extcode(f, code, id, &data) == HP_OK)
			return HP_OK;
		/* RUC: scj in every state that receives. */
		fsm_scj(f, pkt, len);
		return HP_OK;
	}
}

static void
fsm_rcr(struct fsm *f, uint8_t id, const struct rd *opts)
{
	uint8_t reply[FSM_MAX_PKT];
	struct wr w;
	int code;

	switch (f->state) {
	case FSM_CLOSED:			/* sta/2 */
		fsm_sta(f, id);
		return;
	case FSM_CLOSING:			/* 4, 5 */
	case FSM_STOPPING:
		return;
	case FSM_STOPPED:			/* irc,scr then sca/8 or scn/6 */
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		break;
	case FSM_OPENED:			/* tld,scr then sca/8 or scn/6 */
		fsm_tld(f);
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		break;
	default:
		break;
	}

	/* The check runs after tld so a protocol's down does not undo it. */
	wr_init(&w, reply, sizeof(reply) - 4);
	code = f->cb->reqci(f, opts, &w, f->naks_sent < f->max_failure);
	if (code < 0 || w.err != HP_OK) {
		log_info("sid=%08x %s: Configure-Request dropped", f->sid,
		    f->cb->name);
		if (f->state == FSM_STOPPED || f->state == FSM_OPENED)
			fsm_set_state(f, FSM_REQSENT);
		return;
	}
	if (code == CP_CONFACK) {			/* RCR+ */
		fsm_send_packet(f, CP_CONFACK, id, opts->p, opts->left);
		f->naks_sent = 0;
		if (f->state == FSM_ACKRCVD) {		/* sca,tlu/9 */
			fsm_set_state(f, FSM_OPENED);
			fsm_tlu(f);
		} else				/* sca/8 */
			fsm_set_state(f, FSM_ACKSENT);
		return;
	}
	/* RCR-: scn/6, or scn/7 in Ack-Rcvd. */
	fsm_send_packet(f, (uint8_t)code, id, reply, w.len);
	/* Max-Failure counts Configure-Naks only (RFC 1661 4.6) */
	if (code == CP_CONFNAK)
		f->naks_sent++;
	if (f->state != FSM_ACKRCVD)
		fsm_set_state(f, FSM_REQSENT);
}

/* RCA in Ack-Sent: irc, tlu, to Opened (9). */
static void
ack_sent_rca(struct fsm *f)
{
	f->reqid_valid = false;
	f->cb->ackci(f);
	fsm_irc(f);
	fsm_set_state(f, FSM_OPENED);
	fsm_tlu(f);
}

bool
fsm_peer_opened(struct fsm *f, uint64_t now)
{
	if (f->state != FSM_ACKSENT || !f->reqid_valid)
		return false;
	f->now = now;
	log_info("sid=%08x %s: the peer has moved on, so it acked our "
	    "request: taking the lost Configure-Ack as received", f->sid,
	    f->cb->name);
	ack_sent_rca(f);
	return true;
}

static void
fsm_rca(struct fsm *f, uint8_t id, const struct rd *opts)
{
	/* An Ack must answer our last request with it unchanged (5.2). */
	if (!f->reqid_valid || id != f->reqid || opts->left != f->reqlen ||
	    (f->reqlen > 0 && memcmp(opts->p, f->req, f->reqlen) != 0)) {
		log_info("sid=%08x %s: Configure-Ack does not match our "
		    "request, dropped", f->sid, f->cb->name);
		return;
	}
	switch (f->state) {
	case FSM_CLOSED:			/* sta/2, sta/3 */
	case FSM_STOPPED:
		fsm_sta(f, id);
		return;
	case FSM_REQSENT:			/* irc/7 */
		f->reqid_valid = false;
		f->cb->ackci(f);
		fsm_irc(f);
		fsm_set_state(f, FSM_ACKRCVD);
		/* Keep the timer: the peer's request may still be lost. */
		f->deadline = f->now + f->restart_ms;
		return;
	case FSM_ACKRCVD:			/* scr/6x */
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		return;
	case FSM_ACKSENT:			/* irc,tlu/9 */
		ack_sent_rca(f);
		return;
	case FSM_OPENED:			/* tld,scr/6x */
		fsm_tld(f);
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		return;
	default:				/* 4, 5 */
		return;
	}
}

/* Is this option, byte for byte, in our last Configure-Request? */
static bool
fsm_req_has(const struct fsm *f, const struct cpopt *o)
{
	struct cpopt_iter it;
	struct cpopt m;
	struct rd r;

	rd_init(&r, f->req, f->reqlen);
	cpopt_iter_init(&it, &r, false);
	while (cpopt_next(&it, &m) == 1)
		if (m.len == o->len && memcmp(m.raw, o->raw, m.len) == 0)
			return true;
	return false;
}

static void
fsm_rcn(struct fsm *f, uint8_t code, uint8_t id, const struct rd *opts)
{
	int rv;

	if (!f->reqid_valid || id != f->reqid) {
		log_debug("sid=%08x %s: stale Nak/Reject id %u", f->sid,
		    f->cb->name, id);
		return;
	}
	switch (f->state) {
	case FSM_CLOSED:			/* sta/2, sta/3 */
	case FSM_STOPPED:
		fsm_sta(f, id);
		return;
	case FSM_CLOSING:			/* 4, 5 */
	case FSM_STOPPING:
		return;
	default:
		break;
	}

	if (code == CP_CONFREJ) {
		struct cpopt_iter it;
		struct cpopt o;

		/* A Reject may only name options we asked for (5.4). */
		cpopt_iter_init(&it, opts, true);
		while (cpopt_next(&it, &o) == 1) {
			if (!fsm_req_has(f, &o)) {
				log_info("sid=%08x %s: Reject of an option we "
				    "did not send, dropped", f->sid,
				    f->cb->name);
				return;
			}
		}
		rv = f->cb->rejci(f, opts);
	} else
		rv = f->cb->nakci(f, opts);
	if (rv != HP_OK) {
		log_info("sid=%08x %s: bad %s dropped", f->sid, f->cb->name,
		    code == CP_CONFREJ ? "Configure-Reject" :
		    "Configure-Nak");
		return;
	}
	f->reqid_valid = false;

	/* Every exchange has a bound: a peer that Naks forever fails. */
	if (++f->naks_rcvd > f->max_configure) {
		if (f->reason == NULL)
			f->reason = "option negotiation does not converge";
		log_info("sid=%08x %s: %s", f->sid, f->cb->name, f->reason);
		if (f->state == FSM_OPENED)
			fsm_tld(f);
		fsm_set_state(f, FSM_STOPPED);
		fsm_tlf(f);
		return;
	}

	switch (f->state) {
	case FSM_REQSENT:			/* irc,scr/6 */
		fsm_irc(f);
		fsm_scr(f);
		break;
	case FSM_ACKRCVD:			/* scr/6x */
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	case FSM_ACKSENT:			/* irc,scr/8 */
		fsm_irc(f);
		fsm_scr(f);
		break;
	case FSM_OPENED:			/* tld,scr/6x */
		fsm_tld(f);
		fsm_irc(f);
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	default:
		break;
	}
}

static void
fsm_rtr(struct fsm *f, uint8_t id)
{
	switch (f->state) {
	case FSM_ACKRCVD:			/* sta/6 */
	case FSM_ACKSENT:
		fsm_sta(f, id);
		fsm_set_state(f, FSM_REQSENT);
		break;
	case FSM_OPENED:			/* tld,zrc,sta/5 */
		if (f->reason == NULL)
			f->reason = "peer terminated";
		fsm_tld(f);
		fsm_set_state(f, FSM_STOPPING);
		fsm_zrc(f);
		fsm_sta(f, id);
		break;
	default:				/* sta/2..6 */
		fsm_sta(f, id);
		break;
	}
}

static void
fsm_rta(struct fsm *f)
{
	switch (f->state) {
	case FSM_CLOSING:			/* tlf/2 */
		fsm_set_state(f, FSM_CLOSED);
		fsm_tlf(f);
		break;
	case FSM_STOPPING:			/* tlf/3 */
		fsm_set_state(f, FSM_STOPPED);
		fsm_tlf(f);
		break;
	case FSM_ACKRCVD:			/* 6 */
		fsm_set_state(f, FSM_REQSENT);
		break;
	case FSM_OPENED:			/* tld,scr/6 */
		fsm_tld(f);
		f->cb->resetci(f);
		fsm_irc(f);
		fsm_scr(f);
		fsm_set_state(f, FSM_REQSENT);
		break;
	default:				/* 2, 3, 6, 8 */
		break;
	}
}

static void
fsm_rxj_plus(struct fsm *f)
{
	if (f->state == FSM_ACKRCVD)		/* 6 */
		fsm_set_state(f, FSM_REQSENT);
}

static void
fsm_rxj_minus(struct fsm *f)
{
	switch (f->state) {
	case FSM_CLOSED:			/* tlf/2 */
	case FSM_CLOSING:
		fsm_set_state(f, FSM_CLOSED);
		fsm_tlf(f);
		break;
	case FSM_STOPPED:			/* tlf/3 */
	case FSM_STOPPING:
	case FSM_REQSENT:
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		fsm_set_state(f, FSM_STOPPED);
		fsm_tlf(f);
		break;
	case FSM_OPENED:			/* tld,irc,str/5 */
		fsm_tld(f);
		fsm_set_state(f, FSM_STOPPING);
		fsm_irc(f);
		fsm_str(f);
		break;
	default:
		break;
	}
}
