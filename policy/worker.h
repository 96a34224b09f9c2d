/*
 * hpptpd: how a worker starts.  Master execs it as
 *   hpptpd-<name> -u UID -g GID -r ROOT [-v N] [-d]
 * with its socketpair end on fd 3.  worker_start() sets up logging to
 * master, enters the sandbox, and announces MSG_READY.
 */
#ifndef HP_WORKER_H
#define HP_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "common/msg_io.h"

#define WORKER_CHAN_FD	3

/*
 * A worker's handlers of master's messages, by type, walked by
 * worker_dispatch(): the row of the type (master sent one the worker
 * has no handler for: the worker is wrong, it exits), the session the
 * message names (WH_SESSION; none, because it ended meanwhile, drops
 * the message), the handler, then the payload wiped (WH_WIPE).  The
 * rows are exactly the catalog's types to this worker: worker_start()
 * refuses to run otherwise.
 */
#define WH_SESSION	0x01	/* names a session: look it up first */
#define WH_WIPE		0x02	/* carries secrets: wiped afterwards */

struct worker_handler {
	/* `w` the worker, `sess` its session (WH_SESSION) or NULL */
	void		(*fn)(void *w, void *sess, struct msg *);
	unsigned int	 flags;
};

struct worker_disp {
	enum proc_id			 id;
	const struct worker_handler	*rows;		/* [MSG_NTYPES] */
	/* The live session `sid` names, or NULL. */
	void	*(*session)(void *w, uint32_t sid);
	/* After a session's handler (optional): its timers, reaping. */
	void	 (*done)(void *w, void *sess);
};

void	worker_dispatch(const struct worker_disp *, void *w, struct msg *);
/*
 * Receive and dispatch every message waiting on the channel; any fd a
 * handler did not take is closed.  Master gone: exit 0; a message that
 * fails validation: worker_bad_msg().
 */
void	worker_recv(const struct worker_disp *, void *w, struct msg_chan *,
	    struct msg *);
/* Do the rows agree with the catalog's types to this worker? */
bool	worker_disp_complete(const struct worker_disp *);
/* The row of MSG_TEST_SYSCALL, the same in every worker. */
void	worker_on_test(void *w, void *sess, struct msg *);

/*
 * Parse the command line, check the handler table, make what the
 * worker's profile (policy/<proc>.c) says it keeps, sandbox, and
 * announce MSG_READY.  Fills in the channel to master and returns the
 * epoll fd (KEEP_EPOLL), or -1.
 */
int	worker_start(const struct worker_disp *, int argc, char *argv[],
	    struct msg_chan *chan);
#ifdef HP_TEST_HOOKS
/* Test builds only: misbehave as master asks (tests/security). */
void	worker_test_hook(struct msg_chan *, uint32_t what);
#endif
/* Send log lines to master again (after a temporary sink). */
void	worker_log_restore(void);
/* A message from master failed validation: master is never wrong, so die. */
void	worker_bad_msg(const struct msg_chan *, int err)
	    __attribute__((noreturn));

#endif
