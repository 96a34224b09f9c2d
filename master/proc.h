/*
 * hpptpd master: the worker process table (master/proc.c).  Each
 * worker is fork+exec'd fresh, supervised, and restarted with back-off
 * when it dies.  What master does with each kind of worker -- tell it
 * its configuration, handle its messages, clean up after it -- is the
 * caller's, given as a table of callbacks (master/main.c, procs[]):
 * proc.c knows no other part of master.
 */
#ifndef HP_MASTER_PROC_H
#define HP_MASTER_PROC_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg_io.h"
#include "master/proc_defs.h"

struct master;

/*
 * `defs` is indexed by enum proc_id (P_MASTER's row unused); a child
 * that is no worker (a hook script) goes to `reap_other`.  The table
 * has a slot per process: a kind's own, and m->ngre - 1 more gre data
 * workers (PROC_GRE_SLOT); the functions below take a slot.
 */
void	proc_init(struct master *, const struct proc_def *defs,
	    bool (*reap_other)(pid_t, int));
int	proc_spawn(struct master *, unsigned int slot);
void	proc_reap(struct master *);
void	proc_kill(struct master *, unsigned int slot, const char *why);
void	proc_timers(struct master *, uint64_t now);
int	proc_next_timeout(const struct master *, uint64_t now);
/* Tell every ready worker its configuration again (a reload). */
void	proc_reconfigure(struct master *);
void	proc_stop_all(struct master *);
/* Queue one message; master/send.h has a typed sender for each. */
int	proc_send(struct master *, unsigned int slot, uint16_t type, uint32_t sid,
	    const void *, size_t, int fd);
void	proc_chan_event(struct master *, unsigned int slot, uint32_t events);
/*
 * Around one wake-up of the main loop: what it sends each worker is
 * held (common/msg_io.h, msg_cork) and sent by one system call per
 * worker at the end, ctrl's last.
 */
void	proc_cork_all(struct master *);
void	proc_uncork_all(struct master *);

#endif /* HP_MASTER_PROC_H */
