/*
 * hpptpd ctrl: CCP (RFC 1962) with MPPE only (RFC 3078 option 18).
 * Reset-Request/Ack are gre's business and never reach here.
 */
#ifndef HP_CTRL_CCP_H
#define HP_CTRL_CCP_H

#include <stdint.h>

#include "ctrl/fsm.h"

#define CCP_OPT_MPPE		18
#define CCP_RESETREQ		14
#define CCP_RESETACK		15

extern const struct fsm_cb ccp_fsm_cb;

/* The MPPE bits for the strongest strength in allowed (PPP_MPPE_*). */
uint32_t ccp_strongest(uint32_t strength_bits);
/* PPP_MPPE_* -> MPPE_BIT_S/M/L. */
uint32_t ccp_allowed_bits(uint8_t mppe_allowed);
struct ppp;
/* What the config lets us accept, for a failure's report: the allowed
 * strengths, and H unless stateful is allowed. */
uint32_t ccp_our_bits(const struct ppp *);

#endif /* HP_CTRL_CCP_H */
