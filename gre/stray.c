/*
 * hpptpd gre: which strays (GRE for no session) master hears of.  A
 * source is remembered in one slot chosen by a hash of its address; a
 * newcomer on the same slot evicts it, so the table never grows and a
 * spoofed flood costs a token per report, never memory.
 */
#include <string.h>

#include "gre/stray.h"

static unsigned int	stray_slot(uint32_t);
static void		stray_refill(struct gre_stray *, uint64_t);

void
gre_stray_init(struct gre_stray *st, uint64_t now)
{
	memset(st, 0, sizeof(*st));
	st->tokens = (uint64_t)STRAY_BURST * 1000;
	st->refilled = now;
}

/* Fibonacci hashing: the top bits of the product spread addresses. */
static unsigned int
stray_slot(uint32_t src)
{
	return (unsigned int)((src * 2654435761u) >> 24) % STRAY_SLOTS;
}

static void
stray_refill(struct gre_stray *st, uint64_t now)
{
	uint64_t cap = (uint64_t)STRAY_BURST * 1000, dt;

	if (now <= st->refilled)
		return;
	dt = now - st->refilled;
	st->refilled = now;
	/* STRAY_RATE a second is STRAY_RATE thousandths a millisecond */
	if (dt >= cap / STRAY_RATE)
		st->tokens = cap;
	else if ((st->tokens += dt * STRAY_RATE) > cap)
		st->tokens = cap;
}

uint32_t
gre_stray_key6(const uint8_t src6[16])
{
	uint32_t k = 2166136261u;	/* FNV-1a offset basis */
	unsigned int i;

	for (i = 0; i < 16; i++)
		k = (k ^ src6[i]) * 16777619u;
	return k != 0 ? k : 1;
}

bool
gre_stray_report(struct gre_stray *st, uint32_t src, uint64_t now,
    uint32_t *held)
{
	unsigned int i = stray_slot(src);

	*held = 0;
	if (src != 0 && st->src[i] == src && now - st->seen[i] <
	    STRAY_FORGET_MS) {
		st->held++;		/* known: counted, not reported */
		return false;
	}
	stray_refill(st, now);
	if (st->tokens < 1000) {
		st->held++;
		return false;
	}
	st->tokens -= 1000;
	st->src[i] = src;
	st->seen[i] = now;
	*held = st->held;
	st->held = 0;
	return true;
}
