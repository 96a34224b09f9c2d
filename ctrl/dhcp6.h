/*
 * hpptpd ctrl: stateless DHCPv6 on the tunnel (RFC 8415 6.1), the
 * server's half only: parse an Information-request a client sends to
 * ff02::1:2 from its link-local address, and build the Reply with our
 * DUID, the client's echoed, the DNS servers (RFC 3646 option 23), the
 * domain (option 24) and the Information Refresh Time (option 32).
 * Windows asks this way when a router advertisement has the O flag.
 * Input and output are whole IPv6 packets (fixed header + UDP); nothing
 * here keeps state.  No address or prefix is ever handed out: the
 * session's /64 comes from the router advertisement (ctrl/nd6.c).
 */
#ifndef HP_CTRL_DHCP6_H
#define HP_CTRL_DHCP6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP6_CLIENT_PORT	546
#define DHCP6_SERVER_PORT	547

/* message types (RFC 8415 7.3) */
#define DHCP6_SOLICIT		1
#define DHCP6_REPLY		7
#define DHCP6_INFO_REQUEST	11

/* options (RFC 8415 21, RFC 3646) */
#define DHCP6_OPT_CLIENTID	1
#define DHCP6_OPT_SERVERID	2
#define DHCP6_OPT_IA_NA		3
#define DHCP6_OPT_IA_TA		4
#define DHCP6_OPT_ORO		6
#define DHCP6_OPT_DNS		23
#define DHCP6_OPT_DOMAIN_LIST	24
#define DHCP6_OPT_IA_PD		25
#define DHCP6_OPT_REFRESH	32

/* A DUID: a 2-byte type and 1 to 128 more bytes (RFC 8415 11.1). */
#define DHCP6_DUID_MIN		3
#define DHCP6_DUID_MAX		130
#define DHCP6_DUID_UUID		4	/* RFC 6355: type and 16 bytes */
#define DHCP6_DNS_MAX		3
#define DHCP6_DOMAIN_MAX	63
/* 8106's RDNSS lifetime; RFC 8415 21.23 allows no less than 600 */
#define DHCP6_REFRESH		1800
/* our largest Reply: headers, server and client id, 3 servers, domain */
#define DHCP6_REPLY_MAX		(40 + 8 + 4 + 4 + 18 + 4 + DHCP6_DUID_MAX + \
				 4 + 16 * DHCP6_DNS_MAX + \
				 4 + DHCP6_DOMAIN_MAX + 2 + 4 + 4)

struct dhcp6_conf {
	uint8_t		 ours[8];	/* our interface id: fe80::ours */
	uint8_t		 uuid[16];	/* our DUID-UUID */
	uint8_t		 ndns;		/* <= DHCP6_DNS_MAX */
	uint8_t		 dns[DHCP6_DNS_MAX][16];
	char		 domain[DHCP6_DOMAIN_MAX + 1];	/* "": none */
};

/* What of an Information-request the Reply needs. */
struct dhcp6_req {
	uint8_t		 type;		/* set even when unsupported */
	uint8_t		 src[16];	/* the client's link-local address */
	uint32_t	 xid;		/* 24 bits */
	uint8_t		 clientid_len;	/* 0: none sent */
	uint8_t		 clientid[DHCP6_DUID_MAX];
	uint8_t		 serverid_len;	/* 0: none sent */
	uint8_t		 serverid[DHCP6_DUID_MAX];
};

/*
 * Check an IPv6 packet holding a DHCPv6 Information-request: payload
 * length within the packet, UDP right after the fixed header from port
 * 546 to 547, its length the payload's, its checksum (never 0 over
 * IPv6), a link-local source, destination ff02::1:2; message type 11,
 * options each within the message, Client and Server Identifier at most
 * once and of a DUID's length, no IA_NA, IA_TA or IA_PD (RFC 8415
 * 16.12).  HP_OK, or why not: HP_E_UNSUPP for another message type
 * (req->type says which) or protocol.
 */
int	dhcp6_parse_ir(const uint8_t *, size_t, struct dhcp6_req *);
/*
 * The Reply to req, from fe80::ours port 547 to the client's port 546.
 * HP_E_NOTFOUND when req names another server (16.12: discard),
 * HP_E_LONG when cap is short; HP_OK and *outlen otherwise.
 */
int	dhcp6_build_reply(const struct dhcp6_conf *, const struct dhcp6_req *,
	    uint8_t *out, size_t cap, size_t *outlen);
/* A message type's name for the log ("Solicit"), or "unknown". */
const char *dhcp6_type_name(uint8_t);

#endif /* HP_CTRL_DHCP6_H */
