/*
 * hpptpd ctrl: the PPP numbers and types shared by the session (ppp.c),
 * its protocol files (lcp.c, ccp.c, ipcp.c, chap.c, pap.c, ppp_subr.c)
 * and the worker, with the names of the enums for logs (ppp_subr.c).
 * The session's API is ppp.h.
 *
 * Kept apart from ppp.h so that the protocol files need nothing of the
 * file above them: ppp.c calls down into the protocols, never the
 * other way round.
 */
#ifndef HP_CTRL_PPP_DEFS_H
#define HP_CTRL_PPP_DEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctrl/dhcp.h"

#define PPP_PROTO_IP		0x0021
#define PPP_PROTO_IPV6		0x0057
#define PPP_PROTO_IPCP		0x8021
#define PPP_PROTO_CCP		0x80fd
#define PPP_PROTO_IPXCP		0x802b
#define PPP_PROTO_BCP		0x8031
#define PPP_PROTO_NBFCP		0x803f
#define PPP_PROTO_IPV6CP	0x8057
#define PPP_PROTO_LCP		0xc021
#define PPP_PROTO_PAP		0xc023
#define PPP_PROTO_CHAP		0xc223
#define PPP_PROTO_LQR		0xc025

/* Authentication methods; PPP_AUTHF(m) is the bit for ppp_conf. */
enum ppp_auth_method {
	PPP_AUTH_NONE = 0,
	PPP_AUTH_PAP,
	PPP_AUTH_CHAP_MD5,
	PPP_AUTH_MSCHAP1,
	PPP_AUTH_MSCHAP2,
};
#define PPP_AUTHF(m)	(1u << (m))
#define PPP_AUTHF_ALL	(PPP_AUTHF(PPP_AUTH_PAP) | \
	PPP_AUTHF(PPP_AUTH_CHAP_MD5) | PPP_AUTHF(PPP_AUTH_MSCHAP1) | \
	PPP_AUTHF(PPP_AUTH_MSCHAP2))

/* MPPE strengths allowed (ppp_conf.mppe_allowed). */
#define PPP_MPPE_40		0x01
#define PPP_MPPE_56		0x02
#define PPP_MPPE_128		0x04

/* MPPE option bits on the wire (RFC 3078 2.1), passed to ccp_*_mode. */
#define MPPE_BIT_H		0x01000000u	/* stateless */
#define MPPE_BIT_M		0x00000080u	/* 56-bit */
#define MPPE_BIT_S		0x00000040u	/* 128-bit */
#define MPPE_BIT_L		0x00000020u	/* 40-bit */
#define MPPE_BIT_D		0x00000010u	/* obsolete */
#define MPPE_BIT_C		0x00000001u	/* MPPC compression */

enum ppp_phase {
	PPP_PHASE_DEAD = 0,
	PPP_PHASE_ESTABLISH,
	PPP_PHASE_AUTHENTICATE,
	PPP_PHASE_NETWORK,
	PPP_PHASE_TERMINATE,
};

#define PPP_NAME_MAX		255	/* CHAP/PAP names, without NUL */
#define PPP_MAX_ROUTES		DHCP_MAX_ROUTES
#define PPP_DOMAIN_MAX		DHCP_DOMAIN_MAX
#define PPP_OURNAME_MAX		63

struct ppp_conf {
	uint32_t	auth_allowed;	/* PPP_AUTHF() bits; never empty */
	char		name[PPP_OURNAME_MAX + 1];	/* our CHAP name */
	uint16_t	mru;		/* our MRU, 128..1500 */
	uint16_t	echo_interval;	/* seconds between LCP echoes; 0: off */
	uint8_t		echo_failures;	/* unanswered echoes that end it */
	bool		accept_pfc;	/* Ack the peer's PFC option */
	uint8_t		mppe_allowed;	/* PPP_MPPE_* bits; 0: no CCP at all */
	bool		mppe_required;	/* no session without MPPE */
	bool		mppe_stateful;	/* stateful MPPE allowed */
	uint32_t	local_ip;	/* our tunnel address */
	uint32_t	dns[2];		/* 0: not configured */
	uint32_t	wins[2];
	uint32_t	netmask;	/* DHCP option 1; 0: not sent */
	char		domain[PPP_DOMAIN_MAX + 1];	/* DHCP option 15 */
	uint8_t		nroutes;
	struct dhcp_route routes[PPP_MAX_ROUTES];	/* DHCP 121/249 */
	bool		dhcp_inform;	/* answer DHCPINFORM */
	bool		ipv6;		/* negotiate IPV6CP; else reject it */
	uint8_t		ipv6_local_ifid[8];	/* ours; zero: random */
	uint8_t		ipv6_remote_ifid[8];	/* suggested; zero: random */
	/* in router advertisements (ctrl/ra.c), with an ipv6 pool */
	uint8_t		ndns6;			/* <= ND6_DNS_MAX */
	uint8_t		dns6[3][16];
	/* our DHCPv6 DUID-UUID (info6.c): ctrl draws it once at start */
	uint8_t		duid_uuid[16];
	uint8_t		nroutes6;		/* <= ND6_ROUTES_MAX */
	struct ppp_route6 {
		uint8_t	prefix[16];
		uint8_t	plen;
	}		routes6[16];
};

/* What the peer sent to authenticate, for auth (via master). */
struct ppp_auth_req {
	enum ppp_auth_method method;
	uint8_t		id;		/* CHAP/PAP identifier */
	uint8_t		name_len;
	char		name[PPP_NAME_MAX + 1];	/* NUL added; may hold NULs */
	uint8_t		challenge_len;	/* 0 (PAP), 16 (MD5, v2), 8 (v1) */
	uint8_t		challenge[16];
	/*
	 * CHAP: the Response value (16 MD5, 49 MS-CHAPv1/v2).
	 * PAP: the password.  Wiped after the callback returns.
	 */
	uint8_t		value_len;
	uint8_t		value[255];
};

struct ppp_cb {
	/* A frame for the peer: proto, then info (code, id, len, data). */
	void	(*send_frame)(void *arg, uint16_t proto, const uint8_t *info,
		    size_t len);
	/* Verify this; answer later with ppp_auth_result(). */
	void	(*auth_request)(void *arg, const struct ppp_auth_req *);
	/*
	 * MPPE mode (MPPE_BIT_* of RFC 3078) for what the peer sends us:
	 * our CCP request, once the peer acked it; 0 when CCP goes down.
	 */
	void	(*ccp_rx_mode)(void *arg, uint32_t bits);
	/*
	 * MPPE mode for what we send: the peer's CCP request, told before
	 * our Configure-Ack of it leaves; 0 when CCP goes down.
	 */
	void	(*ccp_tx_mode)(void *arg, uint32_t bits);
	/* IPCP is open: the peer uses peer_ip. */
	void	(*ip_up)(void *arg, uint32_t peer_ip);
	/* IPV6CP is open: both interface identifiers (8 bytes each). */
	void	(*ip6_up)(void *arg, const uint8_t *peer_ifid,
		    const uint8_t *our_ifid);
	/*
	 * LCP opened, with our acked Magic-Number (0 if none): the data
	 * worker runs the echo keepalive until the session ends.
	 */
	void	(*keepalive)(void *arg, uint32_t magic);
	/* The session is over; called once. */
	void	(*finished)(void *arg, const char *reason);
};

const char	*ppp_phase_name(enum ppp_phase);
const char	*ppp_auth_method_name(enum ppp_auth_method);

/*
 * Why a set-up failed, where the session can tell, with what each side
 * wanted (ppp_failure()); the first cause found wins.
 */
enum ppp_cause {
	PPP_CAUSE_NONE = 0,
	PPP_CAUSE_LCP_TIMEOUT,	/* peer: its Configure-Requests we got */
				/* ours: ours sent, none acked */
	PPP_CAUSE_CCP_REFUSED,	/* peer: the MPPE bits it asked for, */
				/* 0 if it refused MPPE; ours: allowed */
	PPP_CAUSE_AUTH_REFUSED,	/* peer: its Authentication-Protocol */
				/* (protocol << 8 | CHAP algorithm; 0: */
				/* none); ours: the PPP_AUTHF() allowed */
};
struct ppp_failure {
	enum ppp_cause	cause;
	uint32_t	peer;
	uint32_t	ours;
};

/* Of an auth verdict's text, what ppp keeps to repeat (ppp_auth_result). */
#define PPP_AUTH_MSG_MAX	128

#endif /* HP_CTRL_PPP_DEFS_H */
