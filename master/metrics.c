/* hpptpd master: counters for hpptpctl metrics (master/metrics.h). */
#include "master/metrics.h"
#include "master/session_defs.h"

void
metrics_session_end(struct metrics_acc *a, const struct msess *s)
{
	uint32_t r = s->reason < SR_NREASONS ? s->reason : SR_NONE;

	a->ends[r][s->was_up ? 1 : 0]++;
	a->bytes_in += s->stats.bytes_in;
	a->bytes_out += s->stats.bytes_out;
	a->pkts_in += s->stats.pkts_in;
	a->pkts_out += s->stats.pkts_out;
	a->drops += s->stats.drops;
	a->rate_drops_down += s->stats.rate_drops_down;
	a->rate_drops_up += s->stats.rate_drops_up;
}

void
metrics_auth(struct metrics_acc *a, bool ok)
{
	a->auth[ok ? 1 : 0]++;
}
