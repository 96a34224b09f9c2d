/* hpptpd gre: per-session token-bucket policer (gre/police.h). */
#include "gre/police.h"

/* A bucket smaller than one full-size packet would pass nothing. */
#define POLICE_BURST_MIN	2048
/* Bounds burst * 1000 and ms * rate in police_fill (1 TiB: no limit). */
#define POLICE_BURST_MAX	(1ULL << 40)

void
police_set(struct police *p, uint64_t bps, uint64_t burst, uint64_t now)
{
	p->rate = bps / 8;
	if (bps != 0 && p->rate == 0)
		p->rate = 1;
	if (burst == 0)
		burst = p->rate;
	if (burst < POLICE_BURST_MIN)
		burst = POLICE_BURST_MIN;
	if (burst > POLICE_BURST_MAX)
		burst = POLICE_BURST_MAX;
	p->burst = burst;
	p->tokens = burst;
	p->frac = 0;
	p->last = now;
}

static void
police_fill(struct police *p, uint64_t now)
{
	uint64_t ms, credit;

	if (now <= p->last)
		return;
	ms = now - p->last;
	p->last = now;
	/* the time to fill from empty bounds ms, so ms * rate fits */
	if (ms >= p->burst * 1000 / p->rate + 1) {
		p->tokens = p->burst;
		p->frac = 0;
		return;
	}
	credit = ms * p->rate + p->frac;
	p->tokens += credit / 1000;
	p->frac = credit % 1000;
	if (p->tokens >= p->burst) {
		p->tokens = p->burst;
		p->frac = 0;
	}
}

bool
police_pass(struct police *p, size_t len, uint64_t now)
{
	if (p->rate == 0)
		return true;
	police_fill(p, now);
	if (p->tokens < len) {
		p->drops++;
		return false;
	}
	p->tokens -= len;
	return true;
}
