/*
 * hpptpd master: the gre data workers' sockets (gre_sock.h).
 *
 * One worker: one raw IPPROTO_GRE socket, as always -- it receives
 * every GRE packet for this host and sends.
 *
 * Several: the kernel must hand each GRE packet to one worker, at a cost
 * that does not grow with their number.  N raw GRE sockets would each
 * get a copy of every packet (raw_v4_input clones the packet for each
 * socket of the protocol, filter or not), so receiving is done by N
 * AF_PACKET SOCK_DGRAM sockets in one PACKET_FANOUT group: the kernel
 * runs one classic-BPF program per packet (gre_bpf_fanout: Call ID %
 * N) and queues the packet on that one socket; each socket's filter
 * (gre_bpf_packet) keeps GRE to this host only.  IP fragments are
 * reassembled before the choice (PACKET_FANOUT_FLAG_DEFRAG), as the IP
 * layer does for a raw socket.  Each packet socket has a receive ring
 * (common/gre_ring.h) that its worker maps: the kernel writes the
 * packet there and the worker reads it without a system call.  One raw
 * GRE socket, with a filter
 * that keeps nothing, is shared by all workers for sending: the kernel
 * builds the IP header as for one worker (a worker cannot choose the
 * source or the protocol), and since a raw socket of protocol 47 exists
 * the kernel does not answer GRE with ICMP protocol-unreachable.  It
 * costs one copy per received packet, for any N (one socket per worker
 * would cost N: raw_v4_input copies before the filter runs).  Master
 * keeps every packet socket open for its life, so a worker's
 * crash never changes the group's order (the kernel fills a leaving
 * member's place with the last one), and the restarted worker gets the
 * same socket with what queued meanwhile.
 *
 * Should the kernel refuse the fan-out, each worker gets a raw GRE
 * socket keeping its own shard (gre_bpf_shard): correct, with the
 * per-packet copies above, and said in the log.
 *
 * IPv6 peers (only when a `listen on` address is IPv6): each worker
 * gets a raw AF_INET6 IPPROTO_GRE socket that receives and sends, and
 * with several workers a filter keeping its shard (gre_bpf_shard6).
 * A raw socket rather than the packet fan-out because the IPv6 layer
 * has then reassembled fragments and walked extension headers (a
 * packet socket's program would see them raw, and the fan-out's
 * DEFRAG flag is IPv4 only): what reaches the socket is GRE from its
 * first byte, the source in the socket address.  The price is the
 * copy per worker described above, for IPv6 GRE only.  Its existence
 * also keeps the kernel from answering IPv6 GRE with ICMPv6
 * parameter-problem (unknown next header).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/gre_ring.h"
#include "common/log.h"
#include "master/gre_bpf.h"
#include "master/gre_sock.h"
#include "master/master.h"

#define SOCK_BUF	(4 << 20)

static int
attach(int fd, int level, int opt, struct sock_filter *code, size_t n)
{
	struct sock_fprog prog;

	if (n == 0) {
		errno = EINVAL;
		return -1;
	}
	prog.len = (unsigned short)n;
	prog.filter = code;
	return setsockopt(fd, level, opt, &prog, sizeof(prog));
}

static void
bufs(int fd, bool rcv)
{
	int buf = SOCK_BUF;

	if (rcv)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
}

/* A raw GRE socket: all of it (n == 1), a shard, or nothing (k == n). */
static int
raw_gre(unsigned int n, unsigned int k)
{
	struct sock_filter code[GRE_BPF_MAX];
	size_t len;
	int fd;

	if ((fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    IPPROTO_GRE)) == -1) {
		log_warn("raw GRE socket");
		return -1;
	}
	bufs(fd, k < n);
	if (n > 1 || k == n) {
		len = k == n ? gre_bpf_none(code, GRE_BPF_MAX) :
		    gre_bpf_shard(code, GRE_BPF_MAX, n, k);
		if (attach(fd, SOL_SOCKET, SO_ATTACH_FILTER, code, len) == -1) {
			log_warn("raw GRE socket filter");
			close(fd);
			return -1;
		}
	}
	return fd;
}

/*
 * Worker k's packet socket, with its receive ring (common/gre_ring.h;
 * *ring false if the kernel refused it: the worker then reads the
 * socket), joined to the fan-out group (*group: 0 for the first,
 * which asks the kernel for an unused group id).
 */
static int
packet_member(struct master *m, unsigned int k, int *group, bool *ring)
{
	struct sock_filter code[GRE_BPF_MAX];
	unsigned int ifs[GRE_WORKERS_MAX], i;
	socklen_t sl = sizeof(*group);
	int fd, val;

	for (i = 0; i < m->ngre; i++)
		ifs[i] = (unsigned int)m->gre_dev[i].tun_ifindex;
	if ((fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    htons(ETH_P_IP))) == -1) {
		log_warn("packet socket");
		return -1;
	}
	if (attach(fd, SOL_SOCKET, SO_ATTACH_FILTER, code,
	    gre_bpf_packet(code, GRE_BPF_MAX, ifs, m->ngre)) == -1) {
		log_warn("packet socket filter");
		goto fail;
	}
	bufs(fd, true);
	if (!(*ring = gre_ring_setup(fd) == 0))
		log_warn("GRE packet socket %u: receive ring", k);
	/* the mode and flags in the high 16 bits: DEFRAG (0x8000) set,
	 * which an int shift would overflow */
	val = (int)((uint32_t)*group | (uint32_t)(PACKET_FANOUT_CBPF |
	    PACKET_FANOUT_FLAG_DEFRAG | (k == 0 ? PACKET_FANOUT_FLAG_UNIQUEID :
	    0)) << 16);
	if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &val, sizeof(val)) ==
	    -1) {
		log_warn("PACKET_FANOUT");
		goto fail;
	}
	if (k == 0) {
		if (getsockopt(fd, SOL_PACKET, PACKET_FANOUT, &val, &sl) == -1 ||
		    attach(fd, SOL_PACKET, PACKET_FANOUT_DATA, code,
		    gre_bpf_fanout(code, GRE_BPF_MAX, m->ngre)) == -1) {
			log_warn("PACKET_FANOUT_DATA");
			goto fail;
		}
		*group = val & 0xffff;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

static int
setup_fanout(struct master *m)
{
	unsigned int k;
	int group = 0;

	for (k = 0; k < m->ngre; k++) {
		struct gre_dev *d = &m->gre_dev[k];

		if ((d->gre_fd = packet_member(m, k, &group, &d->gre_ring)) ==
		    -1)
			return -1;
		d->send_fd = m->gre_guard_fd;	/* shared, master's */
	}
	log_info("GRE: %u data workers, packet fan-out group %d by call id, "
	    "%s", m->ngre, group, m->gre_dev[0].gre_ring ?
	    "receive rings of " GRE_RING_SIZE_STR : "no receive rings");
	return 0;
}

/* Worker k's raw IPv6 GRE socket: all of it (n == 1) or its shard. */
static int
raw_gre6(unsigned int n, unsigned int k)
{
	struct sock_filter code[GRE_BPF_MAX];
	int fd;

	if ((fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    IPPROTO_GRE)) == -1) {
		log_warn("raw IPv6 GRE socket");
		return -1;
	}
	bufs(fd, true);
	if (n > 1 && attach(fd, SOL_SOCKET, SO_ATTACH_FILTER, code,
	    gre_bpf_shard6(code, GRE_BPF_MAX, n, k)) == -1) {
		log_warn("raw IPv6 GRE socket filter");
		close(fd);
		return -1;
	}
	return fd;
}

/* IPv6 GRE only if a control connection can come over IPv6. */
static bool
want_gre6(const struct master *m)
{
	unsigned int i;

	for (i = 0; i < m->conf.nlisten; i++)
		if (m->conf.listen[i].af == AF_INET6)
			return true;
	return false;
}

static int
setup_gre6(struct master *m)
{
	unsigned int k;

	if (!want_gre6(m))
		return 0;
	for (k = 0; k < m->ngre; k++)
		if ((m->gre_dev[k].gre6_fd = raw_gre6(m->ngre, k)) == -1)
			return -1;
	log_info("GRE: IPv6 peers on %u raw IPv6 GRE socket%s", m->ngre,
	    m->ngre == 1 ? "" : "s, one shard each");
	return 0;
}

static int
setup_gre4(struct master *m)
{
	unsigned int k;

	m->gre_guard_fd = -1;
	if (m->ngre == 1) {
		m->gre_dev[0].send_fd = -1;
		return (m->gre_dev[0].gre_fd = raw_gre(1, 0)) == -1 ? -1 : 0;
	}
	if ((m->gre_guard_fd = raw_gre(m->ngre, m->ngre)) == -1)
		return -1;
	if (setup_fanout(m) == 0)
		return 0;
	gre_sock_close(m);
	close(m->gre_guard_fd);
	m->gre_guard_fd = -1;
	log_warnx("GRE: no packet fan-out; each of the %u data workers has "
	    "a raw GRE socket keeping its shard (every GRE packet is copied "
	    "to each)", m->ngre);
	for (k = 0; k < m->ngre; k++) {
		m->gre_dev[k].send_fd = -1;
		if ((m->gre_dev[k].gre_fd = raw_gre(m->ngre, k)) == -1)
			return -1;
	}
	return 0;
}

int
gre_sock_setup(struct master *m)
{
	if (setup_gre4(m) == -1)
		return -1;
	return setup_gre6(m);
}

void
gre_sock_close(struct master *m)
{
	unsigned int k;

	for (k = 0; k < GRE_WORKERS_MAX; k++) {
		struct gre_dev *d = &m->gre_dev[k];

		if (d->gre_fd > 0)
			close(d->gre_fd);
		if (d->gre6_fd > 0)
			close(d->gre6_fd);
		d->gre_fd = d->send_fd = d->gre6_fd = -1; /* send: guard's */
		d->gre_ring = false;
	}
}

/*
 * The kernel counts per packet socket what it handed over and what it
 * dropped, and starts both again at each read: add them up here.  Its
 * count of packets includes the drops.
 */
static bool
ring_count(struct gre_dev *d, struct gre_ring_count *c)
{
	struct tpacket_stats st;
	socklen_t sl = sizeof(st);

	memset(c, 0, sizeof(*c));
	if (!d->gre_ring)
		return false;
	memset(&st, 0, sizeof(st));
	if (getsockopt(d->gre_fd, SOL_PACKET, PACKET_STATISTICS, &st, &sl) ==
	    0 && st.tp_packets >= st.tp_drops) {
		d->ring_in += st.tp_packets - st.tp_drops;
		d->ring_drops += st.tp_drops;
	}
	c->have = true;
	c->delivered = d->ring_in;
	c->dropped = d->ring_drops;
	return true;
}

unsigned int
gre_sock_ring_stats(struct master *m, struct gre_ring_count c[])
{
	unsigned int k, n = 0;

	for (k = 0; k < m->ngre; k++)
		if (ring_count(&m->gre_dev[k], &c[k]))
			n++;
	return n;
}

void
gre_sock_on_worker(struct master *m, unsigned int shard, const struct msg *msg)
{
	const struct m_gre_worker *w = (const void *)msg->data;
	struct m_gre_worker *sum;

	if (shard >= m->ngre)
		return;
	sum = &m->gre_dev[shard].wk;
	sum->tun_drops += w->tun_drops;
	sum->ctrl_drops += w->ctrl_drops;
	sum->joined_writes += w->joined_writes;
	sum->joined_pkts += w->joined_pkts;
}
