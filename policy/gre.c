/*
 * hpptpd: the gre worker's profile.  Its system calls are the base
 * list's and nothing more (its batched I/O on the raw GRE socket,
 * recvmmsg and sendmmsg, every worker now uses on its channel): the
 * tightest list in the project.
 */
#include "common/msg.h"
#include "policy/policy_local.h"

/* What it may tell master (the catalog's gre -> master rows). */
static const uint16_t gre_sends[] = {
	MSG_LOG, MSG_READY,
	MSG_GRE_ADDED,		/* it took a call (or could not) */
	MSG_PPP_FROM_GRE,	/* the peer's PPP control frames, for ctrl */
	MSG_GRE_COUNTERS,	/* a live session's counters */
	MSG_GRE_STATS,		/* a deleted session's final counters */
	MSG_GRE_STRAY,		/* GRE for no session, first per source */
	MSG_GRE_LINK_DEAD,	/* a session's LCP echoes went unanswered */
	MSG_GRE_WORKER,		/* its own counters, of no one session */
	MSG_NONE
};

const struct worker_profile policy_gre = {
	.id = P_GRE,
	.rules = NULL, .nrules = 0,
	.nofile = 64,		/* the GRE socket, the tun, a handful more */
	.keep = KEEP_CHAN | KEEP_EPOLL,
	.sends = gre_sends,
};
