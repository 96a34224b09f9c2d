/*
 * hpptpd: what the PPTP connection and call machines both use: encode
 * and send a message, the cap on peer-triggered log lines, deadline
 * arithmetic, and the name of every value for logs.  Calls nothing of
 * pptp_ctrl.c or pptp_call.c.
 */
#include <stdint.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/pptp_defs.h"
#include "ctrl/pptp_local.h"
#include "ctrl/pptp_msg.h"

/* Peer-triggered lines that do not end a connection, per connection. */
#define PC_LOG_MAX	16

/* Encode and hand over; the first failure is kept and ends the connection. */
void
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

/* Cap on log lines a peer can cause without ending its connection. */
int
pc_lognote(struct pptp_ctrl *c)
{
	if (c->nlog >= PC_LOG_MAX)
		return 0;
	if (++c->nlog == PC_LOG_MAX)
		log_info("pptp: conn %u: further notices suppressed", c->id);
	return 1;
}

/* now + ms, saturating below PPTP_NO_DEADLINE. */
uint64_t
pc_after(uint64_t now, uint32_t ms)
{
	if (now >= PPTP_NO_DEADLINE - 1 - ms)
		return PPTP_NO_DEADLINE - 1;
	return now + ms;
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

const char *
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
