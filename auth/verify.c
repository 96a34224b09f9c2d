/* hpptpd auth: verify one authentication request (see verify.h). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "auth/lockout.h"
#include "auth/mschap.h"
#include "auth/peer.h"
#include "auth/secrets.h"
#include "auth/verify.h"

#define LOG_USER_MAX	64	/* user name characters in an audit line */

/* Offsets in the 49-byte MS-CHAP Response values. */
#define V2_PEER_CHAL	0
#define V2_NT_RESP	24
#define V1_NT_RESP	24
#define MS_FLAGS	48

static const char msg_v2_fail_text[] = "Authentication failed";

static bool	req_shape_ok(const struct auth_req *);
static enum auth_reason verify_entry(const struct secret_entry *,
		    const struct auth_req *, struct auth_res *);
struct verify_scratch;
static enum auth_reason verify_entry_with(const struct secret_entry *,
		    const struct auth_req *, struct auth_res *,
		    struct verify_scratch *);
static enum auth_reason entry_nt_hash(const struct secret_entry *,
		    uint8_t[MSCHAP_NTHASH_LEN], struct mschap_nt_scratch *);
static void	set_message(struct auth_res *, enum auth_method);
static void	set_addrs(struct auth_res *, const struct secret_entry *);
static void	dummy_work(const struct auth_req *);

const char *
auth_reason_name(enum auth_reason r)
{
	switch (r) {
	case AUTH_R_OK:
		return "ok";
	case AUTH_R_BAD_RESPONSE:
		return "bad-response";
	case AUTH_R_NO_SUCH_USER:
		return "no-such-user";
	case AUTH_R_LOCKED_OUT:
		return "locked-out";
	case AUTH_R_NTHASH_METHOD:
		return "method-not-allowed-for-nthash";
	case AUTH_R_SECRET_UNUSABLE:
		return "secret-unusable-for-mschap";
	case AUTH_R_LM_REFUSED:
		return "lm-response-refused";
	case AUTH_R_MALFORMED:
		return "malformed";
	}
	return "unknown";
}

/* The lengths each method needs; a wrong one is the peer's doing. */
static bool
req_shape_ok(const struct auth_req *q)
{
	switch ((enum auth_method)q->method) {
	case AM_PAP:
		return true;
	case AM_CHAP_MD5:
		return q->chal_len >= 1 && q->resp_len == CHAP_MD5_LEN;
	case AM_MSCHAP1:
		return q->chal_len == MSCHAP_V1_CHAL_LEN &&
		    q->resp_len == MSCHAP_RESP_LEN;
	case AM_MSCHAP2:
		return q->chal_len == MSCHAP_V2_CHAL_LEN &&
		    q->resp_len == MSCHAP_RESP_LEN;
	}
	return false;
}

static enum auth_reason
entry_nt_hash(const struct secret_entry *e, uint8_t hash[MSCHAP_NTHASH_LEN],
    struct mschap_nt_scratch *nt)
{
	if (e->kind == SECRET_NTHASH) {
		memcpy(hash, e->nthash, MSCHAP_NTHASH_LEN);
		return AUTH_R_OK;
	}
	if (mschap_nt_hash_in(e->secret, e->secret_len, hash, nt) != HP_OK)
		return AUTH_R_SECRET_UNUSABLE;
	return AUTH_R_OK;
}

/* What verify_entry derives from the secret: in locked memory. */
struct verify_scratch {
	struct mschap_nt_scratch nt;
	uint8_t	hash[MSCHAP_NTHASH_LEN];
	uint8_t	hh[MSCHAP_NTHASH_LEN];
	uint8_t	master[MPPE_START_KEY_LEN];
	char	authresp[MSCHAP_AUTHRESP_LEN + 1];
};

/*
 * The scratch, allocated once and wiped after each use: a sodium_malloc
 * per login (guard pages, mprotect, mlock, munmap) cost more than the
 * MS-CHAP arithmetic itself.  One caller at a time (auth is one thread).
 */
static struct verify_scratch *
scratch(void)
{
	static struct verify_scratch *v;

	if (v == NULL)
		v = sodium_malloc(sizeof(*v));
	return v;
}

static enum auth_reason
verify_entry(const struct secret_entry *e, const struct auth_req *q,
    struct auth_res *res)
{
	struct verify_scratch *v;
	enum auth_reason why;

	if ((v = scratch()) == NULL)
		return AUTH_R_SECRET_UNUSABLE;
	why = verify_entry_with(e, q, res, v);
	sodium_memzero(v, sizeof(*v));
	return why;
}

static enum auth_reason
verify_entry_with(const struct secret_entry *e, const struct auth_req *q,
    struct auth_res *res, struct verify_scratch *v)
{
	uint8_t *hash = v->hash, *hh = v->hh, *master = v->master;
	char *authresp = v->authresp;
	const uint8_t *u;
	enum auth_reason why = AUTH_R_BAD_RESPONSE;
	size_t ulen = 0;

	switch ((enum auth_method)q->method) {
	case AM_PAP:
		if (e->kind == SECRET_NTHASH)
			return AUTH_R_NTHASH_METHOD;
		return pap_verify(e->secret, e->secret_len, q->resp,
		    q->resp_len) ? AUTH_R_OK : AUTH_R_BAD_RESPONSE;
	case AM_CHAP_MD5:
		if (e->kind == SECRET_NTHASH)
			return AUTH_R_NTHASH_METHOD;
		return chap_md5_verify(q->chap_id, e->secret, e->secret_len,
		    q->chal, q->chal_len, q->resp, q->resp_len) ?
		    AUTH_R_OK : AUTH_R_BAD_RESPONSE;
	case AM_MSCHAP1:
		if ((q->resp[MS_FLAGS] & 1) == 0)
			return AUTH_R_LM_REFUSED;
		if ((why = entry_nt_hash(e, hash, &v->nt)) != AUTH_R_OK)
			break;
		why = AUTH_R_BAD_RESPONSE;
		if (!mschapv1_verify(q->chal, hash, q->resp + V1_NT_RESP))
			break;
		mschap_hash_nt_hash(hash, hh);
		mppe_v1_start_key(hh, q->chal, res->send_key);
		memcpy(res->recv_key, res->send_key, MPPE_START_KEY_LEN);
		res->have_keys = true;
		why = AUTH_R_OK;
		break;
	case AM_MSCHAP2:
		if ((why = entry_nt_hash(e, hash, &v->nt)) != AUTH_R_OK)
			break;
		why = AUTH_R_BAD_RESPONSE;
		u = mschap_strip_domain(q->user, q->user_len, &ulen);
		if (!mschapv2_verify(q->chal, q->resp + V2_PEER_CHAL, u, ulen,
		    hash, q->resp + V2_NT_RESP))
			break;
		mschapv2_authenticator_response(hash, q->resp + V2_NT_RESP,
		    q->resp + V2_PEER_CHAL, q->chal, u, ulen, authresp);
		mschap_hash_nt_hash(hash, hh);
		mppe_v2_master_key(hh, q->resp + V2_NT_RESP, master);
		mppe_v2_server_keys(master, res->send_key, res->recv_key);
		res->have_keys = true;
		/* RFC 2759 section 5: "S=<auth_string> M=<message>" */
		(void)snprintf(res->message, sizeof(res->message),
		    "%s M=Access granted", authresp);
		res->message_len = strlen(res->message);
		why = AUTH_R_OK;
		break;
	}
	return why;
}

/* The failure message each method's peer expects (verify.h). */
size_t
auth_fail_message(unsigned int m, char *msg, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t rnd[MSCHAP_V1_CHAL_LEN];
	char c[2 * MSCHAP_V1_CHAL_LEN + 1];
	size_t i;

	switch ((enum auth_method)m) {
	case AM_MSCHAP2:
		/* fits: 52 bytes plus the fixed text */
		(void)mschapv2_failure_message(msg, cap, msg_v2_fail_text);
		break;
	case AM_MSCHAP1:
		/* RFC 2433 section 6; R=0: no retry in-session */
		randombytes_buf(rnd, sizeof(rnd));
		for (i = 0; i < sizeof(rnd); i++) {
			c[2 * i] = hex[rnd[i] >> 4];
			c[2 * i + 1] = hex[rnd[i] & 0x0f];
		}
		c[sizeof(c) - 1] = '\0';
		(void)snprintf(msg, cap, "E=691 R=0 C=%s V=0", c);
		break;
	case AM_PAP:
		(void)snprintf(msg, cap, "Login incorrect");
		break;
	case AM_CHAP_MD5:
	default:
		(void)snprintf(msg, cap, "Access denied");
		break;
	}
	return strlen(msg);
}

/* Messages other than the MS-CHAPv2 success string. */
static void
set_message(struct auth_res *res, enum auth_method m)
{
	if (!res->ok) {
		res->message_len = auth_fail_message(m, res->message,
		    sizeof(res->message));
		return;
	}
	if (m == AM_MSCHAP2)
		return;		/* set by verify_entry */
	(void)snprintf(res->message, sizeof(res->message), "%s",
	    m == AM_PAP ? "Login ok" : "Access granted");
	res->message_len = strlen(res->message);
}

static void
set_addrs(struct auth_res *res, const struct secret_entry *e)
{
	uint32_t a = 0;

	res->addrs = e->addrs;
	switch (e->addrs.mode) {
	case SECRET_ADDR_NONE:
		res->addr_kind = AA_NONE;
		res->pool_allowed = false;
		break;
	case SECRET_ADDR_ANY:
		res->addr_kind = AA_POOL;
		res->pool_allowed = true;
		break;
	case SECRET_ADDR_LIST:
		if (secrets_static_addr(&e->addrs, &a) == HP_OK) {
			res->addr_kind = AA_STATIC;
			res->fixed_addr = a;
			res->pool_allowed = false;
		} else {
			res->addr_kind = AA_LIST;
			res->pool_allowed = true;
		}
		break;
	}
}

/*
 * For an unknown user, spend about what a real MS-CHAP check costs so the
 * reply time does not tell which names exist.
 */
static void
dummy_work(const struct auth_req *q)
{
	uint8_t resp[MSCHAP_NTRESP_LEN];
	static const uint8_t zero[MSCHAP_V2_CHAL_LEN];
	struct verify_scratch *v;

	/* the same locked scratch as verify_entry, for the same time */
	if ((v = scratch()) == NULL)
		return;
	(void)mschap_nt_hash_in((const uint8_t *)"hpptpd-dummy-password", 21,
	    v->hash, &v->nt);
	mschapv2_nt_response(zero, zero, q->user, q->user_len, v->hash, resp);
	sodium_memzero(v, sizeof(*v));
	sodium_memzero(resp, sizeof(resp));
}

int
auth_verify(struct secrets_db *db, struct lockout *lo,
    const struct auth_req *q, uint64_t now_ms, struct auth_res *res)
{
	const struct secret_entry *e;
	enum auth_method m = (enum auth_method)q->method;
	char user[LOG_USER_MAX + 1], peer[AUTH_PEER_STRLEN];
	uint64_t until = 0;
	unsigned locked;

	memset(res, 0, sizeof(*res));
	res->reason = AUTH_R_MALFORMED;
	if (q->method < AM_PAP || q->method > AM_MSCHAP2 ||
	    q->user_len > AUTH_USER_MAX || q->server_len > AUTH_SERVER_MAX ||
	    q->chal_len > AUTH_CHAL_MAX || q->resp_len > AUTH_RESP_MAX)
		return HP_E_FIELD;

	log_sanitize(user, sizeof(user), q->user, q->user_len);
	auth_peer_format(&q->peer, peer, sizeof(peer));

	if (lo != NULL && (locked = lockout_check(lo, q->user, q->user_len,
	    &q->peer, now_ms, &until)) != 0) {
		res->reason = AUTH_R_LOCKED_OUT;
		res->locked_until_ms = until;
	} else if (!req_shape_ok(q))
		res->reason = AUTH_R_MALFORMED;
	else if ((e = secrets_lookup(db, q->user, q->user_len, q->server,
	    q->server_len)) == NULL) {
		dummy_work(q);
		res->reason = AUTH_R_NO_SUCH_USER;
	} else if ((res->reason = verify_entry(e, q, res)) == AUTH_R_OK) {
		res->ok = true;
		set_addrs(res, e);
	}

	if (!res->ok) {
		/* nothing half-set leaves on failure */
		sodium_memzero(res->send_key, sizeof(res->send_key));
		sodium_memzero(res->recv_key, sizeof(res->recv_key));
		res->have_keys = false;
	}
	set_message(res, m);

	if (res->ok) {
		if (lo != NULL)
			lockout_success(lo, q->user, q->user_len, &q->peer,
			    now_ms);
		log_audit_auth("event=auth-ok sid=0x%x user=\"%s\" peer=%s "
		    "method=%s", q->sid, user, peer, auth_method_name(m));
		return HP_OK;
	}
	log_audit_auth("event=auth-fail sid=0x%x user=\"%s\" peer=%s "
	    "method=%s reason=%s", q->sid, user, peer, auth_method_name(m),
	    auth_reason_name(res->reason));
	if (lo != NULL && res->reason != AUTH_R_LOCKED_OUT &&
	    (locked = lockout_fail(lo, q->user, q->user_len, &q->peer,
	    now_ms)) != 0) {
		(void)lockout_check(lo, q->user, q->user_len, &q->peer,
		    now_ms, &until);
		log_audit_auth("event=lockout sid=0x%x user=\"%s\" peer=%s "
		    "scope=%s%s%s duration=%llus", q->sid, user, peer,
		    locked & LOCKOUT_USER ? "user" : "",
		    locked == (LOCKOUT_USER | LOCKOUT_PEER) ? "," : "",
		    locked & LOCKOUT_PEER ? "peer" : "",
		    (unsigned long long)(until > now_ms ?
		    (until - now_ms + 999) / 1000 : 0));
	}
	return HP_OK;
}
