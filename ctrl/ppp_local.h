/*
 * hpptpd ctrl: types shared by the PPP control-plane files (ppp.c,
 * lcp.c, chap.c, pap.c, ccp.c, ipcp.c, ipv6cp.c, ppp_subr.c).  Not for other
 * modules.
 *
 * Who calls whom, one way only: ppp.c (phases, the protocol table)
 * calls down into lcp.c, ccp.c, ipcp.c and, through their
 * ppp_auth_ops, chap.c and pap.c; all of them use ppp_subr.c.  What a
 * protocol has to tell the session goes back up through the
 * ppp_events table ppp.c installs, never by name.
 */
#ifndef HP_CTRL_PPP_LOCAL_H
#define HP_CTRL_PPP_LOCAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ctrl/dhcp.h"
#include "ctrl/fsm.h"
#include "ctrl/ppp_defs.h"

#define PPP_MAX_MRU		1500
#define PPP_MIN_MRU		128
#define PPP_AUTH_TRIES		10	/* Challenges sent before giving up */
#define PPP_AUTH_WAIT_MS	30000	/* for a PAP request or a verdict */
#define PPP_IDENT_LOG_MAX	4	/* Identification lines logged */

struct lcp {
	struct fsm	 fsm;
	/* Our side. */
	uint16_t	 mru;
	bool		 req_mru;
	uint32_t	 magic;
	bool		 req_magic;
	bool		 magic_acked;
	enum ppp_auth_method auth;	/* what we ask for now */
	uint32_t	 auth_tried;	/* PPP_AUTHF bits already asked */
	/* The peer's side (committed when we Ack). */
	uint16_t	 peer_mru;
	uint32_t	 peer_magic;
	bool		 peer_pfc;
	bool		 peer_acfc;
	int		 loops;		/* magic collisions seen */
	/* Echo keepalive: run by gre (ppp_cb.keepalive); on or not. */
	bool		 echo_on;
	unsigned	 ident_logged;
	uint8_t		 peer_reqs;	/* its Configure-Requests, capped */
};

enum auth_state {
	AUTH_IDLE = 0,
	AUTH_CHALLENGE,		/* CHAP: Challenge sent; PAP: waiting */
	AUTH_WAIT,		/* auth_request given, waiting for verdict */
	AUTH_SUCCESS,
	AUTH_FAILED,
};

struct auth {
	enum auth_state	 state;
	enum ppp_auth_method method;
	uint8_t		 id;
	uint8_t		 chal_len;
	uint8_t		 chal[16];
	int		 tries;
	uint64_t	 deadline;
	uint8_t		 msg_len;	/* Success message, to repeat */
	uint8_t		 msg[PPP_AUTH_MSG_MAX];
};

struct ccp {
	struct fsm	 fsm;
	uint32_t	 want;		/* MPPE bits we request */
	bool		 req_mppe;
	uint32_t	 rx_bits;	/* told to the caller */
	uint32_t	 tx_bits;
	uint32_t	 peer_bits;	/* MPPE in its last request or Nak */
	bool		 peer_asked;	/* peer_bits is set */
};

struct ipcp {
	struct fsm	 fsm;
	bool		 req_addr;
};

struct ipv6cp {
	struct fsm	 fsm;
	bool		 req_ifid;
	bool		 peer_ok;	/* peer[] was acked */
	uint8_t		 ours[8];	/* drawn once per session */
	uint8_t		 peer[8];	/* the peer's, once acked */
	uint8_t		 cand[8];	/* from the request being answered */
};

/* Router advertisements on the link (ra.c), with an `ipv6 pool`. */
struct ra {
	bool		 have_prefix;	/* master sent the session's /64 */
	uint8_t		 prefix[16];
	uint64_t	 next;		/* the next one due; 0: none */
	uint64_t	 last;		/* when the last one went */
	uint8_t		 initial;	/* unsolicited ones sent so far */
	uint8_t		 logged;	/* bad solicitations logged */
};

struct ppp;

/*
 * An authentication protocol (chap.c: CHAP-MD5, MS-CHAPv1/v2; pap.c:
 * PAP), driven by ppp.c once LCP has negotiated its method.
 */
struct ppp_auth_ops {
	/* The authenticate phase begins: send a Challenge, or wait. */
	void	(*start)(struct ppp *, enum ppp_auth_method);
	/* One packet of the protocol; HP_OK or why it was dropped. */
	int	(*input)(struct ppp *, const uint8_t *, size_t);
	/* Retransmit, or give up, when due. */
	void	(*timeout)(struct ppp *, uint64_t now);
	/* Send the verdict with the caller's message; HP_E_PERM if none
	 * is awaited. */
	int	(*verdict)(struct ppp *, bool ok, const char *msg);
};

/* DHCPv6 Information-requests answered on the link (info6.c). */
struct info6 {
	bool		 answered;	/* a Reply went */
	uint64_t	 last;		/* when the last one went */
	uint8_t		 logged;	/* drops logged */
};

/*
 * What LCP, CCP and IPCP report to the session (their This-Layer-Up,
 * -Down and -Finished, and a Protocol-Reject LCP received).  ppp.c
 * fills it in; the protocol files call through it.
 */
struct ppp_events {
	void	(*lcp_up)(struct ppp *);
	void	(*lcp_down)(struct ppp *);
	void	(*lcp_finished)(struct ppp *);
	void	(*protrej)(struct ppp *, uint16_t proto);
	void	(*ccp_up)(struct ppp *);
	void	(*ccp_finished)(struct ppp *);
	void	(*ipcp_up)(struct ppp *);
	void	(*ipcp_finished)(struct ppp *);
	void	(*ipv6cp_up)(struct ppp *);
	void	(*ipv6cp_finished)(struct ppp *);
};

struct ppp {
	/*
	 * The configuration the session was made under, shared with every
	 * other one (ppp_create: it outlives the session), and the few
	 * settings that are the session's own: a RADIUS reply's DNS, WINS
	 * and netmask replace the configured ones.
	 */
	const struct ppp_conf *conf;
	uint32_t	 sid;
	uint32_t	 dns[2];
	uint32_t	 wins[2];
	uint32_t	 netmask;
	struct ppp_cb	 cb;
	void		*arg;
	const struct ppp_events *ev;	/* ppp.c's, for the protocols */
	enum ppp_phase	 phase;
	uint64_t	 now;
	uint32_t	 peer_ip;
	bool		 ip_reported;	/* cb.ip_up ran: once per session */
	struct lcp	 lcp;
	struct auth	 auth;
	struct ccp	 ccp;
	struct ipcp	 ipcp;
	struct ipv6cp	 ipv6cp;
	struct ra	 ra;
	struct info6	 info6;
	const char	*pending;	/* close requested from a handler */
	bool		 peer_gone;	/* echo failed: don't wait for acks */
	const char	*reason;	/* why the session ends */
	bool		 finished;
	bool		 ipcp_started;
	unsigned	 protrej_logged;
	bool		 have_chal;	/* master's challenge is set */
	uint8_t		 chal[16];
	struct ppp_failure fail;	/* set by ppp_fail_cause() */
};

/* ra.c: router advertisements, driven by ppp.c */
void	ra_start(struct ppp *);		/* IPV6CP opened */
void	ra_stop(struct ppp *);		/* IPV6CP left Opened */
int	ra_input(struct ppp *, const uint8_t *, size_t);	/* IPv6 */
void	ra_timeout(struct ppp *, uint64_t now);
uint64_t ra_deadline(const struct ppp *);

/* info6.c: a DHCPv6 packet to the server port, from ppp.c */
int	info6_input(struct ppp *, const uint8_t *, size_t);

/* ppp_subr.c */
void	ppp_send(void *, uint16_t, const uint8_t *, size_t);
void	ppp_fail(struct ppp *, const char *);
/* The same, naming a set-up failure's cause (the first one counts). */
void	ppp_fail_cause(struct ppp *, const char *, enum ppp_cause,
	    uint32_t peer, uint32_t ours);
void	ppp_random(void *, size_t);
uint32_t ppp_random_u32(void);
const char *ppp_proto_name(uint16_t);

#endif /* HP_CTRL_PPP_LOCAL_H */
