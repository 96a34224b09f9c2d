/*
 * hpptpd gre: TCP MSS clamping.  The tunnel MTU is below the LAN's, so
 * a SYN's MSS is lowered to what fits (MTU - 40; IPv6 MTU - 60) in both
 * directions,
 * fixing MTU black holes without an iptables rule.
 */
#ifndef HP_GRE_MSS_H
#define HP_GRE_MSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * If ip (len bytes) is an unfragmented (or first-fragment) IPv4 TCP
 * segment with SYN set whose MSS option exceeds max_mss, lower it and
 * update the TCP checksum incrementally (RFC 1624).  Returns true when
 * the packet was changed.  Anything malformed is left alone.
 */
bool	mss_clamp(uint8_t *ip, size_t len, uint16_t max_mss);
/* The same for IPv6 (TCP as the first next header); MTU - 60 fits. */
bool	mss_clamp6(uint8_t *ip6, size_t len, uint16_t max_mss);

/* RFC 1624 eqn. 3: checksum after a 16-bit word changed from old to new. */
uint16_t mss_csum_update16(uint16_t csum, uint16_t old, uint16_t new_);

#endif /* HP_GRE_MSS_H */
