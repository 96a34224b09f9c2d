/*
 * hpptpd master: the metrics listener (`metrics listen on ADDR`).
 * Master only accepts and counts; ctrl reads the scraper's request and
 * writes the answer, pulling the text from here chunk by chunk.
 */
#ifndef HP_MASTER_METRICS_HTTP_H
#define HP_MASTER_METRICS_HTTP_H

#include <stdbool.h>
#include <stdint.h>

struct master;
struct msg;
struct control_text;

/* Bind the listener if configured (fatal if it cannot be). */
void	metrics_http_open(struct master *);
void	metrics_http_close(struct master *);
/* The listener is readable. */
void	metrics_http_accept(struct master *);
/* MSG_METRICS_REQ or _DONE from ctrl: true if it was one. */
bool	metrics_http_dispatch(struct master *, struct msg *);
/* ctrl died: its scrapers' connections died with it. */
void	metrics_http_ctrl_lost(struct master *);
/* hpptpctl stats and metrics. */
void	metrics_http_stats(const struct master *, uint64_t *served,
	    uint64_t *refused, unsigned int *open);

#endif
