/*
 * hpptpd ctrl: CHAP authenticator (RFC 1994) for MD5, MS-CHAPv1
 * (RFC 2433) and MS-CHAPv2 (RFC 2759).  ctrl never verifies anything:
 * it parses the Response, hands it to the caller, and sends the verdict.
 */
#ifndef HP_CTRL_CHAP_H
#define HP_CTRL_CHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctrl/ppp.h"

#define CHAP_CHALLENGE		1
#define CHAP_RESPONSE		2
#define CHAP_SUCCESS		3
#define CHAP_FAILURE		4

#define CHAP_MD5_VALUE_LEN	16
#define MSCHAP_VALUE_LEN	49	/* v1 and v2 Response values */
#define MSCHAP1_CHAL_LEN	8
#define CHAP_CHAL_LEN		16	/* MD5 and MS-CHAPv2 */

/* Send a fresh Challenge (the method is the one LCP negotiated). */
void	chap_start(struct ppp *, enum ppp_auth_method);
/* One CHAP packet from the peer. */
int	chap_input(struct ppp *, const uint8_t *, size_t);
/* Retransmit the Challenge, or give up, when due. */
void	chap_timeout(struct ppp *, uint64_t now);
/* Send Success or Failure with the caller's message. */
int	chap_verdict(struct ppp *, bool ok, const char *msg);

#endif /* HP_CTRL_CHAP_H */
