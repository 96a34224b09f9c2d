/*
 * hpptpd: the whole privilege of the gre worker beyond the base list:
 * batched sends on the raw GRE socket (its batched receive is the
 * base list's recvmmsg).  The tightest list in the project.
 */
#include "common/msg.h"
#include "policy/policy_local.h"

static const struct sc_rule gre_rules[] = {
	SC_ALLOW(sendmmsg,	"raw GRE socket, batched send"),
};

/* What it may tell master (the catalog's gre -> master rows). */
static const uint16_t gre_sends[] = {
	MSG_LOG, MSG_READY,
	MSG_GRE_ADDED,		/* it took a call (or could not) */
	MSG_PPP_FROM_GRE,	/* the peer's PPP control frames, for ctrl */
	MSG_GRE_COUNTERS,	/* a live session's counters */
	MSG_GRE_STATS,		/* a deleted session's final counters */
	MSG_GRE_STRAY,		/* GRE for no session, first per source */
	MSG_GRE_LINK_DEAD,	/* a session's LCP echoes went unanswered */
	MSG_NONE
};

const struct worker_profile policy_gre = {
	.id = P_GRE,
	.rules = gre_rules, .nrules = NELEM(gre_rules),
	.nofile = 64,		/* the GRE socket, the tun, a handful more */
	.keep = KEEP_CHAN | KEEP_EPOLL,
	.sends = gre_sends,
};
