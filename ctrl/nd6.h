/*
 * hpptpd ctrl: IPv6 Neighbor Discovery on the tunnel (RFC 4861), the
 * router's half only: parse a Router Solicitation, build a Router
 * Advertisement with the session's /64 (Prefix Information with the
 * on-link and autonomous flags, so the client configures an address by
 * SLAAC, RFC 4862), the link MTU, DNS servers (RDNSS, RFC 8106) and
 * split-tunnel routes (Route Information, RFC 4191).  Input and output are whole IPv6
 * packets (fixed header + ICMPv6); nothing here keeps state.
 */
#ifndef HP_CTRL_ND6_H
#define HP_CTRL_ND6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ND6_RS			133
#define ND6_RA			134
#define ND6_OPT_SLLA		1	/* Source Link-Layer Address */
#define ND6_OPT_PREFIX		3	/* Prefix Information */
#define ND6_OPT_MTU		5
#define ND6_OPT_RIO		24	/* Route Information, RFC 4191 */
#define ND6_OPT_RDNSS		25	/* Recursive DNS Server, RFC 8106 */
#define ND6_HOPLIMIT		255	/* on the link only (RFC 4861 6.1) */
#define ND6_DNS_MAX		3
#define ND6_ROUTES_MAX		16
/* our largest RA: header, prefix, MTU, RDNSS, every route a /128 */
#define ND6_RA_MAX		(40 + 16 + 32 + 8 + 8 + 16 * ND6_DNS_MAX + \
				 24 * ND6_ROUTES_MAX)

/* Lifetimes, seconds (RFC 4861 6.2.1 defaults, scaled to a session). */
#define ND6_ROUTER_LIFETIME	1800
#define ND6_VALID_LIFETIME	3600
#define ND6_PREFERRED_LIFETIME	1800
#define ND6_DNS_LIFETIME	1800	/* >= 3 x our 200 s interval (8106) */
#define ND6_ROUTE_LIFETIME	1800

struct nd6_ra_conf {
	uint8_t		 prefix[16];	/* the session's /64, host bits 0 */
	uint8_t		 ours[8];	/* our interface id: fe80::ours */
	uint16_t	 mtu;		/* 0: no MTU option */
	uint16_t	 router_lifetime;	/* 0: not a default router */
	bool		 other_config;	/* O flag: ask DHCPv6 (dhcp6.h) */
	uint8_t		 ndns;
	uint8_t		 dns[ND6_DNS_MAX][16];
	uint8_t		 nroutes;
	struct {
		uint8_t	 prefix[16];	/* bits past plen zero */
		uint8_t	 plen;
	}		 routes[ND6_ROUTES_MAX];
};

/* What of a Router Solicitation matters: who asked. */
struct nd6_rs {
	uint8_t		 src[16];	/* link-local, or :: */
};

/*
 * Check an IPv6 packet holding a Router Solicitation (RFC 4861 6.1.1):
 * payload length within the packet, ICMPv6 right after the fixed
 * header, hop limit 255, checksum, code 0, at least 8 bytes, options
 * each of non-zero length and within the message, no source link-layer
 * address option from the unspecified address, source link-local or
 * unspecified.  HP_OK, or why not.
 */
int	nd6_parse_rs(const uint8_t *, size_t, struct nd6_rs *);
/*
 * A Router Advertisement from fe80::ours to dst (all-nodes ff02::1 when
 * unsolicited).  HP_OK and *outlen, or HP_E_LONG if cap is short.
 */
int	nd6_build_ra(const struct nd6_ra_conf *, const uint8_t dst[16],
	    uint8_t *out, size_t cap, size_t *outlen);
/* The ICMPv6 checksum of a whole IPv6 packet (0 when it is right). */
uint16_t nd6_icmp6_csum(const uint8_t *, size_t);
/*
 * The same for an upper layer nh (UDP: 17, for DHCPv6) that follows
 * the fixed header directly (RFC 8200 8.1).
 */
uint16_t nd6_ulp_csum(const uint8_t *, size_t, uint8_t nh);

#endif /* HP_CTRL_ND6_H */
