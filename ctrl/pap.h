/*
 * hpptpd ctrl: PAP authenticator (RFC 1334).  The password passes
 * through ctrl only on its way to auth and is wiped right after.
 */
#ifndef HP_CTRL_PAP_H
#define HP_CTRL_PAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAP_AUTHREQ		1
#define PAP_AUTHACK		2
#define PAP_AUTHNAK		3

struct ppp;

/* Wait for the peer's Authenticate-Request. */
void	pap_start(struct ppp *);
int	pap_input(struct ppp *, const uint8_t *, size_t);
void	pap_timeout(struct ppp *, uint64_t now);
int	pap_verdict(struct ppp *, bool ok, const char *msg);

#endif /* HP_CTRL_PAP_H */
