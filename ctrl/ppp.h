/*
 * hpptpd ctrl: one PPP session's control plane (RFC 1661 phases, LCP,
 * authentication, CCP/MPPE, IPCP, DHCPINFORM), independent of IPC.
 *
 * Frames in and out are the 2-byte PPP protocol number followed by the
 * information field: no HDLC/GRE framing, already decrypted by gre.
 * Time is the caller's monotonic clock in milliseconds.  IPv4 addresses
 * are host byte order (10.100.1.1 is 0x0A640101).
 *
 * Callbacks run from inside ppp_start/ppp_input/ppp_timeout/
 * ppp_auth_result/ppp_close.  They must not call ppp_destroy(); after
 * finished() the session sends nothing more and can be reaped by the
 * caller once the call returns.
 */
#ifndef HP_CTRL_PPP_H
#define HP_CTRL_PPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctrl/dhcp.h"

#define PPP_PROTO_IP		0x0021
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
	uint32_t	sid;		/* session id, prefixes every log line */
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
	/* The session is over; called once. */
	void	(*finished)(void *arg, const char *reason);
};

struct ppp;

const char	*ppp_phase_name(enum ppp_phase);
const char	*ppp_auth_method_name(enum ppp_auth_method);

/* Defaults: MS-CHAPv2 only, name "pptpd", MRU 1400, echo 10 s x 3,
 * MPPE 128 required and stateless, no addresses. */
void	ppp_conf_defaults(struct ppp_conf *);
/* HP_OK or HP_E_RANGE naming nothing; logs which field is wrong. */
int	ppp_conf_check(const struct ppp_conf *);

/* NULL if the configuration is invalid or memory is short. */
struct ppp *ppp_create(const struct ppp_conf *, const struct ppp_cb *,
	    void *arg, uint64_t now);
void	ppp_destroy(struct ppp *);

/*
 * The authentication challenge master issued for this session (16
 * bytes; MS-CHAPv1 takes the first 8): CHAP sends it as it stands.
 */
void	ppp_set_challenge(struct ppp *, const uint8_t chal[16]);
/* Start LCP: our Configure-Request goes out. */
void	ppp_start(struct ppp *, uint64_t now);
/* One frame from the peer; HP_OK or why it was dropped (no action). */
int	ppp_input(struct ppp *, const uint8_t *frame, size_t len,
	    uint64_t now);
/* Run the timers that are due. */
void	ppp_timeout(struct ppp *, uint64_t now);
/* Earliest deadline (monotonic ms), 0 if none. */
uint64_t ppp_next_deadline(const struct ppp *);
/*
 * Verdict for the last auth_request.  ok: msg is the success message
 * (MS-CHAPv2: "S=<40 hex>" optionally " M=..."), peer_ip the address
 * master assigned.  !ok: msg is the failure message (MS-CHAPv2:
 * "E=691 R=0 C=<32 hex> V=3 M=..."); the session then ends.
 * HP_E_PERM when no verdict is awaited.
 */
int	ppp_auth_result(struct ppp *, bool ok, const char *msg,
	    uint32_t peer_ip);
/* End the session: LCP Terminate-Request, then finished(reason). */
void	ppp_close(struct ppp *, const char *reason);

enum ppp_phase	ppp_phase(const struct ppp *);
/* The negotiated method (PPP_AUTH_NONE before LCP opens). */
enum ppp_auth_method ppp_auth_method(const struct ppp *);
/* The peer's MRU (what we may send), capped at 1500. */
uint16_t	ppp_peer_mru(const struct ppp *);
/* Our MRU as negotiated. */
uint16_t	ppp_mru(const struct ppp *);
bool		ppp_is_finished(const struct ppp *);

#endif /* HP_CTRL_PPP_H */
