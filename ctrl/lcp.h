/*
 * hpptpd ctrl: LCP (RFC 1661): MRU, ACCM, Magic-Number, PFC, ACFC,
 * Authentication-Protocol; Echo, Discard, Identification (RFC 1570),
 * Time-Remaining, Protocol-Reject; our echo keepalive.
 */
#ifndef HP_CTRL_LCP_H
#define HP_CTRL_LCP_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl/fsm.h"

#define LCP_OPT_MRU		1
#define LCP_OPT_ACCM		2
#define LCP_OPT_AUTH		3
#define LCP_OPT_QUALITY		4
#define LCP_OPT_MAGIC		5
#define LCP_OPT_PFC		7
#define LCP_OPT_ACFC		8
#define LCP_OPT_CALLBACK	13

#define LCP_PROTREJ		8
#define LCP_ECHOREQ		9
#define LCP_ECHOREP		10
#define LCP_DISCREQ		11
#define LCP_IDENT		12
#define LCP_TIMEREM		13

#define CHAP_ALG_MD5		0x05
#define CHAP_ALG_MSCHAP1	0x80
#define CHAP_ALG_MSCHAP2	0x81

struct ppp;

extern const struct fsm_cb lcp_fsm_cb;

/* Send a Protocol-Reject for a frame of an unsupported protocol. */
void	lcp_send_protrej(struct ppp *, uint16_t, const uint8_t *, size_t);
/*
 * Start the echo keepalive (LCP opened): the data worker sends the
 * Echo-Requests and takes the Replies (ppp_cb.keepalive); stop (LCP
 * down) only notes it, the session's end stops gre's.
 */
void	lcp_echo_start(struct ppp *);
void	lcp_echo_stop(struct ppp *);

#endif /* HP_CTRL_LCP_H */
