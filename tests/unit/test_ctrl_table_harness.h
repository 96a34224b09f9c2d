/*
 * Drives ctrl's connection table (ctrl/ctrl.c) as the ctrl worker's
 * loop does, in one process: a real master channel (SOCK_SEQPACKET
 * socketpair, messages validated by the catalog on both ends), a real
 * epoll set, and a AF_UNIX stream socketpair per "TCP" connection whose
 * other end the test writes PPTP to.  Shared by tests/unit/
 * test_ctrl_table.c and tests/bench/bench_ctrl_conns.c.
 */
#ifndef HP_TEST_CTRL_TABLE_HARNESS_H
#define HP_TEST_CTRL_TABLE_HARNESS_H

#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "ctrl/ctrl.h"
#include "ctrl/pptp_msg.h"

struct drv {
	struct ctrl	*c;
	struct msg_chan	 cchan;		/* ctrl's end */
	struct msg_chan	 mchan;		/* "master's" end */
	int		 ep;
	int		*cli;		/* [max]: client end by sid, -1 */
	uint32_t	 max;
	struct msg	*msg;
	/* what ctrl told master */
	uint32_t	 closed;	/* MSG_CTRL_CLOSED */
	uint32_t	 closed_limit;	/* ... with SR_LIMIT */
	uint32_t	 closed_timeout; /* ... with SR_SETUP_TIMEOUT */
	uint32_t	 calls;		/* MSG_CALL_OPEN */
	uint32_t	 frames;	/* MSG_PPP_FROM_CTRL */
	/* the MRU option of the last LCP Configure-Request, sids 1..15 */
	uint16_t	 lcp_mru[16];
	uint32_t	 lcp_reqs[16];
};

static __attribute__((unused)) void
drv_fail(const char *what)
{
	fprintf(stderr, "harness: %s: %s\n", what, strerror(errno));
	exit(99);
}

/* As master once gre has the call: the go-ahead with a challenge. */
static void
drv_accept_call(struct drv *d, uint32_t sid)
{
	static struct msg a;

	memset(&a, 0, sizeof(a));
	a.hdr.type = MSG_CALL_ACCEPT;
	a.hdr.sid = sid;
	a.hdr.len = sizeof(struct m_call_accept);
	a.fd = -1;
	memset(a.data, 0x5a, sizeof(struct m_call_accept));
	ctrl_dispatch(d->c, &a);
}

/* An LCP Configure-Request whose first option is the MRU: note it. */
static void
drv_lcp_req(struct drv *d)
{
	const uint8_t *f = d->msg->data;
	uint32_t sid = d->msg->hdr.sid;

	if (sid >= 16 || d->msg->hdr.len < 2 + 4 + 4 || f[0] != 0xc0 ||
	    f[1] != 0x21 || f[2] != 1 || f[6] != 1 || f[7] != 4)
		return;
	d->lcp_mru[sid] = (uint16_t)(f[8] << 8 | f[9]);
	d->lcp_reqs[sid]++;
}

/* Take everything ctrl sent to master, counting it. */
static __attribute__((unused)) void
drv_drain(struct drv *d)
{
	struct m_ctrl_closed cl;
	int r;

	(void)msg_flush(&d->cchan);
	while ((r = msg_recv(&d->mchan, d->msg)) == HP_OK) {
		switch (d->msg->hdr.type) {
		case MSG_CTRL_CLOSED:
			memcpy(&cl, d->msg->data, sizeof(cl));
			d->closed++;
			d->closed_limit += cl.reason == SR_LIMIT;
			d->closed_timeout += cl.reason == SR_SETUP_TIMEOUT;
			break;
		case MSG_CALL_OPEN:
			d->calls++;
			drv_accept_call(d, d->msg->hdr.sid);
			break;
		case MSG_PPP_FROM_CTRL:
			d->frames++;
			drv_lcp_req(d);
			break;
		}
		if (d->msg->fd != -1)
			close(d->msg->fd);
		(void)msg_flush(&d->cchan);
	}
	if (r != HP_E_AGAIN)
		drv_fail("msg_recv");
}

/* Thousands of connections each log a line when they time out. */
static __attribute__((unused)) void
drv_log_sink(int prio, enum log_fac fac, const char *line)
{
}

/* Master's ctrl-config, as worker_conf_ctrl() makes one, MRU mru. */
static void
drv_config(struct drv *d, uint32_t max_conns, uint32_t sccrq_timeout_s,
    uint16_t mru)
{
	struct m_ctrl_config *m;

	memset(d->msg, 0, sizeof(*d->msg));
	d->msg->fd = -1;
	d->msg->hdr.type = MSG_CTRL_CONFIG;
	d->msg->hdr.len = sizeof(*m);
	m = (struct m_ctrl_config *)d->msg->data;
	m->auth_methods = AM_BIT(AM_MSCHAP2);
	m->mppe = MPPE_ALLOW_128 | MPPE_REQUIRED;
	m->local_ip = htonl(0xc0a80001);
	m->mru = mru;
	m->mtu = 1400;
	m->lcp_echo_interval = 10;
	m->lcp_echo_failures = 3;
	m->ctrl_echo_interval = 60;
	m->sccrq_timeout = (uint16_t)sccrq_timeout_s;
	m->setup_timeout = 60;
	m->calls_per_conn = 1;
	m->max_conns = (uint16_t)max_conns;
	m->name_len = (uint8_t)msg_strcpy(m->name, sizeof(m->name), "hpptpd");
	ctrl_dispatch(d->c, d->msg);
}

static __attribute__((unused)) void
drv_init(struct drv *d, uint32_t max_conns, uint32_t sccrq_timeout_s)
{
	int sv[2];
	uint32_t i;

	memset(d, 0, sizeof(*d));
	log_init("test", 0, 0);
	log_set_sink(drv_log_sink);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, sv) == -1)
		drv_fail("socketpair");
	msg_chan_init(&d->cchan, sv[0], P_CTRL, P_MASTER);
	msg_chan_init(&d->mchan, sv[1], P_MASTER, P_CTRL);
	if ((d->ep = epoll_create1(0)) == -1)
		drv_fail("epoll_create1");
	if ((d->msg = calloc(1, sizeof(*d->msg))) == NULL ||
	    (d->cli = calloc(max_conns + 2, sizeof(*d->cli))) == NULL)
		drv_fail("calloc");
	d->max = max_conns + 2;
	for (i = 0; i < d->max; i++)
		d->cli[i] = -1;
	if ((d->c = ctrl_create(&d->cchan, d->ep)) == NULL)
		drv_fail("ctrl_create");
	drv_config(d, max_conns, sccrq_timeout_s, 1400);
}

/* Master hands ctrl connection `sid` (1..max): the client end is kept. */
static __attribute__((unused)) void
drv_connect(struct drv *d, uint32_t sid)
{
	struct m_ctrl_conn *cc;
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == -1)
		drv_fail("socketpair (raise ulimit -n)");
	memset(d->msg, 0, sizeof(struct msg_hdr) + sizeof(*cc));
	d->msg->hdr.type = MSG_CTRL_CONN;
	d->msg->hdr.sid = sid;
	d->msg->hdr.len = sizeof(*cc);
	cc = (struct m_ctrl_conn *)d->msg->data;
	cc->peer.family = 4;
	cc->peer.addr[0] = 127;
	cc->peer.addr[3] = 1;
	cc->local = cc->peer;
	d->msg->fd = sv[1];
	ctrl_dispatch(d->c, d->msg);
	if (d->msg->fd != -1)		/* ctrl did not take it */
		close(d->msg->fd);
	d->cli[sid] = sv[0];
	drv_drain(d);
}

/* One pass of ctrl's loop without waiting: its events, its timers. */
static __attribute__((unused)) void
drv_poll(struct drv *d, uint64_t now)
{
	struct epoll_event ev[64];
	int n, i;

	while ((n = epoll_wait(d->ep, ev, 64, 0)) > 0) {
		for (i = 0; i < n; i++)
			ctrl_conn_event(d->c, (uint32_t)ev[i].data.u64,
			    ev[i].events);
		drv_drain(d);
	}
	/* ctrl stops at a half-full queue to master: drain, call again */
	for (;;) {
		uint32_t before = d->closed + d->calls + d->frames;
		int r = ctrl_timers(d->c, now);

		drv_drain(d);
		if (r != 0 && d->closed + d->calls + d->frames == before)
			break;
	}
}

/* Read and drop what ctrl wrote to a client. */
static __attribute__((unused)) void
drv_client_drain(struct drv *d, uint32_t sid)
{
	uint8_t buf[1024];

	while (read(d->cli[sid], buf, sizeof(buf)) > 0)
		;
}

static __attribute__((unused)) size_t
drv_mk(uint8_t *buf, size_t cap, struct pptp_msg *m)
{
	size_t len = 0;

	if (pptp_msg_encode(m, buf, cap, &len) != HP_OK)
		drv_fail("pptp_msg_encode");
	return len;
}

/* The client sends SCCRQ (and OCRQ with call id `call`, if not 0). */
static __attribute__((unused)) void
drv_client_start(struct drv *d, uint32_t sid, uint16_t call)
{
	struct pptp_msg m;
	uint8_t buf[512];
	size_t len;

	memset(&m, 0, sizeof(m));
	m.type = PPTP_SCCRQ;
	m.u.sccrq.version = PPTP_VERSION;
	m.u.sccrq.framing_caps = 1;
	m.u.sccrq.bearer_caps = 1;
	m.u.sccrq.firmware = 1;
	strcpy(m.u.sccrq.host, "bench");
	len = drv_mk(buf, sizeof(buf), &m);
	if (call != 0) {
		memset(&m, 0, sizeof(m));
		m.type = PPTP_OCRQ;
		m.u.ocrq.call_id = call;
		m.u.ocrq.serial = 1;
		m.u.ocrq.min_bps = 300;
		m.u.ocrq.max_bps = 100000000;
		m.u.ocrq.bearer_type = 3;
		m.u.ocrq.framing_type = 3;
		m.u.ocrq.recv_window = 64;
		len += drv_mk(buf + len, sizeof(buf) - len, &m);
	}
	if (write(d->cli[sid], buf, len) != (ssize_t)len)
		drv_fail("write");
}

/* The client hangs up. */
static __attribute__((unused)) void
drv_client_close(struct drv *d, uint32_t sid)
{
	close(d->cli[sid]);
	d->cli[sid] = -1;
}

#endif
