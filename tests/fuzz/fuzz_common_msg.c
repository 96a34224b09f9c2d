/*
 * Fuzz target: the IPC validator (common/msg_catalog.c, msg_check) for
 * every peer direction.  Input: byte 0 picks the sender, byte 1 the
 * receiver (mod 5: the four processes and one outside the table), byte 2
 * bit 0 whether an fd came with it; the rest is the datagram, header and
 * payload, as msg_recv sees it.
 *
 * The payload is checked twice: in an 8-aligned MSG_MAX_PAYLOAD buffer
 * zeroed past the message (what msg_recv passes), and in a heap buffer of
 * exactly max(len, declared size) bytes, so ASan sees any read past what
 * the contract promises.  Both must agree, and an accepted message must
 * satisfy the catalog (direction, size, fd).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
dir_ok(enum proc_id spec, enum proc_id p)
{
	if (spec == P_ANY_WORKER)
		return p == P_CTRL || p == P_GRE || p == P_AUTH;
	return spec == p;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pbuf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	static int inited;
	const struct msg_spec *s;
	struct msg_hdr h;
	enum proc_id from, to;
	size_t got, plen, tight, declared;
	uint8_t *tb;
	int hasfd, r1, r2;

	if (!inited) {
		log_init("fuzz", 1, 0);
		inited = 1;
	}
	if (size < 3)
		return 0;
	from = (enum proc_id)(data[0] % (P_NPROC + 1));
	to = (enum proc_id)(data[1] % (P_NPROC + 1));
	hasfd = data[2] & 1;
	data += 3;
	got = size - 3;
	/* msg_recv's buffer is MSG_MAX: anything longer is MSG_TRUNC */
	if (got > MSG_MAX)
		return 0;
	memset(&h, 0, sizeof(h));
	memcpy(&h, data, got < sizeof(h) ? got : sizeof(h));
	plen = got > sizeof(h) ? got - sizeof(h) : 0;
	memset(pbuf, 0, sizeof(pbuf));
	memcpy(pbuf, data + (got - plen), plen);
	r1 = msg_check(from, to, &h, pbuf, got, hasfd);

	/* the same with only what the contract promises readable */
	s = msg_spec(h.type);
	declared = s == NULL ? 0 : s->size != 0 ? s->size : s->max;
	tight = declared > plen ? declared : plen;
	if ((tb = malloc(tight > 0 ? tight : 1)) == NULL)
		return 0;
	memset(tb, 0, tight);
	memcpy(tb, data + (got - plen), plen);
	r2 = msg_check(from, to, &h, tb, got, hasfd);
	free(tb);
	if (r1 != r2)
		abort();

	if (r1 != HP_OK)
		return 0;
	/* accepted: the catalog must allow exactly this */
	if (s == NULL || got < sizeof(h) || got - sizeof(h) != h.len ||
	    h.flags != 0 || h.type == MSG_NONE || h.type >= MSG_NTYPES)
		abort();
	if (!dir_ok(s->from, from) || !dir_ok(s->to, to))
		abort();
	if (s->size != 0 ? h.len != s->size : h.len < s->min || h.len > s->max)
		abort();
	if (s->fd == MSG_FD_NO && hasfd)
		abort();
	if (s->fd == MSG_FD_YES && !hasfd)
		abort();
	if (h.len > MSG_MAX_PAYLOAD)
		abort();
	return 0;
}
