/*
 * hpptpd master: a session's rate limits.  Master decides them (the
 * user's own `rate-limit user` line, else everyone's) when it grants
 * the session, and again on `hpptpctl limit`; gre polices them
 * (gre/police.c) and reports its drops with the counters.  No worker
 * can set a limit: gre-rate goes only from master to gre.
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rate.h"
#include "master/conf.h"
#include "master/send.h"
#include "master/session_local.h"

static bool
rate_none(const struct m_gre_rate *r)
{
	return r->down_bps == 0 && r->up_bps == 0;
}

void
ms_apply_rate(struct master *m, struct msess *s)
{
	const struct conf_rate *c = conf_rate_for(&m->conf, s->user);

	/* a RADIUS reply's limits (ms_on_radius_reply) stand as they are */
	if (!s->radius_rate) {
		s->rate.down_bps = c->down_bps;
		s->rate.up_bps = c->up_bps;
		s->rate.burst = c->burst;
	}
	/* gre's sessions start unlimited: nothing to say for none */
	if (!rate_none(&s->rate))
		(void)send_gre_rate(m, s->gre, s->sid, &s->rate);
}

int
ms_set_rate(struct master *m, struct msess *s, const struct m_gre_rate *r,
    const char *by)
{
	char down[RATE_STR_MAX], up[RATE_STR_MAX];
	int e;

	if ((e = send_gre_rate(m, s->gre, s->sid, r)) != HP_OK)
		return e;
	s->rate = *r;
	rate_format(r->down_bps, down, sizeof(down));
	rate_format(r->up_bps, up, sizeof(up));
	log_audit("event=rate-limit sid=0x%x user=\"%s\" down=%s up=%s by=%s",
	    s->sid, s->user, down, up, by);
	return HP_OK;
}
