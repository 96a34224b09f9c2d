/*
 * hpptpd master: the root-only control socket hpptpctl talks to.  The
 * protocol (limits, record kinds, commands, the request parser) is
 * common/ctl_proto.h; master serves it from control.c (the socket side)
 * and control_cmd.c (list, show, kick, stats, reload).
 */
#ifndef HP_MASTER_CONTROL_H
#define HP_MASTER_CONTROL_H

#include <stdint.h>

struct master;

/* Bind conf.control, register with m->ep; -1 after logging why. */
int	control_setup(struct master *);
/* An epoll event tagged EPK_CONTROL (idx: listener, client, timer). */
void	control_event(struct master *, uint32_t idx, uint32_t events);
/* Close every client and the socket, and remove the socket file. */
void	control_teardown(struct master *);

#endif /* HP_MASTER_CONTROL_H */
