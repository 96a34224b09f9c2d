/*
 * hpptpd auth: what a login through RADIUS sends and what its answer
 * means (radius_auth.c).  Pure: an auth_req in, an Access-Request out;
 * a verified reply in, a verdict out.  No I/O, no logging, no state.
 */
#ifndef HP_AUTH_RADIUS_AUTH_H
#define HP_AUTH_RADIUS_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/radius_msg.h"
#include "auth/verify.h"

/*
 * Acct-Interim-Interval below this is raised to it (RFC 2869 section
 * 2.1 asks for at least 60 s).  Test-hook builds use 5 s so that
 * tests/security/t_radius.sh sees an Interim-Update in seconds; release
 * builds never do.
 */
#ifdef HP_TEST_HOOKS
#define RADIUS_INTERIM_MIN_S	5
#else
#define RADIUS_INTERIM_MIN_S	60
#endif
#define RADIUS_CLASS_MAX	253

/* What the NAS says of itself in every request. */
struct radius_nas {
	char		 id[RADIUS_NAS_ID_MAX + 1];	/* NAS-Identifier */
	uint32_t	 ip;		/* network order; 0: not sent */
};

enum radius_outcome {
	RO_ACCEPT = 0,
	RO_REJECT,		/* the server said no, or its yes was unusable */
	RO_UNREACHABLE,		/* no server answered */
};

struct radius_verdict {
	enum radius_outcome outcome;
	const char	*why;		/* a reject's reason, for the log */
	char		 message[AUTH_MSG_MAX + 1];	/* for the peer */
	size_t		 message_len;
	enum auth_addr_kind addr_kind;	/* AA_POOL or AA_STATIC */
	uint32_t	 addr;		/* AA_STATIC, network order */
	bool		 have_keys;
	uint8_t		 send_key[16];
	uint8_t		 recv_key[16];
	uint32_t	 session_timeout_s;
	uint32_t	 idle_timeout_s;
	uint32_t	 interim_s;	/* 0: the configured default */
	uint8_t		 mppe;		/* MPPE_* the server allows */
	bool		 have_rate;	/* Mikrotik-Rate-Limit or Filter-Id */
	uint64_t	 down_bps;	/* towards the client */
	uint64_t	 up_bps;
	uint8_t		 class_len;
	uint8_t		 class[RADIUS_CLASS_MAX];
	uint32_t	 dns[2];	/* MS-*-DNS-Server, network order */
	uint32_t	 nbns[2];	/* MS-*-NBNS-Server */
	uint32_t	 netmask;	/* Framed-IP-Netmask, network order */
	uint16_t	 mtu;		/* Framed-MTU; 0: none */
	uint8_t		 pool_len;	/* Framed-Pool */
	char		 pool[RADIUS_POOL_NAME_MAX];
	bool		 have_prefix6;	/* Framed-IPv6-Prefix, a /64 */
	uint8_t		 prefix6[8];	/* its upper 64 bits */
	bool		 delegated6;	/* Delegated-IPv6-Prefix: not used */
	uint8_t		 nroutes;	/* Framed-Routes taken */
	struct m_route	 routes[RADIUS_ROUTES_MAX];
	unsigned	 routes_refused;	/* malformed, gateway, too many */
	const char	*route_why;	/* the first refusal's reason */
	uint8_t		 route_bad_len;
	uint8_t		 route_bad[64];	/* its text, raw: log sanitized */
};

/*
 * Build the Access-Request for q (Message-Authenticator first).  ra is
 * the Request Authenticator (16 random bytes).  HP_OK with the packet
 * in buf (*len bytes) and what its reply is checked against in *sent;
 * AUTH_R_* reasons are not errors here: a request that cannot be sent
 * (MS-CHAPv1 with only the LM response) returns HP_E_FIELD.
 */
int	radius_auth_request(const struct auth_req *,
	    const struct radius_nas *, uint8_t id,
	    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t *buf, size_t cap, size_t *len,
	    struct radius_sent *sent);
/*
 * What a verified reply (radius_verify_reply() passed) means for q.
 * Fills v; a reject and an unusable accept both give RO_REJECT with
 * v->why set.  Keys are left in v only for RO_ACCEPT; the caller wipes v.
 */
void	radius_auth_reply(const struct radius_pkt *, const struct auth_req *,
	    const struct radius_sent *, const uint8_t *secret, size_t slen,
	    struct radius_verdict *v);
/*
 * What every request says of the NAS and the call: NAS-Identifier,
 * NAS-IP-Address and Called-Station-Id (when known), NAS-Port (the
 * sid), NAS-Port-Type Virtual, Service-Type Framed, Framed-Protocol PPP,
 * Calling-Station-Id and the tagged Tunnel-* of a PPTP call.
 */
void	radius_put_nas(struct radius_enc *, uint32_t sid,
	    const struct auth_peer *, const struct radius_nas *);
/* The failure message a method's peer expects (no server text). */
void	radius_auth_fail_message(const struct auth_req *,
	    struct radius_verdict *);

#endif /* HP_AUTH_RADIUS_AUTH_H */
