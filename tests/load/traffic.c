/*
 * loadc's traffic mode (issue 18 item 9): N sessions up, then 1400-byte
 * IP packets through every gre worker at once, one direction after the
 * other, and what each worker's CPU paid per packet.
 *
 * up (client to server; the worker's GRE -> tun path): every session
 * sends PKTS packets, round robin over the sessions, in enhanced GRE
 * with sequence numbers and MPPE-128 stateless, on loadc's raw GRE
 * socket.  The inner packet is UDP from the session's address to the
 * server's address, port 9, where a UDP socket of ours in the server's
 * namespace (the sink) counts what arrives and checks a marker.
 * A stateless sender changes its key for every packet, and so does
 * the worker, so loadc would cost as much per packet as what it
 * measures; as tests/bench/bench_gre_worker.c does, the key chain is
 * run before the clock starts: per packet, the MPPE header and the
 * ciphertext of the protocol field and the first 64 bytes of the IP
 * packet (its headers and the marker) are computed ahead, and the rest
 * of the 1402 encrypted bytes is filler.  The worker does its whole
 * work on every packet (key change, RC4 of 1402 bytes, checks, tun
 * write); what it writes decrypts to the right headers and marker and
 * to noise after them, which UDP takes (checksum 0: none).
 *
 * down (server to client; the worker's tun -> GRE path): a UDP socket
 * of ours in the server's namespace sends PKTS datagrams to each
 * session's address (1400-byte IP packets), which the kernel routes to
 * the session's worker's tun; loadc receives the GRE and acks once per
 * ACK_EVERY packets.  It checks each packet's protocol, inner header
 * and marker, decrypted with the keystream of its coherency count run
 * ahead (down_prepare, as up_prepare does for up): decrypting each in
 * full cost loadc a key change and 1,402 bytes of RC4 per packet, 62-77%
 * of a CPU that two workers on two vCPUs then had to share with it.
 *
 * Both ends are loadc's, so flow control is exact: at most a window
 * of packets between our send and our receive, refilled when half of
 * it is in, so that the workers find batches waiting (a worker busy
 * all the time reads 32 per call, as it would under real load).  Up,
 * WINDOW (-w, 1024): each worker's packet socket's ring holds 1,920.
 * Down, -W (256): every packet of a session goes through its worker's
 * tun, whose queue takes 500 (tun's default txqueuelen) and drops the
 * rest, counted as the tun's tx drops.  A loss would cost the stateless
 * receiver a key change per lost packet, and the reorder window a wait,
 * and so change what is measured.  Nothing received for STALL_MS gives
 * what is out up as lost; every loss is reported.
 *
 * Per worker: CPU and wait time from /proc/PID/schedstat, packets from
 * its tun's counters in the server's namespace (/proc/MASTER/net/dev:
 * rx = written by the worker, up; tx = read by it, down), both sampled
 * at the first send and when the last packet is in.  ns per packet is
 * CPU / packets; 1e9 / that is what the worker does with a core of its
 * own, and the sum over the workers is the aggregate by CPU.  The
 * kernel's work on the way in is charged to whoever sends (loadc up,
 * our UDP socket down); on the way out to the worker (its tun write
 * up, with the sink's delivery; its GRE send down, with the delivery
 * into loadc's namespace).
 */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "gre/ppp_frame.h"
#include "tests/load/loadc.h"

#define T_IP_LEN	1400			/* inner IP packet */
#define T_UDP_DATA	(T_IP_LEN - 28)		/* its UDP payload */
#define T_HEAD		64			/* of it encrypted right (up) */
#define T_CIPH		(MPPE_HDR_LEN + 2 + T_HEAD)	/* kept per packet */
#define T_FILL		(2 + T_IP_LEN - 2 - T_HEAD)	/* the rest */
#define T_PPP		(4 + MPPE_HDR_LEN + 2 + T_IP_LEN)	/* GRE payload */
#define T_MARK		12			/* magic, session, packet */
#define T_PORT		9			/* discard */
#define T_MAGIC		0x6c6f6164u		/* "load" */
#define T_BATCH		32
#define T_BUFSZ		(4 << 20)
#define STALL_MS	250
#define DIR_MS		120000			/* bound of one direction */
#define WORKERS_MAX	(PROC_MAX - NPROC + 1)

enum tdir { T_UP, T_DOWN };

struct tun_ctr {
	uint64_t	 rx, tx, tx_drop;
};

struct tdir_res {
	uint64_t	 sent, rcvd, bad, given_up;
	uint64_t	 t_first, t_last;	/* us */
};

static struct {
	int		 sink, src;	/* UDP, in the server's namespace */
	enum tdir	 dir;		/* the direction running */
	uint8_t		*head;		/* L.n x L.pkts x T_CIPH, run ahead */
	uint32_t	*dj;		/* down: each session's next packet */
	uint64_t	 next;		/* next packet: session next % n */
	struct tdir_res	 r;
	unsigned	 nw;		/* gre workers */
	int		 fails;
} T;

static const uint8_t	filler[T_UDP_DATA];

static uint64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* ---- the server's side: sockets in its namespace, tun counters -------- */

static struct proc *
worker_proc(unsigned k)
{
	return k == 0 ? &L.pr[2] : &L.pr[NPROC + k - 1];
}

static void
worker_tun(unsigned k, char *buf, size_t len)
{
	if (k == 0)
		snprintf(buf, len, "%s", L.tun);
	else
		snprintf(buf, len, "%s-%u", L.tun, k);
}

static int
udp_socket(int bufopt)
{
	int	fd, sz = T_BUFSZ;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		die("UDP socket");
	if (setsockopt(fd, SOL_SOCKET, bufopt, &sz, sizeof(sz)) == -1)
		die("UDP socket buffer");
	return fd;
}

/*
 * The sink and the sender live in the server's namespace (master's,
 * which the script created): a socket keeps the namespace it was made
 * in, so we enter it, make them, and come back.
 */
static void
ns_sockets(void)
{
	struct epoll_event	ev = { .events = EPOLLIN, .data.ptr = &T };
	struct sockaddr_in	sin;
	char			path[64];
	int			self, srv;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", L.pr[0].pid);
	if ((self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) == -1 ||
	    (srv = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		die("network namespace");
	if (setns(srv, CLONE_NEWNET) == -1)
		die("setns to the server's namespace");
	T.sink = udp_socket(SO_RCVBUFFORCE);
	T.src = udp_socket(SO_SNDBUFFORCE);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(T_PORT);
	if (bind(T.sink, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		die("bind the sink");
	if (setns(self, CLONE_NEWNET) == -1)
		die("setns back");
	close(self);
	close(srv);
	if (epoll_ctl(L.ep, EPOLL_CTL_ADD, T.sink, &ev) == -1)
		die("epoll_ctl");
}

/* Each worker's tun counters, from the server's /proc/net/dev. */
static void
tun_sample(struct tun_ctr *c)
{
	char			 path[64], line[512], name[32], want[32];
	unsigned long long	 v[16];
	unsigned		 k;
	FILE			*fp;
	char			*colon;

	memset(c, 0, sizeof(*c) * T.nw);
	snprintf(path, sizeof(path), "/proc/%d/net/dev", L.pr[0].pid);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if ((colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		if (sscanf(line, "%31s", name) != 1 || sscanf(colon + 1,
		    "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
		    "%llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		    &v[7], &v[8], &v[9], &v[10], &v[11]) != 12)
			continue;
		for (k = 0; k < T.nw; k++) {
			worker_tun(k, want, sizeof(want));
			if (strcmp(name, want) == 0) {
				c[k].rx = v[1];
				c[k].tx = v[9];
				c[k].tx_drop = v[11];
			}
		}
	}
	fclose(fp);
}

/* ---- up: GRE from every session, counted at the sink ------------------ */

/* Session i's packet head before encryption: protocol, IP, UDP, marker. */
static void
up_plain(uint8_t p[2 + T_HEAD], const struct sess *s, unsigned i)
{
	uint32_t	sum = 0;
	unsigned	k;
	uint8_t		*ip = p + 2;

	memset(p, 0, 2 + T_HEAD);
	put16(p, PPP_PROTO_IP);
	ip[0] = 0x45;
	put16(ip + 2, T_IP_LEN);
	ip[6] = 0x40;			/* DF */
	ip[8] = 64;
	ip[9] = 17;
	put32(ip + 12, s->addr);
	put32(ip + 16, ntohl(L.server.s_addr));
	for (k = 0; k < 20; k += 2)
		sum += (uint32_t)ip[k] << 8 | ip[k + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(ip + 10, (uint16_t)~sum);
	put16(ip + 20, (uint16_t)(1024 + i % 60000));
	put16(ip + 22, T_PORT);
	put16(ip + 24, T_IP_LEN - 20);	/* UDP checksum 0: none */
	put32(ip + 28, T_MAGIC);
	put32(ip + 32, i);
}

/*
 * Run each session's key chain ahead: the MPPE header and ciphertext
 * of each of its packets' heads; the session's state ends where the
 * last packet leaves it.
 */
static void
up_prepare(void)
{
	uint8_t		 p[2 + T_HEAD];
	struct mppe_dir	 d;
	struct sess	*s;
	unsigned	 i, j;

	T.head = malloc((size_t)L.n * L.pkts * T_CIPH);
	if (T.head == NULL)
		die("malloc (lower -k or -n)");
	for (i = 0; i < L.n; i++) {
		s = &L.s[i];
		up_plain(p, s, i);
		d = s->tx;
		for (j = 0; j < L.pkts; j++) {
			put32(p + 2 + 36, j);
			mppe_encrypt(&d, p, sizeof(p),
			    T.head + ((size_t)i * L.pkts + j) * T_CIPH);
		}
		s->tx = d;
	}
	explicit_bzero(&d, sizeof(d));
}

static unsigned
up_send(unsigned n)
{
	static uint8_t		 hdr[T_BATCH][GRE_HDR_MAX + 4 + T_CIPH];
	static struct sess	*who[T_BATCH];
	struct mmsghdr		 mm[T_BATCH];
	struct iovec		 iov[T_BATCH][2];
	struct sockaddr_in	 sin;
	struct sess		*s;
	uint64_t		 pk;
	size_t			 hl;
	unsigned		 k, i;
	int			 r;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = L.server;
	memset(mm, 0, sizeof(mm));
	for (k = 0; k < n; k++) {
		pk = T.next + k;
		i = (unsigned)(pk % L.n);
		s = who[k] = &L.s[i];
		hl = gre_hdr_encode(hdr[k], GRE_HDR_MAX, s->peer_call_id,
		    T_PPP, true, s->tx_seq++, s->rx_any, s->rx_seq);
		s->ack_due = false;
		hl += ppp_frame_hdr_encode(hdr[k] + hl, PPP_PROTO_MPPE, false,
		    false);
		memcpy(hdr[k] + hl, T.head + ((size_t)i * L.pkts + pk / L.n) *
		    T_CIPH, T_CIPH);
		iov[k][0].iov_base = hdr[k];
		iov[k][0].iov_len = hl + T_CIPH;
		iov[k][1].iov_base = (void *)filler;
		iov[k][1].iov_len = T_FILL;
		mm[k].msg_hdr.msg_iov = iov[k];
		mm[k].msg_hdr.msg_iovlen = 2;
		mm[k].msg_hdr.msg_name = &sin;
		mm[k].msg_hdr.msg_namelen = sizeof(sin);
	}
	if ((r = sendmmsg(L.gre, mm, n, MSG_DONTWAIT)) < 0)
		r = 0;
	/* what did not go keeps its sequence number for the next try */
	for (k = n; k > (unsigned)r; k--)
		who[k - 1]->tx_seq--;
	T.next += (unsigned)r;
	return (unsigned)r;
}

static void
sink_in(void)
{
	static uint8_t	b[64][T_MARK];
	struct mmsghdr	mm[64];
	struct iovec	iov[64];
	int		i, r;

	do {
		memset(mm, 0, sizeof(mm));
		for (i = 0; i < 64; i++) {
			iov[i].iov_base = b[i];
			iov[i].iov_len = T_MARK;
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		/* MSG_TRUNC: the datagram's real length, 12 bytes copied */
		r = recvmmsg(T.sink, mm, 64, MSG_DONTWAIT | MSG_TRUNC, NULL);
		for (i = 0; i < r; i++) {
			if (mm[i].msg_len == T_UDP_DATA &&
			    get32(b[i]) == T_MAGIC && get32(b[i] + 4) < L.n)
				T.r.rcvd++;
			else
				T.r.bad++;
		}
		if (r > 0)
			T.r.t_last = now_us();
	} while (r == 64);
}

/* ---- down: UDP to every session, decrypted here ---------------------- */

static unsigned
down_send(unsigned n)
{
	static uint8_t		 mark[T_BATCH][T_MARK];
	struct sockaddr_in	 dst[T_BATCH];
	struct mmsghdr		 mm[T_BATCH];
	struct iovec		 iov[T_BATCH][2];
	uint64_t		 pk;
	unsigned		 k, i;
	int			 r;

	memset(mm, 0, sizeof(mm));
	for (k = 0; k < n; k++) {
		pk = T.next + k;
		i = (unsigned)(pk % L.n);
		put32(mark[k], T_MAGIC);
		put32(mark[k] + 4, i);
		put32(mark[k] + 8, (uint32_t)(pk / L.n));
		memset(&dst[k], 0, sizeof(dst[k]));
		dst[k].sin_family = AF_INET;
		dst[k].sin_port = htons(T_PORT);
		dst[k].sin_addr.s_addr = htonl(L.s[i].addr);
		iov[k][0].iov_base = mark[k];
		iov[k][0].iov_len = T_MARK;
		iov[k][1].iov_base = (void *)filler;
		iov[k][1].iov_len = T_UDP_DATA - T_MARK;
		mm[k].msg_hdr.msg_iov = iov[k];
		mm[k].msg_hdr.msg_iovlen = 2;
		mm[k].msg_hdr.msg_name = &dst[k];
		mm[k].msg_hdr.msg_namelen = sizeof(dst[k]);
	}
	if ((r = sendmmsg(T.src, mm, n, MSG_DONTWAIT)) < 0)
		r = 0;
	T.next += (unsigned)r;
	return (unsigned)r;
}

/* A packet's first T_HEAD bytes: ours, for session s? */
static bool
head_ok(const struct sess *s, const uint8_t *p)
{
	return p[0] == 0x45 && p[9] == 17 &&
	    (size_t)(p[2] << 8 | p[3]) == T_IP_LEN && get32(p + 16) ==
	    s->addr && get32(p + 28) == T_MAGIC &&
	    get32(p + 32) == (uint32_t)(s - L.s);
}

/* A decrypted IP packet from the server on session s (loadc.c). */
void
traffic_ip_in(struct sess *s, const uint8_t *p, size_t n)
{
	if (n == T_IP_LEN && head_ok(s, p))
		T.r.rcvd++;
	else
		T.r.bad++;
	T.r.t_last = now_us();
}

/*
 * Down, as up_prepare does for up: each session's key chain as the
 * server will run it, ahead, from where our receive state is; per
 * packet the MPPE header and the keystream over protocol and head.
 */
static void
down_prepare(void)
{
	static const uint8_t	 zero[2 + T_HEAD];
	struct mppe_dir		 d;
	unsigned		 i, j;

	T.head = malloc((size_t)L.n * L.pkts * T_CIPH);
	T.dj = calloc(L.n, sizeof(*T.dj));
	if (T.head == NULL || T.dj == NULL)
		die("malloc (lower -k or -n)");
	for (i = 0; i < L.n; i++) {
		d = L.s[i].rx;
		for (j = 0; j < L.pkts; j++)
			mppe_encrypt(&d, zero, sizeof(zero), T.head +
			    ((size_t)i * L.pkts + j) * T_CIPH);
	}
	explicit_bzero(&d, sizeof(d));
}

/*
 * An MPPE frame of session s while down runs (loadc.c asks first):
 * its head decrypted with the keystream run ahead for its coherency
 * count, and checked as traffic_ip_in does.  The worker encrypted all
 * of it; the client checks the head, as bench_gre_worker does, so that
 * loadc's CPU, which the workers share the machine with, is not a key
 * change and 1,402 bytes of RC4 per packet.  False when down is not
 * running: loadc.c decrypts as usual.
 */
bool
traffic_mppe_in(struct sess *s, const uint8_t *f, size_t n)
{
	uint8_t		 p[2 + T_HEAD];
	const uint8_t	*k;
	unsigned	 i = (unsigned)(s - L.s), j, cnt, base, m, off;

	if (T.dir != T_DOWN || T.head == NULL)
		return false;
	T.r.t_last = now_us();
	if (n != MPPE_HDR_LEN + 2 + T_IP_LEN) {
		T.r.bad++;
		return true;
	}
	k = T.head + (size_t)i * L.pkts * T_CIPH;
	cnt = (unsigned)(f[0] & 0x0f) << 8 | f[1];
	base = (unsigned)(k[0] & 0x0f) << 8 | k[1];
	/* counts are 12 bits: the first one from this session's next on */
	j = T.dj[i] + ((cnt - base - T.dj[i]) & 0xfff);
	if (j >= L.pkts) {
		T.r.bad++;
		return true;
	}
	T.dj[i] = j + 1;
	k += (size_t)j * T_CIPH;
	for (m = 0; m < sizeof(p); m++)
		p[m] = f[MPPE_HDR_LEN + m] ^ k[MPPE_HDR_LEN + m];
	off = p[0] == 0 && p[1] == 0x21 ? 2 : p[0] == 0x21 ? 1 : 0;
	if (off != 0 && head_ok(s, p + off))
		T.r.rcvd++;
	else
		T.r.bad++;
	return true;
}

/* ---- one direction ----------------------------------------------------- */

/* Whatever is readable: the sink, loadc's GRE socket, TCP. */
static void
t_events(int ms)
{
	struct epoll_event	ev[64];
	int			i, n;

	n = epoll_wait(L.ep, ev, 64, ms);
	if (n == -1 && errno != EINTR)
		die("epoll_wait");
	for (i = 0; i < n; i++) {
		if (ev[i].data.ptr == &T)
			sink_in();
		else
			loadc_event(ev[i].data.ptr);
	}
}

/*
 * Send L.pkts packets per session in direction dir, at most L.window
 * unanswered; stop when all are in, when nothing has come for
 * STALL_MS after the last send, or at the direction's bound.
 */
static void
dir_pump(enum tdir dir)
{
	uint64_t	total = (uint64_t)L.n * L.pkts, in, fly, done;
	uint64_t	last_in = 0, t_progress = now_ms(), end;
	unsigned	n, sent, win = dir == T_UP ? L.window : L.window_down;
	bool		blocked = false;

	end = now_ms() + DIR_MS;
	if (end > L.end_ms)
		end = L.end_ms;
	T.r.t_first = now_us();
	while (now_ms() < end) {
		in = T.r.rcvd + T.r.bad;
		done = in + T.r.given_up;
		fly = T.r.sent - done;
		if (in != last_in) {
			last_in = in;
			t_progress = now_ms();
		}
		/* refill in batches, not packet by packet: half the window */
		if (fly >= win)
			blocked = true;
		else if (fly <= win / 2)
			blocked = false;
		if (T.next < total && !blocked) {
			n = T_BATCH;
			if (n > total - T.next)
				n = (unsigned)(total - T.next);
			if (n > win - fly)
				n = (unsigned)(win - fly);
			sent = dir == T_UP ? up_send(n) : down_send(n);
			T.r.sent += sent;
			t_events(0);
			if (sent > 0)
				continue;
		}
		if (fly == 0 && T.next == total)
			break;
		if (now_ms() - t_progress >= STALL_MS) {
			/* what is out will not come: count it lost, go on */
			T.r.given_up += fly;
			t_progress = now_ms();
			if (T.next == total)
				break;
			continue;
		}
		t_events(1);
	}
}

/* What is sampled at both ends of a direction's run. */
struct snap {
	struct proc	 pr[PROC_MAX];	/* the server's processes */
	struct proc	 self;		/* loadc */
	struct tun_ctr	 tun[WORKERS_MAX];
};

static void
snap_take(struct snap *x)
{
	procs_sample(x->pr);
	x->self.pid = getpid();
	x->self.name = "loadc";
	proc_sample(&x->self);
	tun_sample(x->tun);
}

static double
dir_secs(void)
{
	return T.r.t_last > T.r.t_first ? (T.r.t_last - T.r.t_first) / 1e6 :
	    0;
}

/*
 * One row per worker; returns the aggregate by CPU and writes the
 * workers' ns per packet, "a/b/..", to nsl for the RESULT line.
 */
static double
print_workers(enum tdir dir, const struct snap *a, const struct snap *b,
    char *nsl, size_t len)
{
	const struct proc	*wa, *wb;
	char			 tun[32];
	double			 secs = dir_secs(), ns, sum = 0;
	uint64_t		 pk, cpu, runs;
	size_t			 off = 0;
	unsigned		 k;

	printf("  %-7s %-10s %10s %9s %7s %12s %5s %6s %8s %8s\n", "worker",
	    "tun", "packets", "cpu ms", "ns/pkt", "pkts/s/core", "busy",
	    "queue", "pkts/run", "tun drop");
	nsl[0] = '\0';
	for (k = 0; k < T.nw; k++) {
		wa = &a->pr[worker_proc(k) - L.pr];
		wb = &b->pr[worker_proc(k) - L.pr];
		worker_tun(k, tun, sizeof(tun));
		pk = dir == T_UP ? b->tun[k].rx - a->tun[k].rx :
		    b->tun[k].tx - a->tun[k].tx;
		cpu = wb->cpu_ns - wa->cpu_ns;
		runs = wb->runs - wa->runs;
		ns = pk ? (double)cpu / pk : 0;
		sum += ns > 0 ? 1e9 / ns : 0;
		printf("  %-7s %-10s %10llu %9.1f %7.0f %12.0f %4.0f%% %5.0f%% "
		    "%8.1f %8llu\n", wa->name, tun, (unsigned long long)pk,
		    cpu / 1e6, ns, ns > 0 ? 1e9 / ns : 0,
		    secs > 0 ? cpu / 1e7 / secs : 0,
		    secs > 0 ? (wb->wait_ns - wa->wait_ns) / 1e7 / secs : 0,
		    runs ? (double)pk / runs : 0,
		    (unsigned long long)(b->tun[k].tx_drop - a->tun[k].tx_drop));
		if (off < len)
			off += (size_t)snprintf(nsl + off, len - off, "%s%.0f",
			    k ? "/" : "", ns);
	}
	return sum;
}

static void
dir_print(enum tdir dir, const struct snap *a, const struct snap *b)
{
	char		 nsl[160];
	double		 secs = dir_secs(), pps, cpu_pps, busy;
	uint64_t	 lost = T.r.sent - T.r.rcvd - T.r.bad, cpu;

	pps = secs > 0 ? T.r.rcvd / secs : 0;
	printf("traffic %s: %s, %u sessions x %u packets, IP %u B, "
	    "window %u, %u gre worker%s\n", dir == T_UP ? "up" : "down",
	    dir == T_UP ? "client -> server (GRE -> gre -> tun -> sink)" :
	    "server -> client (UDP -> tun -> gre -> GRE -> loadc)", L.n,
	    L.pkts, T_IP_LEN, dir == T_UP ? L.window : L.window_down, T.nw,
	    T.nw == 1 ? "" : "s");
	printf("  sent %llu, received %llu, bad %llu, lost %llu (%.2f%%); "
	    "%.2f s: %.0f packets/s, %.3f Gbit/s at the receiver\n",
	    (unsigned long long)T.r.sent, (unsigned long long)T.r.rcvd,
	    (unsigned long long)T.r.bad, (unsigned long long)lost,
	    T.r.sent ? 100.0 * lost / T.r.sent : 0, secs, pps,
	    pps * T_IP_LEN * 8 / 1e9);
	cpu_pps = print_workers(dir, a, b, nsl, sizeof(nsl));
	printf("  aggregate by CPU (sum of 1e9 / ns per packet): %.0f "
	    "packets/s, %.3f Gbit/s\n", cpu_pps, cpu_pps * T_IP_LEN * 8 / 1e9);
	cpu = b->self.cpu_ns - a->self.cpu_ns;
	busy = secs > 0 ? cpu / 1e7 / secs : 0;
	printf("  loadc: %.0f ns/pkt, busy %.0f%%; master %.1f, ctrl %.1f, "
	    "auth %.1f cpu ms\n", T.r.sent ? (double)cpu / T.r.sent : 0, busy,
	    (b->pr[0].cpu_ns - a->pr[0].cpu_ns) / 1e6,
	    (b->pr[1].cpu_ns - a->pr[1].cpu_ns) / 1e6,
	    (b->pr[3].cpu_ns - a->pr[3].cpu_ns) / 1e6);
	/* one line for run-load.sh's summary over the worker counts */
	printf("RESULT dir=%s workers=%u sent=%llu rcvd=%llu lost=%llu "
	    "secs=%.3f pps=%.0f gbps=%.3f cpu_pps=%.0f ns=%s loadc_busy=%.0f\n",
	    dir == T_UP ? "up" : "down", T.nw, (unsigned long long)T.r.sent,
	    (unsigned long long)T.r.rcvd, (unsigned long long)lost, secs, pps,
	    pps * T_IP_LEN * 8 / 1e9, cpu_pps, nsl, busy);
}

static void
dir_run(enum tdir dir)
{
	struct snap	a, b;

	memset(&T.r, 0, sizeof(T.r));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	T.next = 0;
	if (dir == T_UP)
		up_prepare();
	else
		down_prepare();
	T.dir = dir;
	snap_take(&a);
	dir_pump(dir);
	snap_take(&b);
	dir_print(dir, &a, &b);
	if (T.r.rcvd == 0 || T.r.bad != 0)
		T.fails++;
	free(T.head);
	free(T.dj);
	T.head = NULL;
	T.dj = NULL;
	/* let the last acks and echoes through before the next step */
	t_events(10);
}

int
mode_traffic(void)
{
	uint64_t	t0 = now_ms();

	run(c_all_settled_up, L.n, 0);
	printf("traffic: N=%u C=%u\n", L.n, L.conc);
	print_setup_times((now_ms() - t0) / 1e3);
	if (L.nsetup != L.n) {
		close_all();
		print_fail();
		return 1;
	}
	T.nw = L.npr - NPROC + 1;
	ns_sockets();
	dir_run(T_UP);
	dir_run(T_DOWN);
	close_all();
	printf("  closed: %u, failed: %u\n", L.done, L.failed);
	print_fail();
	close(T.sink);
	close(T.src);
	return T.fails == 0 && L.failed == 0 ? 0 : 1;
}
