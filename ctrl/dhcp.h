/*
 * hpptpd ctrl: answering the DHCPINFORM a Windows client sends over the
 * link after IPCP (RFC 2131 3.4) with a DHCPACK that carries classless
 * static routes (RFC 3442 option 121 and Microsoft's 249), DNS, domain
 * and subnet mask.  Input and output are whole IPv4 packets.
 */
#ifndef HP_CTRL_DHCP_H
#define HP_CTRL_DHCP_H

#include <stddef.h>
#include <stdint.h>

#define DHCP_MAX_ROUTES		32
#define DHCP_DOMAIN_MAX		63
#define DHCP_MAX_REPLY		1024	/* our DHCPACK always fits */

#define DHCP_OPT_PAD		0
#define DHCP_OPT_NETMASK	1
#define DHCP_OPT_DNS		6
#define DHCP_OPT_DOMAIN		15
#define DHCP_OPT_MSGTYPE	53
#define DHCP_OPT_SERVERID	54
#define DHCP_OPT_CSR		121	/* RFC 3442 */
#define DHCP_OPT_MSCSR		249	/* Microsoft's copy of 121 */
#define DHCP_OPT_END		255

#define DHCPINFORM		8
#define DHCPACK			5

struct dhcp_route {
	uint32_t	prefix;		/* host order */
	uint8_t		len;		/* 0..32 */
};

struct dhcp_conf {
	uint32_t	server_ip;	/* our tunnel address, host order */
	uint32_t	netmask;	/* 0: not sent */
	uint32_t	dns[2];		/* 0: not configured */
	char		domain[DHCP_DOMAIN_MAX + 1];
	uint8_t		nroutes;
	struct dhcp_route routes[DHCP_MAX_ROUTES];
};

/* The fields of a DHCPINFORM that the answer needs. */
struct dhcp_inform {
	uint32_t	src_ip;
	uint32_t	ciaddr;
	uint32_t	xid;
	uint16_t	flags;
	uint8_t		htype;
	uint8_t		hlen;
	uint8_t		chaddr[16];
};

/* Check an IPv4/UDP packet to port 67 holding a DHCPINFORM. */
int	dhcp_parse_inform(const uint8_t *, size_t, struct dhcp_inform *);
/* Build the DHCPACK IP packet from conf->server_ip to client_ip. */
int	dhcp_build_ack(const struct dhcp_conf *, const struct dhcp_inform *,
	    uint32_t client_ip, uint8_t *out, size_t cap, size_t *outlen);
/*
 * Both: parse pkt, check it comes from client_ip, build the answer.
 * HP_OK and *outlen > 0, or an hp_err and no reply.
 */
int	dhcp_inform_reply(const struct dhcp_conf *, const uint8_t *, size_t,
	    uint32_t client_ip, uint8_t *out, size_t cap, size_t *outlen);
/* RFC 3442 encoding of routes, router = gw; returns bytes or hp_err. */
int	dhcp_encode_routes(const struct dhcp_route *, size_t, uint32_t gw,
	    uint8_t *out, size_t cap);

#endif /* HP_CTRL_DHCP_H */
