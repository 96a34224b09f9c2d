/*
 * Fuzz target: one frame of a packet socket's receive ring as gre
 * reads it (gre/ring.c): the input is the frame, header first, as if
 * the kernel had written it.  Whatever gre_ring_frame takes must lie
 * inside the frame (every byte of it is read, so ASan sees any byte
 * outside), and the packet then goes to the IPv4 GRE decoder as the
 * data path hands it on.
 */
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "gre/gre_pkt.h"
#include "gre/ring.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile uint8_t sum = 0;
	const uint8_t *pkt;
	struct gre_pkt g;
	enum gre_drop why;
	size_t len, i;

	if (gre_ring_frame(data, size, &pkt, &len) != HP_OK)
		return 0;
	if (pkt < data || len > size || (size_t)(pkt - data) > size - len)
		__builtin_trap();
	for (i = 0; i < len; i++)
		sum += pkt[i];
	(void)sum;
	(void)gre_pkt_decode(pkt, len, &g, &why);
	return 0;
}
