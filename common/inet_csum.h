/*
 * hpptpd: the Internet checksum (RFC 1071) of IP, UDP, TCP and ICMPv6,
 * for the packets ctrl builds and checks (DHCP, router advertisements,
 * DHCPv6) and the benchmarks.  Host order: a running sum of big-endian
 * 16-bit words, folded and complemented at the end.  Every part added
 * but the last must have an even length; a 32-bit sum holds 64 KiB.
 */
#ifndef HP_COMMON_INET_CSUM_H
#define HP_COMMON_INET_CSUM_H

#include <stddef.h>
#include <stdint.h>

uint32_t	inet_csum_add(uint32_t sum, const uint8_t *, size_t);
/* The checksum of what the sum covers: 0 when it holds a right one. */
uint16_t	inet_csum_fold(uint32_t sum);

#endif
