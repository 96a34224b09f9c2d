/*
 * hpptpd ctrl: IPV6CP (RFC 5072).  Only the Interface-Identifier is
 * negotiated: ours is random and stays the same for the whole session;
 * the peer's is taken unless it is zero or equal to ours, in which case
 * we Nak with a fresh one.  IPv6-Compression-Protocol is rejected.
 */
#ifndef HP_CTRL_IPV6CP_H
#define HP_CTRL_IPV6CP_H

#include <stdbool.h>
#include <stdint.h>

#include "ctrl/fsm.h"

#define IPV6CP_OPT_IFID		1	/* Interface-Identifier, 8 bytes */
#define IPV6CP_OPT_COMP		2	/* IPv6-Compression-Protocol */
#define IPV6CP_IFID_LEN		8

extern const struct fsm_cb ipv6cp_fsm_cb;

/* All-zero identifier: "none" on the wire and in the config. */
bool	ipv6cp_ifid_zero(const uint8_t[IPV6CP_IFID_LEN]);
/*
 * A fresh identifier for a Nak or for ourselves: the preferred one if
 * it is usable, else random; never zero, never equal to `avoid`.
 */
void	ipv6cp_ifid_pick(uint8_t out[IPV6CP_IFID_LEN],
	    const uint8_t preferred[IPV6CP_IFID_LEN],
	    const uint8_t avoid[IPV6CP_IFID_LEN]);

#endif /* HP_CTRL_IPV6CP_H */
