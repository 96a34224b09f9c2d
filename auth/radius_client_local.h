/*
 * hpptpd auth: what radius_client.c, radius_acct.c and radius_xmit.c
 * share.
 */
#ifndef HP_AUTH_RADIUS_CLIENT_LOCAL_H
#define HP_AUTH_RADIUS_CLIENT_LOCAL_H

#include "auth/radius_client.h"
#include "common/heap.h"

#define RC_IDS		256	/* RADIUS Identifiers per socket */
#define RC_SOCKS	RADIUS_AUTH_SOCKS	/* per server and kind, at most */
#define RC_AUTH_MAX	(RC_SOCKS * RC_IDS)	/* logins in flight at once */
#define RC_LOGIN_PKT	1024	/* an Access-Request of ours: < 900 bytes */
#define RC_SECRET_MAX	128	/* shared secret bytes */
#define RC_SLOTS	65536	/* sessions: sid & 0xffff */
#define RC_ACCT_RETRY_MS 5000	/* every server failed: try again after */
#define RC_ACCT_AGE_MS	(24ULL * 3600 * 1000)	/* then dropped */
#define RC_ACCT_INFLIGHT 128	/* accounting requests on the wire */

/* One transmission's bookkeeping, for a login or an accounting record. */
struct rc_xmit {
	int		 server;	/* -1: not sent */
	int		 id;		/* -1: none held; socket * RC_IDS + */
					/* the packet's Identifier */
	unsigned	 tries;		/* on this server */
	uint8_t		 tried;		/* servers given up on (bits) */
	uint64_t	 deadline;
	uint64_t	 t_sent;	/* first send to this server */
	struct radius_sent sent;
};

struct rc_server {
	bool		 used;
	uint8_t		*secret;	/* sodium_malloc, locked */
	size_t		 slen;
	int		 fd[2][RC_SOCKS];	/* [RADIUS_SOCK_*][socket] */
	uint32_t	 timeout_ms;
	unsigned	 retries;
	bool		 require_ma;
	uint32_t	 addr;
	uint64_t	 dead_until;
	uint32_t	 owner[2][RC_SOCKS * RC_IDS];	/* slot + 1; 0 free */
	uint16_t	 next_id[2];	/* < RC_SOCKS * RC_IDS */
	struct m_radius_stats st;
	bool		 st_dirty;
};

struct rc_login {		/* sodium_malloc'd: holds the response */
	bool		 used;
	struct auth_req	 req;
	uint8_t		 pkt[RC_LOGIN_PKT];
	size_t		 len;
	struct rc_xmit	 x;
};

struct rc_sess;
struct rc_acct;

struct rc {
	int		 ep;
	struct msg_chan	*chan;
	rc_done_fn	 done;
	void		*arg;
	struct m_radius_config cf;
	struct radius_nas nas;
	struct rc_server srv[RADIUS_SERVERS_MAX];
	struct rc_login	*login;		/* [RC_AUTH_MAX] */
	struct heap	 login_heap;
	/* accounting */
	struct rc_sess	**sess;		/* [RC_SLOTS] */
	struct heap	 interim_heap;	/* slots by next Interim-Update */
	struct rc_acct	*q;		/* [qmax] */
	uint32_t	 qmax;
	uint32_t	 qlen;
	uint32_t	 inflight;
	struct heap	 q_heap;	/* queue slots by deadline */
	uint64_t	 drops;
	uint32_t	 boot;		/* random: Acct-Session-Id prefix */
	uint32_t	 counter;
	uint64_t	 stats_at;
	uint32_t	 failing_sent;	/* acct_failing_s master last had */
};

/* radius_xmit.c, for radius_client.c and radius_acct.c */
/* "address:auth" or "address:acct", for log lines. */
const char *rc_srv_name(const struct rc_server *, int kind, char *,
	    size_t);
int	rc_pick(struct rc *, struct rc_xmit *, int kind, uint32_t owner,
	    uint64_t now);
void	rc_release(struct rc *, struct rc_xmit *, int kind);
/* On the socket of x's Identifier. */
bool	rc_send(struct rc *, const struct rc_xmit *, int kind, const uint8_t *,
	    size_t);
void	rc_server_failed(struct rc *, int server, uint64_t now);
void	rc_rtt(struct rc_server *, uint64_t now, uint64_t t_sent);

/* radius_acct.c, for radius_client.c */
void	rc_acct_init(struct rc *);
/* The queue, once (its size is fixed until auth restarts). */
void	rc_acct_alloc(struct rc *, uint32_t qmax);
void	rc_acct_reply(struct rc *, int server, unsigned sock,
	    const uint8_t *, size_t, uint64_t now);
void	rc_acct_timers(struct rc *, uint64_t now);
int	rc_acct_next(struct rc *, uint64_t now);
void	rc_acct_reset(struct rc *);
/* How long the oldest queued accounting request has waited, seconds. */
uint32_t rc_acct_failing_s(const struct rc *, uint64_t now);

#endif
