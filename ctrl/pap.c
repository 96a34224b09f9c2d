/*
 * hpptpd ctrl: PAP authenticator.  Authenticate-Request is parsed with
 * both length bytes checked against the packet; the password is wiped
 * as soon as the caller has copied it.
 */
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/pap.h"
#include "ctrl/ppp_local.h"

static void	pap_start(struct ppp *, enum ppp_auth_method);
static int	pap_input(struct ppp *, const uint8_t *, size_t);
static void	pap_timeout(struct ppp *, uint64_t);
static int	pap_verdict(struct ppp *, bool, const char *);
static void	pap_send_verdict(struct ppp *, uint8_t);

const struct ppp_auth_ops pap_auth_ops = {
	.start = pap_start,
	.input = pap_input,
	.timeout = pap_timeout,
	.verdict = pap_verdict,
};

static void
pap_start(struct ppp *p, enum ppp_auth_method m)
{
	struct auth *a = &p->auth;

	memset(a, 0, sizeof(*a));
	a->method = PPP_AUTH_PAP;
	a->state = AUTH_CHALLENGE;	/* waiting for the request */
	a->deadline = p->now + PPP_AUTH_WAIT_MS;
}

static void
pap_send_verdict(struct ppp *p, uint8_t code)
{
	struct auth *a = &p->auth;
	uint8_t buf[5 + sizeof(a->msg)];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, code);
	wr_u8(&w, a->id);
	wr_u16(&w, (uint16_t)(5 + a->msg_len));
	wr_u8(&w, a->msg_len);
	wr_bytes(&w, a->msg, a->msg_len);
	if (w.err == HP_OK)
		ppp_send(p, PPP_PROTO_PAP, buf, w.len);
}

static int
pap_input(struct ppp *p, const uint8_t *pkt, size_t len)
{
	struct auth *a = &p->auth;
	struct ppp_auth_req req;
	struct rd r, body;
	uint8_t code, id, idlen, pwlen;
	uint16_t plen;
	int rv;

	rd_init(&r, pkt, len);
	if ((rv = rd_u8(&r, &code)) != HP_OK ||
	    (rv = rd_u8(&r, &id)) != HP_OK ||
	    (rv = rd_u16(&r, &plen)) != HP_OK)
		return rv;
	if (plen < 4 || rd_sub(&r, (size_t)plen - 4, &body) != HP_OK)
		return HP_E_BADLEN;
	if (code != PAP_AUTHREQ)
		return HP_E_AGAIN;
	switch (a->state) {
	case AUTH_CHALLENGE:
		break;
	case AUTH_WAIT:
		return HP_OK;		/* retransmission */
	case AUTH_SUCCESS:
		if (id == a->id)	/* our Ack was lost */
			pap_send_verdict(p, PAP_AUTHACK);
		return HP_OK;
	default:
		return HP_E_AGAIN;
	}

	memset(&req, 0, sizeof(req));
	if (rd_u8(&body, &idlen) != HP_OK ||
	    rd_bytes(&body, req.name, idlen) != HP_OK ||
	    rd_u8(&body, &pwlen) != HP_OK ||
	    rd_bytes(&body, req.value, pwlen) != HP_OK) {
		sodium_memzero(&req, sizeof(req));
		log_info("sid=%08x PAP: malformed Authenticate-Request",
		    p->sid);
		return HP_E_BADLEN;
	}
	req.method = PPP_AUTH_PAP;
	req.id = id;
	req.name_len = idlen;
	req.name[idlen] = '\0';
	req.value_len = pwlen;
	a->id = id;
	a->state = AUTH_WAIT;
	a->deadline = p->now + PPP_AUTH_WAIT_MS;
	if (p->cb.auth_request != NULL)
		p->cb.auth_request(p->arg, &req);
	sodium_memzero(&req, sizeof(req));
	return HP_OK;
}

static void
pap_timeout(struct ppp *p, uint64_t now)
{
	struct auth *a = &p->auth;

	if (a->deadline == 0 || now < a->deadline)
		return;
	a->deadline = 0;
	if (a->state == AUTH_CHALLENGE || a->state == AUTH_WAIT) {
		const char *why = a->state == AUTH_WAIT ?
		    "no authentication verdict" : "no PAP request";

		a->state = AUTH_FAILED;
		ppp_fail(p, why);
	}
}

static int
pap_verdict(struct ppp *p, bool ok, const char *msg)
{
	struct auth *a = &p->auth;
	size_t n = msg != NULL ? strnlen(msg, sizeof(a->msg)) : 0;

	if (a->state != AUTH_WAIT)
		return HP_E_PERM;
	memcpy(a->msg, msg != NULL ? msg : "", n);
	a->msg_len = (uint8_t)n;
	a->deadline = 0;
	a->state = ok ? AUTH_SUCCESS : AUTH_FAILED;
	pap_send_verdict(p, ok ? PAP_AUTHACK : PAP_AUTHNAK);
	return HP_OK;
}
