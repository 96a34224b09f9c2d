/*
 * hpptpd master: the privileged process.  It never parses a byte from
 * the network: it accepts TCP connections and hands them to ctrl, owns
 * the tun device, the raw GRE socket, routes and the address pool, and
 * routes typed messages between the workers.
 */
#ifndef HP_MASTER_H
#define HP_MASTER_H

#include <sys/types.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>

#include "common/heap.h"
#include "common/msg_io.h"
#include "master/conf.h"

struct pool;
struct limits;
struct control;
struct msess;

/* One worker process (master/proc.c). */
struct proc {
	enum proc_id	 id;
	const char	*bin;		/* e.g. "hpptpd-ctrl" */
	pid_t		 pid;		/* 0: not running */
	struct msg_chan	 chan;
	bool		 ready;		/* MSG_READY seen */
	uint64_t	 started_ms;
	uint64_t	 restart_at;	/* 0: no restart scheduled */
	unsigned int	 crashes;	/* fast crashes in a row */
	unsigned int	 restarts;	/* total, for statistics */
	/* its log lines: a token bucket (proc.c), in 1/1000 lines */
	uint64_t	 log_tokens;
	uint64_t	 log_at;	/* last refill, ms */
	uint64_t	 log_held;	/* suppressed, not yet reported */
	uint64_t	 log_suppressed; /* total, for statistics */
};

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
	unsigned int	 nlisten;
	int		 gre_fd;	/* raw IPPROTO_GRE */
	int		 tun_fd;
	int		 tun_ifindex;
	struct pool	*pool;
	struct pool	*static_pool;	/* static-addresses; NULL: default */
	struct proc	 procs[P_NPROC];

	struct msess	*sess;		/* table of conf.max_sessions */
	uint32_t	 nsess_max;
	uint32_t	 nsess;		/* in use */
	uint32_t	*sess_free;	/* free slots, a stack of nsess_max */
	struct heap	 sess_heap;	/* slots by deadline */
	uint16_t	 sess_gen;

	bool		 secrets_loaded;
	bool		 secrets_loading;	/* MSG_SECRETS sent, no answer */
	bool		 secrets_again;	/* reloaded during that load */
	uint32_t	 secrets_entries;
	struct limits	*limits;
	struct control	*control;	/* hpptpctl socket state */
	bool		 quit;
	bool		 reload;
};

/* epoll tags: kind in the high 32 bits, index in the low */
enum ep_kind { EPK_SIGNAL = 1, EPK_LISTEN = 2, EPK_CHAN = 3, EPK_CONTROL = 4 };
#define EP_TAG(k, i)	(((uint64_t)(k) << 32) | (uint32_t)(i))

/* proc.c */
void	proc_init(struct master *);
int	proc_spawn(struct master *, enum proc_id);
void	proc_reap(struct master *);
void	proc_kill(struct master *, enum proc_id, const char *why);
void	proc_timers(struct master *, uint64_t now);
int	proc_next_timeout(const struct master *, uint64_t now);
void	proc_stop_all(struct master *);
int	proc_send(struct master *, enum proc_id, uint16_t type, uint32_t sid,
	    const void *, size_t, int fd);
void	proc_chan_event(struct master *, enum proc_id, uint32_t events);

/* session.c */
int	sess_init(struct master *);
void	sess_accept(struct master *, int fd, const struct sockaddr_storage *,
	    const struct sockaddr_storage *);
void	sess_dispatch(struct master *, enum proc_id, struct msg *);
void	sess_worker_lost(struct master *, enum proc_id);
void	sess_close_all(struct master *, uint32_t reason);
void	sess_timers(struct master *, uint64_t now);
uint32_t sess_count(const struct master *);
/* For hpptpctl: visit every live session; end one (false if no such). */
void	sess_foreach(struct master *, void (*)(const struct msess *, void *),
	    void *);
bool	sess_kick(struct master *, uint32_t sid, uint32_t reason);

/* config.c: what each worker is told */
void	master_send_config(struct master *, enum proc_id);
/* The configured methods as AM_BIT()s, and the MPPE_* policy. */
uint32_t master_auth_bits_of(unsigned int conf_auth);
#define	master_auth_bits(c)	master_auth_bits_of((c)->auth)
uint32_t master_mppe_policy(const struct hp_conf *);

/* secrets_load.c: auth's load of the secrets file */
void	master_send_secrets(struct master *);
void	master_on_secret_file_req(struct master *, const struct msg *);
void	master_on_secrets_loaded(struct master *, const struct msg *);
void	master_on_static_addr(struct master *, const struct msg *);
void	master_ctrl_config(const struct hp_conf *, struct m_ctrl_config *);

#endif /* HP_MASTER_H */
