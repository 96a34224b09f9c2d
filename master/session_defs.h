/*
 * hpptpd master: one session as master holds it -- its state in the
 * session machine and its record.  Types only: the machine and the
 * table are session.h's; the parts of master that act on a session for
 * it (net.c: routes, hooks, wtmp) read the record without depending on
 * the machine that calls them.
 */
#ifndef HP_MASTER_SESSION_DEFS_H
#define HP_MASTER_SESSION_DEFS_H

#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/msg.h"

/*
 * The session machine (master/session.c, ms_table): what each state
 * waits for is the only thing a worker may send for the session then.
 */
enum ms_state {
	MS_FREE = 0,
	MS_CONN,	/* control connection handed to ctrl */
	MS_GRE_WAIT,	/* call open, gre asked to take its packets */
	MS_CALL,	/* gre has the call; challenge issued, OCRP sent */
	MS_AUTH,	/* auth request forwarded, waiting for auth */
	MS_KEYS,	/* auth said ok, its MPPE keys are due */
	MS_AUTHED,	/* verdict ok, address assigned */
	MS_REJECTED,	/* verdict "no" sent: waiting for ctrl to close */
	MS_UP,		/* IPCP opened, route installed */
	MS_DOWN,	/* tearing down, waiting for gre's counters */
	MS_NSTATES
};

/*
 * What only some sessions need, allocated when first needed and freed
 * with the session (sess_free), so that a session of the common kind,
 * a local user with no RADIUS, carries none of it: a third of the
 * session's size before (issue 18, memory per session).
 */
struct msess_radius {
	struct m_acct_record rec;	/* auth's record (acct-record) */
	/* Framed-Pool */
	char		 pool[RADIUS_POOL_NAME_MAX + 1];
	struct m_route	 framed_req[RADIUS_ROUTES_MAX];	/* asked */
	struct m_route	 framed[RADIUS_ROUTES_MAX];	/* installed */
};

struct msess {
	uint32_t	 sid;
	enum ms_state	 state;		/* written by ms_enter() only */
	struct m_addr	 peer;
	uint16_t	 call_id;
	uint16_t	 peer_call_id;
	struct in_addr	 ip;
	bool		 ip_held;	/* pool or static address taken */
	bool		 ip_static;
	bool		 route_added;
	bool		 proxyarp_added;
	unsigned int	 proxyarp_if;
	bool		 gre_added;
	uint8_t		 gre;		/* its data worker: call_id % ngre */
	bool		 gre_peer;	/* the other workers know its address */
	bool		 kicked;	/* waiting for ctrl to close it */
	bool		 echo_on;	/* gre runs its LCP echo keepalive */
	bool		 was_up;
	bool		 counted_user;
	bool		 acct;		/* auth accepted: it keeps a record */
	uint8_t		 mppe_radius;	/* MPPE_* the RADIUS reply allows */
	uint32_t	 session_timeout_s;	/* RADIUS; 0: none */
	uint32_t	 idle_timeout_s;	/* RADIUS; 0: none */
	uint64_t	 t_session_end;	/* by Session-Timeout; 0: none */
	uint64_t	 t_active;	/* last report that moved packets */
	bool		 radius_opts;	/* opts below go to ctrl */
	struct m_ctrl_sess_opts opts;	/* RADIUS DNS/NBNS/netmask */
	uint16_t	 radius_mtu;	/* Framed-MTU; 0: none */
	uint8_t		 nframed_req;	/* Framed-Routes the reply asked for */
	uint8_t		 nframed;	/* of those, installed (framed.c) */
	bool		 acct_rec;	/* auth's record is in rad */
	bool		 radius_nomem;	/* rad needed, not had */
	/*
	 * Framed-Pool, Framed-Routes, the accounting record: NULL until a
	 * RADIUS reply names a pool or routes, or auth sends a record;
	 * nframed_req, nframed and acct_rec are 0 while it is NULL.
	 */
	struct msess_radius *rad;
	/* sanitized (escaped, up to 4 x 255 bytes): "" until auth names it */
	char		*user;
	uint8_t		 method;
	uint8_t		 mppe_policy;	/* MPPE_*, fixed at call open */
	uint8_t		 chal[AUTH_CHALLENGE_LEN];	/* issued, unused */
	uint8_t		 verdict_len;	/* ok verdict held for the keys */
	char		*verdict;	/* ... allocated only until then */
	uint32_t	 mppe_rx;
	uint32_t	 mppe_tx;
	uint32_t	 reason;	/* enum sess_reason */
	uint64_t	 t_start;
	uint64_t	 t_up;
	uint64_t	 deadline;	/* setup, kick or stats timeout */
	uint64_t	 setup_deadline;	/* accept + sccrq + ppp timeouts */
	uint64_t	 t_call;	/* call connected (OCRP allowed) */
	uint64_t	 gre_due;	/* no GRE yet: event=no-gre then */
	bool		 gre_seen;	/* a frame from the peer came */
	bool		 no_gre;	/* gave up waiting for it */
	uint64_t	 stats_at;	/* when gre last reported; 0: never */
	bool		 stats_final;	/* gre's answer to its delete */
	struct m_gre_stats stats;	/* the latest gre reported */
	struct m_gre_rate rate;		/* limits gre was told; 0: none */
	bool		 radius_rate;	/* rate set by the RADIUS reply */
	bool		 radius_auth;	/* auth's verdict came from RADIUS */
	/* IPv6 (master/net6.c): the session's /64 from the ipv6 pool */
	struct in6_addr	 ip6;		/* the prefix, host bits zero */
	bool		 ip6_held;	/* taken from the pool */
	bool		 radius_prefix6;	/* Framed-IPv6-Prefix: ip6_req */
	struct in6_addr	 ip6_req;	/* the /64 RADIUS named for the user */
	bool		 route6_added;	/* routed to the tun */
};

/*
 * The session's RADIUS parts, allocated on first use (zeroed); NULL when
 * memory is short.  Inline: radius.c and framed.c, below session.c,
 * use it too.
 */
static inline struct msess_radius *
msess_radius(struct msess *s)
{
	if (s->rad == NULL)
		s->rad = calloc(1, sizeof(*s->rad));
	return s->rad;
}

#endif /* HP_MASTER_SESSION_DEFS_H */
