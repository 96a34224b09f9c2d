/*
 * hpptpd master: the session's state and deadline -- their one
 * writers, ms_enter() and ms_deadline(), and where the RADIUS timeouts
 * put an up session's deadline -- and what every part of the session
 * machine reports with: state and MPPE names, the peer's address, the
 * violation path.  Below session.c and the files it calls
 * (session_auth.c, session_dae.c, session_diag.c), so none has to call
 * session.c back.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdio.h>

#include "common/log.h"
#include "master/proc.h"
#include "master/session_local.h"

const char *
msess_state_name(enum ms_state s)
{
	switch (s) {
	case MS_FREE:		return "free";
	case MS_CONN:		return "connected";
	case MS_GRE_WAIT:	return "call-wait";
	case MS_CALL:		return "call";
	case MS_AUTH:		return "auth-wait";
	case MS_KEYS:		return "keys-wait";
	case MS_AUTHED:		return "authenticated";
	case MS_REJECTED:	return "rejected";
	case MS_UP:		return "up";
	case MS_DOWN:		return "down";
	case MS_NSTATES:	break;
	}
	return "unknown";
}

/* The only writer of s->state. */
void
ms_enter(struct msess *s, enum ms_state next)
{
	if (s->state != next)
		log_debug("sid=0x%x %s -> %s", s->sid,
		    msess_state_name(s->state), msess_state_name(next));
	s->state = next;
}

/*
 * The one writer of s->deadline: the session's place in the timer heap
 * (indexed by its slot in m->sess) follows it, so sess_timers() visits
 * only sessions that are due.
 */
void
ms_deadline(struct master *m, struct msess *s, uint64_t t)
{
	uint32_t slot = (uint32_t)(s - m->sess);

	s->deadline = t;
	if (t == 0)
		heap_del(&m->sess_heap, slot);
	else
		heap_set(&m->sess_heap, slot, t);
}

/*
 * When RADIUS ends an up session: the earlier of Session-Timeout (from
 * the start, or from the CoA that set it) and Idle-Timeout (from the
 * last gre report that moved IP packets, or the CoA that set it: gre
 * reports only then, every GRE_REPORT_MS at most, so a session ends
 * idle between the timeout and GRE_REPORT_MS after it).  0: never.
 */
uint64_t
ms_up_deadline(const struct msess *s)
{
	uint64_t st = s->t_session_end, it = 0;

	if (s->idle_timeout_s != 0)
		it = s->t_active + (uint64_t)s->idle_timeout_s * 1000;
	if (st == 0 || (it != 0 && it < st))
		return it;
	return st;
}

void
ms_addr_str(const struct m_addr *a, char *buf, size_t len)
{
	if (inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->addr, buf,
	    (socklen_t)len) == NULL)
		(void)snprintf(buf, len, "?");
}

void
ms_violation(struct master *m, unsigned int from, const struct msg *msg,
    const struct msess *s, const char *why)
{
	log_audit("event=ipc-violation proc=%s type=%s sid=0x%x state=%s "
	    "reason=\"%s\"", m->procs[from].name, msg_type_name(msg->hdr.type),
	    msg->hdr.sid, s != NULL ? msess_state_name(s->state) : "none",
	    why);
	proc_kill(m, from, "protocol violation");
}

/* Negotiated MPPE bits (RFC 3078) for audit lines and hpptpctl. */
const char *
msess_mppe_name(uint32_t bits)
{
	if (bits == 0)
		return "none";
	if (bits & MPPE_BIT_S)
		return bits & MPPE_BIT_H ? "128-stateless" : "128-stateful";
	if (bits & MPPE_BIT_M)
		return bits & MPPE_BIT_H ? "56-stateless" : "56-stateful";
	return bits & MPPE_BIT_H ? "40-stateless" : "40-stateful";
}
