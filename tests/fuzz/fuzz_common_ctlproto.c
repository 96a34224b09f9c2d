/*
 * Fuzz target: common/ctl_proto.c's request parser.  Besides not
 * crashing, a parsed request must be well formed (a known command; a
 * session id exactly for show and kick), a failed one must leave
 * nothing set, and the canonical text of a parsed request must parse
 * back to the same request.
 */
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/ctl_proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
discard(int prio, enum log_fac fac, const char *line)
{
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	struct ctl_req r, r2;
	char canon[CTL_REQ_MAX + 1];
	int n;

	if (!inited) {
		log_init("fuzz", 1, 0);
		log_set_sink(discard);
		inited = 1;
	}
	if (ctl_parse_request(data, size, &r) != HP_OK) {
		if (r.cmd != CTL_NONE || r.sid != 0)
			abort();
		return 0;
	}
	if (r.cmd <= CTL_NONE || r.cmd >= CTL_NCMDS)
		abort();
	if ((r.cmd == CTL_SHOW || r.cmd == CTL_KICK) != (r.sid != 0))
		abort();
	if (size > CTL_REQ_MAX)
		abort();
	n = r.sid != 0 ?
	    snprintf(canon, sizeof(canon), "%s 0x%x\n", ctl_cmd_name(r.cmd),
	    r.sid) :
	    snprintf(canon, sizeof(canon), "%s\n", ctl_cmd_name(r.cmd));
	if (n < 0 || (size_t)n >= sizeof(canon))
		abort();
	if (ctl_parse_request((const uint8_t *)canon, (size_t)n, &r2) !=
	    HP_OK || r2.cmd != r.cmd || r2.sid != r.sid)
		abort();
	return 0;
}
