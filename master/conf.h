/*
 * hpptpd: the master's configuration.
 *
 * One struct holds every setting.  It has no pointers (fixed arrays
 * only), so it can be copied by value, compared field by field and
 * swapped in whole on SIGHUP.  conf_init() fills the built-in defaults,
 * which are the Poptop seed setup (conf.c, conf_init); the parser (parse.y)
 * and the Poptop reader (poptop.c) start from them and override what
 * the files say.
 *
 * Durations are stored in whole seconds (fields ending in _s) or in
 * milliseconds (fields ending in _ms).  Strings are NUL-terminated;
 * an empty string means "not set".
 */
#ifndef HP_MASTER_CONF_H
#define HP_MASTER_CONF_H

#include <sys/types.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/ctl_proto.h"

#define CONF_MAX_LISTEN		8	/* listen on ... statements */
#define CONF_MAX_ROUTES		32	/* push-route prefixes (DHCP 121/249) */
#define CONF_MAX_DNS		2	/* IPCP offers primary + secondary */
#define CONF_MAX_DNS6		3	/* dns6: RDNSS in the RA (DNS6_MAX) */
#define CONF_MAX_ROUTES6	16	/* push-route6 (ROUTES6_MAX) */
#define CONF_MAX_WINS		2
#define CONF_PATH_MAX		256	/* file and directory names */
#define CONF_NAME_MAX		64	/* server name, user name */
#define CONF_DOMAIN_MAX		254	/* DNS domain name (RFC 1035) */
#define CONF_IFNAME_MAX		16	/* IFNAMSIZ, NUL included */
#define CONF_POOL_MAX		4096	/* pool text, Poptop remoteip syntax */
#define CONF_MAX_USER_RATES	256	/* rate-limit user ... statements */
#define GRE_WORKERS_MAX		16	/* gre-workers: data worker processes */
#define CONF_BURST_MAX		1000000000ULL	/* rate-limit burst, bytes */

#define CONF_DEFAULT_PORT	1723
#define CONF_METRICS_PORT	9555	/* metrics listen on: no port given */
#define CONF_DEFAULT_FILE	"/etc/hpptpd.conf"
#define CONF_DEFAULT_SECRETS	"/etc/ppp/chap-secrets"
#define CONF_DEFAULT_CONTROL	CTL_DEFAULT_PATH	/* common/ctl_proto.h */
#define CONF_POPTOP_IP_UP	"/etc/ppp/ip-up"
#define CONF_POPTOP_IP_DOWN	"/etc/ppp/ip-down"

/* Authentication protocols offered/accepted (bit set). */
#define CONF_AUTH_PAP		0x01
#define CONF_AUTH_CHAP		0x02	/* CHAP with MD5 (RFC 1994) */
#define CONF_AUTH_MSCHAP	0x04	/* MS-CHAPv1 (RFC 2433) */
#define CONF_AUTH_MSCHAPV2	0x08	/* MS-CHAPv2 (RFC 2759) */
#define CONF_AUTH_ALL		0x0f

/* MPPE key lengths allowed (bit set). */
#define CONF_MPPE_40		0x01
#define CONF_MPPE_56		0x02
#define CONF_MPPE_128		0x04
#define CONF_MPPE_ALL		0x07

enum conf_mppe {
	CONF_MPPE_NONE = 0,	/* never negotiate MPPE */
	CONF_MPPE_OPTIONAL = 1,	/* offer MPPE, accept a peer without it */
	CONF_MPPE_REQUIRED = 2,	/* end the session if MPPE is refused */
};

struct conf_listen {
	int		 af;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr	 v4;
		struct in6_addr	 v6;
	}		 addr;
	uint16_t	 port;
};

/* A session's rate limits (gre/police.h); all 0: none. */
struct conf_rate {
	uint64_t	 down_bps;	/* towards the client; 0: none */
	uint64_t	 up_bps;	/* from the client; 0: none */
	uint64_t	 burst;		/* bytes; 0: one second of the rate */
};

struct conf_user_rate {
	char		 user[CONF_NAME_MAX];
	struct conf_rate rate;
};

/*
 * A RADIUS server (issue 15).  Its shared secret stays in secret_file,
 * which only auth reads (from an fd master opens under the chap-secrets
 * rules); master never reads it.
 */
#define CONF_MAX_RADIUS		4	/* RADIUS_SERVERS_MAX */
#define CONF_RADIUS_AUTH_PORT	1812
#define CONF_RADIUS_ACCT_PORT	1813
struct conf_radius {
	struct in_addr	 addr;
	char		 secret_file[CONF_PATH_MAX];
	uint16_t	 auth_port;
	uint16_t	 acct_port;
	uint32_t	 timeout_ms;		/* per try */
	uint32_t	 retries;		/* tries on this server */
	bool		 require_ma;		/* Message-Authenticator */
};

/*
 * A Disconnect/CoA client (RFC 5176, issue 16): the only source address
 * whose requests auth considers, with its own secret file (read by auth
 * only, like a server's).
 */
#define CONF_MAX_DAE		8	/* DAE_CLIENTS_MAX */
#define CONF_DAE_PORT		3799
struct conf_dae_client {
	struct in_addr	 addr;
	char		 secret_file[CONF_PATH_MAX];
	bool		 require_ma;		/* Message-Authenticator */
	bool		 require_ts;		/* Event-Timestamp */
	unsigned	 max_sessions;		/* a Disconnect ends 1.. */
};

struct conf_prefix {
	struct in_addr	 addr;		/* network byte order, host bits 0 */
	uint8_t		 len;		/* 0..32 */
};

struct conf_prefix6 {
	struct in6_addr	 addr;		/* bits past len zero */
	uint8_t		 len;		/* 0..128 */
};

/*
 * `pool NAME PREFIX`: the addresses of the pool inside PREFIX, for the
 * users whose RADIUS Access-Accept names NAME in Framed-Pool.  Not an
 * address range of its own: a named pool selects from the pool.
 */
#define CONF_MAX_NAMED_POOLS	16
#define CONF_POOL_NAME_MAX	32	/* RADIUS_POOL_NAME_MAX */
struct conf_named_pool {
	char		 name[CONF_POOL_NAME_MAX + 1];
	struct conf_prefix p;
	int		 lineno;	/* for the check's message */
};

struct hp_conf {
	/* Listening (changes need a restart). */
	struct conf_listen listen[CONF_MAX_LISTEN];
	unsigned	 nlisten;

	/* Addresses. */
	struct in_addr	 local_addr;		/* our end of every link */
	char		 pool[CONF_POOL_MAX];	/* Poptop remoteip syntax */
	/* what chap-secrets may name beyond the pool; "" = default */
	char		 static_addrs[CONF_POOL_MAX];
	struct conf_named_pool named_pools[CONF_MAX_NAMED_POOLS];
	unsigned	 nnamed_pools;

	/* Authentication and encryption. */
	unsigned	 auth;			/* CONF_AUTH_* bits */
	enum conf_mppe	 mppe;
	unsigned	 mppe_keys;		/* CONF_MPPE_* bits */
	bool		 mppe_stateful;		/* allow stateful MPPE */
	char		 server_name[CONF_NAME_MAX];	/* CHAP name */
	char		 secrets[CONF_PATH_MAX];	/* chap-secrets file */
	bool		 secrets_group_readable;

	/* RADIUS (issue 15); nradius 0: none. */
	struct conf_radius radius[CONF_MAX_RADIUS];	/* fail-over order */
	unsigned	 nradius;
	unsigned	 auth_source;		/* enum auth_source (msg.h) */
	char		 radius_nas_id[CONF_NAME_MAX];	/* "" = server-name */
	struct in_addr	 radius_nas_ip;		/* 0 = local address */
	/* what the AAA hands out (its sqlippool); "" = not said */
	char		 radius_pool[CONF_POOL_MAX];
	uint32_t	 radius_deadtime_s;
	uint32_t	 radius_interim_s;	/* 0: no Interim-Update */
	uint32_t	 radius_acct_timeout_s;	/* 0: off */
	uint32_t	 radius_acct_queue;	/* requests kept */
	/* Disconnect/CoA (issue 16); ndae 0: no listener. */
	struct conf_dae_client dae[CONF_MAX_DAE];
	unsigned	 ndae;
	struct in_addr	 dae_listen;		/* 0.0.0.0: every address */
	uint16_t	 dae_port;
	uint32_t	 dae_window_s;		/* Event-Timestamp, replays */

	/* What IPCP and DHCPINFORM hand out. */
	struct in_addr	 dns[CONF_MAX_DNS];
	unsigned	 ndns;
	struct in_addr	 wins[CONF_MAX_WINS];
	unsigned	 nwins;
	struct conf_prefix routes[CONF_MAX_ROUTES];	/* push-route */
	unsigned	 nroutes;
	char		 domain[CONF_DOMAIN_MAX + 1];

	/* IPv6 in the tunnel (IPV6CP, RFC 5072): link-local only... */
	bool		 ipv6;
	uint8_t		 ipv6_ifid_local[8];	/* zero: random per session */
	uint8_t		 ipv6_ifid_remote[8];	/* zero: the peer's choice */
	/* ...unless `ipv6 pool`: a /64 per session (master/pool6.h) */
	struct in6_addr	 ipv6_pool;		/* host bits zero */
	uint8_t		 ipv6_pool_len;		/* 0: no pool */
	uint8_t		 ipv6_prefix_len;	/* per session: 64 */
	/* in the RA with the pool: RDNSS and Route Information */
	struct in6_addr	 dns6[CONF_MAX_DNS6];
	unsigned	 ndns6;
	struct conf_prefix6 routes6[CONF_MAX_ROUTES6];	/* push-route6 */
	unsigned	 nroutes6;

	/* Link. */
	char		 tun_name[CONF_IFNAME_MAX];
	uint16_t	 mtu;
	uint16_t	 mru;
	uint32_t	 lcp_echo_interval_s;	/* 0: no LCP echo */
	uint32_t	 lcp_echo_failure;
	bool		 tcp_mss_adjust;
	bool		 tun_offload;	/* IFF_VNET_HDR + TSO on the tuns */
	bool		 proxyarp;
	bool		 client_to_client;
	bool		 nat;
	char		 nat_ifname[CONF_IFNAME_MAX];
	struct conf_rate rate;			/* every session's default */
	bool		 metrics_per_user;	/* hpptpctl metrics per session */
	bool		 metrics_listen_on;	/* serve GET /metrics */
	struct conf_listen metrics_listen;
	struct conf_user_rate user_rates[CONF_MAX_USER_RATES];
	unsigned	 nuser_rates;

	/* Hooks and records. */
	bool		 logwtmp;
	char		 ip_up[CONF_PATH_MAX];		/* "" = none */
	char		 ip_down[CONF_PATH_MAX];
	bool		 ipparam;		/* pass client IP as ipparam */
	uint32_t	 hook_timeout_s;

	/* Limits. */
	uint32_t	 max_sessions;
	uint32_t	 max_sessions_per_user;	/* 0: unlimited */
	uint32_t	 max_connections;	/* control connections */
	uint32_t	 max_conn_per_source;	/* 0: unlimited */
	uint32_t	 conn_rate;		/* new connections per second */
	uint32_t	 conn_burst;
	uint32_t	 lockout_failures;	/* 0: no lockout */
	uint32_t	 lockout_window_s;
	uint32_t	 lockout_time_s;

	/* PPTP control and timeouts. */
	uint32_t	 sccrq_timeout_s;
	uint32_t	 ppp_timeout_s;		/* accept -> IPCP opened */
	uint32_t	 calls_per_ctrl;
	uint32_t	 pptp_echo_interval_s;	/* 0: no PPTP echo */
	uint32_t	 gre_reorder_ms;	/* 0: deliver out of order */
	uint32_t	 gre_reorder_window;	/* packets */
	uint32_t	 gre_workers;		/* data workers, 1..GRE_WORKERS_MAX */

	/* Processes. */
	char		 chroot_dir[CONF_PATH_MAX];
	char		 user[CONF_NAME_MAX];
	char		 control[CONF_PATH_MAX];	/* hpptpctl socket */
	int		 verbose;		/* 0 info, 1 debug, 2 more */
};

/* The limits of a user's sessions: its own entry, else the default. */
const struct conf_rate *conf_rate_for(const struct hp_conf *, const char *);

/*
 * pppd's "ipv6 <local>,<remote>" interface identifiers: each written as
 * an IPv6 address whose upper 64 bits are zero (::1, ::dead:beef), either
 * may be empty.  0, or -1 with why in err.
 */
int	conf_ifid_pair(const char *, uint8_t local[8], uint8_t remote[8],
	    char *err, size_t errlen);
/* One identifier as pppd writes it (::1); "" when zero. */
void	conf_ifid_fmt(const uint8_t id[8], char *, size_t);

/* Built-in defaults (the Poptop seed setup). */
void	conf_init(struct hp_conf *);
/* Wipe a configuration (it owns no memory; safe to call twice). */
void	conf_free(struct hp_conf *);

/*
 * hpptpd.conf parser (parse.y).  Both start with conf_init(conf); on
 * error they log every problem as "file:line: message" and return -1,
 * leaving conf unspecified (parse into a scratch struct and copy it
 * over the live one only on success).  conf_parse_buffer() is for
 * tests and fuzzing: "include" is refused there unless
 * conf_parse_allow_include(true) was called.  Both also run conf_check().
 */
int	conf_parse_file(const char *path, struct hp_conf *);
int	conf_parse_buffer(const char *name, const char *buf, size_t len,
	    struct hp_conf *);
/* Whether conf_parse_buffer() honours include (default: no). */
void	conf_parse_allow_include(bool);

/*
 * Pool check hook.  master/main.c may set it to a function that runs
 * pool_create() + pool_destroy() (master/pool.h), so that a bad pool is
 * reported as "file:line: pool: ..." when the file is parsed.  It
 * returns 0 or an hp_err with a message in err.  Default: NULL, the
 * pool text is kept as written and checked when the pool is built.
 */
typedef int (*conf_pool_check_fn)(const char *spec, struct in_addr local,
	    char *err, size_t errlen);
void	conf_set_pool_check(conf_pool_check_fn);
conf_pool_check_fn conf_get_pool_check(void);
/* The same for a named pool: 0 if the pool has an address inside it. */
typedef int (*conf_named_pool_check_fn)(const char *spec,
	    struct in_addr local, const struct conf_prefix *, char *err,
	    size_t errlen);
void	conf_set_named_pool_check(conf_named_pool_check_fn);
conf_named_pool_check_fn conf_get_named_pool_check(void);

/*
 * Cross-field checks (the parsers call it; the result of conf_init()
 * passes).  Logs each problem as "name: message"; returns 0 or -1.
 */
int	conf_check(const struct hp_conf *, const char *name);
/*
 * Whether this process can reach the configured limits (hpptpd -n and
 * start-up): ctrl's file descriptors for max-connections (fd limits,
 * CAP_SYS_RESOURCE, fs.nr_open).  The call-id bound is conf_check's.
 */
int	conf_check_reach(const struct hp_conf *, const char *name);
/* PPTP's 16-bit Call ID without 0: calls one box can hold at once. */
#define CONF_CALL_IDS		65535
/* max-sessions / max-connections parse up to this; conf_check says why
 * anything above CONF_CALL_IDS is refused. */
#define CONF_NUM_MAX		16777216
/*
 * Where the settings conf_check() relates to each other were read, so
 * its messages can say file:line (the parser fills it; line 0: unknown).
 */
enum conf_at {
	CA_AUTH, CA_MPPE, CA_NAT, CA_LOCKOUT, CA_CONNRATE, CA_MAXSESSUSER,
	CA_MAXSESS, CA_MAXCONN,
	CA_N
};
struct conf_at_rec {
	char	file[CONF_PATH_MAX];
	int	line;
};
int	conf_check_at(const struct hp_conf *, const char *name,
	    const struct conf_at_rec *at /* [CA_N] or NULL */);

/*
 * Compare two configurations setting by setting (for SIGHUP and tests).
 * fn, if not NULL, is called with the keyword of each setting that
 * differs and whether changing it needs a restart (listen, tun, local
 * address, pool, chroot, user, control socket, nat).  Returns the
 * number of differing settings.
 */
typedef void (*conf_diff_fn)(const char *keyword, bool needs_restart,
	    void *arg);
unsigned conf_diff(const struct hp_conf *, const struct hp_conf *,
	    conf_diff_fn, void *);

/* Print the normalized configuration in hpptpd.conf syntax. */
void	conf_print(FILE *, const struct hp_conf *);

const char *conf_mppe_name(enum conf_mppe);

/* Helpers shared by parse.y and poptop.c. */
bool	conf_strcpy(char *dst, size_t dstlen, const char *src);
long long conf_strtonum(const char *, long long, long long, const char **);

#endif /* HP_MASTER_CONF_H */
