/*
 * hpptpd ctrl: CHAP authenticator.
 *
 * Challenge -> Response -> (caller verifies) -> Success/Failure.
 * Lengths are checked against the packet before anything is copied:
 * the name is at most PPP_NAME_MAX bytes (pppd CVE-2020-8597 copied a
 * longer one into a fixed buffer) and MS-CHAP values are exactly 49.
 * Raw Challenge/Response bytes are never logged.
 */
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/chap.h"
#include "ctrl/ppp_local.h"

static void	chap_start(struct ppp *, enum ppp_auth_method);
static int	chap_input(struct ppp *, const uint8_t *, size_t);
static void	chap_timeout(struct ppp *, uint64_t);
static int	chap_verdict(struct ppp *, bool, const char *);
static void	chap_send_challenge(struct ppp *);
static void	chap_send_verdict(struct ppp *, uint8_t);
static size_t	chap_value_len(enum ppp_auth_method);

const struct ppp_auth_ops chap_auth_ops = {
	.start = chap_start,
	.input = chap_input,
	.timeout = chap_timeout,
	.verdict = chap_verdict,
};

static size_t
chap_value_len(enum ppp_auth_method m)
{
	switch (m) {
	case PPP_AUTH_CHAP_MD5:
		return CHAP_MD5_VALUE_LEN;
	case PPP_AUTH_MSCHAP1:
	case PPP_AUTH_MSCHAP2:
		return MSCHAP_VALUE_LEN;
	default:
		return 0;
	}
}

static void
chap_start(struct ppp *p, enum ppp_auth_method m)
{
	struct auth *a = &p->auth;

	memset(a, 0, sizeof(*a));
	a->method = m;
	a->chal_len = m == PPP_AUTH_MSCHAP1 ? MSCHAP1_CHAL_LEN :
	    CHAP_CHAL_LEN;
	/*
	 * Master's challenge: it accepts a Response only to the one it
	 * issued.  Without one (a unit test's ppp) a random one, which
	 * master would refuse.
	 */
	if (p->have_chal)
		memcpy(a->chal, p->chal, a->chal_len);
	else
		ppp_random(a->chal, a->chal_len);
	ppp_random(&a->id, 1);
	a->state = AUTH_CHALLENGE;
	chap_send_challenge(p);
}

static void
chap_send_challenge(struct ppp *p)
{
	struct auth *a = &p->auth;
	uint8_t buf[4 + 1 + 16 + PPP_OURNAME_MAX];
	size_t nlen = strnlen(p->conf->name, PPP_OURNAME_MAX);
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, CHAP_CHALLENGE);
	wr_u8(&w, a->id);
	wr_u16(&w, (uint16_t)(4 + 1 + a->chal_len + nlen));
	wr_u8(&w, a->chal_len);
	wr_bytes(&w, a->chal, a->chal_len);
	wr_bytes(&w, p->conf->name, nlen);
	if (w.err != HP_OK)
		return;
	ppp_send(p, PPP_PROTO_CHAP, buf, w.len);
	a->tries++;
	a->deadline = p->now + FSM_RESTART_MS;
}

static void
chap_send_verdict(struct ppp *p, uint8_t code)
{
	struct auth *a = &p->auth;
	uint8_t buf[4 + sizeof(a->msg)];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, code);
	wr_u8(&w, a->id);
	wr_u16(&w, (uint16_t)(4 + a->msg_len));
	wr_bytes(&w, a->msg, a->msg_len);
	if (w.err == HP_OK)
		ppp_send(p, PPP_PROTO_CHAP, buf, w.len);
}

static int
chap_input(struct ppp *p, const uint8_t *pkt, size_t len)
{
	struct auth *a = &p->auth;
	struct ppp_auth_req req;
	struct rd r, body;
	uint8_t code, id, vlen;
	uint16_t plen;
	int rv;

	rd_init(&r, pkt, len);
	if ((rv = rd_u8(&r, &code)) != HP_OK ||
	    (rv = rd_u8(&r, &id)) != HP_OK ||
	    (rv = rd_u16(&r, &plen)) != HP_OK)
		return rv;
	if (plen < 4 || rd_sub(&r, (size_t)plen - 4, &body) != HP_OK)
		return HP_E_BADLEN;
	if (code != CHAP_RESPONSE) {
		/* We are the authenticator; nothing else is for us. */
		log_debug("sid=%08x CHAP: code %u dropped", p->sid,
		    code);
		return HP_E_AGAIN;
	}
	if (id != a->id) {
		log_debug("sid=%08x CHAP: Response to an old challenge",
		    p->sid);
		return HP_E_AGAIN;
	}
	switch (a->state) {
	case AUTH_CHALLENGE:
		break;
	case AUTH_WAIT:
		/* A retransmission while auth decides: ignore it. */
		return HP_OK;
	case AUTH_SUCCESS:
		/* Our Success was lost: send it again (RFC 1994 4.1). */
		chap_send_verdict(p, CHAP_SUCCESS);
		return HP_OK;
	default:
		return HP_E_AGAIN;
	}

	if ((rv = rd_u8(&body, &vlen)) != HP_OK)
		return rv;
	if (vlen != chap_value_len(a->method)) {
		log_info("sid=%08x CHAP: %s Response value of %u bytes, "
		    "dropped", p->sid, ppp_auth_method_name(a->method),
		    vlen);
		return HP_E_BADLEN;
	}
	memset(&req, 0, sizeof(req));
	if ((rv = rd_bytes(&body, req.value, vlen)) != HP_OK) {
		log_info("sid=%08x CHAP: Response shorter than its value",
		    p->sid);
		return rv;
	}
	/* What follows the value is the name, without a NUL. */
	if (body.left > PPP_NAME_MAX) {
		log_info("sid=%08x CHAP: name of %zu bytes, dropped",
		    p->sid, body.left);
		sodium_memzero(&req, sizeof(req));
		return HP_E_LONG;
	}
	req.method = a->method;
	req.id = id;
	req.value_len = vlen;
	req.name_len = (uint8_t)body.left;
	(void)rd_bytes(&body, req.name, body.left);
	req.name[req.name_len] = '\0';
	req.challenge_len = a->chal_len;
	memcpy(req.challenge, a->chal, a->chal_len);

	a->state = AUTH_WAIT;
	a->deadline = p->now + PPP_AUTH_WAIT_MS;
	log_debug("sid=%08x CHAP: %s Response received", p->sid,
	    ppp_auth_method_name(a->method));
	if (p->cb.auth_request != NULL)
		p->cb.auth_request(p->arg, &req);
	sodium_memzero(&req, sizeof(req));
	return HP_OK;
}

static void
chap_timeout(struct ppp *p, uint64_t now)
{
	struct auth *a = &p->auth;

	if (a->deadline == 0 || now < a->deadline)
		return;
	a->deadline = 0;
	switch (a->state) {
	case AUTH_CHALLENGE:
		if (a->tries >= PPP_AUTH_TRIES) {
			a->state = AUTH_FAILED;
			ppp_fail(p, "no CHAP response");
			return;
		}
		chap_send_challenge(p);
		break;
	case AUTH_WAIT:
		a->state = AUTH_FAILED;
		ppp_fail(p, "no authentication verdict");
		break;
	default:
		break;
	}
}

static int
chap_verdict(struct ppp *p, bool ok, const char *msg)
{
	struct auth *a = &p->auth;
	size_t n = msg != NULL ? strnlen(msg, sizeof(a->msg)) : 0;

	if (a->state != AUTH_WAIT)
		return HP_E_PERM;
	memcpy(a->msg, msg != NULL ? msg : "", n);
	a->msg_len = (uint8_t)n;
	a->deadline = 0;
	a->state = ok ? AUTH_SUCCESS : AUTH_FAILED;
	chap_send_verdict(p, ok ? CHAP_SUCCESS : CHAP_FAILURE);
	return HP_OK;
}
