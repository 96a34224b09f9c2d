/*
 * Benchmark: MPPE-128 stateless through the gre data path functions,
 * without I/O.  Prints packets/s for gre_tx_ip (tun -> GRE: clamp,
 * encrypt, frame) and gre_rx_packet (GRE -> tun: decode, demux,
 * sequence, decrypt, checks) with 1400- and 64-byte packets, beside the
 * raw ceiling (one stateless key change + RC4 over the packet, nothing
 * else), IPv6 beside IPv4 at 1400 bytes (issue 17: the same path but
 * for the header checks and the /64 map), and the per-session memory.
 * Each figure is the best of
 * TRIALS runs, timed in this thread's CPU time, since other work on
 * the machine only ever slows a run.
 *
 *   make build/bench/bench_gre_mppe && build/bench/bench_gre_mppe
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nettle/arcfour.h>

#include "common/err.h"
#include "common/rate.h"
#include "gre/datapath.h"

#define RING		4096	/* pre-encrypted packets per round */
#define ROUNDS		8	/* rounds per trial */
#define TRIALS		5	/* best of: the machine is shared */

static const uint8_t key_send[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16 };
static const uint8_t key_recv[16] = { 16, 15, 14, 13, 12, 11, 10, 9, 8, 7,
    6, 5, 4, 3, 2, 1 };

#define PEER	0xc000020aU
#define ADDR	0x0a6400c9U
#define LAN	0xc0a80105U
#define PFX6	0x20010db801000001ULL	/* the session's /64 */
#define LAN6	0x20010db8ff000000ULL

/* IPv6 packets instead of IPv4 (see main). */
static int bench_v6;

static double
now_s(void)
{
	struct timespec	ts;

	/* CPU time: a busy machine preempts us, wall time would count it */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *m)
{
	fprintf(stderr, "bench_gre_mppe: %s\n", m);
	exit(1);
}

static size_t
mk_udp(uint8_t *p, uint32_t src, uint32_t dst, size_t tot)
{
	memset(p, 0, tot);
	p[0] = 0x45;
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	p[8] = 64;
	p[9] = 17;
	p[12] = (uint8_t)(src >> 24); p[13] = (uint8_t)(src >> 16);
	p[14] = (uint8_t)(src >> 8); p[15] = (uint8_t)src;
	p[16] = (uint8_t)(dst >> 24); p[17] = (uint8_t)(dst >> 16);
	p[18] = (uint8_t)(dst >> 8); p[19] = (uint8_t)dst;
	p[21] = 68;
	p[23] = 53;
	return tot;
}

static void
put64(uint8_t *p, uint64_t v)
{
	int	i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* An IPv6 UDP packet of tot bytes from the /64 src to dst. */
static size_t
mk_udp6(uint8_t *p, uint64_t src, uint64_t dst, size_t tot)
{
	memset(p, 0, tot);
	p[0] = 0x60;
	p[4] = (uint8_t)((tot - 40) >> 8);
	p[5] = (uint8_t)(tot - 40);
	p[6] = 17;
	p[7] = 64;
	put64(p + 8, src);
	p[23] = 5;
	put64(p + 24, dst);
	p[39] = 7;
	p[41] = 68;
	p[43] = 53;
	return tot;
}

/* The policer's rate for new sessions (0: off); see main. */
static uint64_t bench_rate;

struct env {
	struct gre_pool	 pool;
	struct gre_table t;
	struct gre_sess	*s;
	struct mppe_dir	 ctx;		/* the client's sending side */
	uint32_t	 cseq;
};

static void
env_init(struct env *e)
{
	struct gre_sess_conf	c = { .sid = 1, .call_id = 0x1001,
	    .peer_call_id = 0x5001, .peer_addr = PEER };

	memset(e, 0, sizeof(*e));
	if (gre_pool_init(&e->pool, 256) != HP_OK ||
	    gre_table_init(&e->t, 16) != HP_OK ||
	    gre_sess_add(&e->t, &c, &e->s) != HP_OK ||
	    gre_sess_set_addr(&e->t, e->s, ADDR) != HP_OK ||
	    gre_sess_set_prefix6(&e->t, e->s, PFX6) != HP_OK)
		die("init");
	gre_sess_set_link(e->s, false, false, 1360, true);
	gre_sess_set_keys(e->s, key_send, key_recv);
	if (gre_sess_set_mppe(e->s, MPPE_128, true) != HP_OK ||
	    mppe_init(&e->ctx, key_recv, MPPE_128, true) != HP_OK)
		die("mppe");
	gre_sess_set_rate(e->s, bench_rate, bench_rate, 0, 0);
}

static void
env_fini(struct env *e)
{
	gre_table_fini(&e->t, &e->pool);
	gre_pool_fini(&e->pool);
	mppe_wipe(&e->ctx);
}

/* A client datagram (outer IPv4 + GRE + FF03 00FD + MPPE(0021 ip)). */
static size_t
client_pkt(struct env *e, const uint8_t *ip, size_t n, uint8_t *raw)
{
	uint8_t	in[2048];
	size_t	gl, pl;

	in[0] = 0x00;
	in[1] = bench_v6 ? 0x57 : 0x21;
	memcpy(in + 2, ip, n);
	memset(raw, 0, 20);
	raw[0] = 0x45;
	raw[9] = 47;
	raw[12] = 0xc0; raw[13] = 0; raw[14] = 2; raw[15] = 0x0a;
	pl = 4 + 2 + 2 + n;
	gl = gre_hdr_encode(raw + 20, 16, 0x1001, (uint16_t)pl, true,
	    e->cseq++, false, 0);
	raw[20 + gl] = 0xff;
	raw[21 + gl] = 0x03;
	raw[22 + gl] = 0x00;
	raw[23 + gl] = 0xfd;
	mppe_encrypt(&e->ctx, in, n + 2, raw + 24 + gl);
	raw[2] = (uint8_t)((20 + gl + pl) >> 8);
	raw[3] = (uint8_t)(20 + gl + pl);
	return 20 + gl + pl;
}

static double
bench_tx(size_t size)
{
	struct env	 e;
	struct gre_out	*o;
	uint8_t		 ip[2048];
	double		 t0, t;
	unsigned	 i, n = RING * ROUNDS;

	env_init(&e);
	if ((o = malloc(sizeof(*o))) == NULL)
		die("malloc");
	if (bench_v6)
		mk_udp6(ip, LAN6, PFX6, size);
	else
		mk_udp(ip, LAN, ADDR, size);
	t0 = now_s();
	for (i = 0; i < n; i++)
		/* the clock moves a millisecond every 16 packets */
		if (gre_tx_ip(&e.t, ip, size, i >> 4, o) != HP_OK)
			die("gre_tx_ip");
	t = now_s() - t0;
	free(o);
	env_fini(&e);
	return n / t;
}

static double
bench_rx(size_t size)
{
	struct env	 e;
	struct gre_out	*outs;
	struct gre_outv	 ov;
	uint8_t		*ring, ip[2048];
	size_t		*len;
	double		 t = 0, t0;
	unsigned	 r, i;

	env_init(&e);
	ring = malloc((size_t)RING * 2048);
	len = malloc(RING * sizeof(*len));
	outs = malloc(2 * GRE_OUT_MIN * sizeof(*outs));
	if (ring == NULL || len == NULL || outs == NULL)
		die("malloc");
	if (bench_v6)
		mk_udp6(ip, PFX6, LAN6, size);
	else
		mk_udp(ip, ADDR, LAN, size);
	for (r = 0; r < ROUNDS; r++) {
		/* Encrypt the next round outside the timed part. */
		for (i = 0; i < RING; i++)
			len[i] = client_pkt(&e, ip, size, ring + i * 2048UL);
		ov = (struct gre_outv){ outs, 0, 2 * GRE_OUT_MIN };
		t0 = now_s();
		for (i = 0; i < RING; i++) {
			if (gre_rx_packet(&e.t, &e.pool, ring + i * 2048UL,
			    len[i], (r * RING + i) >> 4, &ov) != HP_OK)
				die("gre_rx_packet");
			if (ov.n + GRE_RX_MAX_OUT > ov.cap)
				ov.n = 0;	/* "written to tun" */
		}
		t += now_s() - t0;
	}
	if (e.s->ctr.rx_pkts != (uint64_t)RING * ROUNDS)
		die("not every packet reached tun");
	free(ring);
	free(len);
	free(outs);
	env_fini(&e);
	return (double)RING * ROUNDS / t;
}

/*
 * The floor of the work: one stateless key change + RC4 of the packet
 * (what = 0), the key change alone (1), RC4 alone (2).
 */
static double
bench_raw(size_t size, int what)
{
	struct mppe_dir	d;
	uint8_t		in[2048], out[2048];
	double		t0, t;
	unsigned	i, n = RING * ROUNDS;

	memset(in, 0x5a, sizeof(in));
	if (mppe_init(&d, key_send, MPPE_128, true) != HP_OK)
		die("mppe");
	t0 = now_s();
	for (i = 0; i < n; i++) {
		if (what != 2)
			mppe_rekey(&d);
		if (what != 1)
			mppe_crypt(&d, out, in, size + 2);
	}
	t = now_s() - t0;
	mppe_wipe(&d);
	return n / t;
}

static long
rss_kib(void)
{
	FILE	*fp;
	long	 pages = 0, rss = 0;

	if ((fp = fopen("/proc/self/statm", "r")) == NULL)
		return 0;
	if (fscanf(fp, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(fp);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static void
bench_mem(void)
{
	struct gre_table	 t;
	struct gre_pool		 pool;
	struct gre_sess_conf	 c;
	struct gre_sess		*s;
	long			 before, after;
	unsigned		 i, n = 10000;

	before = rss_kib();
	if (gre_table_init(&t, n) != HP_OK || gre_pool_init(&pool, 1) != HP_OK)
		die("table");
	for (i = 0; i < n; i++) {
		c = (struct gre_sess_conf){
		    .sid = i + 1, .call_id = (uint16_t)(i + 1),
		    .peer_call_id = 1, .peer_addr = PEER,
		    .peer_rwin = 64 };
		if (gre_sess_add(&t, &c, &s) != HP_OK ||
		    gre_sess_set_addr(&t, s, 0x0a000001 + i) != HP_OK)
			die("add");
		gre_sess_set_keys(s, key_send, key_recv);
		if (gre_sess_set_mppe(s, MPPE_128, false) != HP_OK)
			die("mppe");
	}
	after = rss_kib();
	printf("sizeof(struct gre_sess)            %8zu bytes\n",
	    sizeof(struct gre_sess));
	printf("table, %u sessions, RSS growth    %8ld KiB (%.0f bytes/session)\n",
	    n, after - before, (double)(after - before) * 1024 / n);
	gre_table_fini(&t, &pool);
	gre_pool_fini(&pool);
}

/*
 * RC4 key setup, which a stateless key change runs twice: nettle's
 * arcfour_set_key (which steps through the key with a division per
 * byte, for any key length) against the same schedule for a 16-byte
 * key, where the key index is a mask.  Key setups per second.
 */
static void
ksa16(struct arcfour_ctx *c, const uint8_t key[16])
{
	unsigned int	i;
	uint8_t		j = 0, t;

	for (i = 0; i < 256; i++)
		c->S[i] = (uint8_t)i;
	for (i = 0; i < 256; i++) {
		j = (uint8_t)(j + c->S[i] + key[i & 15]);
		t = c->S[i];
		c->S[i] = c->S[j];
		c->S[j] = t;
	}
	c->i = c->j = 0;
}

static double
bench_ksa(size_t masked)
{
	struct arcfour_ctx	c;
	uint8_t			key[16];
	double			t0, t;
	unsigned		i, n = RING * ROUNDS;

	memcpy(key, key_send, sizeof(key));
	if (masked) {		/* the same schedule, or the figure is moot */
		struct arcfour_ctx	ref;

		arcfour_set_key(&ref, sizeof(key), key);
		ksa16(&c, key);
		if (memcmp(ref.S, c.S, sizeof(c.S)) != 0)
			die("ksa16 differs from arcfour_set_key");
	}
	t0 = now_s();
	for (i = 0; i < n; i++) {
		if (masked)
			ksa16(&c, key);
		else
			arcfour_set_key(&c, sizeof(key), key);
		key[i & 15] ^= c.S[7];	/* a dependency: nothing hoisted */
	}
	t = now_s() - t0;
	explicit_bzero(&c, sizeof(c));
	return n / t;
}

static double
best(double (*fn)(size_t), size_t size)
{
	double	b = 0, v;
	int	i;

	for (i = 0; i < TRIALS; i++)
		if ((v = fn(size)) > b)
			b = v;
	return b;
}

static double
raw_all(size_t size)
{
	return bench_raw(size, 0);
}

static double
raw_rekey(size_t size)
{
	return bench_raw(size, 1);
}

static double
raw_rc4(size_t size)
{
	return bench_raw(size, 2);
}

int
main(void)
{
	static const size_t	sizes[] = { 1400, 64 };
	double			raw, tx, rx;
	size_t			i;

	printf("gre data path, MPPE-128 stateless, one core, no I/O\n");
	printf("%-6s %14s %14s %14s %8s %8s\n", "bytes", "ceiling pps",
	    "tun->GRE pps", "GRE->tun pps", "tx/ceil", "rx/ceil");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		raw = best(raw_all, sizes[i]);
		tx = best(bench_tx, sizes[i]);
		rx = best(bench_rx, sizes[i]);
		printf("%-6zu %14.0f %14.0f %14.0f %7.1f%% %7.1f%%\n",
		    sizes[i], raw, tx, rx, 100 * tx / raw, 100 * rx / raw);
	}
	/*
	 * The policer's cost: a limit no packet reaches (100 Gbit/s), so
	 * every packet pays for the check and the refill and none is
	 * dropped; against the same path without a limit.
	 */
	printf("policer (issue 16), a limit never reached, ratio on/off:\n");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		bench_rate = 0;
		tx = best(bench_tx, sizes[i]);
		rx = best(bench_rx, sizes[i]);
		bench_rate = RATE_MAX_BPS;
		raw = best(bench_tx, sizes[i]);
		printf("%-6zu tun->GRE %12.0f off %12.0f on %6.1f%%", sizes[i],
		    tx, raw, 100 * raw / tx);
		raw = best(bench_rx, sizes[i]);
		printf("   GRE->tun %12.0f off %12.0f on %6.1f%%\n", rx, raw,
		    100 * raw / rx);
	}
	bench_rate = 0;
	/* IPv6 beside IPv4: the same work but for the header and the map */
	printf("IPv6 (issue 17) against IPv4, 1400 bytes:\n");
	tx = best(bench_tx, 1400);
	rx = best(bench_rx, 1400);
	bench_v6 = 1;
	raw = best(bench_tx, 1400);
	printf("1400   tun->GRE %12.0f v4 %12.0f v6 %6.1f%%", tx, raw,
	    100 * raw / tx);
	raw = best(bench_rx, 1400);
	printf("   GRE->tun %12.0f v4 %12.0f v6 %6.1f%%\n", rx, raw,
	    100 * raw / rx);
	bench_v6 = 0;
	printf("ceiling parts: key change alone %.0f/s, RC4 of 1402 bytes "
	    "alone %.0f/s\n", best(raw_rekey, 1400), best(raw_rc4, 1400));
	printf("1400 bytes tun->GRE: %.2f Gbit/s of inner IP\n",
	    best(bench_tx, 1400) * 1400 * 8 / 1e9);
	printf("RC4 key setup (twice per key change): nettle %.0f ns, "
	    "masked 16-byte schedule %.0f ns\n", 1e9 / best(bench_ksa, 0),
	    1e9 / best(bench_ksa, 1));
	bench_mem();
	return 0;
}
