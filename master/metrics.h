/*
 * hpptpd master: the counters behind `hpptpctl metrics` that nothing
 * else keeps: how sessions ended (by cause, and whether they were up),
 * authentication verdicts, and the traffic of ended sessions (live
 * ones are read from their latest gre report when asked).  Updated at
 * the one place each event passes (sess_finish, ms_on_auth_result).
 */
#ifndef HP_MASTER_METRICS_H
#define HP_MASTER_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/msg.h"

struct msess;

struct metrics_acc {
	uint64_t	 ends[SR_NREASONS][2];	/* [reason][was up] */
	uint64_t	 auth[2];		/* [ok] */
	uint64_t	 refused;		/* verdict ok, session refused */
	uint64_t	 framed_installed;	/* RADIUS Framed-Routes */
	uint64_t	 framed_refused;
	uint64_t	 prefix6_refused;	/* Framed-IPv6-Prefix not taken */
	uint64_t	 acct_kept;		/* Stops kept for a new auth */
	uint64_t	 acct_timeouts;		/* sessions ended: acct-timeout */
	uint64_t	 acct_dropped;		/* Stops auth was away for, */
						/* beyond what master keeps */
	/* ended sessions' last counters */
	uint64_t	 bytes_in, bytes_out, pkts_in, pkts_out;
	uint64_t	 drops, rate_drops_down, rate_drops_up;
};

void	metrics_session_end(struct metrics_acc *, const struct msess *);
void	metrics_auth(struct metrics_acc *, bool ok);
/* Add one gre report (an ended session's, or a live one's when asked). */
void	metrics_add_traffic(struct metrics_acc *, const struct m_gre_stats *);

#endif /* HP_MASTER_METRICS_H */
