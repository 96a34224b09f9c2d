/*
 * hpptpd: the whole privilege of the ctrl worker beyond the base list.
 * It parses what the internet sends; it may read and write the TCP
 * sockets master hands it and draw random numbers, nothing more.
 */
#include "common/msg.h"
#include "policy/policy_local.h"

static const struct sc_rule ctrl_rules[] = {
	SC_ALLOW(getrandom,	"CHAP challenges, call IDs (libsodium)"),
	SC_ALLOW(shutdown,	"half-close a control connection"),
};

/* What it may tell master (the catalog's ctrl -> master rows). */
static const uint16_t ctrl_sends[] = {
	MSG_LOG, MSG_READY,
	MSG_CALL_OPEN,		/* an OCRQ, unanswered until master says */
	MSG_PPP_FROM_CTRL,	/* PPP frames for the peer, through gre */
	MSG_AUTH_REQUEST,	/* the peer's credentials, for auth */
	MSG_CCP_MODE,		/* the MPPE mode, for gre */
	MSG_LCP_KEEPALIVE,	/* LCP opened or down: gre's echoes */
	MSG_SESSION_UP,		/* IPCP opened: route the address */
	MSG_CTRL_CLOSED,	/* the session is over */
	MSG_METRICS_REQ,	/* a scraper's next chunk of metrics */
	MSG_METRICS_DONE,	/* a scraper's connection is closed */
	MSG_NONE
};

const struct worker_profile policy_ctrl = {
	.id = P_CTRL,
	.rules = ctrl_rules, .nrules = NELEM(ctrl_rules),
	/* one fd per connection: master sizes it to max-connections */
	.nofile = NOFILE_FROM_MASTER,
	.keep = KEEP_CHAN | KEEP_EPOLL,
	.sends = ctrl_sends,
};
