/*
 * hpptpd ctrl: CHAP authenticator (RFC 1994) for MD5, MS-CHAPv1
 * (RFC 2433) and MS-CHAPv2 (RFC 2759).  ctrl never verifies anything:
 * it parses the Response, hands it to the caller, and sends the verdict.
 */
#ifndef HP_CTRL_CHAP_H
#define HP_CTRL_CHAP_H

#define CHAP_CHALLENGE		1
#define CHAP_RESPONSE		2
#define CHAP_SUCCESS		3
#define CHAP_FAILURE		4

#define CHAP_MD5_VALUE_LEN	16
#define MSCHAP_VALUE_LEN	49	/* v1 and v2 Response values */
#define MSCHAP1_CHAL_LEN	8
#define CHAP_CHAL_LEN		16	/* MD5 and MS-CHAPv2 */

struct ppp_auth_ops;

/*
 * start sends a fresh Challenge for the method LCP negotiated, timeout
 * retransmits it, verdict sends Success or Failure (ppp_local.h).
 */
extern const struct ppp_auth_ops chap_auth_ops;

#endif /* HP_CTRL_CHAP_H */
