/*
 * hpptpd-ctrl: the chrooted, unprivileged worker that parses the PPTP
 * control protocol and runs every session's PPP control plane.  It
 * sees no password, hash or key: only verdicts.
 */
#include <sys/types.h>
#include <sys/epoll.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "ctrl/ctrl.h"
#include "ctrl/http.h"
#include "policy/worker.h"

int
main(int argc, char *argv[])
{
	struct msg_chan chan;
	struct epoll_event ev[64];
	struct msg *msg;
	struct ctrl *c;
	int ep, n, i, timeout, ht;
	uint64_t now;

	if ((msg = malloc(sizeof(*msg))) == NULL)
		fatal("malloc");
	/* its epoll fd is made before the sandbox: policy/ctrl.c keeps it */
	ep = worker_start(&ctrl_disp, argc, argv, &chan);
	if ((c = ctrl_create(&chan, ep)) == NULL)
		fatalx("out of memory");
	memset(ev, 0, sizeof(ev));
	ev[0].events = EPOLLIN;
	ev[0].data.u64 = (uint64_t)1 << 32;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, chan.fd, &ev[0]) == -1)
		fatal("epoll_ctl");
	/*
	 * What one wake-up makes for master (log lines, PPP frames,
	 * session news: about 30 a login) goes in one sendmmsg below.
	 */
	msg_cork(&chan);
	for (;;) {
		now = now_ms();
		timeout = ctrl_timers(c, now);
		if ((ht = ctrl_http_timers(ctrl_http_of(c), now)) != -1 &&
		    (timeout == -1 || ht < timeout))
			timeout = ht;
		/*
		 * Messages queued for master (a MSG_CTRL_CLOSED among them)
		 * must not wait for the next unrelated event: with no timer
		 * armed that could be never, and master would keep the
		 * session, its address and its route.
		 */
		if (msg_flush(&chan) == HP_E_AGAIN &&
		    (timeout == -1 || timeout > 10))
			timeout = 10;
		n = epoll_wait(ep, ev, 64, timeout);
		if (n == -1 && errno != EINTR)
			fatal("epoll_wait");
		for (i = 0; i < n; i++) {
			uint32_t kind = (uint32_t)(ev[i].data.u64 >> 32);

			if (kind == CTRL_EPK_HTTP) {
				ctrl_http_event(ctrl_http_of(c),
				    (uint32_t)ev[i].data.u64, ev[i].events);
				continue;
			}
			if (kind == 2) {
				ctrl_conn_event(c, (uint32_t)ev[i].data.u64,
				    ev[i].events);
				continue;
			}
			worker_recv(&ctrl_disp, c, &chan, msg);
		}
	}
}
