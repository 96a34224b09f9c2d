/*
 * hpptpd-gre: the seccomp-confined data path.  It owns the raw GRE
 * socket and the tun device (both opened by master), the MPPE keys of
 * live sessions, and nothing else.  One epoll loop; batched I/O with
 * recvmmsg/sendmmsg (or GRE from a receive ring: gre/ring.h) and
 * several tun reads per wake-up; no allocation per packet.  The
 * per-packet work is in gre/datapath.c.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "gre/datapath.h"
#include "gre/framed.h"
#include "gre/gro.h"
#include "gre/ring.h"
#include "gre/stray.h"
#include "gre/tso.h"
#include "policy/worker.h"

#define BATCH		32		/* datagrams per recvmmsg / tun wake-up */
#define OUT_CAP		(BATCH + GRE_RX_MAX_OUT)
_Static_assert(OUT_CAP >= GRE_OUT_MIN, "gre_table_poll needs GRE_OUT_MIN");
#define POOL_BUFS	1024		/* shared reorder buffers */

enum { EV_CHAN = 1, EV_GRE = 2, EV_TUN = 3, EV_GRE6 = 4 };

struct gre {
	struct msg_chan	*chan;
	int		 ep;
	int		 gre_fd;	/* receives GRE; sends it too if no send_fd */
	struct gre_ring	 ring;		/* gre_fd's receive ring, if it has one */
	int		 send_fd;	/* -1, or a send-only raw GRE socket */
	int		 gre6_fd;	/* -1, or the raw IPv6 GRE socket */
	int		 tun_fd;
	bool		 tun_vnet;	/* tun I/O carries virtio-net headers */
	bool		 gso_logged;	/* the first cut super-packet, told */
	bool		 gro_logged;	/* the first joined run, told */
	struct gro	 gro;		/* segments joined for one tun write */
	bool		 configured;
	struct m_gre_config cfg;
	struct gre_table table;
	struct gre_pool	 pool;
	struct gre_out	 out[OUT_CAP];
	struct gre_outv	 ov;
	/* its own counters since the last report (MSG_GRE_WORKER) */
	struct m_gre_worker wk;
	struct gre_stray stray;		/* GRE for no session: who to report */
	/* periodic counter reports: next slot to look at, next walk */
	uint32_t	 rep_cursor;
	uint64_t	 rep_next;
	/* -v: drop counts last logged, at most 20 lines a second */
	uint32_t	 dbg_last[GRE_DROP_N];
	uint64_t	 dbg_window;
	unsigned int	 dbg_lines;
	uint8_t		 rx[BATCH][GRE_BUF_SIZE];
	/* a read of a tun with offloads: header and packet (gre/tso.h) */
	uint8_t		 tun_big[TSO_VHDR_LEN + TSO_READ_MAX + 1];
	uint8_t		 gro_buf[GRO_BUF_SIZE];
	struct mmsghdr	 rmsg[BATCH];
	struct iovec	 riov[BATCH];
	struct sockaddr_in rsrc[BATCH];
	struct mmsghdr	 smsg[OUT_CAP];
	struct iovec	 siov[OUT_CAP];
	struct sockaddr_in sdst[OUT_CAP];
	/* IPv6: source of each datagram read, and the sends' batch */
	struct sockaddr_in6 rsrc6[BATCH];
	struct mmsghdr	 smsg6[OUT_CAP];
	struct iovec	 siov6[OUT_CAP];
	struct sockaddr_in6 sdst6[OUT_CAP];
};

static void
to_master(struct gre *g, uint16_t type, uint32_t sid, const void *p,
    size_t len)
{
	int r;

	if ((r = msg_send(g->chan, type, sid, p, len, -1)) != HP_OK)
		fatalx("lost master: %s", hp_strerror(r));
}

/* One sendmmsg batch on fd; a full socket buffer drops the rest. */
static void
send_batch(int fd, struct mmsghdr *v, unsigned int ns)
{
	unsigned int off = 0;
	int n;

	while (off < ns && fd != -1) {
		n = sendmmsg(fd, v + off, ns - off, MSG_DONTWAIT);
		if (n <= 0) {
			/* GRE is a datagram path: the peer retransmits */
			if (n == -1 && errno == EINTR)
				continue;
			break;
		}
		off += (unsigned int)n;
	}
}

/* An IPv6 peer's GRE: into the second batch, for the IPv6 socket. */
static void
queue_gre6(struct gre *g, const struct gre_out *o, unsigned int k)
{
	memset(&g->sdst6[k], 0, sizeof(g->sdst6[k]));
	g->sdst6[k].sin6_family = AF_INET6;
	memcpy(&g->sdst6[k].sin6_addr, o->dst6, sizeof(o->dst6));
	g->siov6[k].iov_base = o->data;
	g->siov6[k].iov_len = o->len;
	memset(&g->smsg6[k], 0, sizeof(g->smsg6[k]));
	g->smsg6[k].msg_hdr.msg_name = &g->sdst6[k];
	g->smsg6[k].msg_hdr.msg_namelen = sizeof(g->sdst6[k]);
	g->smsg6[k].msg_hdr.msg_iov = &g->siov6[k];
	g->smsg6[k].msg_hdr.msg_iovlen = 1;
}

/*
 * A client's packet to the tun; behind a zeroed virtio-net header when
 * the tun has them (no GSO, no checksum left to do: the kernel checks
 * the packet as it would any other).  The data path leaves room for
 * the header in front of the packet (GRE_TUN_ROOM), so one write(2)
 * does: gre's seccomp list stays without readv and writev.
 */
_Static_assert(GRE_TUN_ROOM >= TSO_VHDR_LEN, "room for the vnet header");

static ssize_t
tun_write(struct gre *g, struct gre_out *o)
{
	uint8_t *h;

	if (g->tun_fd == -1)
		return -1;
	if (!g->tun_vnet)
		return write(g->tun_fd, o->data, o->len);
	if (o->data < o->buf + TSO_VHDR_LEN)
		return -1;	/* cannot happen: datapath.c leaves room */
	h = o->data - TSO_VHDR_LEN;
	memset(h, 0, TSO_VHDR_LEN);
	return write(g->tun_fd, h, o->len + TSO_VHDR_LEN);
}

/*
 * The run of joined segments as one write (gre/gro.h); a failed write
 * loses every segment in it, and each counts.
 */
static void
gro_flush(struct gre *g)
{
	const uint8_t *p;
	unsigned int n;
	size_t len;

	if ((len = gro_end(&g->gro, &p, &n)) == 0)
		return;
	if (g->tun_fd == -1 || write(g->tun_fd, p, len) == -1) {
		g->wk.tun_drops += n;
		return;
	}
	if (n > 1) {
		g->wk.joined_writes++;
		g->wk.joined_pkts += n;
		if (!g->gro_logged)
			log_info("tun: TCP offload in use: %u packets joined "
			    "into one write of %zu bytes", n, len - TSO_VHDR_LEN);
		g->gro_logged = true;
	}
}

/*
 * A client's packet for the tun: with offloads, a TCP segment that
 * follows the last one joins it for one write, and anything else ends
 * the run first (so the order on the tun stays that of the batch).
 */
static void
tun_out(struct gre *g, struct gre_out *o)
{
	if (g->tun_vnet) {
		if (gro_add(&g->gro, o->data, o->len))
			return;
		/* it may start a run of its own (UDP and such: no run) */
		if (g->gro.n > 0) {
			gro_flush(g);
			if (gro_add(&g->gro, o->data, o->len))
				return;
		}
	}
	/* a full tun queue drops, like any router */
	if (tun_write(g, o) == -1)
		g->wk.tun_drops++;
}

/* A session's LCP echoes went unanswered: master ends it (and logs). */
static void
link_dead(struct gre *g, const struct gre_out *o)
{
	struct m_link_dead d;

	memset(&d, 0, sizeof(d));
	d.unanswered = o->len == 1 && o->data[0] != 0 ? o->data[0] : 1;
	to_master(g, MSG_GRE_LINK_DEAD, o->sid, &d, sizeof(d));
}

/*
 * Carry out what the data path asked for, GRE sends in one sendmmsg
 * per address family.
 */
static void
flush_out(struct gre *g)
{
	unsigned int i, ns = 0, ns6 = 0;

	for (i = 0; i < g->ov.n; i++) {
		struct gre_out *o = &g->ov.v[i];

		switch (o->kind) {
		case GRE_OUT_TUN:
			tun_out(g, o);
			break;
		case GRE_OUT_CTRL:
			/*
			 * A peer decides how many control frames come: when
			 * master falls behind, drop them (PPP retransmits)
			 * and keep the queue's room for the messages that
			 * matter, instead of filling it and dying in
			 * to_master().
			 */
			if (g->chan->qlen >= MSG_QUEUE_MAX / 2) {
				g->wk.ctrl_drops++;
				break;
			}
			to_master(g, MSG_PPP_FROM_GRE, o->sid, o->data, o->len);
			break;
		case GRE_OUT_DEAD:
			link_dead(g, o);
			break;
		case GRE_OUT_GRE:
			if (o->dst_is6) {
				queue_gre6(g, o, ns6++);
				break;
			}
			memset(&g->sdst[ns], 0, sizeof(g->sdst[ns]));
			g->sdst[ns].sin_family = AF_INET;
			g->sdst[ns].sin_addr.s_addr = htonl(o->dst);
			g->siov[ns].iov_base = o->data;
			g->siov[ns].iov_len = o->len;
			memset(&g->smsg[ns], 0, sizeof(g->smsg[ns]));
			g->smsg[ns].msg_hdr.msg_name = &g->sdst[ns];
			g->smsg[ns].msg_hdr.msg_namelen = sizeof(g->sdst[ns]);
			g->smsg[ns].msg_hdr.msg_iov = &g->siov[ns];
			g->smsg[ns].msg_hdr.msg_iovlen = 1;
			ns++;
			break;
		}
	}
	gro_flush(g);
	send_batch(g->send_fd != -1 ? g->send_fd : g->gre_fd, g->smsg, ns);
	send_batch(g->gre6_fd, g->smsg6, ns6);
	g->ov.n = 0;
}

static void
room_for(struct gre *g, unsigned int need)
{
	if (g->ov.cap - g->ov.n < need)
		flush_out(g);
}

/*
 * At debug level: name each new drop (rate-limited), so a failing
 * session shows why in the log without a packet dump.
 */
static void
debug_drops(struct gre *g, uint64_t now)
{
	const uint32_t *cur = g->table.drops_all;
	uint32_t d;

	if (log_get_verbose() < 1)
		return;
	if (now - g->dbg_window > 1000) {
		g->dbg_window = now;
		g->dbg_lines = 0;
	}
	for (d = 0; d < GRE_DROP_N; d++) {
		if (cur[d] != g->dbg_last[d] && g->dbg_lines < 20) {
			log_debug("drop %s (total %u)",
			    gre_drop_name((enum gre_drop)d), cur[d]);
			g->dbg_lines++;
		}
		g->dbg_last[d] = cur[d];
	}
}

/*
 * GRE for a call id no session holds (gre_rx_packet's one
 * HP_E_NOTFOUND): the first from a source goes to master for the log.
 * The header is decoded again here, not in the data path: strays are
 * rare, and the data path stays free of reporting.
 */
static void
stray_seen(struct gre *g, const uint8_t *raw, size_t n, uint64_t now)
{
	struct m_gre_stray m;
	struct gre_pkt pkt;
	enum gre_drop why;
	uint32_t held;

	if (gre_pkt_decode(raw, n, &pkt, &why) != HP_OK ||
	    !gre_stray_report(&g->stray, pkt.src, now, &held))
		return;
	/* like PPP frames: never fill the queue to master with these */
	if (g->chan->qlen >= MSG_QUEUE_MAX / 2)
		return;
	memset(&m, 0, sizeof(m));
	m.src = htonl(pkt.src);
	m.family = 4;
	m.call_id = pkt.gre.call_id;
	m.suppressed = held;
	to_master(g, MSG_GRE_STRAY, 0, &m, sizeof(m));
}

/* One packet of IPv4 GRE, from a socket read or a ring frame. */
static void
gre_one(struct gre *g, const uint8_t *raw, size_t n, uint64_t now)
{
	room_for(g, GRE_RX_MAX_OUT);
	/* errors are counted inside; only a stray is told */
	if (gre_rx_packet(&g->table, &g->pool, raw, n, now, &g->ov) ==
	    HP_E_NOTFOUND)
		stray_seen(g, raw, n, now);
}

/*
 * The ring's next frame.  The kernel woke us for the first: if it is
 * not where we expect it, we lost the kernel's place (a restart, a new
 * copy of the socket), and look for it once; later in the same wake-up
 * an empty frame only means we are done.
 */
static uint8_t *
ring_take(struct gre *g, bool first, const uint8_t **pkt, size_t *len)
{
	uint8_t *f;

	if ((f = gre_ring_next(&g->ring, pkt, len)) == NULL && first &&
	    gre_ring_resync(&g->ring))
		f = gre_ring_next(&g->ring, pkt, len);
	return f;
}

/*
 * GRE from the packet socket's ring: at most BATCH frames a wake-up,
 * as from a socket, each handed back once the data path has its
 * outputs (they are copies: nothing points into the frame after).
 */
static void
ring_readable(struct gre *g, uint64_t now)
{
	const uint8_t *pkt;
	uint8_t *f;
	size_t len;
	int i;

	for (i = 0; i < BATCH; i++) {
		if ((f = ring_take(g, i == 0, &pkt, &len)) == NULL)
			break;
		if (pkt == NULL)
			gre_count_drop(&g->table, NULL, GRE_DROP_IP_SHORT);
		else
			gre_one(g, pkt, len, now);
		gre_ring_release(f);
	}
	flush_out(g);
	debug_drops(g, now);
}

static void
gre_readable(struct gre *g, uint64_t now)
{
	int i, n;

	if (gre_ring_mapped(&g->ring)) {
		ring_readable(g, now);
		return;
	}

	for (i = 0; i < BATCH; i++) {
		g->riov[i].iov_base = g->rx[i];
		g->riov[i].iov_len = sizeof(g->rx[i]);
		memset(&g->rmsg[i], 0, sizeof(g->rmsg[i]));
		g->rmsg[i].msg_hdr.msg_iov = &g->riov[i];
		g->rmsg[i].msg_hdr.msg_iovlen = 1;
	}
	n = recvmmsg(g->gre_fd, g->rmsg, BATCH, MSG_DONTWAIT, NULL);
	for (i = 0; i < n; i++)
		gre_one(g, g->rx[i], g->rmsg[i].msg_len, now);
	flush_out(g);
	debug_drops(g, now);
}

/* The same for the raw IPv6 socket: GRE first, the source apart. */
static void
stray_seen6(struct gre *g, const uint8_t src6[16], const uint8_t *raw,
    size_t n, uint64_t now)
{
	struct m_gre_stray m;
	struct gre_hdr h;
	const uint8_t *payload;
	enum gre_drop why;
	uint32_t held;

	if (gre_hdr_decode(raw, n, &h, &payload, &why) != HP_OK ||
	    !gre_stray_report(&g->stray, gre_stray_key6(src6), now, &held))
		return;
	if (g->chan->qlen >= MSG_QUEUE_MAX / 2)
		return;
	memset(&m, 0, sizeof(m));
	m.family = 6;
	memcpy(m.src6, src6, sizeof(m.src6));
	m.call_id = h.call_id;
	m.suppressed = held;
	to_master(g, MSG_GRE_STRAY, 0, &m, sizeof(m));
}

/*
 * The raw IPv6 GRE socket: the datagram starts at the GRE header and
 * its source is the socket address.
 */
static void
gre6_readable(struct gre *g, uint64_t now)
{
	int i, n;

	for (i = 0; i < BATCH; i++) {
		g->riov[i].iov_base = g->rx[i];
		g->riov[i].iov_len = sizeof(g->rx[i]);
		memset(&g->rmsg[i], 0, sizeof(g->rmsg[i]));
		g->rmsg[i].msg_hdr.msg_name = &g->rsrc6[i];
		g->rmsg[i].msg_hdr.msg_namelen = sizeof(g->rsrc6[i]);
		g->rmsg[i].msg_hdr.msg_iov = &g->riov[i];
		g->rmsg[i].msg_hdr.msg_iovlen = 1;
	}
	n = recvmmsg(g->gre6_fd, g->rmsg, BATCH, MSG_DONTWAIT, NULL);
	for (i = 0; i < n; i++) {
		room_for(g, GRE_RX_MAX_OUT);
		if (g->rmsg[i].msg_hdr.msg_namelen < sizeof(g->rsrc6[i]) ||
		    g->rsrc6[i].sin6_family != AF_INET6) {
			gre_count_drop(&g->table, NULL, GRE_DROP_IP_SHORT);
			continue;
		}
		/* errors are counted inside; only a stray is told */
		if (gre_rx_packet6(&g->table, &g->pool,
		    g->rsrc6[i].sin6_addr.s6_addr, g->rx[i],
		    g->rmsg[i].msg_len, now, &g->ov) == HP_E_NOTFOUND)
			stray_seen6(g, g->rsrc6[i].sin6_addr.s6_addr,
			    g->rx[i], g->rmsg[i].msg_len, now);
	}
	flush_out(g);
	debug_drops(g, now);
}

/*
 * A TSO super-packet: each piece is cut straight into an output
 * buffer, where gre_tx_ip takes it as it would a packet read alone.
 */
static unsigned int
tun_cut(struct gre *g, struct tso_cut *c, uint64_t now)
{
	struct gre_out *o;
	unsigned int k = 0;
	size_t n;

	if (!g->gso_logged) {
		g->gso_logged = true;
		log_info("tun: TCP offload in use: %zu bytes read at once, "
		    "cut into %zu packets", c->len,
		    (c->len - c->hl + c->mss - 1) / c->mss);
	}
	for (;;) {
		room_for(g, 1);
		o = &g->ov.v[g->ov.n];
		if ((n = tso_next(c, o->buf + GRE_TX_OVERHEAD)) == 0)
			break;
		k++;
		if (gre_tx_ip(&g->table, o->buf + GRE_TX_OVERHEAD, n, now,
		    o) == HP_OK)
			g->ov.n++;
	}
	return k;
}

/*
 * One read of a tun with virtio-net headers, into tun_big: the header,
 * then a packet of up to 64 KB.  gre_tx_ip takes a packet that needs
 * no cutting from there as it is (it encrypts into the output buffer,
 * which costs no more than a read into it would); a TSO super-packet
 * is cut into output buffers.  Returns the packets it made (a drop
 * counts as one), 0 when there was nothing to read.
 */
static unsigned int
tun_read_vnet(struct gre *g, uint64_t now)
{
	uint8_t *p = g->tun_big + TSO_VHDR_LEN;
	struct tso_cut c;
	struct gre_out *o;
	ssize_t r;
	size_t n;
	int e;

	if ((r = read(g->tun_fd, g->tun_big, sizeof(g->tun_big))) <= 0)
		return 0;
	if ((size_t)r < TSO_VHDR_LEN || (size_t)r == sizeof(g->tun_big)) {
		/* no header, or perhaps cut short: the buffer is full */
		gre_count_drop(&g->table, NULL, GRE_DROP_TX_BAD);
		return 1;
	}
	n = (size_t)r - TSO_VHDR_LEN;
	if ((e = tso_begin(&c, g->tun_big, p, n, GRE_TX_MAX)) != HP_OK) {
		gre_count_drop(&g->table, NULL, e == HP_E_LONG ?
		    GRE_DROP_TX_TOOBIG : GRE_DROP_TX_BAD);
		return 1;
	}
	if (c.kind != TSO_ONE)
		return tun_cut(g, &c, now);
	room_for(g, 1);
	o = &g->ov.v[g->ov.n];
	if (gre_tx_ip(&g->table, p, n, now, o) == HP_OK)
		g->ov.n++;
	return 1;
}

static void
tun_readable(struct gre *g, uint64_t now)
{
	ssize_t n;
	int i;

	/*
	 * About BATCH packets a wake-up, as without offloads (one burst may
	 * go over): the GRE socket and master wait no longer for a busy
	 * tun than they did.
	 */
	if (g->tun_vnet) {
		unsigned int made = 0, k;

		while (made < BATCH && (k = tun_read_vnet(g, now)) > 0)
			made += k;
		flush_out(g);
		return;
	}
	for (i = 0; i < BATCH; i++) {
		struct gre_out *o;

		room_for(g, 1);
		o = &g->ov.v[g->ov.n];
		/* read straight into the output buffer past the headers */
		n = read(g->tun_fd, o->buf + GRE_TX_OVERHEAD,
		    sizeof(o->buf) - GRE_TX_OVERHEAD);
		if (n <= 0)
			break;
		if (gre_tx_ip(&g->table, o->buf + GRE_TX_OVERHEAD, (size_t)n,
		    now, o) == HP_OK)
			g->ov.n++;
	}
	flush_out(g);
}

static void
gre_on_config(void *arg, void *unused, struct msg *msg)
{
	const struct m_gre_config *c = (const void *)msg->data;
	struct gre *g = arg;

	if (g->configured) {		/* reload: only what is live-safe */
		g->cfg.mss_adjust = c->mss_adjust;
		g->cfg.client_to_client = c->client_to_client;
		g->table.client_to_client = c->client_to_client != 0;
		/* new sessions take the new reorder window */
		g->table.reorder_win = c->reorder_win;
		g->table.reorder_ms = c->reorder_ms;
		log_set_verbose(c->verbose);
		return;
	}
	g->cfg = *c;
	if (gre_table_init(&g->table, c->max_sessions) != HP_OK ||
	    gre_pool_init(&g->pool, POOL_BUFS) != HP_OK)
		fatalx("out of memory for %u sessions", c->max_sessions);
	g->table.client_to_client = c->client_to_client != 0;
	g->table.reorder_win = c->reorder_win;
	g->table.reorder_ms = c->reorder_ms;
	gre_stray_init(&g->stray, now_ms());
	g->configured = true;
	log_set_verbose(c->verbose);
}

static void
add_fd(struct gre *g, int *slot, int fd, int tag)
{
	struct epoll_event ev;

	if (*slot != -1) {		/* a fresh copy after a reload */
		(void)epoll_ctl(g->ep, EPOLL_CTL_DEL, *slot, NULL);
		close(*slot);
	}
	*slot = fd;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u32 = (uint32_t)tag;
	if (epoll_ctl(g->ep, EPOLL_CTL_ADD, fd, &ev) == -1)
		fatal("epoll_ctl");
}

static uint16_t
mss_for(const struct gre *g)
{
	return g->cfg.mss_adjust ? (uint16_t)(g->cfg.mtu - 40) : 0;
}

/* The mode (RFC 3078 bits) is one the call's MPPE_* policy allows. */
static bool
mppe_allowed(uint8_t policy, uint32_t bits)
{
	uint8_t need = (bits & MPPE_BIT_S) ? MPPE_ALLOW_128 :
	    (bits & MPPE_BIT_M) ? MPPE_ALLOW_56 : MPPE_ALLOW_40;

	return (policy & need) != 0 &&
	    ((bits & MPPE_BIT_H) != 0 || (policy & MPPE_ALLOW_STATEFUL) != 0);
}

static void
gre_on_ccp_mode(void *arg, void *sess, struct msg *msg)
{
	const struct m_ccp_mode *c = (const void *)msg->data;
	struct gre *g = arg;
	struct gre_sess *s = sess;
	enum mppe_strength st = (c->bits & MPPE_BIT_S) ? MPPE_128 :
	    (c->bits & MPPE_BIT_M) ? MPPE_56 : MPPE_40;
	bool stateless = (c->bits & MPPE_BIT_H) != 0;
	int r;

	if (!s->keys_set || !mppe_allowed(s->mppe_policy, c->bits)) {
		/*
		 * The peer expects encrypted frames (or master let a mode
		 * through that the call's policy does not allow): nothing of
		 * this session may leave in clear, so IP is dropped until it
		 * ends.
		 */
		log_warnx("sid=0x%x: MPPE %s: IP blocked", s->sid,
		    s->keys_set ? "mode outside the policy" : "without keys");
		gre_sess_set_link(s, false, false, mss_for(g), true);
		return;
	}
	/* a second CCP open restarts the direction: its old state goes */
	if (c->dir == CCP_DIR_RX) {
		mppe_wipe(&s->rx);
		r = mppe_init(&s->rx, s->recv_start, st, stateless);
	} else {
		mppe_wipe(&s->tx);
		r = mppe_init(&s->tx, s->send_start, st, stateless);
	}
	if (r != HP_OK)
		log_warnx("sid=0x%x: MPPE init: %s", s->sid, hp_strerror(r));
	/* once MPPE ran, nothing of this session goes in clear */
	gre_sess_set_link(s, false, false, mss_for(g), true);
}

/*
 * What a report is due for: packets moved and packets dropped, so a
 * session that only drops (a spoofer, a policer at work) still has its
 * drops reported as they grow, not just once.
 */
/* Every packet of the session gre dropped, for whatever reason. */
static uint64_t
drops_total(const struct gre_sess *s)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < GRE_DROP_N; i++)
		n += s->ctr.drop[i];
	return n;
}

static uint64_t
counters_moved(const struct gre_sess *s)
{
	return s->ctr.rx_pkts + s->ctr.tx_pkts + s->down.drops + s->up.drops +
	    drops_total(s);
}

static void
send_counters(struct gre *g, uint16_t type, struct gre_sess *s)
{
	struct m_gre_stats st;

	memset(&st, 0, sizeof(st));
	st.bytes_in = s->ctr.rx_bytes;
	st.bytes_out = s->ctr.tx_bytes;
	st.pkts_in = s->ctr.rx_pkts;
	st.pkts_out = s->ctr.tx_pkts;
	st.drops = drops_total(s);
	st.rate_drops_down = s->down.drops;
	st.rate_drops_up = s->up.drops;
	s->ctr.reported = counters_moved(s);
	to_master(g, type, s->sid, &st, sizeof(st));
}

/*
 * A session's first IPv6 packet from outside its /64 (datapath.c keeps
 * its source): one log line per session, at the next report, however
 * many follow (the count is in its drops).
 */
static bool
log_spoof6(struct gre_sess *s)
{
	char a[INET6_ADDRSTRLEN];

	if (s->spoof6_logged || s->ctr.drop[GRE_DROP_INGRESS6] == 0)
		return false;
	s->spoof6_logged = true;
	if (inet_ntop(AF_INET6, s->spoof6_src, a, sizeof(a)) == NULL)
		a[0] = '\0';
	log_warnx("sid=0x%x: IPv6 from %s, outside the session's prefix: "
	    "dropped (%llu so far; no more lines for this session)", s->sid,
	    a, (unsigned long long)s->ctr.drop[GRE_DROP_INGRESS6]);
	return true;
}

/* The worker's own counters, when one moved since the last report. */
static void
report_worker(struct gre *g)
{
	static const struct m_gre_worker zero;

	if (memcmp(&g->wk, &zero, sizeof(zero)) == 0)
		return;
	to_master(g, MSG_GRE_WORKER, 0, &g->wk, sizeof(g->wk));
	memset(&g->wk, 0, sizeof(g->wk));
}

/*
 * Every GRE_REPORT_MS, tell master the counters of each session that
 * moved packets since its last report (idle sessions cost nothing), so
 * hpptpctl can show them and a gre crash loses at most one interval.
 * The reports yield to the messages that matter: with master's queue a
 * quarter full the walk stops where it is and goes on shortly.
 * Returns the ms until the next walk, for the epoll timeout.
 */
static int
report_counters(struct gre *g, uint64_t now)
{
	struct gre_table *t = &g->table;

	if (!g->configured)
		return -1;
	if (now < g->rep_next)
		return (int)(g->rep_next - now);
	/*
	 * Over the sessions in use only (a removal while the walk waits may
	 * move one behind the cursor: it is reported next time).
	 */
	for (; g->rep_cursor < gre_table_count(t); g->rep_cursor++) {
		struct gre_sess *s = gre_table_live(t, g->rep_cursor);

		if (!log_spoof6(s) && counters_moved(s) == s->ctr.reported)
			continue;
		if (g->chan->qlen >= MSG_QUEUE_MAX / 4) {
			g->rep_next = now + 100;
			return 100;
		}
		send_counters(g, MSG_GRE_COUNTERS, s);
	}
	g->rep_cursor = 0;
	g->rep_next = now + GRE_REPORT_MS;
	report_worker(g);
	return GRE_REPORT_MS;
}

#ifdef HP_TEST_HOOKS
/*
 * Test builds only (tests/security/t_redteam.sh): a compromised gre,
 * the real code in the real sandbox.  HP_EVIL_GRE (passed on by master
 * in test builds) makes it report counters, on each session it is
 * given, for a session it was never given:
 *	foreign-counters=made-up  sid 0x0bad0000, which master never
 *				  issues (slot 0)
 *	foreign-counters=earlier  the sid master issued just before this
 *				  one (generation - 1, slot - 1: both count
 *				  up), in the test a connection with no call
 */
#define EVIL_SID_MADE_UP	0x0bad0000u
static void
evil_counters(struct gre *g, uint32_t sid)
{
	const char *e = getenv("HP_EVIL_GRE");
	struct m_gre_stats st;
	uint32_t to;

	if (e == NULL)
		return;
	if (strcmp(e, "foreign-counters=made-up") == 0)
		to = EVIL_SID_MADE_UP;
	else if (strcmp(e, "foreign-counters=earlier") == 0)
		to = (((sid >> 16) - 1) << 16) |
		    (((sid & 0xffff) - 1) & 0xffff);
	else
		return;
	memset(&st, 0, sizeof(st));
	st.bytes_in = st.bytes_out = 6666666;
	st.pkts_in = st.pkts_out = 6666;
	log_info("evil: counters for sid=0x%x (given 0x%x)", to, sid);
	to_master(g, MSG_GRE_COUNTERS, to, &st, sizeof(st));
}
#endif

/* ---- master's messages: gre_rows below ---- */

static void
gre_on_socket(void *arg, void *unused, struct msg *msg)
{
	const struct m_fd *f = (const void *)msg->data;
	struct gre *g = arg;

	gre_ring_unmap(&g->ring);
	add_fd(g, &g->gre_fd, msg->fd, EV_GRE);
	msg->fd = -1;
	/* a socket with a ring queues nothing for a read: no GRE without */
	if ((f->flags & M_FD_RING) && gre_ring_map(&g->ring, g->gre_fd) !=
	    HP_OK)
		fatal("mmap of the GRE socket's receive ring");
}

/* The raw IPv6 GRE socket (master/gre_sock.c): GRE of IPv6 peers. */
static void
gre_on_socket6(void *arg, void *unused, struct msg *msg)
{
	struct gre *g = arg;

	add_fd(g, &g->gre6_fd, msg->fd, EV_GRE6);
	msg->fd = -1;
}

/*
 * Several data workers: GRE arrives on gre_fd (a packet socket) and
 * leaves on this one, master's raw GRE socket shared by all workers
 * (its filter keeps nothing, so nothing arrives on it): not in epoll.
 */
static void
gre_on_send_socket(void *arg, void *unused, struct msg *msg)
{
	struct gre *g = arg;

	if (g->send_fd != -1)
		close(g->send_fd);
	g->send_fd = msg->fd;
	msg->fd = -1;
}

static void
gre_on_tun(void *arg, void *unused, struct msg *msg)
{
	const struct m_fd *f = (const void *)msg->data;
	struct gre *g = arg;

	add_fd(g, &g->tun_fd, msg->fd, EV_TUN);
	g->tun_vnet = (f->flags & M_FD_VNET_HDR) != 0;
	msg->fd = -1;
}

static void
gre_on_add(void *arg, void *unused, struct msg *msg)
{
	const struct m_gre_add *a = (const void *)msg->data;
	struct gre *g = arg;
	struct m_gre_added added;
	struct gre_sess_conf sc;
	struct gre_sess *s;

	if (!g->configured)
		fatalx("session before configuration");
	memset(&sc, 0, sizeof(sc));
	sc.sid = msg->hdr.sid;
	sc.call_id = a->call_id;
	sc.peer_call_id = a->peer_call_id;
	sc.peer_addr = ntohl(a->peer_ip);
	sc.peer_is6 = a->family == 6;
	memcpy(sc.peer_addr6, a->peer_ip6, sizeof(sc.peer_addr6));
	sc.peer_rwin = a->peer_window;
	if ((added.status = gre_sess_add(&g->table, &sc, &s)) != HP_OK)
		log_warnx("sid=0x%x: cannot add session", sc.sid);
	else {
		/*
		 * "mppe required" holds from the first packet: no IP of
		 * this call passes in clear, whatever ctrl says.
		 */
		s->mppe_policy = a->mppe;
		gre_sess_set_link(s, false, false, mss_for(g),
		    (a->mppe & MPPE_REQUIRED) != 0);
	}
	/* master lets ctrl answer the OCRP only after this */
	(void)msg_send(g->chan, MSG_GRE_ADDED, sc.sid, &added, sizeof(added),
	    -1);
#ifdef HP_TEST_HOOKS
	evil_counters(g, sc.sid);
#endif
}

static void
gre_on_keys(void *arg, void *sess, struct msg *msg)
{
	const struct m_session_keys *k = (const void *)msg->data;

	gre_sess_set_keys(sess, k->send, k->recv);
}

static void
gre_on_route(void *arg, void *sess, struct msg *msg)
{
	const struct m_gre_route *r = (const void *)msg->data;
	struct gre *g = arg;
	struct gre_sess *s = sess;

	if (gre_sess_set_addr(&g->table, s, ntohl(r->peer_ip)) != HP_OK)
		log_warnx("sid=0x%x: address in use", s->sid);
}

/* A RADIUS user's MSS clamp and routes (master checked them). */
static void
gre_on_sess_opts(void *arg, void *sess, struct msg *msg)
{
	const struct m_gre_sess_opts *o = (const void *)msg->data;
	struct gre *g = arg;
	struct gre_sess *s = sess;

	if (o->mss != 0) {
		s->mss_max = o->mss;
		if (s->mss == 0 || s->mss > o->mss)
			s->mss = o->mss;
	}
	if (gre_framed_set(&g->table, s, o->routes, o->nroutes) != HP_OK)
		log_warnx("sid=0x%x: %u Framed-Routes: gre's list of %u is "
		    "full", s->sid, (unsigned)o->nroutes, GRE_FRAMED_MAX);
}

static void
gre_on_route6(void *arg, void *sess, struct msg *msg)
{
	const struct m_prefix6 *r = (const void *)msg->data;
	struct gre *g = arg;
	struct gre_sess *s = sess;
	uint64_t p = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)		/* the /64, as datapath.c reads it */
		p = p << 8 | r->prefix[i];
	if (gre_sess_set_prefix6(&g->table, s, p) != HP_OK)
		log_warnx("sid=0x%x: IPv6 prefix in use", s->sid);
}

/* Another data worker's client: its address, for client-to-client. */
static void
gre_on_peer(void *arg, void *unused, struct msg *msg)
{
	const struct m_gre_peer *p = (const void *)msg->data;
	struct gre *g = arg;
	int r;

	if (!g->configured)
		return;
	if (p->op == GRE_PEER_DEL) {
		gre_peer_del(&g->table, ntohl(p->addr));
		return;
	}
	if ((r = gre_peer_add(&g->table, ntohl(p->addr))) != HP_OK &&
	    r != HP_E_DUP)
		log_warnx("other worker's client: %s", hp_strerror(r));
}

static void
gre_on_rate(void *arg, void *sess, struct msg *msg)
{
	const struct m_gre_rate *r = (const void *)msg->data;

	(void)arg;
	gre_sess_set_rate(sess, r->down_bps, r->up_bps, r->burst, now_ms());
}

static void
gre_on_ppp(void *arg, void *sess, struct msg *msg)
{
	struct gre *g = arg;

	room_for(g, 1);
	if (gre_tx_ctrl(&g->table, sess, msg->data, msg->hdr.len,
	    &g->ov.v[g->ov.n]) == HP_OK)
		g->ov.n++;
	/* sent with the rest of the wake-up's frames (main loop) */
}

static void
gre_on_del(void *arg, void *sess, struct msg *msg)
{
	struct gre *g = arg;

	(void)log_spoof6(sess);
	send_counters(g, MSG_GRE_STATS, sess);
	gre_sess_remove(&g->table, &g->pool, sess);
}

/* A session master installed; nothing before the configuration. */
static void *
gre_session(void *arg, uint32_t sid)
{
	struct gre *g = arg;

	return g->configured ? gre_sess_by_sid(&g->table, sid) : NULL;
}

/* LCP opened (or left Opened): the echo keepalive, master's numbers. */
static void
gre_on_keepalive(void *arg, void *sess, struct msg *msg)
{
	const struct m_gre_keepalive *k = (const void *)msg->data;

	gre_sess_set_echo(&((struct gre *)arg)->table, sess, k->magic,
	    k->interval_s, k->failures, now_ms());
}

static const struct worker_handler gre_rows[MSG_NTYPES] = {
	[MSG_GRE_CONFIG] =	{ gre_on_config, 0 },
	[MSG_GRE_SOCKET] =	{ gre_on_socket, 0 },
	[MSG_TUN_DEVICE] =	{ gre_on_tun, 0 },
	[MSG_GRE_SEND_SOCKET] =	{ gre_on_send_socket, 0 },
	[MSG_GRE_SOCKET6] =	{ gre_on_socket6, 0 },
	[MSG_TEST_SYSCALL] =	{ worker_on_test, 0 },
	[MSG_GRE_ADD] =		{ gre_on_add, 0 },
	[MSG_GRE_KEYS] =	{ gre_on_keys, WH_SESSION | WH_WIPE },
	[MSG_GRE_CCP_MODE] =	{ gre_on_ccp_mode, WH_SESSION },
	[MSG_GRE_KEEPALIVE] =	{ gre_on_keepalive, WH_SESSION },
	[MSG_GRE_ROUTE] =	{ gre_on_route, WH_SESSION },
	[MSG_GRE_ROUTE6] =	{ gre_on_route6, WH_SESSION },
	[MSG_GRE_RATE] =	{ gre_on_rate, WH_SESSION },
	[MSG_GRE_SESS_OPTS] =	{ gre_on_sess_opts, WH_SESSION },
	[MSG_PPP_TO_GRE] =	{ gre_on_ppp, WH_SESSION },
	[MSG_GRE_DEL] =		{ gre_on_del, WH_SESSION },
	[MSG_GRE_PEER] =	{ gre_on_peer, 0 },
};

static const struct worker_disp gre_disp = {
	.id = P_GRE, .rows = gre_rows, .session = gre_session,
};

/*
 * Walk the armed sessions only when one is due (O(1) check): every
 * wakeup brings a batch, and idle sessions waiting on a timer (a held
 * gap, a delayed ack, a Reset-Request retry) must not cost each batch
 * a walk over all of them.  Otherwise the epoll timeout comes from the
 * earliest known deadline, which may be early, never late.
 */
static int
poll_timers(struct gre *g, uint64_t now)
{
	uint64_t next = 0;
	bool have = false;

	if (!g->configured)
		return -1;
	if (gre_table_due(&g->table, now)) {
		while (gre_table_poll(&g->table, &g->pool, now, &g->ov,
		    &next, &have) == HP_E_AGAIN)
			flush_out(g);
		flush_out(g);
	} else
		have = gre_table_next(&g->table, &next);
	if (!have)
		return -1;
	return next <= now ? 0 : next - now > 1000 ? 1000 : (int)(next - now);
}

int
main(int argc, char *argv[])
{
	static struct gre G;
	struct gre *g = &G;
	struct msg_chan chan;
	struct epoll_event ev[16];
	struct msg *msg;
	int ep, n, i;

	if ((msg = malloc(sizeof(*msg))) == NULL)
		fatal("malloc");
	/* libcrypto's and nettle's first use happens outside the sandbox */
	if (mppe_lib_init() != HP_OK)
		fatalx("mppe: RC4/SHA-1 fail the RFC 3079 known answer");
	ep = worker_start(&gre_disp, argc, argv, &chan);
	g->chan = &chan;
	g->ep = ep;
	g->gre_fd = g->tun_fd = g->send_fd = g->gre6_fd = -1;
	g->ov.v = g->out;
	g->ov.cap = OUT_CAP;
	gro_init(&g->gro, g->gro_buf);
	memset(&ev[0], 0, sizeof(ev[0]));
	ev[0].events = EPOLLIN;
	ev[0].data.u32 = EV_CHAN;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, chan.fd, &ev[0]) == -1)
		fatal("epoll_ctl");
	/* what one wake-up makes for master goes in one sendmmsg below */
	msg_cork(&chan);
	for (;;) {
		uint64_t now = now_ms();
		int timeout = poll_timers(g, now);
		int rep = report_counters(g, now);

		if (rep != -1 && (timeout == -1 || rep < timeout))
			timeout = rep;

		(void)msg_flush(&chan);
		if (msg_pending(&chan) && (timeout == -1 || timeout > 10))
			timeout = 10;
		n = epoll_wait(ep, ev, 16, timeout);
		if (n == -1 && errno != EINTR)
			fatal("epoll_wait");
		for (i = 0; i < n; i++) {
			switch (ev[i].data.u32) {
			case EV_GRE:
				gre_readable(g, now_ms());
				break;
			case EV_GRE6:
				gre6_readable(g, now_ms());
				break;
			case EV_TUN:
				tun_readable(g, now_ms());
				break;
			case EV_CHAN:
				worker_recv(&gre_disp, g, &chan, msg);
				/* their frames for peers: one send */
				flush_out(g);
				break;
			}
		}
	}
}
