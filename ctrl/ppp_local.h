/*
 * hpptpd ctrl: types shared by the PPP control-plane files (ppp.c,
 * lcp.c, chap.c, pap.c, ccp.c, ipcp.c).  Not for other modules.
 */
#ifndef HP_CTRL_PPP_LOCAL_H
#define HP_CTRL_PPP_LOCAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ctrl/dhcp.h"
#include "ctrl/fsm.h"
#include "ctrl/ppp.h"

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
	/* Echo keepalive. */
	uint64_t	 echo_deadline;
	uint8_t		 echo_out;	/* unanswered Echo-Requests */
	uint8_t		 echo_id;
	unsigned	 ident_logged;
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
	uint8_t		 msg[255];
};

struct ccp {
	struct fsm	 fsm;
	uint32_t	 want;		/* MPPE bits we request */
	bool		 req_mppe;
	uint32_t	 rx_bits;	/* told to the caller */
	uint32_t	 tx_bits;
};

struct ipcp {
	struct fsm	 fsm;
	bool		 req_addr;
};

struct ppp {
	struct ppp_conf	 conf;
	struct ppp_cb	 cb;
	void		*arg;
	enum ppp_phase	 phase;
	uint64_t	 now;
	uint32_t	 peer_ip;
	struct lcp	 lcp;
	struct auth	 auth;
	struct ccp	 ccp;
	struct ipcp	 ipcp;
	struct dhcp_conf dhcp;
	const char	*pending;	/* close requested from a handler */
	bool		 peer_gone;	/* echo failed: don't wait for acks */
	const char	*reason;	/* why the session ends */
	bool		 finished;
	bool		 ipcp_started;
	unsigned	 protrej_logged;
	bool		 have_chal;	/* master's challenge is set */
	uint8_t		 chal[16];
};

/* ppp.c */
void	ppp_send(void *, uint16_t, const uint8_t *, size_t);
void	ppp_fail(struct ppp *, const char *);
void	ppp_lcp_up(struct ppp *);
void	ppp_lcp_down(struct ppp *);
void	ppp_lcp_finished(struct ppp *);
void	ppp_protrej_rcvd(struct ppp *, uint16_t);
void	ppp_auth_done(struct ppp *, bool);
void	ppp_ccp_up(struct ppp *);
void	ppp_ccp_finished(struct ppp *);
void	ppp_ipcp_up(struct ppp *);
void	ppp_ipcp_finished(struct ppp *);
void	ppp_random(void *, size_t);
uint32_t ppp_random_u32(void);

#endif /* HP_CTRL_PPP_LOCAL_H */
