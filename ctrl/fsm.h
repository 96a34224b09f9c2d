/*
 * hpptpd ctrl: the RFC 1661 option negotiation automaton, written once.
 *
 * LCP, CCP and IPCP plug in through a const callback table.  Each event
 * of RFC 1661 section 4.1 (Up, Down, Open, Close, TO+, TO-, RCR+, RCR-,
 * RCA, RCN, RTR, RTA, RUC, RXJ+, RXJ-, RXR) is one function with a
 * switch over the state.  Time comes from the caller (monotonic ms);
 * the automaton only stores its next deadline.
 */
#ifndef HP_CTRL_FSM_H
#define HP_CTRL_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/rd.h"
#include "ctrl/cpopt.h"	/* the CP_* codes */

#define FSM_RESTART_MS		3000	/* restart timer */
#define FSM_MAX_CONFIGURE	10
#define FSM_MAX_TERMINATE	2
#define FSM_MAX_FAILURE		5
#define FSM_MAX_PKT		1500	/* largest packet we build */
/*
 * Our Configure-Requests, kept to match the Ack and to resend: the
 * largest is LCP's, 15 bytes (MRU 4, MS-CHAPv2 5, Magic-Number 6); IPCP
 * 6, CCP 6, IPV6CP 10.  Per session, four of them.
 */
#define FSM_MAX_REQ		32

enum fsm_state {
	FSM_INITIAL = 0,
	FSM_STARTING,
	FSM_CLOSED,
	FSM_STOPPED,
	FSM_CLOSING,
	FSM_STOPPING,
	FSM_REQSENT,
	FSM_ACKRCVD,
	FSM_ACKSENT,
	FSM_OPENED,
};

struct fsm;

struct fsm_cb {
	const char	*name;		/* "LCP", "CCP", "IPCP" */
	uint16_t	 proto;
	/* A new negotiation starts (irc on Open/Up): reset our wishes. */
	void	(*resetci)(struct fsm *);
	/* Our Configure-Request options. */
	void	(*addci)(struct fsm *, struct wr *);
	/*
	 * Check the peer's options (already validated by the walker).
	 * Return CP_CONFACK, CP_CONFNAK (reply holds the Nak'd options)
	 * or CP_CONFREJ (reply holds the rejected ones), or a negative
	 * hp_err to drop the packet.  allow_nak is false once we sent
	 * max-failure Naks: then Nak becomes Reject (RFC 1661 4.6).
	 */
	int	(*reqci)(struct fsm *, const struct rd *, struct wr *reply,
		    bool allow_nak);
	/* Our request was acked (the automaton checked it is identical). */
	void	(*ackci)(struct fsm *);
	/* Peer Nak'd / Rejected our options; negative hp_err drops it. */
	int	(*nakci)(struct fsm *, const struct rd *);
	int	(*rejci)(struct fsm *, const struct rd *);
	/* this-layer-up/down/started/finished; may be NULL. */
	void	(*up)(struct fsm *);
	void	(*down)(struct fsm *);
	void	(*started)(struct fsm *);
	void	(*finished)(struct fsm *);
	/*
	 * Codes above 7 (LCP Echo etc.).  HP_OK when handled; any error
	 * makes the automaton send Code-Reject (RUC).  May be NULL.
	 */
	int	(*extcode)(struct fsm *, uint8_t code, uint8_t id,
		    const struct rd *);
};

typedef void (*fsm_send_fn)(void *arg, uint16_t proto, const uint8_t *,
    size_t);

struct fsm {
	enum fsm_state		 state;
	const struct fsm_cb	*cb;
	void			*ctx;		/* the protocol's object */
	fsm_send_fn		 send;
	void			*send_arg;
	uint32_t		 sid;		/* for log lines */
	uint64_t		 now;		/* time of the current event */
	uint64_t		 deadline;	/* 0: no timer armed */
	size_t			 mtu;		/* largest packet to send */
	uint32_t		 restart_ms;
	uint8_t			 max_configure;
	uint8_t			 max_terminate;
	uint8_t			 max_failure;
	uint8_t			 id;		/* next identifier we use */
	uint8_t			 reqid;		/* id of our last Conf-Req */
	bool			 reqid_valid;
	int			 restart;	/* restart counter */
	int			 naks_sent;	/* Naks in a row we sent */
	int			 naks_rcvd;	/* Nak/Rej in a row we got */
	size_t			 reqlen;	/* our last request's options */
	uint8_t			 req[FSM_MAX_REQ];
	const char		*reason;	/* why we close / finished */
	bool			 timed_out;	/* Max-Configure requests, */
						/* none acked */
};

const char	*fsm_state_name(enum fsm_state);

void	fsm_init(struct fsm *, const struct fsm_cb *, void *ctx,
	    fsm_send_fn, void *send_arg, uint32_t sid);

/* Administrative and lower-layer events. */
void	fsm_up(struct fsm *, uint64_t now);
void	fsm_down(struct fsm *, uint64_t now);
void	fsm_open(struct fsm *, uint64_t now);
void	fsm_close(struct fsm *, const char *reason, uint64_t now);
/* Peer Protocol-Rejected this protocol: RXJ- (RFC 1661 5.7). */
void	fsm_protreject(struct fsm *, uint64_t now);

/*
 * The peer showed it is Opened (it went on to a protocol it only starts
 * once this one is up) while we are in Ack-Sent: our request's
 * Configure-Ack was lost.  Act as on that Ack (RCA in Ack-Sent) and
 * return true; in any other state do nothing and return false.
 */
bool	fsm_peer_opened(struct fsm *, uint64_t now);

/* One packet of this protocol (code, id, length, data). */
int	fsm_input(struct fsm *, const uint8_t *, size_t, uint64_t now);
/* Run the restart timer if due. */
void	fsm_timeout(struct fsm *, uint64_t now);
/* Monotonic ms of the next timer, 0 if none. */
uint64_t fsm_deadline(const struct fsm *);

/* Send one packet of this protocol (used by extcode handlers). */
void	fsm_send_packet(struct fsm *, uint8_t code, uint8_t id,
	    const void *data, size_t len);

#endif /* HP_CTRL_FSM_H */
