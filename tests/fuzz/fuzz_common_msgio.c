/*
 * Fuzz target: common/msg_io.c's receiving side, which reads several
 * datagrams at once (recvmmsg) and hands them out one by one.  Input:
 * byte 0 picks the sender (ctrl, gre or auth; master receives), then
 * datagrams, each a 2-byte little-endian length (up to 4095, past
 * MSG_MAX, so truncation is reached) and that many bytes.  They are
 * sent on a fresh SOCK_SEQPACKET pair (up to 40, as many as its
 * buffer takes) and read back with msg_recv() until it has nothing
 * more or refuses one.  Each read must be one whole message or a
 * refusal, and never more than were sent: never a crash or a read past
 * a buffer (ASan).
 */
#include <sys/socket.h>

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/msg.h"
#include "common/msg_io.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const enum proc_id senders[] = { P_CTRL, P_GRE, P_AUTH };

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct msg m;
	struct msg_chan c;
	size_t off = 1, len;
	int sv[2], r, sent = 0, got = 0;

	if (n < 1 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0, sv) == -1)
		return 0;
	msg_chan_init(&c, sv[0], P_MASTER, senders[d[0] % 3]);
	while (off + 2 <= n && sent < 40) {
		len = (size_t)(d[off] | (d[off + 1] << 8)) & 0x0fff;
		off += 2;
		if (len > n - off)
			len = n - off;
		if (send(sv[1], d + off, len, MSG_DONTWAIT) == -1)
			break;
		off += len;
		sent++;
	}
	while (got <= sent) {
		r = msg_recv(&c, &m);
		if (r != HP_OK)
			break;
		/* what it gives is what msg_check took: a whole message */
		if (m.hdr.len > MSG_MAX_PAYLOAD || m.hdr.flags != 0)
			__builtin_trap();
		if (m.fd != -1)
			close(m.fd);
		got++;
	}
	if (got > sent)
		__builtin_trap();
	msg_chan_close(&c);
	close(sv[1]);
	return 0;
}
