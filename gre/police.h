/*
 * hpptpd gre: a token-bucket policer, one per session and direction.
 *
 * Packets over the rate are dropped, not queued: gre holds no packet
 * it cannot send now, and TCP in the tunnel backs off on the loss as
 * it would behind a policer in an ISP's router.  The bucket holds at
 * most `burst` bytes (by default one second of the rate) and fills at
 * the rate with the caller's clock (monotonic milliseconds), carrying
 * the fraction of a byte a millisecond earns so that slow rates are
 * exact.  Pure: no clock, no allocation, no log.
 */
#ifndef HP_GRE_POLICE_H
#define HP_GRE_POLICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct police {
	uint64_t	 rate;		/* bytes per second; 0: no limit */
	uint64_t	 burst;		/* bucket size, bytes */
	uint64_t	 tokens;	/* bytes that may pass now */
	uint64_t	 frac;		/* credit below a byte, in 1/1000 */
	uint64_t	 last;		/* when tokens were last added, ms */
	uint64_t	 drops;		/* packets over the rate */
};

/*
 * Set the rate (bits per second; 0 removes the limit) and the burst
 * (bytes; 0: one second of the rate, and never less than one large
 * packet).  The bucket starts full.  Counters are kept.
 */
void	police_set(struct police *, uint64_t bps, uint64_t burst, uint64_t now);
/* Whether a packet of len bytes may pass now; counts it if not. */
bool	police_pass(struct police *, size_t len, uint64_t now);

#endif /* HP_GRE_POLICE_H */
