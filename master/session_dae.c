/*
 * hpptpd master: what auth decided on a RADIUS Disconnect/CoA request
 * (RFC 5176), done to a live session.  auth verified the request and
 * found the session by its accounting record; master trusts none of
 * that beyond the message's checked fields: the session must be one
 * master holds, up and not already ending, else the answer is
 * HP_E_NOTFOUND (auth NAKs it, Error-Cause 503).  Every action is an
 * audit line naming the client that asked.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/rate.h"
#include "master/send.h"
#include "master/session_local.h"

static const char *
dae_op_name(uint8_t op)
{
	return op == DAE_OP_END ? "disconnect" : "coa";
}

/* "rate,timeout,idle": what a CoA set, for its audit line. */
static const char *
dae_set_names(uint8_t set, char *buf, size_t len)
{
	(void)snprintf(buf, len, "%s%s%s", set & DAE_SET_RATE ? ",rate" : "",
	    set & DAE_SET_TIMEOUT ? ",timeout" : "",
	    set & DAE_SET_IDLE ? ",idle" : "");
	return buf + (buf[0] == ',');
}

/*
 * A CoA: a new Session-Timeout counts from now (the server's new
 * allowance, as accel-ppp reads it), and so does a new Idle-Timeout
 * (gre reports only sessions that move packets, so the last activity
 * master knows may be older than the session's real one); 0 lifts
 * either.  New limits go to gre and stand as a RADIUS reply's do.
 */
static int
dae_change(struct master *m, struct msess *s, const struct m_dae_action *a,
    const char *by)
{
	struct m_gre_rate r;
	uint64_t now = now_ms();
	char set[32];
	int e;

	if (a->set & DAE_SET_RATE) {
		r = s->rate;
		r.down_bps = a->down_bps;
		r.up_bps = a->up_bps;
		if ((e = ms_set_rate(m, s, &r, by)) != HP_OK)
			return e;
		s->radius_rate = true;
	}
	if (a->set & DAE_SET_TIMEOUT) {
		s->session_timeout_s = a->session_timeout_s;
		s->t_session_end = a->session_timeout_s == 0 ? 0 :
		    now + (uint64_t)a->session_timeout_s * 1000;
	}
	if (a->set & DAE_SET_IDLE) {
		s->idle_timeout_s = a->idle_timeout_s;
		s->t_active = now;
	}
	ms_deadline(m, s, ms_up_deadline(s));
	log_audit("event=dae-coa sid=0x%x user=\"%s\" set=%s "
	    "session-timeout=%u idle-timeout=%u by=%s", s->sid, s->user,
	    dae_set_names(a->set, set, sizeof(set)), s->session_timeout_s,
	    s->idle_timeout_s, by);
	return HP_OK;
}

bool
ms_on_dae_action(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_dae_action *a = (const void *)msg->data;
	struct m_dae_done d;
	char ip[INET_ADDRSTRLEN], by[INET_ADDRSTRLEN + 16];
	bool end = false;

	inet_ntop(AF_INET, &a->requester, ip, sizeof(ip));
	(void)snprintf(by, sizeof(by), "radius-dae:%s", ip);
	memset(&d, 0, sizeof(d));
	d.tag = a->tag;
	if (s == NULL || s->state != MS_UP || s->kicked) {
		log_warnx("event=dae-refused sid=0x%x op=%s by=%s reason=no-"
		    "live-session", msg->hdr.sid, dae_op_name(a->op), by);
		d.status = HP_E_NOTFOUND;
	} else if (a->op == DAE_OP_END) {
		log_audit("event=dae-disconnect sid=0x%x user=\"%s\" by=%s",
		    s->sid, s->user, by);
		end = true;	/* Acct-Terminate-Cause Admin-Reset */
	} else
		d.status = dae_change(m, s, a, by);
	(void)send_dae_done(m, msg->hdr.sid, &d);
	return end;
}
