/*
 * hpptpd ctrl: what the rest of ctrl may read of a PPP session (its
 * phase, method, MRUs, whether it is over and why).  Read-only: the
 * session itself changes only in ppp.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include "ctrl/ppp.h"
#include "ctrl/ppp_local.h"

enum ppp_phase
ppp_phase(const struct ppp *p)
{
	return p->phase;
}

enum ppp_auth_method
ppp_auth_method(const struct ppp *p)
{
	return p->lcp.fsm.state == FSM_OPENED ? p->lcp.auth : PPP_AUTH_NONE;
}

uint16_t
ppp_peer_mru(const struct ppp *p)
{
	return p->lcp.peer_mru;
}

uint16_t
ppp_mru(const struct ppp *p)
{
	return p->lcp.req_mru ? p->lcp.mru : PPP_MAX_MRU;
}

bool
ppp_is_finished(const struct ppp *p)
{
	return p->finished;
}

void
ppp_failure(const struct ppp *p, struct ppp_failure *f)
{
	*f = p->fail;
}
