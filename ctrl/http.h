/*
 * hpptpd ctrl worker: the metrics scrapers master hands over (`metrics
 * listen on`): read the request, pull the exposition from master chunk
 * by chunk, write it, close.
 */
#ifndef HP_CTRL_HTTP_H
#define HP_CTRL_HTTP_H

#include <stdint.h>

#include "common/msg.h"
#include "common/msg_io.h"

struct ctrl_http;

#define CTRL_EPK_HTTP	3	/* ctrl's epoll tag kind for a scraper */

struct ctrl_http *ctrl_http_create(struct msg_chan *, int ep);
/* master's messages */
void	ctrl_http_on_conn(struct ctrl_http *, uint32_t id, int fd);
void	ctrl_http_on_data(struct ctrl_http *, const struct m_metrics_data *);
/* epoll event on scraper `id` */
void	ctrl_http_event(struct ctrl_http *, uint32_t id, uint32_t events);
/* Close what is overdue; ms until the next deadline, or -1. */
int	ctrl_http_timers(struct ctrl_http *, uint64_t now);

#endif
