/*
 * Benchmark: what the kernel spends per GRE packet to reach the gre
 * data workers' sockets, by design and number of workers
 * (master/gre_sock.c says why the packet-socket fan-out):
 *
 *   raw     N raw IPPROTO_GRE sockets, each keeping its shard
 *           (gre_bpf_shard; N = 1: one socket, no filter): the kernel
 *           copies every packet to every socket before the filter runs;
 *   fanout  N AF_PACKET SOCK_DGRAM sockets in one PACKET_FANOUT_CBPF
 *           group (gre_bpf_fanout, gre_bpf_packet) plus one raw GRE
 *           socket that keeps nothing (so no ICMP unreachable), as
 *           master sets them up.
 *
 * In a network namespace of its own (unshare: nothing outside is
 * touched), one thread pinned to CPU 0 sends 1400-byte enhanced GRE
 * packets with Call IDs 0, 1, 2, ... to 127.0.0.1 from an IPPROTO_RAW
 * socket (which receives nothing), 32 per sendmmsg; on loopback the
 * receive side (IP input, raw delivery, packet taps) runs in that same
 * send, so the sender thread's CPU time per packet is the kernel's
 * cost per packet, delivery included (without the receivers' own
 * reads).  One thread per socket on CPU 1 drains and counts (with -q:
 * none, the queues fill and the kernel drops: delivery alone, without
 * the receivers' wake-ups).  Best of -t runs of -p packets each.
 *
 *   build/bench/bench_master_fanout [-q] [-p packets] [-t trials]
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
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

#include "master/gre_bpf.h"
#include "benchlib.h"

#define PKT_LEN		1400
#define BATCH		32
#define MAXS		8

static bool quiet;	/* -q: no receivers */

struct rx {
	pthread_t	 th;
	int		 fd;
	atomic_ulong	 n;
	atomic_bool	 stop;
};

static void
lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (fd == -1 || ioctl(fd, SIOCGIFFLAGS, &ifr) == -1)
		bench_die("lo");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) == -1)
		bench_die("lo up");
	close(fd);
}

static void
attach(int fd, int level, int opt, struct sock_filter *code, size_t n)
{
	struct sock_fprog p = { (unsigned short)n, code };

	if (n == 0 || setsockopt(fd, level, opt, &p, sizeof(p)) == -1)
		bench_die("filter");
}

static void *
rx_main(void *arg)
{
	struct rx *r = arg;
	static __thread uint8_t buf[BATCH][2048];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	int i, n;

	bench_pin(1);
	while (!atomic_load(&r->stop)) {
		for (i = 0; i < BATCH; i++) {
			iov[i].iov_base = buf[i];
			iov[i].iov_len = sizeof(buf[i]);
			memset(&m[i], 0, sizeof(m[i]));
			m[i].msg_hdr.msg_iov = &iov[i];
			m[i].msg_hdr.msg_iovlen = 1;
		}
		/* blocking, SO_RCVTIMEO bounds it: stop is seen */
		n = recvmmsg(r->fd, m, BATCH, MSG_WAITFORONE, NULL);
		if (n > 0)
			atomic_fetch_add(&r->n, (unsigned long)n);
	}
	return NULL;
}

/* The receiving sockets of one design; the count of them in *ns. */
static int
sockets(bool fanout, unsigned int n, int *fds, int *guard)
{
	struct sock_filter code[GRE_BPF_MAX];
	int buf = 4 << 20, val, group = 0;
	socklen_t sl = sizeof(val);
	unsigned int k;

	*guard = -1;
	if (!fanout) {
		for (k = 0; k < n; k++) {
			if ((fds[k] = socket(AF_INET, SOCK_RAW, IPPROTO_GRE)) ==
			    -1)
				bench_die("raw GRE");
			(void)setsockopt(fds[k], SOL_SOCKET, SO_RCVBUF, &buf,
			    sizeof(buf));
			if (n > 1)
				attach(fds[k], SOL_SOCKET, SO_ATTACH_FILTER,
				    code, gre_bpf_shard(code, GRE_BPF_MAX, n, k));
		}
		return (int)n;
	}
	if ((*guard = socket(AF_INET, SOCK_RAW, IPPROTO_GRE)) == -1)
		bench_die("raw GRE");
	attach(*guard, SOL_SOCKET, SO_ATTACH_FILTER, code,
	    gre_bpf_none(code, GRE_BPF_MAX));
	for (k = 0; k < n; k++) {
		if ((fds[k] = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP))) ==
		    -1)
			bench_die("packet socket");
		attach(fds[k], SOL_SOCKET, SO_ATTACH_FILTER, code,
		    gre_bpf_packet(code, GRE_BPF_MAX, NULL, 0));
		(void)setsockopt(fds[k], SOL_SOCKET, SO_RCVBUF, &buf,
		    sizeof(buf));
		val = group | ((PACKET_FANOUT_CBPF | PACKET_FANOUT_FLAG_DEFRAG |
		    (k == 0 ? PACKET_FANOUT_FLAG_UNIQUEID : 0)) << 16);
		if (setsockopt(fds[k], SOL_PACKET, PACKET_FANOUT, &val,
		    sizeof(val)) == -1)
			bench_die("PACKET_FANOUT");
		if (k == 0) {
			if (getsockopt(fds[k], SOL_PACKET, PACKET_FANOUT, &val,
			    &sl) == -1)
				bench_die("PACKET_FANOUT get");
			group = val & 0xffff;
			attach(fds[k], SOL_PACKET, PACKET_FANOUT_DATA, code,
			    gre_bpf_fanout(code, GRE_BPF_MAX, n));
		}
	}
	return (int)n;
}

/*
 * The sender thread's CPU time: the kernel charges the loopback
 * receive (softirq) to it unless CONFIG_IRQ_TIME_ACCOUNTING, which
 * Debian's kernels leave off; other load on the machine is not in it.
 */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run: ns per packet sent, the packets counted in *got. */
static double
run(bool fanout, unsigned int n, unsigned long pkts, unsigned long *got,
    unsigned long *spread)
{
	static uint8_t pkt[BATCH][PKT_LEN];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in dst;
	struct rx r[MAXS];
	unsigned long sent = 0, min = ~0UL, max = 0;
	int fds[MAXS], guard, tx, i, ns, one = 1;
	uint16_t cid = 0;
	double t0, t;

	ns = sockets(fanout, n, fds, &guard);
	for (i = 0; i < ns; i++) {
		struct timeval tv = { 0, 100000 };

		(void)setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &tv,
		    sizeof(tv));
		r[i].fd = fds[i];
		atomic_init(&r[i].n, 0);
		atomic_init(&r[i].stop, false);
		if (!quiet &&
		    pthread_create(&r[i].th, NULL, rx_main, &r[i]) != 0)
			bench_die("pthread_create");
	}
	if ((tx = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) == -1)
		bench_die("raw send");
	(void)setsockopt(tx, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one));
	memset(&dst, 0, sizeof(dst));
	dst.sin_family = AF_INET;
	dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < BATCH; i++) {
		uint8_t *p = pkt[i];

		memset(p, 0, PKT_LEN);
		p[0] = 0x45;
		p[2] = PKT_LEN >> 8;
		p[3] = PKT_LEN & 0xff;
		p[8] = 64;
		p[9] = IPPROTO_GRE;
		p[12] = 127; p[15] = 1;
		p[16] = 127; p[19] = 1;
		p[20] = 0x30; p[21] = 0x81; p[22] = 0x88; p[23] = 0x0b;
		p[24] = (PKT_LEN - 36) >> 8; p[25] = (PKT_LEN - 36) & 0xff;
		iov[i].iov_base = p;
		iov[i].iov_len = PKT_LEN;
		memset(&m[i], 0, sizeof(m[i]));
		m[i].msg_hdr.msg_name = &dst;
		m[i].msg_hdr.msg_namelen = sizeof(dst);
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	bench_pin(0);
	t0 = now_s();
	while (sent < pkts) {
		for (i = 0; i < BATCH; i++, cid++) {
			pkt[i][26] = (uint8_t)(cid >> 8);
			pkt[i][27] = (uint8_t)cid;
		}
		if ((i = sendmmsg(tx, m, BATCH, 0)) <= 0) {
			if (errno == ENOBUFS || errno == EAGAIN)
				continue;
			bench_die("sendmmsg");
		}
		sent += (unsigned long)i;
	}
	t = now_s() - t0;
	usleep(200000);
	*got = 0;
	for (i = 0; i < ns; i++) {
		unsigned long c;

		atomic_store(&r[i].stop, true);
		if (!quiet)
			pthread_join(r[i].th, NULL);
		c = atomic_load(&r[i].n);
		*got += c;
		min = c < min ? c : min;
		max = c > max ? c : max;
		close(fds[i]);
	}
	*spread = ns > 1 ? max - min : 0;
	if (guard != -1)
		close(guard);
	close(tx);
	return t * 1e9 / (double)sent;
}

int
main(int argc, char *argv[])
{
	static const unsigned int ns[] = { 1, 2, 4, 8 };
	unsigned long pkts = 400000, got, spread;
	int ch, trials = 3, t;
	size_t i;

	while ((ch = getopt(argc, argv, "p:qt:")) != -1) {
		switch (ch) {
		case 'q':
			quiet = true;
			break;
		case 'p':
			pkts = strtoul(optarg, NULL, 10);
			break;
		case 't':
			trials = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-q] [-p packets] "
			    "[-t trials]\n", argv[0]);
			return 1;
		}
	}
	if (geteuid() != 0) {
		printf("bench_master_fanout: skipped (needs root for a "
		    "network namespace)\n");
		return 0;
	}
	if (unshare(CLONE_NEWNET) == -1)
		bench_die("unshare");
	lo_up();
	printf("GRE delivery cost per packet, %d-byte packets to 127.0.0.1 "
	    "(best of %d x %lu; sender CPU ns per packet, delivery "
	    "included%s)\n", PKT_LEN, trials, pkts,
	    quiet ? "; no receivers: queues full, kernel drops" : "");
	printf("%-8s %8s %12s %12s %10s\n", "design", "workers", "ns/packet",
	    "received", "imbalance");
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		int d;

		for (d = 0; d < 2; d++) {
			double best = 0, c;
			unsigned long bgot = 0, bspread = 0;

			if (ns[i] == 1 && d == 1)
				continue;	/* one worker: one raw socket */
			for (t = 0; t < trials; t++) {
				c = run(d == 1, ns[i], pkts, &got, &spread);
				if (t == 0 || c < best) {
					best = c;
					bgot = got;
					bspread = spread;
				}
			}
			printf("%-8s %8u %12.0f %12lu %10lu\n",
			    d ? "fanout" : "raw", ns[i], best, bgot, bspread);
		}
	}
	return 0;
}
