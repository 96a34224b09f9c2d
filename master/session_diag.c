/*
 * hpptpd master: what an operator asks when a client cannot connect,
 * answered in the audit log without debug logging.
 *
 * - No GRE: the control connection is up and the call connected, but
 *   not one frame came from the peer over GRE (IP protocol 47).  Master
 *   relays every such frame to ctrl, so it sees the first one itself;
 *   without it nothing else can happen, so after NO_GRE_MS it says why
 *   (event=no-gre) and ends the session.
 * - The set-up failures ctrl diagnoses (LCP never opened, MPPE the
 *   config forbids, no authentication method in common) arrive as a
 *   reason and two numbers in MSG_CTRL_CLOSED; master names them, so a
 *   compromised ctrl can add no text of its own to an event line.
 * - GRE for a call id no session has: gre reports the first per source
 *   (bounded and rate-limited there); master logs it, at most once a
 *   second whatever gre sends.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/log.h"
#include "master/master.h"
#include "master/session_local.h"

#define STRAY_LOG_MS	1000

const char *const msess_no_gre_hint =
    "no GRE (IP protocol 47) from the client since its call was "
    "connected: GRE is blocked on the way, or a NAT between client and "
    "server lacks the PPTP helper (nf_conntrack_pptp + nf_nat_pptp)";

static void	diag_lcp_timeout(const struct msess *, const char *,
		    const struct m_ctrl_closed *);
static void	diag_ccp_refused(const struct msess *, const char *,
		    const struct m_ctrl_closed *);
static void	diag_auth_refused(const struct msess *, const char *,
		    const struct m_ctrl_closed *);

/* The earliest of the set-up deadline and the no-GRE one. */
static uint64_t
gre_watch_deadline(const struct msess *s)
{
	if (s->gre_due != 0 && s->gre_due < s->setup_deadline)
		return s->gre_due;
	return s->setup_deadline;
}

/* The call is connected: the peer's first frame is due. */
void
ms_gre_watch_start(struct master *m, struct msess *s, uint64_t now)
{
	s->t_call = now;
	s->gre_due = now + NO_GRE_MS;
	if (!s->kicked)
		ms_deadline(m, s, gre_watch_deadline(s));
}

/* A frame from the peer: GRE works, only the set-up deadline is left. */
void
ms_gre_seen(struct master *m, struct msess *s)
{
	if (s->gre_seen)
		return;
	s->gre_seen = true;
	s->gre_due = 0;
	if (!s->kicked && s->state != MS_UP && s->state != MS_DOWN)
		ms_deadline(m, s, s->setup_deadline);
}

/*
 * The session's deadline has come: if it is the no-GRE one, say so
 * (true: the caller ends the session with SR_NO_GRE); else it is the
 * set-up deadline's (false).
 */
bool
ms_gre_overdue(struct master *m, struct msess *s, uint64_t now)
{
	char pstr[INET6_ADDRSTRLEN];

	if (s->gre_seen || s->gre_due == 0 || now < s->gre_due)
		return false;
	s->gre_due = 0;
	s->no_gre = true;
	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	log_audit("event=no-gre sid=0x%x peer=%s call_id=%u peer_call_id=%u "
	    "waited=%us hint=\"%s\"", s->sid, pstr, s->call_id,
	    s->peer_call_id, NO_GRE_MS / 1000, msess_no_gre_hint);
	return true;
}

/* ---- what ctrl diagnosed ---- */

static void
diag_lcp_timeout(const struct msess *s, const char *peer,
    const struct m_ctrl_closed *c)
{
	log_audit("event=lcp-timeout sid=0x%x peer=%s our_requests=%u "
	    "peer_requests=%u hint=\"%s\"", s->sid, peer, c->ours, c->peer,
	    c->peer == 0 ?
	    "nothing came from the client over GRE: IP protocol 47 blocked "
	    "towards the server" :
	    "the client's LCP requests arrive but ours are never acked: "
	    "GRE from the server does not reach the client (a NAT without "
	    "the PPTP helper, or a firewall on the client's side); the "
	    "client reports LCP: timeout sending Config-Requests");
}

/* "128,56,40" and ",stateless" from RFC 3078 bits; "none" for 0. */
static void
mppe_bits_str(uint32_t bits, char *buf, size_t len)
{
	(void)snprintf(buf, len, "%s%s%s%s%s",
	    bits & MPPE_BIT_S ? "128," : "",
	    bits & MPPE_BIT_M ? "56," : "",
	    bits & MPPE_BIT_L ? "40," : "",
	    bits & MPPE_BIT_H ? "stateless," : "",
	    (bits & CLOSED_MPPE_BITS) == 0 ? "none," : "");
	buf[strlen(buf) - 1] = '\0';	/* the last comma */
}

static void
diag_ccp_refused(const struct msess *s, const char *peer,
    const struct m_ctrl_closed *c)
{
	char pb[48], ob[48];

	mppe_bits_str(c->peer, pb, sizeof(pb));
	mppe_bits_str(c->ours, ob, sizeof(ob));
	log_audit("event=ccp-refused sid=0x%x user=\"%s\" peer=%s "
	    "client_mppe=%s client_bits=0x%08x server_mppe=%s "
	    "server_bits=0x%08x hint=\"%s\"", s->sid, s->user, peer, pb,
	    c->peer, ob, c->ours, c->peer == 0 ?
	    "the client refuses MPPE and the config requires it" :
	    "the client asks for MPPE strengths the config does not allow "
	    "(mppe in hpptpd.conf)");
}

/* An Authentication-Protocol option's value, named. */
static const char *
auth_proto_name(uint32_t v, char *buf, size_t len)
{
	switch (v) {
	case 0:		return "none";
	case 0xc023:	return "pap";
	case 0xc227:	return "eap";
	case 0xc22305:	return "chap-md5";
	case 0xc22380:	return "mschap-v1";
	case 0xc22381:	return "mschap-v2";
	default:
		(void)snprintf(buf, len, "0x%06x", v);
		return buf;
	}
}

static void
diag_auth_refused(const struct msess *s, const char *peer,
    const struct m_ctrl_closed *c)
{
	char wb[16], ours[64] = "";
	unsigned int a;

	for (a = AM_PAP; a <= AM_MSCHAP2; a++)
		if (c->ours & AM_BIT(a))
			(void)snprintf(ours + strlen(ours),
			    sizeof(ours) - strlen(ours), "%s%s",
			    ours[0] != '\0' ? "," : "", auth_method_name(a));
	log_audit("event=auth-refused sid=0x%x peer=%s client_method=%s "
	    "server_methods=%s hint=\"%s\"", s->sid, peer,
	    auth_proto_name(c->peer, wb, sizeof(wb)),
	    ours[0] != '\0' ? ours : "none", c->peer == 0 ?
	    "the client refuses to authenticate at all" :
	    "the client insists on a method the config does not allow "
	    "(auth in hpptpd.conf)");
}

/* A set-up failure ctrl diagnosed: one event line of its own. */
void
ms_audit_closed(const struct msess *s, const struct m_ctrl_closed *c)
{
	char pstr[INET6_ADDRSTRLEN];

	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	switch (c->reason) {
	case SR_LCP_TIMEOUT:
		diag_lcp_timeout(s, pstr, c);
		break;
	case SR_CCP_REFUSED:
		diag_ccp_refused(s, pstr, c);
		break;
	case SR_AUTH_REFUSED:
		diag_auth_refused(s, pstr, c);
		break;
	default:
		break;
	}
}

/* ---- GRE for no session ---- */

void
ms_on_gre_stray(struct master *m, struct msg *msg)
{
	const struct m_gre_stray *g = (const void *)msg->data;
	uint64_t now = now_ms();
	char src[INET6_ADDRSTRLEN];
	struct in_addr a;

	m->gre_strays++;
	m->gre_strays_quiet += g->suppressed;
	if (m->stray_logged_at != 0 && now - m->stray_logged_at < STRAY_LOG_MS) {
		m->stray_unlogged++;
		return;
	}
	m->stray_logged_at = now;
	a.s_addr = g->src;
	if (g->family == 6)
		(void)inet_ntop(AF_INET6, g->src6, src, sizeof(src));
	else
		(void)inet_ntop(AF_INET, &a, src, sizeof(src));
	log_audit("event=gre-stray peer=%s call_id=%u suppressed=%llu "
	    "hint=\"GRE for a call id no session holds: from a session that "
	    "just ended or a server restart (the client still sends), or a "
	    "scan\"", src, g->call_id,
	    (unsigned long long)(g->suppressed + m->stray_unlogged));
	m->stray_unlogged = 0;
}
