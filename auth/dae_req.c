/*
 * hpptpd auth: reading a Disconnect-Request or CoA-Request and writing
 * its answer (dae_req.h).  Every attribute of a verified request is
 * looked at once, by a table of what each request may carry; what the
 * table does not name is refused with Error-Cause 401 rather than
 * ignored, because ignoring a change the server asked for would ACK a
 * change that never happened.
 */
#include <sys/types.h>
#include <arpa/inet.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "auth/dae_req.h"
#include "auth/radius_dict.h"
#include "common/err.h"
#include "common/msg.h"
#include "common/rate.h"

/* What an attribute is to a request: who may carry it, what it does. */
enum dae_role {
	DR_IGNORE = 1,		/* carried, nothing to do (State...) */
	DR_NAS,			/* identifies the NAS */
	DR_SESSION,		/* identifies the session */
	DR_CHANGE,		/* a CoA's change; 401 in a Disconnect */
	DR_UNSUPPORTED,		/* a change we cannot make: 401 */
};

struct dae_role_row {
	uint32_t	vendor;
	uint8_t		type;
	enum dae_role	role;
};

static const struct dae_role_row dae_roles[] = {
	{ 0, RA_MESSAGE_AUTHENTICATOR,	DR_IGNORE },
	{ 0, RA_EVENT_TIMESTAMP,	DR_IGNORE },
	{ 0, RA_STATE,			DR_IGNORE },
	{ 0, RA_REPLY_MESSAGE,		DR_IGNORE },
	{ 0, RA_PROXY_STATE,		DR_IGNORE },
	{ 0, RA_SERVICE_TYPE,		DR_IGNORE },	/* checked: 405 */
	{ 0, RA_NAS_PORT_TYPE,		DR_IGNORE },
	{ 0, RA_CALLED_STATION_ID,	DR_IGNORE },
	{ 0, RA_FRAMED_PROTOCOL,	DR_IGNORE },
	{ 0, RA_NAS_IDENTIFIER,		DR_NAS },
	{ 0, RA_NAS_IP_ADDRESS,		DR_NAS },
	{ 0, RA_ACCT_SESSION_ID,	DR_SESSION },
	{ 0, RA_USER_NAME,		DR_SESSION },
	{ 0, RA_FRAMED_IP_ADDRESS,	DR_SESSION },
	{ 0, RA_CALLING_STATION_ID,	DR_SESSION },
	{ 0, RA_NAS_PORT,		DR_SESSION },
	{ 0, RA_SESSION_TIMEOUT,	DR_CHANGE },
	{ 0, RA_ACCT_INTERIM_INTERVAL,	DR_CHANGE },
	{ 0, RA_CLASS,			DR_CHANGE },
	{ 0, RA_FILTER_ID,		DR_CHANGE },
	{ RADIUS_VENDOR_MIKROTIK, RA_MIKROTIK_RATE_LIMIT, DR_CHANGE },
	{ 0, RA_IDLE_TIMEOUT,		DR_CHANGE },
};

static enum dae_role
dae_role(const struct radius_attr *a)
{
	size_t i;

	for (i = 0; i < sizeof(dae_roles) / sizeof(dae_roles[0]); i++)
		if (dae_roles[i].vendor == a->vendor &&
		    dae_roles[i].type == a->type)
			return dae_roles[i].role;
	return DR_UNSUPPORTED;
}

static void
dae_nak(struct dae_req *r, uint32_t cause, const struct radius_attr *a)
{
	if (r->error != 0)
		return;			/* the first reason found stands */
	r->error = cause;
	r->error_attr = a != NULL ? a->type : 0;
}

static uint32_t
get_u32(const uint8_t *v)
{
	return (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
	    (uint32_t)v[2] << 8 | v[3];
}

static void
str_copy(struct dae_str *s, const uint8_t *v, uint8_t len)
{
	s->len = len;
	memcpy(s->v, v, len);
}

/* NAS-Identifier, NAS-IP-Address (the dictionary checked the lengths). */
static void
take_nas(struct dae_req *r, const struct radius_attr *a, const uint8_t *v)
{
	if (a->type == RA_NAS_IDENTIFIER) {
		r->has_nas_id = true;
		str_copy(&r->nas_id, v, a->len);
	} else {
		r->has_nas_ip = true;
		memcpy(&r->nas_ip, v, 4);
	}
}

static void
take_session(struct dae_req *r, const struct radius_attr *a,
    const uint8_t *v)
{
	switch (a->type) {
	case RA_ACCT_SESSION_ID:
		r->sel |= DS_ACCT_ID;
		str_copy(&r->acct_id, v, a->len);
		break;
	case RA_USER_NAME:
		r->sel |= DS_USER;
		str_copy(&r->user, v, a->len);
		break;
	case RA_FRAMED_IP_ADDRESS:
		r->sel |= DS_IP;
		memcpy(&r->ip, v, 4);
		break;
	case RA_CALLING_STATION_ID:
		r->sel |= DS_CALLING;
		str_copy(&r->calling, v, a->len);
		break;
	case RA_NAS_PORT:
		r->sel |= DS_PORT;
		r->port = get_u32(v);
		break;
	}
}

/*
 * A rate: Mikrotik-Rate-Limit wins over Filter-Id (as in an Access-
 * Accept, radius_auth.c), each parsed by common/rate.c; one that is no
 * rate pair cannot be applied: 407.
 */
static void
take_rate(struct dae_req *r, const struct radius_pkt *p)
{
	const struct radius_attr *a;
	struct rate_pair rp;
	int e;

	if ((a = radius_find(p, RADIUS_VENDOR_MIKROTIK,
	    RA_MIKROTIK_RATE_LIMIT)) != NULL)
		e = rate_parse_mikrotik((const char *)radius_attr_value(p, a),
		    a->len, &rp);
	else if ((a = radius_find(p, 0, RA_FILTER_ID)) != NULL) {
		if (radius_find_next(p, a) != NULL) {
			dae_nak(r, DAE_EC_INVALID_VALUE, a);
			return;		/* which one would it be? */
		}
		e = rate_parse((const char *)radius_attr_value(p, a), a->len,
		    1000, &rp);
	} else
		return;
	if (e != HP_OK) {
		dae_nak(r, DAE_EC_INVALID_VALUE, a);
		return;
	}
	r->set |= DAE_SET_RATE;
	r->down_bps = rp.down_bps;
	r->up_bps = rp.up_bps;
}

static void
take_changes(struct dae_req *r, const struct radius_pkt *p)
{
	const struct radius_attr *a;
	uint32_t x;

	if (radius_get_u32(p, 0, RA_SESSION_TIMEOUT, &x) == HP_OK) {
		r->set |= DAE_SET_TIMEOUT;
		r->session_timeout_s = x;
	}
	if (radius_get_u32(p, 0, RA_IDLE_TIMEOUT, &x) == HP_OK) {
		r->set |= DAE_SET_IDLE;
		r->idle_timeout_s = x;
	}
	if (radius_get_u32(p, 0, RA_ACCT_INTERIM_INTERVAL, &x) == HP_OK) {
		r->set |= DR_SET_INTERIM;
		r->interim_s = x == 0 ? 0 : x < RADIUS_INTERIM_MIN_S ?
		    RADIUS_INTERIM_MIN_S : x;
	}
	if ((a = radius_find(p, 0, RA_CLASS)) != NULL) {
		if (radius_find_next(p, a) != NULL)
			dae_nak(r, DAE_EC_INVALID_VALUE, a);	/* one kept */
		r->set |= DR_SET_CLASS;
		str_copy(&r->class, radius_attr_value(p, a), a->len);
	}
	take_rate(r, p);
}

/* Walk every attribute once; the first reason to refuse stands. */
static void
dae_walk(struct dae_req *r, const struct radius_pkt *p)
{
	const struct radius_attr *a;
	const uint8_t *v;
	uint32_t st;
	size_t i;

	for (i = 0; i < p->nattr; i++) {
		a = &p->attr[i];
		v = radius_attr_value(p, a);
		switch (dae_role(a)) {
		case DR_NAS:
			take_nas(r, a, v);
			break;
		case DR_SESSION:
			take_session(r, a, v);
			break;
		case DR_CHANGE:
			if (r->code != RADIUS_COA_REQUEST)
				dae_nak(r, DAE_EC_UNSUPPORTED_ATTRIBUTE, a);
			break;
		case DR_UNSUPPORTED:
			dae_nak(r, DAE_EC_UNSUPPORTED_ATTRIBUTE, a);
			break;
		case DR_IGNORE:
			if (a->vendor == 0 && a->type == RA_PROXY_STATE) {
				if (r->nproxy == DAE_PROXY_MAX)
					dae_nak(r, DAE_EC_INVALID_REQUEST, a);
				else
					str_copy(&r->proxy[r->nproxy++], v,
					    a->len);
			}
			break;
		}
	}
	if (radius_get_u32(p, 0, RA_SERVICE_TYPE, &st) == HP_OK &&
	    st != RADIUS_SERVICE_FRAMED)
		dae_nak(r, DAE_EC_UNSUPPORTED_SERVICE,
		    radius_find(p, 0, RA_SERVICE_TYPE));
	if (r->sel == 0)
		dae_nak(r, DAE_EC_MISSING_ATTRIBUTE, NULL);
	if (r->code == RADIUS_COA_REQUEST)
		take_changes(r, p);
}

int
dae_req_parse(const uint8_t *buf, size_t len, const uint8_t *secret,
    size_t slen, bool require_ma, struct radius_pkt *p, struct dae_req *r)
{
	uint32_t ts;
	int e;

	memset(r, 0, sizeof(*r));
	if ((e = radius_verify_request(buf, len, secret, slen, require_ma,
	    p)) != HP_OK)
		return e;
	if (p->code != RADIUS_DISCONNECT_REQUEST &&
	    p->code != RADIUS_COA_REQUEST)
		return RADIUS_E_CODE;	/* an Accounting-Request: not here */
	r->code = p->code;
	r->id = p->id;
	memcpy(r->auth, p->auth, sizeof(r->auth));
	if (radius_get_u32(p, 0, RA_EVENT_TIMESTAMP, &ts) == HP_OK) {
		r->has_ts = true;
		r->ts = ts;
	}
	dae_walk(r, p);
	return HP_OK;
}

uint32_t
dae_req_nas(const struct dae_req *r, const struct radius_nas *nas)
{
	size_t n = strnlen(nas->id, sizeof(nas->id));

	if (r->has_nas_id && (r->nas_id.len != n ||
	    memcmp(r->nas_id.v, nas->id, n) != 0))
		return DAE_EC_NAS_MISMATCH;
	if (r->has_nas_ip && r->nas_ip != nas->ip)
		return DAE_EC_NAS_MISMATCH;
	return 0;
}

int
dae_answer(const struct dae_req *r, uint32_t error, const uint8_t *secret,
    size_t slen, uint8_t *out, size_t cap, size_t *len)
{
	struct radius_enc e;
	uint8_t code;
	int i, rv;

	*len = 0;
	if (r->code == RADIUS_DISCONNECT_REQUEST)
		code = error == 0 ? RADIUS_DISCONNECT_ACK :
		    RADIUS_DISCONNECT_NAK;
	else
		code = error == 0 ? RADIUS_COA_ACK : RADIUS_COA_NAK;
	if ((rv = radius_enc_init(&e, out, cap, code, r->id, r->auth,
	    true)) != HP_OK)
		return rv;
	if (error != 0)
		radius_put_u32(&e, RA_ERROR_CAUSE, error);
	for (i = 0; i < r->nproxy; i++)
		radius_put(&e, RA_PROXY_STATE, r->proxy[i].v, r->proxy[i].len);
	return radius_enc_finish(&e, secret, slen, len, NULL);
}
