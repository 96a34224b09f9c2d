/*
 * hpptpd ctrl: PAP authenticator (RFC 1334).  The password passes
 * through ctrl only on its way to auth and is wiped right after.
 */
#ifndef HP_CTRL_PAP_H
#define HP_CTRL_PAP_H

#define PAP_AUTHREQ		1
#define PAP_AUTHACK		2
#define PAP_AUTHNAK		3

struct ppp_auth_ops;

/* start waits for the peer's Authenticate-Request (ppp_local.h). */
extern const struct ppp_auth_ops pap_auth_ops;

#endif /* HP_CTRL_PAP_H */
