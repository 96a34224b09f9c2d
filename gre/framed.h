/*
 * hpptpd gre: the RADIUS Framed-Routes of sessions (framed.c): which
 * session an inner destination belongs to when it is no session's own
 * address, and which sources a session may send from besides its own.
 */
#ifndef HP_GRE_FRAMED_H
#define HP_GRE_FRAMED_H

#include <stdbool.h>
#include <stdint.h>

#include "common/msg.h"
#include "gre/sess.h"

/* Replace s's routes (HP_E_NOMEM: the table's list is full, none set). */
int	gre_framed_set(struct gre_table *, struct gre_sess *,
	    const struct m_route *, unsigned n);
/* The session for an inner destination (host order): own address first. */
struct gre_sess *gre_sess_by_dst(const struct gre_table *, uint32_t);
/* s may send from src (host order): its address or one of its routes. */
bool	gre_framed_src_ok(const struct gre_table *, const struct gre_sess *,
	    uint32_t);

#endif
