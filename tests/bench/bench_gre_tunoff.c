/*
 * Benchmark (issue 18 item 7): what reading the clients' TCP traffic
 * from the tun costs per packet of at most 1400 bytes, the tun -> GRE
 * direction's first step:
 *
 *   plain    today's tun (IFF_TUN | IFF_NO_PI): the kernel cuts TCP
 *            into MTU-sized packets (software GSO) and every read(2)
 *            returns one;
 *   offload  IFF_VNET_HDR and TUNSETOFFLOAD(TUN_F_CSUM | TUN_F_TSO4):
 *            one read returns up to 64 KB of one TCP stream with a
 *            virtio-net header (gso_size, checksum still to do), and
 *            the reader cuts it into MTU-sized packets itself (IP and
 *            TCP headers, lengths, sequence numbers, both checksums)
 *            with gre's own code (gre/tso.c), as gre does before MPPE
 *            since tun-offload.
 *
 * In a network namespace of its own (unshare): tun bt0, mtu 1400,
 * 10.201.0.1/24.  A thread pinned to CPU 0 sends 64 KB per send(2) on
 * a TCP connection to 10.201.0.2, "behind" the tun; a thread pinned to
 * CPU 1 plays that peer: it answers the SYN (MSS 1360, window scale 7)
 * and acknowledges every 64 KB read and the end of each burst (when a
 * read finds nothing more), in both modes alike.  Per mode, -d
 * ms per run, best of -t runs: packets/s, the process's CPU per packet
 * (the sender's TCP and the kernel's cutting or GSO hand-off, the
 * reader's reads, cutting and ACK writes), and the reader's alone.
 *
 *   build/bench/bench_gre_tunoff [-d ms] [-t runs]
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "common/err.h"
#include "common/inet_csum.h"
#include "gre/tso.h"

#define TUN_NAME	"bt0"
#define MTU		1400
#define LOCAL		"10.201.0.1"
#define PEER		"10.201.0.2"
#define PORT		5001
#define SEND_CHUNK	65536
#define ACK_EVERY	65536
#define PEER_ISS	1000u
#define VHDR		sizeof(struct virtio_net_hdr)

struct run {
	bool		 offload;
	int		 tun;
	atomic_bool	 stop;
	/* the reader's peer state */
	uint32_t	 rcv_nxt, acked, snd_nxt;
	uint16_t	 sport;
	bool		 established;
	/* counted by the reader */
	uint64_t	 pkts, reads, bytes;
	uint64_t	 reader_ns;
};

/* TCP checksum of the segment at tcp (len bytes) in the IPv4 packet ip. */
static void
tcp_csum(struct iphdr *ip, uint8_t *tcp, size_t len)
{
	uint32_t sum = 0;

	sum = inet_csum_add(sum, (const uint8_t *)&ip->saddr, 8);
	sum += IPPROTO_TCP + (uint32_t)len;
	((struct tcphdr *)(void *)tcp)->check = 0;
	sum = inet_csum_add(sum, tcp, len);
	((struct tcphdr *)(void *)tcp)->check = htons(inet_csum_fold(sum));
}

static int
tun_open(bool offload)
{
	int fd, sz = (int)VHDR;

	fd = bench_tun_open(TUN_NAME, offload ? IFF_VNET_HDR : 0, LOCAL, MTU);
	if (offload && (ioctl(fd, TUNSETVNETHDRSZ, &sz) == -1 ||
	    ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4) == -1))
		bench_die("TUNSETOFFLOAD");
	return fd;
}

/* Write an empty TCP segment from the peer: a SYN-ACK or an ACK. */
static void
peer_send(struct run *r, uint8_t flags)
{
	uint8_t pkt[VHDR + 64];
	uint8_t *p = pkt + (r->offload ? VHDR : 0);
	struct iphdr *ip = (struct iphdr *)(void *)p;
	struct tcphdr *th = (struct tcphdr *)(void *)(p + 20);
	size_t tcplen = 20;

	memset(pkt, 0, sizeof(pkt));
	if (flags & TH_SYN) {		/* MSS 1360, NOP, window scale 7 */
		static const uint8_t opt[8] = { 2, 4, (MTU - 40) >> 8,
		    (MTU - 40) & 0xff, 1, 3, 3, 7 };

		memcpy(p + 40, opt, sizeof(opt));
		tcplen += sizeof(opt);
	}
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_TCP;
	ip->tot_len = htons((uint16_t)(20 + tcplen));
	inet_pton(AF_INET, PEER, &ip->saddr);
	inet_pton(AF_INET, LOCAL, &ip->daddr);
	bench_ip_csum((uint8_t *)ip);
	th->source = htons(PORT);
	th->dest = htons(r->sport);
	th->seq = htonl(r->snd_nxt);
	th->ack_seq = htonl(r->rcv_nxt);
	th->doff = (uint16_t)(tcplen / 4);
	th->syn = (flags & TH_SYN) != 0;
	th->ack = 1;
	th->window = htons(65535);
	tcp_csum(ip, p + 20, tcplen);
	if (write(r->tun, pkt, (size_t)(p - pkt) + 20 + tcplen) == -1 &&
	    errno != EAGAIN)
		bench_die("tun write");
	r->acked = r->rcv_nxt;
}

/* One packet (or super-packet) read from the tun, as the peer. */
static void
peer_input(struct run *r, uint8_t *buf, size_t n, uint8_t *out)
{
	uint8_t *p = buf;
	struct iphdr *ip;
	struct tcphdr *th;
	size_t iphl, hl, len;
	uint32_t seq;

	if (r->offload) {
		if (n < VHDR)
			return;
		p += VHDR;
		n -= VHDR;
	}
	ip = (struct iphdr *)(void *)p;
	if (n < 40 || ip->version != 4 || ip->protocol != IPPROTO_TCP)
		return;
	iphl = (size_t)ip->ihl * 4;
	th = (struct tcphdr *)(void *)(p + iphl);
	hl = iphl + (size_t)th->doff * 4;
	if (hl > n)
		return;
	len = n - hl;
	seq = ntohl(th->seq);
	if (th->syn) {
		r->sport = ntohs(th->source);
		r->rcv_nxt = seq + 1;
		r->snd_nxt = PEER_ISS;
		peer_send(r, TH_SYN);
		r->snd_nxt++;
		r->established = true;
		return;
	}
	if (len == 0)
		return;
	if (seq != r->rcv_nxt) {	/* a queue overflowed: say so at once */
		peer_send(r, 0);
		return;
	}
	r->rcv_nxt += (uint32_t)len;
	r->bytes += len;
	r->reads++;
	if (r->offload) {
		struct tso_cut c;

		if (tso_begin(&c, buf, p, n, MTU + 64) != HP_OK)
			bench_die("tso_begin");
		if (c.kind == TSO_ONE)
			r->pkts++;
		while (tso_next(&c, out) != 0)
			r->pkts++;
	} else
		r->pkts++;
	if (r->rcv_nxt - r->acked >= ACK_EVERY)
		peer_send(r, 0);
}

static void *
reader(void *arg)
{
	struct run *r = arg;
	static uint8_t buf[VHDR + 65536 + 256], out[MTU + 64];
	struct pollfd pfd = { .fd = r->tun, .events = POLLIN };
	uint64_t t0;
	ssize_t n;

	bench_pin(1);
	t0 = bench_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	while (!atomic_load(&r->stop)) {
		if ((n = read(r->tun, buf, sizeof(buf))) == -1) {
			if (errno != EAGAIN && errno != EINTR)
				bench_die("tun read");
			/* the burst is read: ack it, or the window stalls */
			if (r->established && r->rcv_nxt != r->acked)
				peer_send(r, 0);
			(void)poll(&pfd, 1, 10);
			continue;
		}
		peer_input(r, buf, (size_t)n, out);
	}
	r->reader_ns = bench_clock_ns(CLOCK_THREAD_CPUTIME_ID) - t0;
	return NULL;
}

struct result {
	double	pps, ns_all, ns_reader, seg_per_read;
};

static struct result
one_run(bool offload, unsigned ms)
{
	static char chunk[SEND_CHUNK];
	struct run r;
	struct result res;
	struct sockaddr_in sin;
	pthread_t th;
	uint64_t w0, c0, w1, c1, p0, end;
	int s, fl;

	memset(&r, 0, sizeof(r));
	r.offload = offload;
	r.tun = tun_open(offload);
	fl = fcntl(r.tun, F_GETFL);
	(void)fcntl(r.tun, F_SETFL, fl | O_NONBLOCK);
	if (pthread_create(&th, NULL, reader, &r) != 0)
		bench_die("pthread_create");
	bench_pin(0);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		bench_die("socket");
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(PORT);
	inet_pton(AF_INET, PEER, &sin.sin_addr);
	if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		bench_die("connect");
	/* a second to let the window open, then the measured span */
	end = bench_clock_ns(CLOCK_MONOTONIC) + 1000000000ull;
	while (bench_clock_ns(CLOCK_MONOTONIC) < end)
		if (send(s, chunk, sizeof(chunk), 0) == -1)
			bench_die("send");
	w0 = bench_clock_ns(CLOCK_MONOTONIC);
	c0 = bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	p0 = r.pkts;	/* the reader's, read racily: a start mark */
	end = w0 + (uint64_t)ms * 1000000ull;
	while (bench_clock_ns(CLOCK_MONOTONIC) < end)
		if (send(s, chunk, sizeof(chunk), 0) == -1)
			bench_die("send");
	w1 = bench_clock_ns(CLOCK_MONOTONIC);
	c1 = bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	atomic_store(&r.stop, true);
	pthread_join(th, NULL);
	close(s);
	close(r.tun);
	res.pps = (double)(r.pkts - p0) * 1e9 / (double)(w1 - w0);
	res.ns_all = (double)(c1 - c0) / (double)(r.pkts - p0);
	res.ns_reader = (double)r.reader_ns / (double)r.pkts;
	res.seg_per_read = (double)r.pkts / (double)(r.reads ? r.reads : 1);
	return res;
}

int
main(int argc, char *argv[])
{
	struct result best[2], x;
	unsigned ms = 2000, runs = 3, t, m;

	bench_opts(argc, argv, &ms, &runs);
	if (unshare(CLONE_NEWNET) == -1)
		bench_die("unshare(CLONE_NEWNET)");
	memset(best, 0, sizeof(best));
	for (t = 0; t < runs; t++)
		for (m = 0; m < 2; m++) {
			x = one_run(m == 1, ms);
			if (best[m].ns_all == 0 || x.ns_all < best[m].ns_all)
				best[m] = x;
		}
	printf("tun reads, TCP to a peer behind the tun, mtu %d, best of %u "
	    "x %u ms\n", MTU, runs, ms);
	printf("%-8s %12s %14s %14s %12s\n", "mode", "packets/s",
	    "ns/pkt (all)", "ns/pkt (read)", "pkts/read");
	for (m = 0; m < 2; m++)
		printf("%-8s %12.0f %14.0f %14.0f %12.1f\n",
		    m ? "offload" : "plain", best[m].pps, best[m].ns_all,
		    best[m].ns_reader, best[m].seg_per_read);
	printf("offload / plain, CPU per packet: all %.2f, reader %.2f\n",
	    best[1].ns_all / best[0].ns_all,
	    best[1].ns_reader / best[0].ns_reader);
	return 0;
}
