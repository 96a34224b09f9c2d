/*
 * hpptpd auth: a RADIUS Disconnect-Request or CoA-Request (RFC 5176)
 * read into a fixed structure, and its ACK or NAK (dae_req.c).  Pure:
 * bytes and the client's secret in, a filled dae_req or an error out;
 * no I/O, no logging, no state.  The transport, the replay cache and
 * the session lookup are dae.c's.
 *
 * dae_req_parse() returns an error (the request is dropped, never
 * answered) when the codec refuses the packet, when it is no
 * Disconnect- or CoA-Request, or when its Request Authenticator or
 * Message-Authenticator is wrong or (require_ma) the latter missing.
 * Otherwise HP_OK, and r->error says whether the request, though
 * genuine, must be NAKed and why (RFC 5176 section 3.5 Error-Cause):
 *   401  an attribute we do not support (or one a Disconnect may not
 *        carry: anything that would change the session);
 *   402  no attribute that names a session;
 *   404  more Proxy-State attributes than we echo;
 *   405  a Service-Type other than Framed (Authorize-Only included:
 *        we cannot re-authorize);
 *   407  a value we cannot apply (a Filter-Id or Mikrotik-Rate-Limit
 *        that is no rate pair; two Filter-Id or two Class: which?).
 * NAS identification (403) and the session (503, 508) are the caller's.
 */
#ifndef HP_AUTH_DAE_REQ_H
#define HP_AUTH_DAE_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/radius_auth.h"
#include "auth/radius_msg.h"
#include "common/msg.h"

/* RFC 5176 section 3.5 */
enum dae_error_cause {
	DAE_EC_UNSUPPORTED_ATTRIBUTE	= 401,
	DAE_EC_MISSING_ATTRIBUTE	= 402,
	DAE_EC_NAS_MISMATCH		= 403,
	DAE_EC_INVALID_REQUEST		= 404,
	DAE_EC_UNSUPPORTED_SERVICE	= 405,
	DAE_EC_INVALID_VALUE		= 407,
	DAE_EC_NOT_FOUND		= 503,
	DAE_EC_RESOURCES		= 506,
	DAE_EC_MULTIPLE			= 508,
};

/* Which session attributes the request names (all must match). */
#define DS_ACCT_ID	0x01
#define DS_USER		0x02
#define DS_IP		0x04
#define DS_CALLING	0x08
#define DS_PORT		0x10

/* What a CoA changes beyond master's DAE_SET_*: auth's own records. */
_Static_assert((DAE_SET_MASK & 0x30) == 0, "DR_SET_* clash with DAE_SET_*");
#define DR_SET_INTERIM	0x10
#define DR_SET_CLASS	0x20

#define DAE_PROXY_MAX	4	/* Proxy-State attributes echoed */

struct dae_str {
	uint8_t		len;
	uint8_t		v[RADIUS_ATTR_MAX];
};

struct dae_req {
	uint8_t		code;		/* RADIUS_DISCONNECT_REQUEST or _COA_ */
	uint8_t		id;
	uint8_t		auth[RADIUS_AUTH_LEN];
	uint32_t	error;		/* Error-Cause to NAK with; 0: none */
	uint8_t		error_attr;	/* the attribute behind it, for logs */
	bool		has_ts;
	uint32_t	ts;		/* Event-Timestamp */
	bool		has_nas_id;
	bool		has_nas_ip;
	uint32_t	nas_ip;		/* network order */
	struct dae_str	nas_id;
	/* the session */
	uint8_t		sel;		/* DS_* */
	uint32_t	ip;		/* Framed-IP-Address, network order */
	uint32_t	port;		/* NAS-Port */
	struct dae_str	acct_id;
	struct dae_str	user;
	struct dae_str	calling;
	/* a CoA's changes */
	uint8_t		set;		/* DAE_SET_* | DR_SET_* */
	uint32_t	session_timeout_s;
	uint32_t	idle_timeout_s;
	uint32_t	interim_s;
	uint64_t	down_bps;
	uint64_t	up_bps;
	struct dae_str	class;
	/* echoed in the answer, in order */
	uint8_t		nproxy;
	struct dae_str	proxy[DAE_PROXY_MAX];
};

/* p is scratch for the decoder (large: keep it static). */
int	dae_req_parse(const uint8_t *, size_t len, const uint8_t *secret,
	    size_t slen, bool require_ma, struct radius_pkt *p,
	    struct dae_req *r);
/* 0, or DAE_EC_NAS_MISMATCH when a NAS attribute names another NAS. */
uint32_t dae_req_nas(const struct dae_req *, const struct radius_nas *);
/*
 * The ACK (error 0) or NAK (Error-Cause error) of r, Message-
 * Authenticator first, Proxy-State echoed: *len bytes in out.
 */
int	dae_answer(const struct dae_req *, uint32_t error,
	    const uint8_t *secret, size_t slen, uint8_t *out, size_t cap,
	    size_t *len);

#endif /* HP_AUTH_DAE_REQ_H */
