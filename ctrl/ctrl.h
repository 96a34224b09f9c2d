/*
 * hpptpd ctrl worker: the connection table that binds each accepted
 * TCP connection (PPTP control, ctrl/pptp_ctrl.c) to its PPP session
 * (ctrl/ppp.c) and to master's messages.
 */
#ifndef HP_CTRL_CTRL_H
#define HP_CTRL_CTRL_H

#include <stdbool.h>
#include <stdint.h>

#include "common/msg_io.h"

struct worker_disp;

struct ctrl;
struct ctrl_http;

struct ctrl	*ctrl_create(struct msg_chan *, int ep);
/* Its metrics scrapers (http.c). */
struct ctrl_http *ctrl_http_of(struct ctrl *);
/* Master's messages to ctrl: its handler table (ctrl_master.c). */
extern const struct worker_disp	ctrl_disp;
/* A validated message from master. */
void	ctrl_dispatch(struct ctrl *, struct msg *);
/* epoll event on connection slot `idx`. */
void	ctrl_conn_event(struct ctrl *, uint32_t idx, uint32_t events);
/* Run due timers; returns ms until the next one (or -1). */
int	ctrl_timers(struct ctrl *, uint64_t now);
/* Reap connections marked closed inside callbacks. */
void	ctrl_reap(struct ctrl *);

#endif
