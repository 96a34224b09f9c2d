/*
 * hpptpd: the whole privilege of the auth worker beyond the base list:
 * locked secret memory (libsodium's sodium_malloc guard pages and
 * mlock), randomness, reading the secrets fd master passes, and
 * receiving/answering on the Disconnect/CoA socket master bound.
 */
#include <sys/mman.h>

#include "common/msg.h"
#include "policy/policy_local.h"

static const struct sc_rule auth_rules[] = {
	SC_ALLOW(getrandom,	"MS-CHAP failure challenges, PAP keys, RADIUS "
	    "Request Authenticators (libsodium)"),
	SC_ALLOW_MASKED_ZERO(mprotect, 2, PROT_EXEC,
	    "sodium_malloc guard pages; never executable"),
	SC_ALLOW(mlock,		"secrets stay out of swap"),
	SC_ALLOW(munlock,	"sodium_free"),
	SC_ALLOW(fstat,		"size of the secrets file"),
	SC_ALLOW(newfstatat,	"glibc fstat"),
	SC_ALLOW(lseek,		"rewind the secrets file"),
	SC_ALLOW_EQ(recvfrom, 3, 0, "RADIUS Disconnect/CoA requests: the "
	    "sender's address on the bound socket master passed; flags 0"),
	SC_ALLOW_EQ(sendto, 3, 0, "the Disconnect/CoA ACK or NAK to that "
	    "address; flags 0"),
};

/* What it may tell master (the catalog's auth -> master rows). */
static const uint16_t auth_sends[] = {
	MSG_LOG, MSG_READY,
	MSG_SECRET_FILE_REQ,	/* open an "@/path" file of the secrets */
	MSG_STATIC_ADDR,	/* reserve a user's static address */
	MSG_SECRETS_LOADED,	/* the load's result */
	MSG_AUTH_RESULT,	/* a verdict */
	MSG_SESSION_KEYS,	/* its MPPE keys, for gre only */
	MSG_RADIUS_REPLY,	/* a RADIUS Accept's per-user policy */
	MSG_RADIUS_STATS,	/* a RADIUS server's counters */
	MSG_DAE_STATS,		/* Disconnect/CoA results */
	MSG_DAE_ACTION,		/* end or change a session (RFC 5176) */
	MSG_ACCT_RECORD,	/* a session's accounting record, kept */
	MSG_NONE
};

const struct worker_profile policy_auth = {
	.id = P_AUTH,
	.rules = auth_rules, .nrules = NELEM(auth_rules),
	.nofile = 64,		/* the secrets files, one at a time; */
				/* 2 RADIUS sockets per server (4 max), */
				/* the Disconnect/CoA socket */
	.keep = KEEP_CHAN | KEEP_EPOLL,
	.sends = auth_sends,
};
