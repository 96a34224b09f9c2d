/*
 * hpptpd gre: the session table.  Fixed arrays sized once at start, no
 * allocation afterwards: a session is found by our call ID (direct
 * index over all 65536 values), by the inner address the session was
 * assigned and by master's session id (open addressing, linear probing,
 * backward-shift deletion, at most half full).  gre/main.c calls the
 * add/remove/set functions on master's messages; datapath.c does the
 * lookups per packet.  All IPv4 addresses are in host byte order; a
 * session's IPv6 /64 is its upper 64 bits as a host-order uint64_t,
 * found by the same kind of map.  The outer peer is an IPv4 address or
 * (peer_is6) 16 bytes in network order: a call is found by our call
 * ID alone, and its peer is what anti-spoof compares.
 */
#ifndef HP_GRE_SESS_H
#define HP_GRE_SESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/heap.h"
#include "gre/mppe.h"
#include "gre/police.h"
#include "gre/pool.h"
#include "gre/seq.h"
#include "gre/stats.h"

#define GRE_SESS_MAX		0xfff0	/* indices fit in 16 bits */

struct gre_counters {
	uint64_t	 rx_pkts;	/* IP packets written to tun */
	uint64_t	 rx_bytes;
	uint64_t	 tx_pkts;	/* IP packets sent to the peer */
	uint64_t	 tx_bytes;
	uint64_t	 ctrl_in;	/* frames passed to ctrl */
	uint64_t	 ctrl_out;	/* frames from ctrl sent */
	uint64_t	 echo_req;	/* our LCP Echo-Requests sent */
	uint64_t	 echo_rep;	/* Echo-Replies taken */
	uint64_t	 reported;	/* packets + drops when last reported */
	uint32_t	 drop[GRE_DROP_N];
};

/*
 * The LCP echo keepalive (RFC 1661 5.8), on from LCP open (master says,
 * with ctrl's Magic-Number and its own interval and count): an Echo-
 * Request every interval, any Echo-Reply counts as an answer, as pppd
 * takes them; failures unanswered in a row and the link is dead.
 */
struct gre_echo {
	uint64_t	 due;		/* next Echo-Request; 0: off */
	uint32_t	 interval_ms;
	uint32_t	 magic;		/* ours */
	uint8_t		 failures;
	uint8_t		 out;		/* unanswered in a row */
	uint8_t		 id;
};

struct gre_sess {
	uint32_t		 sid;		/* master's id; 0: slot free */
	uint32_t		 peer_addr;	/* outer address of the client */
	bool			 peer_is6;	/* peer_addr6 is its address */
	uint8_t			 peer_addr6[16]; /* outer, IPv6 */
	uint32_t		 inner_addr;	/* assigned address; 0: none */
	uint16_t		 call_id;	/* ours: the key we receive */
	uint16_t		 peer_call_id;	/* theirs: the key we send */
	uint16_t		 idx;		/* slot in the table */
	uint16_t		 mss;		/* clamp TCP MSS to this; 0: off */
	uint16_t		 mss_max;	/* RADIUS Framed-MTU's; 0: none */
	uint8_t			 nframed;	/* its routes in the table's list */
	bool			 acfc;		/* send without FF 03 */
	bool			 pfc;		/* send 1-byte protocols */
	bool			 require_mppe;	/* no IP in clear, ever */
	uint8_t			 mppe_policy;	/* MPPE_*, from master */
	bool			 keys_set;
	uint8_t			 rr_id;		/* our next Reset-Request id */
	uint64_t		 rr_sent;	/* when we last sent one */
	uint64_t		 due;		/* its timer's key; 0: not armed */
	uint8_t			 send_start[MPPE_KEY_MAX];
	uint8_t			 recv_start[MPPE_KEY_MAX];
	struct seq_state	 seq;
	struct mppe_dir		 tx;		/* we encrypt with the send key */
	struct mppe_dir		 rx;		/* we decrypt with the receive key */
	struct gre_counters	 ctr;
	struct police		 down;		/* towards the client */
	struct police		 up;		/* from the client */
	uint64_t		 prefix6;	/* its /64 (ipv6 pool); 0: none */
	uint8_t			 spoof6_src[16];	/* first bad IPv6 source */
	bool			 spoof6_logged;	/* gre/main.c said so */
	struct gre_echo		 echo;
};

/*
 * RADIUS Framed-Routes (gre/framed.c): a short list, walked only when
 * an address is no session's own.  Master keeps them disjoint.
 */
#define GRE_FRAMED_MAX		1024	/* in all; more are refused */
struct gre_framed {
	uint32_t	 net;		/* host order */
	uint32_t	 mask;
	uint16_t	 idx;		/* the session */
};

/* key (never 0) -> session index. */
struct gre_map {
	uint64_t	*key;
	uint16_t	*val;
	uint32_t	 mask;
};

struct gre_table {
	struct gre_sess		*sess;		/* [max] */
	uint16_t		*free;		/* stack of free indices */
	uint32_t		 nfree;
	/*
	 * The indices in use, dense (max - nfree of them), and each one's
	 * place there: walks over the sessions touch only theirs, so the
	 * pages of slots never used stay out of memory.
	 */
	uint16_t		*live;
	uint16_t		*live_at;
	uint32_t		 max;
	uint16_t		*by_call;	/* [65536]: idx + 1; 0: none */
	struct gre_map		 by_addr;
	struct gre_map		 by_sid;
	struct gre_map		 by_prefix6;
	struct gre_map		 peers;		/* other workers' clients */
	uint32_t		 npeers;
	struct heap		 timers;	/* by idx (common/heap.h) */
	struct gre_counters	 ctr;		/* before a session is known */
	uint32_t		 drops_all[GRE_DROP_N];	/* every drop, ever */
	bool			 client_to_client;	/* config */
	uint8_t			 reorder_win;	/* for new sessions */
	uint16_t		 reorder_ms;
	struct gre_framed	 framed[GRE_FRAMED_MAX];
	uint32_t		 nframed;
};

struct gre_sess_conf {
	uint32_t	 sid;
	uint16_t	 call_id;	/* ours, from our Outgoing-Call-Reply */
	uint16_t	 peer_call_id;	/* from the peer's Outgoing-Call-Request */
	uint32_t	 peer_addr;	/* the control connection's peer */
	uint16_t	 peer_rwin;	/* Packet Receive Window Size of the OCRQ */
	bool		 peer_is6;	/* IPv6: peer_addr6, peer_addr 0 */
	uint8_t		 peer_addr6[16];
};

int	gre_table_init(struct gre_table *, uint32_t max_sessions);
/* Remove every session (wiping keys) and free the arrays. */
void	gre_table_fini(struct gre_table *, struct gre_pool *);
uint32_t gre_table_count(const struct gre_table *);
/*
 * The i-th session in use, i < gre_table_count(); NULL beyond.  A
 * removal moves the last one into the removed one's place.
 */
struct gre_sess *gre_table_live(const struct gre_table *, uint32_t i);

/* HP_E_DUP if the call ID or sid is taken, HP_E_NOMEM if full. */
int	gre_sess_add(struct gre_table *, const struct gre_sess_conf *,
	    struct gre_sess **);
/* Wipe keys, free held buffers, free the slot. */
void	gre_sess_remove(struct gre_table *, struct gre_pool *,
	    struct gre_sess *);
/* Drop s's Framed-Routes from the table's list (gre/framed.c sets them). */
void	gre_sess_framed_clear(struct gre_table *, struct gre_sess *);
/* IPCP done: the inner address (ingress filter, tun demux); 0 clears. */
int	gre_sess_set_addr(struct gre_table *, struct gre_sess *, uint32_t);
/* The session's IPv6 /64 (upper 64 bits; 0 clears): HP_E_DUP if taken. */
int	gre_sess_set_prefix6(struct gre_table *, struct gre_sess *, uint64_t);
/* LCP done: framing as negotiated; TCP MSS clamp (0: off). */
void	gre_sess_set_link(struct gre_sess *, bool acfc, bool pfc,
	    uint16_t mss, bool require_mppe);
/* Start keys from auth: what we send with (server side: Magic3) and
 * what we receive with (Magic2).  Copied; wiped on remove. */
void	gre_sess_set_keys(struct gre_sess *,
	    const uint8_t send_start[MPPE_KEY_MAX],
	    const uint8_t recv_start[MPPE_KEY_MAX]);
/* CCP opened with MPPE: start both directions (HP_E_PERM without keys). */
int	gre_sess_set_mppe(struct gre_sess *, enum mppe_strength, bool stateless);
/* Rate limits in bit/s (0: none), burst in bytes (0: a second's worth). */
void	gre_sess_set_rate(struct gre_sess *, uint64_t down_bps,
	    uint64_t up_bps, uint64_t burst, uint64_t now);
/* CCP closed: no encryption (IP then flows only if !require_mppe). */
void	gre_sess_mppe_off(struct gre_sess *);

struct gre_sess	*gre_sess_by_call(const struct gre_table *, uint16_t);
struct gre_sess	*gre_sess_by_addr(const struct gre_table *, uint32_t);
/*
 * The clients of the other gre data workers (MSG_GRE_PEER), by address
 * (host order): what "client-to-client no" must not let through either.
 */
int	 gre_peer_add(struct gre_table *, uint32_t addr);
void	 gre_peer_del(struct gre_table *, uint32_t addr);
bool	 gre_peer_has(const struct gre_table *, uint32_t addr);
struct gre_sess	*gre_sess_by_sid(const struct gre_table *, uint32_t);
/* By an IPv6 address's upper 64 bits. */
struct gre_sess	*gre_sess_by_prefix6(const struct gre_table *, uint64_t);
/* Count a drop against the session, or the table when s is NULL. */
void	gre_count_drop(struct gre_table *, struct gre_sess *, enum gre_drop);

/*
 * The timer heap: sessions with held packets, a due ack or a Reset-Request
 * to repeat, ordered by deadline.  gre_sess_arm inserts the session or
 * moves it to `when`; gre_table_top is the earliest (NULL: none).
 */
void	gre_sess_arm(struct gre_table *, struct gre_sess *, uint64_t when);
void	gre_sess_disarm(struct gre_table *, struct gre_sess *);
struct gre_sess	*gre_table_top(const struct gre_table *);

#endif /* HP_GRE_SESS_H */
