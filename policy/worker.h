/*
 * hpptpd: how a worker starts.  Master execs it as
 *   hpptpd-<name> -u UID -g GID -r ROOT [-v N] [-d]
 * with its socketpair end on fd 3.  worker_start() sets up logging to
 * master, enters the sandbox, and announces MSG_READY.
 */
#ifndef HP_WORKER_H
#define HP_WORKER_H

#include "common/msg_io.h"

#define WORKER_CHAN_FD	3

/* Parse the command line, sandbox, and return the channel to master. */
void	worker_start(enum proc_id, int argc, char *argv[],
	    struct msg_chan *chan, const int *keep, size_t nkeep);
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
