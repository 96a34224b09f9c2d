/*
 * hpptpd master: the privileged process.  It never parses a byte from
 * the network: it accepts TCP connections and hands them to ctrl, owns
 * the tun device, the raw GRE socket, routes and the address pool, and
 * routes typed messages between the workers.
 *
 * This header holds struct master alone; each part of master has its
 * own header (proc.h, session.h, control.h, worker_conf.h, ...).
 */
#ifndef HP_MASTER_H
#define HP_MASTER_H

#include <sys/types.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>

#include "common/heap.h"
#include "common/msg.h"
#include "master/conf.h"
#include "master/metrics.h"
#include "master/proc_defs.h"

struct pool;
struct pool6;
struct limits;
struct control;
struct metrics_http;
struct msess;

#define PROC_SLOTS_MAX	(P_NPROC + GRE_WORKERS_MAX - 1)

struct master {
	struct hp_conf	 conf;
	char		 conf_file[CONF_PATH_MAX];
	int		 cli_verbose;	/* -v count, kept over reloads */
	bool		 poptop;	/* -P: conf_file is pptpd.conf */
	bool		 foreground;
	char		 libexec[CONF_PATH_MAX];	/* where workers are */
	uid_t		 uid;		/* _hpptpd */
	gid_t		 gid;

	int		 ep;		/* epoll */
	int		 sigfd;		/* signalfd */
	int		 listen_fd[CONF_MAX_LISTEN];
	/*
	 * A listener bound to one address: that is every accepted
	 * connection's local address (no getsockname per login);
	 * family AF_UNSPEC for a wildcard one.
	 */
	struct sockaddr_storage listen_local[CONF_MAX_LISTEN];
	unsigned int	 nlisten;
	/* each gre data worker's: shard k's GRE socket and tun device */
	struct gre_dev {
		int	 gre_fd;	/* receives GRE (master/gre_sock.c) */
		int	 send_fd;	/* -1: gre_fd sends too */
		int	 gre6_fd;	/* -1, or its raw IPv6 GRE socket */
		int	 tun_fd;
		bool	 tun_vnet;	/* tun_fd carries virtio-net headers */
		bool	 gre_ring;	/* gre_fd has a receive ring */
		uint64_t ring_in, ring_drops;	/* gre_sock_ring_stats */
		struct m_gre_worker wk;	/* its own counters, summed */
		int	 tun_ifindex;
		char	 ifname[CONF_IFNAME_MAX];
	}		 gre_dev[GRE_WORKERS_MAX];
	unsigned int	 ngre;		/* conf.gre_workers, fixed at start */
	int		 gre_guard_fd;	/* several workers: GRE's raw socket */
	struct pool	*pool;
	struct pool	*static_pool;	/* static-addresses; NULL: default */
	struct pool	*radius_pool;	/* radius pool; NULL: not said */
	struct pool6	*pool6;		/* ipv6 pool; NULL: none */
	struct proc	 procs[PROC_SLOTS_MAX];
	unsigned int	 nslots;	/* P_NPROC + ngre - 1 */

	struct msess	*sess;		/* table of conf.max_sessions */
	uint32_t	 nsess_max;
	uint32_t	 nsess;		/* in use */
	/*
	 * Slots ever used: [0, nsess_top).  The free stack hands out low
	 * slots first, so this is the most sessions held at once; walks
	 * over the table stop here and never read a slot no session had,
	 * which would make its page resident (a read of untouched memory
	 * does here): idle, max-sessions costs 4 bytes a slot, not a
	 * struct msess.
	 */
	uint32_t	 nsess_top;
	uint32_t	*sess_free;	/* free slots, a stack of nsess_max */
	struct heap	 sess_heap;	/* slots by deadline */
	uint16_t	 sess_gen;
	uint64_t	 gre_strays;	/* GRE for no session, as reported */
	uint64_t	 gre_strays_quiet;	/* ... and gre's unreported */
	uint64_t	 stray_logged_at;	/* master's own bound: 1/s */
	uint64_t	 stray_unlogged;	/* held back by that bound */

	bool		 secrets_loaded;
	bool		 secrets_loading;	/* MSG_SECRETS sent, no answer */
	bool		 secrets_again;	/* reloaded during that load */
	uint32_t	 secrets_entries;
	bool		 radius_acct_on;	/* Accounting-On was asked */
	struct m_radius_stats radius_stats[RADIUS_SERVERS_MAX];
	int		 dae_fd;	/* Disconnect/CoA, bound; -1: none */
	struct m_dae_stats dae_stats;	/* auth's latest */
	pid_t		 radius_auth_pid;	/* the auth that has the records */
	struct radius_pending *radius_pending;	/* Stops auth missed */
	uint32_t	 radius_npending;
	struct limits	*limits;
	struct control	*control;	/* hpptpctl socket state */
	struct metrics_http *mhttp;	/* metrics listen on; NULL: off */
	bool		 quit;
	bool		 reload;
	bool		(*reap_other)(pid_t, int);	/* hook scripts */
	struct metrics_acc metrics;	/* hpptpctl metrics */
};

/* epoll tags: kind in the high 32 bits, index in the low */
enum ep_kind { EPK_SIGNAL = 1, EPK_LISTEN = 2, EPK_CHAN = 3, EPK_CONTROL = 4,
    EPK_METRICS = 5 };
#define EP_TAG(k, i)	(((uint64_t)(k) << 32) | (uint32_t)(i))

#endif /* HP_MASTER_H */
