/*
 * hpptpd auth: the one entry point the auth worker calls per
 * authentication request: lockout check, secrets lookup, verification of
 * PAP / CHAP-MD5 / MS-CHAPv1 / MS-CHAPv2, MPPE start keys, the message for
 * the peer, and the audit line.  Pure apart from the audit log and the
 * lockout table; no I/O.
 */
#ifndef HP_AUTH_VERIFY_H
#define HP_AUTH_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg.h"
#include "auth/lockout.h"
#include "auth/mschap.h"
#include "auth/peer.h"
#include "auth/secrets.h"

/*
 * From common/msg.h (the IPC catalog), shared so the worker can copy an
 * m_auth_check into an auth_req field by field: enum auth_method (AM_PAP,
 * AM_CHAP_MD5, AM_MSCHAP1, AM_MSCHAP2) and auth_method_name(),
 * AUTH_CHAL_MAX (the challenge we sent), AUTH_RESP_MAX (the peer's value;
 * PAP: the password), AUTH_MSG_MAX (message for the peer, without NUL),
 * enum auth_addr_kind (AA_POOL, AA_STATIC, AA_NONE).
 */
#define AUTH_USER_MAX		255	/* CHAP Name / PAP Peer-ID bytes */
#define AUTH_SERVER_MAX		255	/* our name (pppd "name") */
#define MSCHAP_RESP_LEN		49	/* MS-CHAPv1 and v2 Response value */

_Static_assert(AUTH_CHAL_MAX >= MSCHAP_V2_CHAL_LEN, "AUTH_CHAL_MAX");
_Static_assert(AUTH_RESP_MAX >= MSCHAP_RESP_LEN && AUTH_RESP_MAX <= 0xffff,
    "AUTH_RESP_MAX");
_Static_assert(AUTH_MSG_MAX >= 80, "AUTH_MSG_MAX");

enum auth_reason {
	AUTH_R_OK = 0,
	AUTH_R_BAD_RESPONSE,	/* wrong password */
	AUTH_R_NO_SUCH_USER,	/* no secrets entry for user and server */
	AUTH_R_LOCKED_OUT,	/* user or source locked; not verified */
	AUTH_R_NTHASH_METHOD,	/* nthash: entry, PAP or CHAP-MD5 asked */
	AUTH_R_SECRET_UNUSABLE,	/* secret not UTF-8 / too long for MS-CHAP */
	AUTH_R_LM_REFUSED,	/* MS-CHAPv1 with only the LM response */
	AUTH_R_MALFORMED,	/* lengths wrong for the method */
};
const char *auth_reason_name(enum auth_reason);

/* Filled by ctrl from the CHAP/PAP exchange (and master's peer address). */
struct auth_req {
	uint32_t	sid;		/* session id, for the audit line */
	uint8_t		method;		/* enum auth_method (AM_*) */
	uint8_t		chap_id;	/* CHAP Identifier (CHAP-MD5) */
	uint16_t	user_len;	/* <= AUTH_USER_MAX */
	uint8_t		user[AUTH_USER_MAX];
	uint16_t	server_len;	/* <= AUTH_SERVER_MAX */
	uint8_t		server[AUTH_SERVER_MAX];
	struct auth_peer peer;
	uint8_t		chal_len;	/* <= AUTH_CHAL_MAX; MS-CHAPv2 16,
					   MS-CHAPv1 8, CHAP-MD5 >= 1 */
	uint8_t		chal[AUTH_CHAL_MAX];
	uint16_t	resp_len;	/* <= AUTH_RESP_MAX */
	/*
	 * MS-CHAPv2: PeerChallenge 16, Reserved 8, NT-Response 24, Flags 1.
	 * MS-CHAPv1: LM-Response 24, NT-Response 24, Flags 1 (1 = use NT).
	 * CHAP-MD5: the 16-byte hash.  PAP: the password.
	 * Reserved and Flags (v2) are not checked, as pppd does not.
	 */
	uint8_t		resp[AUTH_RESP_MAX];
};

struct auth_res {
	bool		ok;
	enum auth_reason reason;
	/* what ctrl puts in the Success/Failure (or PAP Ack/Nak) message */
	char		message[AUTH_MSG_MAX + 1];
	size_t		message_len;
	/*
	 * Only when ok: the secrets entry's address column.  AA_STATIC:
	 * exactly fixed_addr.  AA_NONE: "-", no address.  AA_POOL: any pool
	 * address.  AA_LIST (subnets, exclusions, several addresses): an
	 * address that passes secrets_addr_allowed(&addrs, a); master gets
	 * the rules and picks one.
	 */
	enum auth_addr_kind addr_kind;
	uint32_t	fixed_addr;	/* AA_STATIC, host byte order */
	bool		pool_allowed;
	struct secret_addrs addrs;
	/* only when ok and MS-CHAP: MPPE start keys, server direction */
	bool		have_keys;
	uint8_t		send_key[MPPE_START_KEY_LEN];
	uint8_t		recv_key[MPPE_START_KEY_LEN];
	/* AUTH_R_LOCKED_OUT: when the lock ends (caller's clock) */
	uint64_t	locked_until_ms;
};

/*
 * Verify one request.  `db` may be NULL (every user unknown), `lo` may be
 * NULL (no lockout).  Returns HP_OK with the verdict in *res (res->ok),
 * or HP_E_FIELD when the request breaks its own contract (unknown method,
 * a length above its array): the caller treats that as an IPC violation.
 *
 * The caller must wipe res->send_key / recv_key (sodium_memzero) once it
 * has forwarded them.  One audit line (authpriv) per call: event=auth-ok
 * or event=auth-fail, plus event=lockout when this failure locked the
 * user or the source.  The peer sees the same failure message for every
 * reason.
 */
int	auth_verify(struct secrets_db *, struct lockout *,
	    const struct auth_req *, uint64_t now_ms, struct auth_res *);
/*
 * The failure text a method's peer gets (MS-CHAPv2 and v1: E=691 R=0
 * with a fresh challenge), whoever said no; returns its length.
 */
size_t	auth_fail_message(unsigned int method, char *, size_t cap);

#endif /* HP_AUTH_VERIFY_H */
