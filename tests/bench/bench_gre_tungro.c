/*
 * Benchmark (issue 18 item 7, the other half): what writing a client's
 * TCP upload into the tun costs per packet of 1400 bytes, the GRE ->
 * tun direction's last step:
 *
 *   plain    one write(2) per segment behind a zeroed virtio-net
 *            header, as gre writes today: the kernel's IP and TCP
 *            receive path runs once per segment;
 *   gro      the segments of a batch joined with gre's own code
 *            (gre/gro.c) into one super-packet behind a virtio-net
 *            header (GSO TCPv4, checksum to finish) and written at
 *            once: the kernel carries it up to the socket as one
 *            packet, as it does what a network card's GRO hands it.
 *
 * In a network namespace of its own (unshare): tun bt0, IFF_TUN |
 * IFF_NO_PI | IFF_VNET_HDR in both modes, mtu 1400, 10.201.0.1/24.
 * The main thread, pinned to CPU 0, accepts a TCP connection on port
 * 5001 (4 MB receive buffer) and reads it 256 KB per recv(2), checking
 * a sample of the bytes.  A thread pinned to CPU 1 plays the client
 * 10.201.0.2 behind the tun: it connects (MSS 1360, window scale 7) and
 * sends batches of 32 segments of 1360 bytes, PSH on a batch's last, as
 * the data worker hands them on, never beyond the window the socket
 * advertised: it reads the socket's ACKs from the tun between batches,
 * and sends again from the first unacknowledged byte if they stop
 * (nothing should be lost; the table says if anything was).
 *
 * Per mode, after a second's warm-up, -d ms per run, best of -t runs:
 * packets/s (the bytes the socket received / 1360, and the segments
 * the writer wrote), the process's CPU per packet (the kernel's TCP
 * receive, which GRO saves, runs in the writer's write(2) and the
 * reader's recv(2)), the writer thread's alone (building the segments,
 * joining them, writing them, reading the ACKs), and packets per
 * write.
 *
 *   build/bench/bench_gre_tungro [-d ms] [-t runs]
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
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
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "common/inet_csum.h"
#include "gre/gro.h"

#define TUN_NAME	"bt0"
#define MTU		1400
#define MSS		(MTU - 40)	/* no TCP options in the data */
#define LOCAL		"10.201.0.1"
#define PEER		"10.201.0.2"
#define PORT		5001
#define BATCH		32		/* as the data worker's */
#define RCVBUF		(4 << 20)
#define RECV_BUF	(256 << 10)
#define PEER_ISS	1000u
#define PEER_WSCALE	7
#define VHDR		sizeof(struct virtio_net_hdr)
#define SLOT		(VHDR + MTU)
#define CHECK_STRIDE	61		/* a prime: the samples walk around */
#define MS		1000000ull
#define WAIT_NS		(2000 * MS)	/* handshake, drain, silence: give up */
#define RTO_NS		(200 * MS)	/* no progress: send again */
#define SEQ_LT(a, b)	((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)

/* The writer's counters at a phase change: 1 measuring, 2 measured. */
struct mark {
	uint64_t	 wall, cpu, segs, writes;
};

struct run {
	bool		 gro;
	int		 tun;
	uint16_t	 cport;		/* the client's port, new each run */
	atomic_bool	 stop, done;
	atomic_int	 phase;
	/* the client's TCP, host order */
	bool		 established;
	uint32_t	 rcv_nxt;	/* the socket's SYN, acknowledged */
	uint32_t	 snd_una, snd_nxt, snd_max;
	uint32_t	 snd_end;	/* the window's right edge */
	uint8_t		 wscale;
	uint16_t	 ip_id;
	uint64_t	 progress;	/* snd_una or snd_end last moved */
	uint64_t	 rewound;
	uint8_t		 hdr[40];	/* a data segment's headers */
	uint32_t	 pseudo;	/* its pseudo-header's sum */
	/* counted by the writer */
	uint64_t	 sent;		/* stream bytes, each once */
	uint64_t	 segs, writes, resent;
	struct mark	 pm[3];
};

struct result {
	double		 pps, sent_pps, ns_all, ns_writer, per_write;
};

/* What the runs of one mode delivered, all of them. */
struct check {
	uint64_t	 segs, resent, bytes, checked, bad, lost;
};

static uint8_t	 pattern[256 + MSS];	/* byte at stream offset o: o & 0xff */
static uint32_t	 paysum[256];		/* a payload's sum, by its first byte */

static void	 fail(const char *, ...)
		    __attribute__((noreturn, format(printf, 1, 2)));

/* Like bench_die, for what errno does not explain. */
static void
fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/*
 * A payload is MSS bytes of the pattern from its stream offset, so its
 * sum depends on that offset's low byte only: summed once here, the
 * writer's checksums cost the headers alone, as they would in gre,
 * where the payload arrives rather than being made.
 */
static void
pattern_init(void)
{
	size_t i;

	for (i = 0; i < sizeof(pattern); i++)
		pattern[i] = (uint8_t)i;
	for (i = 0; i < 256; i++)
		paysum[i] = inet_csum_add(0, pattern + i, MSS);
}

/*
 * Both modes alike, so that only the writes differ: a virtio-net
 * header in front of every packet both ways.  No TUNSETOFFLOAD: that
 * is what the kernel may hand us, and the ACKs are small.
 */
static int
tun_open(void)
{
	int fd, fl;

	fd = bench_tun_open(TUN_NAME, IFF_VNET_HDR, LOCAL, MTU);
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		bench_die("O_NONBLOCK");
	return fd;
}

/* IPv4 and TCP headers from the client, but for id, seq and flags. */
static void
put_headers(const struct run *r, uint8_t *p, size_t tcplen, size_t datalen)
{
	struct iphdr *ip = (struct iphdr *)(void *)p;
	struct tcphdr *th = (struct tcphdr *)(void *)(p + 20);

	memset(p, 0, 20 + tcplen);
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons((uint16_t)(20 + tcplen + datalen));
	ip->frag_off = htons(IP_DF);
	ip->ttl = 64;
	ip->protocol = IPPROTO_TCP;
	inet_pton(AF_INET, PEER, &ip->saddr);
	inet_pton(AF_INET, LOCAL, &ip->daddr);
	th->source = htons(r->cport);
	th->dest = htons(PORT);
	th->ack_seq = htonl(r->rcv_nxt);
	th->doff = (uint16_t)(tcplen / 4);
	th->ack = 1;
	th->window = htons(65535);
}

static void
tun_write(struct run *r, const uint8_t *p, size_t len, unsigned int segs)
{
	if (write(r->tun, p, len) != (ssize_t)len)
		fail("tun write of %u segment(s), %zu bytes (vnet header "
		    "%s): %s", segs, len, segs > 1 ? "GSO TCPv4" : "zero",
		    strerror(errno));
	r->writes++;
	r->segs += segs;
}

/* The client's SYN (MSS 1360, window scale 7) or a bare ACK. */
static void
peer_ctl(struct run *r, bool syn)
{
	static const uint8_t opt[8] = { 2, 4, MSS >> 8, MSS & 0xff,
	    1, 3, 3, PEER_WSCALE };
	uint8_t pkt[VHDR + 60], *p = pkt + VHDR;
	struct iphdr *ip = (struct iphdr *)(void *)p;
	struct tcphdr *th = (struct tcphdr *)(void *)(p + 20);
	size_t tcplen = syn ? 20 + sizeof(opt) : 20;
	uint32_t sum;

	memset(pkt, 0, VHDR);
	put_headers(r, p, tcplen, 0);
	ip->id = htons(r->ip_id++);
	bench_ip_csum((uint8_t *)ip);
	th->seq = htonl(syn ? PEER_ISS : r->snd_nxt);
	if (syn) {
		memcpy(p + 40, opt, sizeof(opt));
		th->ack_seq = 0;
		th->ack = 0;
		th->syn = 1;
	}
	sum = inet_csum_add(0, (const uint8_t *)&ip->saddr, 8) +
	    IPPROTO_TCP + (uint32_t)tcplen;
	th->check = htons(inet_csum_fold(inet_csum_add(sum, p + 20, tcplen)));
	if (write(r->tun, pkt, VHDR + 20 + tcplen) == -1)
		bench_die(syn ? "tun write (SYN)" : "tun write (ACK)");
}

/* The window scale in the SYN-ACK's options; 0 without one. */
static uint8_t
syn_wscale(const uint8_t *opt, size_t len)
{
	size_t i = 0;

	while (i < len && opt[i] != 0) {
		if (opt[i] == 1) {
			i++;
			continue;
		}
		if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
			break;
		if (opt[i] == 3 && opt[i + 1] == 3)
			return opt[i + 2] > 14 ? 14 : opt[i + 2];
		i += opt[i + 1];
	}
	return 0;
}

static void
ack_input(struct run *r, const struct tcphdr *th)
{
	uint32_t ack = ntohl(th->ack_seq), edge;

	/* an old ACK, or one for what was never sent */
	if (SEQ_LT(ack, r->snd_una) || SEQ_LT(r->snd_max, ack))
		return;
	edge = ack + ((uint32_t)ntohs(th->window) << r->wscale);
	if (SEQ_LT(r->snd_una, ack) || SEQ_LT(r->snd_end, edge))
		r->progress = bench_clock_ns(CLOCK_MONOTONIC);
	r->snd_una = ack;
	r->snd_end = edge;
}

/* One packet read from the tun: the socket's SYN-ACK or an ACK. */
static void
peer_input(struct run *r, const uint8_t *buf, size_t n)
{
	const struct iphdr *ip = (const struct iphdr *)(const void *)
	    (buf + VHDR);
	const struct tcphdr *th;
	size_t iphl, thl;

	if (n < VHDR + 40 || ip->version != 4 || ip->protocol != IPPROTO_TCP)
		return;		/* IPv6 router solicitations and such */
	n -= VHDR;
	iphl = (size_t)ip->ihl * 4;
	if (iphl < 20 || iphl + 20 > n)
		return;
	th = (const struct tcphdr *)(const void *)((const uint8_t *)ip + iphl);
	thl = (size_t)th->doff * 4;
	if (thl < 20 || iphl + thl > n ||
	    ntohs(th->source) != PORT || ntohs(th->dest) != r->cport)
		return;
	if (th->rst)
		fail("the socket reset the connection (%s mode)",
		    r->gro ? "gro" : "plain");
	if (!th->ack)
		return;
	if (th->syn) {
		if (r->established || ntohl(th->ack_seq) != PEER_ISS + 1)
			return;
		r->rcv_nxt = ntohl(th->seq) + 1;
		r->wscale = syn_wscale((const uint8_t *)th + 20, thl - 20);
		/* a SYN's window is never scaled */
		r->snd_end = PEER_ISS + 1 + ntohs(th->window);
		r->established = true;
		return;
	}
	if (r->established)
		ack_input(r, th);
}

/* Everything the tun holds, without blocking. */
static void
peer_drain(struct run *r)
{
	static uint8_t buf[4096];
	ssize_t n;

	for (;;) {
		if ((n = read(r->tun, buf, sizeof(buf))) == -1) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			bench_die("tun read");
		}
		peer_input(r, buf, (size_t)n);
	}
}

static void
peer_connect(struct run *r)
{
	struct pollfd pfd = { .fd = r->tun, .events = POLLIN };
	uint64_t t0 = bench_clock_ns(CLOCK_MONOTONIC), now, syn = 0;

	while (!r->established) {
		now = bench_clock_ns(CLOCK_MONOTONIC);
		if (now - t0 > WAIT_NS)
			fail("no SYN-ACK from %s:%d in 2 s", LOCAL, PORT);
		if (syn == 0 || now - syn > RTO_NS) {
			peer_ctl(r, true);
			syn = now;
		}
		(void)poll(&pfd, 1, 10);
		peer_drain(r);
	}
	r->snd_una = r->snd_nxt = r->snd_max = PEER_ISS + 1;
	peer_ctl(r, false);
	put_headers(r, r->hdr, 20, MSS);
	r->pseudo = inet_csum_add(0, r->hdr + 12, 8) + IPPROTO_TCP + 20 + MSS;
	r->progress = bench_clock_ns(CLOCK_MONOTONIC);
}

/* The data segment at seq into slot, behind its (zero) vnet header. */
static void
seg_build(struct run *r, uint8_t *slot, uint32_t seq, bool psh)
{
	uint8_t *p = slot + VHDR;
	struct iphdr *ip = (struct iphdr *)(void *)p;
	struct tcphdr *th = (struct tcphdr *)(void *)(p + 20);
	uint8_t low = (uint8_t)(seq - (PEER_ISS + 1));

	memcpy(p, r->hdr, sizeof(r->hdr));
	ip->id = htons(r->ip_id++);
	bench_ip_csum((uint8_t *)ip);
	th->seq = htonl(seq);
	th->psh = psh;
	memcpy(p + 40, pattern + low, MSS);
	th->check = htons(inet_csum_fold(inet_csum_add(r->pseudo, p + 20, 20) +
	    paysum[low]));
}

static void
gro_flush(struct run *r, struct gro *g)
{
	const uint8_t *out;
	unsigned int n;
	size_t len;

	if ((len = gro_end(g, &out, &n)) > 0)
		tun_write(r, out, len, n);
}

/* k segments from snd_nxt, written as gre would write them. */
static void
send_batch(struct run *r, unsigned int k)
{
	static uint8_t slots[BATCH][SLOT];	/* the vnet headers stay 0 */
	static uint8_t grobuf[GRO_BUF_SIZE];
	struct gro g;
	unsigned int i;

	for (i = 0; i < k; i++) {
		if (SEQ_LT(r->snd_nxt, r->snd_max))
			r->resent++;
		seg_build(r, slots[i], r->snd_nxt, i == k - 1);
		r->snd_nxt += MSS;
	}
	if (SEQ_LT(r->snd_max, r->snd_nxt)) {
		r->sent += r->snd_nxt - r->snd_max;
		r->snd_max = r->snd_nxt;
	}
	if (!r->gro) {
		for (i = 0; i < k; i++)
			tun_write(r, slots[i], SLOT, 1);
		return;
	}
	gro_init(&g, grobuf);
	for (i = 0; i < k; i++) {
		if (gro_add(&g, slots[i] + VHDR, MTU))
			continue;
		gro_flush(r, &g);
		if (!gro_add(&g, slots[i] + VHDR, MTU))
			tun_write(r, slots[i], SLOT, 1);
	}
	gro_flush(r, &g);
}

/* Whole segments the window (and, stopping, what was sent) allows. */
static unsigned int
peer_room(const struct run *r, bool stopping)
{
	int32_t room = (int32_t)(r->snd_end - r->snd_nxt);

	if (stopping && (int32_t)(r->snd_max - r->snd_nxt) < room)
		room = (int32_t)(r->snd_max - r->snd_nxt);
	if (room < MSS)
		return 0;
	return room / MSS > BATCH ? BATCH : (unsigned int)(room / MSS);
}

/*
 * Nothing to send: wait a little for ACKs.  Should a segment have been
 * lost, go back to the first unacknowledged byte (the socket holds
 * what came after it); should nothing move for long, give up.
 */
static void
peer_wait(struct run *r)
{
	struct pollfd pfd = { .fd = r->tun, .events = POLLIN };
	uint64_t now, last;

	(void)poll(&pfd, 1, 10);
	peer_drain(r);
	now = bench_clock_ns(CLOCK_MONOTONIC);
	if (now - r->progress > WAIT_NS)
		fail("%s mode: no ACK nor window for 2 s (acked %u, sent %u, "
		    "window edge %u, relative)", r->gro ? "gro" : "plain",
		    r->snd_una - PEER_ISS - 1, r->snd_max - PEER_ISS - 1,
		    r->snd_end - PEER_ISS - 1);
	last = r->rewound > r->progress ? r->rewound : r->progress;
	if (r->snd_nxt != r->snd_una && now - last > RTO_NS) {
		r->snd_nxt = r->snd_una;
		r->rewound = now;
	}
}

static void
peer_mark(struct run *r, int phase)
{
	struct mark *m = &r->pm[phase];

	m->wall = bench_clock_ns(CLOCK_MONOTONIC);
	m->cpu = bench_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	m->segs = r->segs;
	m->writes = r->writes;
}

static void *
peer(void *arg)
{
	struct run *r = arg;
	unsigned int k;
	bool stopping;
	int seen = 0;

	bench_pin(1);
	peer_connect(r);
	for (;;) {
		while (seen < atomic_load(&r->phase))
			peer_mark(r, ++seen);
		stopping = atomic_load(&r->stop);
		peer_drain(r);
		if (stopping && r->snd_una == r->snd_max)
			break;
		if ((k = peer_room(r, stopping)) == 0)
			peer_wait(r);
		else
			send_batch(r, k);
	}
	while (seen < 2)
		peer_mark(r, ++seen);
	atomic_store(&r->done, true);
	return NULL;
}

static int
local_listen(void)
{
	struct sockaddr_in sin;
	int s, one = 1, sz = RCVBUF;

	if ((s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		bench_die("socket");
	(void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* past net.core.rmem_max: we are root */
	if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) == -1 &&
	    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz)) == -1)
		bench_die("SO_RCVBUF");
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(PORT);
	inet_pton(AF_INET, LOCAL, &sin.sin_addr);
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		bench_die("bind");
	if (listen(s, 1) == -1)
		bench_die("listen");
	return s;
}

static int
local_accept(int ls)
{
	struct pollfd pfd = { .fd = ls, .events = POLLIN };
	/* recv returns at least every 10 ms: the clock gets looked at */
	struct timeval tv = { .tv_sec = 0, .tv_usec = 10000 };
	int s;

	if (poll(&pfd, 1, 2000) != 1)
		fail("no connection from the peer in 2 s");
	if ((s = accept4(ls, NULL, NULL, SOCK_CLOEXEC)) == -1)
		bench_die("accept");
	if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1)
		bench_die("SO_RCVTIMEO");
	return s;
}

struct local {
	int		 s;
	uint8_t		*buf;
	uint64_t	 got, checked, bad;
};

/* One recv(2): count the bytes, check a sample against the pattern. */
static void
local_recv(struct local *l)
{
	ssize_t n;
	size_t i;

	if ((n = recv(l->s, l->buf, RECV_BUF, 0)) == -1) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		bench_die("recv");
	}
	if (n == 0)
		fail("the peer closed the connection");
	for (i = 0; i < (size_t)n; i += CHECK_STRIDE) {
		l->checked++;
		if (l->buf[i] != (uint8_t)(l->got + i))
			l->bad++;
	}
	l->got += (uint64_t)n;
}

static void
local_until(struct local *l, uint64_t end)
{
	while (bench_clock_ns(CLOCK_MONOTONIC) < end)
		local_recv(l);
}

/* Read on until the writer has its last byte acknowledged, and that. */
static void
local_drain(struct local *l, struct run *r, pthread_t th)
{
	uint64_t end = bench_clock_ns(CLOCK_MONOTONIC) + WAIT_NS;

	while (!atomic_load(&r->done)) {
		if (bench_clock_ns(CLOCK_MONOTONIC) > end)
			fail("%s mode: the writer did not finish in 2 s",
			    r->gro ? "gro" : "plain");
		local_recv(l);
	}
	pthread_join(th, NULL);
	while (l->got < r->sent && bench_clock_ns(CLOCK_MONOTONIC) < end)
		local_recv(l);
}

static void
local_close(int s)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	/* a reset: no FIN_WAIT socket left over for the next run */
	(void)setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(s);
}

static struct result
one_run(bool gro, unsigned int ms, struct check *ck)
{
	static uint8_t buf[RECV_BUF];
	static uint16_t cport = 40000;
	struct run r;
	struct local l;
	struct result res;
	pthread_t th;
	uint64_t w0, c0, g0, w1, c1, g1, segs, writes;
	int ls;

	memset(&r, 0, sizeof(r));
	r.gro = gro;
	r.cport = cport++;
	r.tun = tun_open();
	ls = local_listen();
	bench_pin(0);
	if (pthread_create(&th, NULL, peer, &r) != 0)
		bench_die("pthread_create");
	memset(&l, 0, sizeof(l));
	l.buf = buf;
	l.s = local_accept(ls);
	/* a second to let the window open, then the measured span */
	local_until(&l, bench_clock_ns(CLOCK_MONOTONIC) + 1000 * MS);
	w0 = bench_clock_ns(CLOCK_MONOTONIC);
	c0 = bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	g0 = l.got;
	atomic_store(&r.phase, 1);
	local_until(&l, w0 + ms * MS);
	w1 = bench_clock_ns(CLOCK_MONOTONIC);
	c1 = bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	g1 = l.got;
	atomic_store(&r.phase, 2);
	atomic_store(&r.stop, true);
	local_drain(&l, &r, th);
	local_close(l.s);
	close(ls);
	close(r.tun);

	segs = r.pm[2].segs - r.pm[1].segs;
	writes = r.pm[2].writes - r.pm[1].writes;
	if (g1 - g0 < MSS || segs == 0 || writes == 0)
		fail("%s mode: nothing went through in the measured span",
		    gro ? "gro" : "plain");
	res.pps = (double)(g1 - g0) / MSS * 1e9 / (double)(w1 - w0);
	res.ns_all = (double)(c1 - c0) / ((double)(g1 - g0) / MSS);
	res.sent_pps = (double)segs * 1e9 /
	    (double)(r.pm[2].wall - r.pm[1].wall);
	res.ns_writer = (double)(r.pm[2].cpu - r.pm[1].cpu) / (double)segs;
	res.per_write = (double)segs / (double)writes;
	ck->segs += r.segs;
	ck->resent += r.resent;
	ck->bytes += l.got;
	ck->checked += l.checked;
	ck->bad += l.bad;
	ck->lost += r.sent - l.got;
	return res;
}

int
main(int argc, char *argv[])
{
	static const char *name[2] = { "plain", "gro" };
	struct result best[2], x;
	struct check ck[2];
	unsigned int ms = 2000, runs = 3, t, m;

	bench_opts(argc, argv, &ms, &runs);
	if (unshare(CLONE_NEWNET) == -1)
		bench_die("unshare(CLONE_NEWNET)");
	pattern_init();
	memset(best, 0, sizeof(best));
	memset(ck, 0, sizeof(ck));
	for (t = 0; t < runs; t++)
		for (m = 0; m < 2; m++) {
			x = one_run(m == 1, ms, &ck[m]);
			if (best[m].ns_all == 0 || x.ns_all < best[m].ns_all)
				best[m] = x;
		}
	printf("tun writes, TCP from a client behind the tun, mtu %d, best "
	    "of %u x %u ms\n", MTU, runs, ms);
	printf("%-8s %12s %12s %14s %15s %12s\n", "mode", "packets/s",
	    "sent/s", "ns/pkt (all)", "ns/pkt (write)", "pkts/write");
	for (m = 0; m < 2; m++)
		printf("%-8s %12.0f %12.0f %14.0f %15.0f %12.1f\n", name[m],
		    best[m].pps, best[m].sent_pps, best[m].ns_all,
		    best[m].ns_writer, best[m].per_write);
	printf("gro / plain, CPU per packet: all %.2f, writer %.2f\n",
	    best[1].ns_all / best[0].ns_all,
	    best[1].ns_writer / best[0].ns_writer);
	for (m = 0; m < 2; m++)
		printf("%-8s %llu segments written, %llu again, %llu MB "
		    "received, %llu lost, bad %llu of %llu bytes checked\n",
		    name[m], (unsigned long long)ck[m].segs,
		    (unsigned long long)ck[m].resent,
		    (unsigned long long)(ck[m].bytes >> 20),
		    (unsigned long long)ck[m].lost,
		    (unsigned long long)ck[m].bad,
		    (unsigned long long)ck[m].checked);
	return ck[0].lost || ck[0].bad || ck[1].lost || ck[1].bad;
}
