/*
 * hpptpd ctrl: what every PPP file uses: send a frame, ask for the
 * session to end, random bytes, and names for logs.  Calls nothing of
 * ppp.c or of the protocol files.
 */
#include <stddef.h>
#include <stdint.h>

#include "common/rand.h"
#include "ctrl/ppp_defs.h"
#include "ctrl/ppp_local.h"

const char *
ppp_phase_name(enum ppp_phase ph)
{
	switch (ph) {
	case PPP_PHASE_DEAD:		return "dead";
	case PPP_PHASE_ESTABLISH:	return "establish";
	case PPP_PHASE_AUTHENTICATE:	return "authenticate";
	case PPP_PHASE_NETWORK:		return "network";
	case PPP_PHASE_TERMINATE:	return "terminate";
	}
	return "unknown";
}

const char *
ppp_auth_method_name(enum ppp_auth_method m)
{
	switch (m) {
	case PPP_AUTH_NONE:	return "none";
	case PPP_AUTH_PAP:	return "pap";
	case PPP_AUTH_CHAP_MD5:	return "chap-md5";
	case PPP_AUTH_MSCHAP1:	return "mschap";
	case PPP_AUTH_MSCHAP2:	return "mschapv2";
	}
	return "unknown";
}

const char *
ppp_proto_name(uint16_t proto)
{
	switch (proto) {
	case PPP_PROTO_IP:	return "IP";
	case PPP_PROTO_IPV6:	return "IPv6";
	case PPP_PROTO_IPCP:	return "IPCP";
	case PPP_PROTO_CCP:	return "CCP";
	case PPP_PROTO_IPXCP:	return "IPXCP";
	case PPP_PROTO_BCP:	return "BCP";
	case PPP_PROTO_NBFCP:	return "NBFCP";
	case PPP_PROTO_IPV6CP:	return "IPV6CP";
	case PPP_PROTO_LCP:	return "LCP";
	case PPP_PROTO_PAP:	return "PAP";
	case PPP_PROTO_CHAP:	return "CHAP";
	default:		return "unknown";
	}
}

void
ppp_send(void *arg, uint16_t proto, const uint8_t *info, size_t len)
{
	struct ppp *p = arg;

	if (p->finished)
		return;
	p->cb.send_frame(p->arg, proto, info, len);
}

/*
 * A handler wants the session to end: note why (the first reason wins);
 * ppp.c acts on it once the automaton that raised it has returned.
 */
void
ppp_fail(struct ppp *p, const char *reason)
{
	if (p->pending == NULL)
		p->pending = reason;
}

void
ppp_fail_cause(struct ppp *p, const char *reason, enum ppp_cause cause,
    uint32_t peer, uint32_t ours)
{
	if (p->fail.cause == PPP_CAUSE_NONE) {
		p->fail.cause = cause;
		p->fail.peer = peer;
		p->fail.ours = ours;
	}
	ppp_fail(p, reason);
}

void
ppp_random(void *buf, size_t n)
{
#ifdef HP_FUZZ
	/* Reproducible fuzz runs: a fixed pattern instead of the CSPRNG. */
	static uint32_t x = 0x2545f491;
	uint8_t *b = buf;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		b[i] = (uint8_t)x;
	}
#else
	hp_random(buf, n);
#endif
}

uint32_t
ppp_random_u32(void)
{
	uint32_t v;

	ppp_random(&v, sizeof(v));
	return v;
}
