/*
 * hpptpd master: the tun device a session's routes go on, its data
 * worker's (gre-workers).  Header-only, below net.c, framed.c and
 * net6.c, which all install routes for a session.
 */
#ifndef HP_MASTER_SESS_DEV_H
#define HP_MASTER_SESS_DEV_H

#include "master/master.h"
#include "master/session_defs.h"

static inline const struct gre_dev *
sess_dev(const struct master *m, const struct msess *s)
{
	return &m->gre_dev[s->gre < m->ngre ? s->gre : 0];
}

#endif /* HP_MASTER_SESS_DEV_H */
