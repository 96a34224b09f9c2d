/*
 * hpptpd fuzz: the control-protocol option walker and reply builder.
 */
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "ctrl/cpopt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cpopt_reply cr;
	uint8_t reply[CPOPT_MAX_REPLY];
	struct cpopt_iter it;
	struct cpopt o;
	struct wr w;
	struct rd r;
	uint16_t v16;
	uint32_t v32;
	size_t total = 0;
	bool found;
	int rv;

	rd_init(&r, data, size);
	/* cpopt_has (the Reject walkers) fails exactly when validate does */
	if (cpopt_has(&r, size > 0 ? data[0] : 0, &found) !=
	    cpopt_validate(&r, true))
		__builtin_trap();
	wr_init(&w, reply, sizeof(reply));
	cpreply_init(&cr, &w, size & 1);
	cpopt_iter_init(&it, &r, false);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		total += o.len;
		if (o.len < 2 || total > size)
			__builtin_trap();
		(void)cpopt_val_u16(&o, &v16);
		if (cpopt_val_u32(&o, &v32) == HP_OK)
			cpreply_nak_u32(&cr, &o, v32 + 1);
		else
			cpreply_rej(&cr, &o);
	}
	(void)cpreply_finish(&cr);
	return 0;
}
