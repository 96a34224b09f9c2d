/* hpptpd master: counters for hpptpctl metrics (master/metrics.h). */
#include "master/metrics.h"
#include "master/session_defs.h"

void
metrics_session_end(struct metrics_acc *a, const struct msess *s)
{
	uint32_t r = s->reason < SR_NREASONS ? s->reason : SR_NONE;

	a->ends[r][s->was_up ? 1 : 0]++;
	metrics_add_traffic(a, &s->stats);
}

void
metrics_add_traffic(struct metrics_acc *a, const struct m_gre_stats *st)
{
	a->bytes_in += st->bytes_in;
	a->bytes_out += st->bytes_out;
	a->pkts_in += st->pkts_in;
	a->pkts_out += st->pkts_out;
	a->drops += st->drops;
	a->rate_drops_down += st->rate_drops_down;
	a->rate_drops_up += st->rate_drops_up;
}

void
metrics_auth(struct metrics_acc *a, bool ok)
{
	a->auth[ok ? 1 : 0]++;
}
