/*
 * hpptpd master: the types of the worker process table -- a kind of
 * worker (a row of procs[], master/main.c) and one worker process.
 * Types only: struct master holds the table (master.h), proc.c runs it
 * (proc.h), and neither header has to include the other.
 */
#ifndef HP_MASTER_PROC_DEFS_H
#define HP_MASTER_PROC_DEFS_H

#include <sys/types.h>

#include <stdbool.h>
#include <stdint.h>

#include "common/msg_io.h"

struct master;

/* One kind of worker: a row of procs[]. */
struct proc_def {
	enum proc_id	 id;
	const char	*bin;		/* e.g. "hpptpd-ctrl" */
	/*
	 * The callbacks name the process by its slot in struct master's
	 * procs[] (several gre workers share one kind, see PROC_GRE_SLOT).
	 * It is sandboxed and ready, or the configuration was reloaded.
	 */
	void		(*on_ready)(struct master *, unsigned int slot);
	/* A validated message from it (after ready; not log or ready). */
	void		(*dispatch)(struct master *, unsigned int slot,
			    struct msg *);
	/* It died or was killed: what it held is gone. */
	void		(*on_lost)(struct master *, unsigned int slot);
	/* Its RLIMIT_NOFILE (-n), or NULL: its profile's (policy/). */
	unsigned int	(*nofile)(const struct master *);
	/* What is lost while it cannot stay up, for the audit line. */
	const char	*degraded;
	/* Audit events it may log as itself; NULL-terminated, or NULL. */
	const char *const *audit_events;
};

/*
 * Slots of procs[]: a kind's slot is its enum proc_id, gre's data
 * worker 0 included; data workers 1 .. gre-workers - 1 follow P_NPROC.
 */
#define PROC_GRE_SLOT(k)	((k) == 0 ? (unsigned int)P_GRE : \
				    (unsigned int)P_NPROC + (k) - 1)

/* One worker process. */
struct proc {
	enum proc_id	 id;		/* its kind */
	unsigned int	 slot;		/* in procs[] */
	unsigned int	 shard;		/* gre: its data worker index */
	char		 name[8];	/* "ctrl", "gre", "gre1", "auth" */
	const struct proc_def *def;	/* NULL: no such worker */
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

#endif /* HP_MASTER_PROC_DEFS_H */
