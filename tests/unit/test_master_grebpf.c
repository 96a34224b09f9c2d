/*
 * Unit tests: master/gre_bpf.c - the data workers' classic BPF
 * programs, run by the kernel: each is attached to one end of an
 * AF_UNIX datagram socketpair (a socket filter sees the datagram from
 * its first byte, as a raw or SOCK_DGRAM packet socket sees the IP
 * header), and packets of every kind are sent through it.  A socket
 * filter's return value is the number of bytes kept, so the fan-out
 * program's answer (a worker index) shows as the length received.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <linux/filter.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "master/gre_bpf.h"

struct pair {
	int	 tx, rx;
};

static void
pair_open(struct pair *p, const struct sock_filter *code, size_t n)
{
	struct sock_fprog prog = { (unsigned short)n,
	    (struct sock_filter *)code };
	int sv[2];

	assert_true(n > 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0,
	    sv), 0);
	assert_int_equal(setsockopt(sv[1], SOL_SOCKET, SO_ATTACH_FILTER,
	    &prog, sizeof(prog)), 0);
	p->tx = sv[0];
	p->rx = sv[1];
}

static void
pair_close(struct pair *p)
{
	close(p->tx);
	close(p->rx);
}

/* Send one datagram; the bytes that came through, or -1 for none. */
static ssize_t
pass(struct pair *p, const uint8_t *pkt, size_t len)
{
	uint8_t buf[2048];
	ssize_t n;

	assert_int_equal(send(p->tx, pkt, len, 0), (ssize_t)len);
	n = recv(p->rx, buf, sizeof(buf), 0);
	if (n == -1)
		assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	return n;
}

/*
 * An IPv4 packet carrying enhanced GRE for `call_id`: IP options make
 * the header ihl*4 bytes long, so the programs must follow IHL.
 */
static size_t
mkpkt(uint8_t *b, unsigned int ihl, uint8_t proto, uint16_t frag,
    uint8_t version, uint16_t gproto, uint16_t call_id)
{
	size_t hl = ihl * 4, len = hl + 16 + 20;

	memset(b, 0, len);
	b[0] = (uint8_t)(0x40 | ihl);
	b[2] = (uint8_t)(len >> 8);
	b[3] = (uint8_t)len;
	b[6] = (uint8_t)(frag >> 8);
	b[7] = (uint8_t)frag;
	b[8] = 64;
	b[9] = proto;
	b[12] = 10; b[15] = 2;			/* 10.0.0.2 -> 10.0.0.1 */
	b[16] = 10; b[19] = 1;
	b[hl] = 0x30;				/* K and S */
	b[hl + 1] = (uint8_t)(0x80 | version);	/* A, version */
	b[hl + 2] = (uint8_t)(gproto >> 8);
	b[hl + 3] = (uint8_t)gproto;
	b[hl + 5] = 20;				/* payload length */
	b[hl + 6] = (uint8_t)(call_id >> 8);
	b[hl + 7] = (uint8_t)call_id;
	return len;
}

static size_t
gre_for(uint8_t *b, unsigned int ihl, uint16_t call_id)
{
	return mkpkt(b, ihl, 47, 0, 1, 0x880b, call_id);
}

/* Each call id reaches exactly one of n shard filters: id % n's. */
static void
test_shard_partition(void **state)
{
	static const unsigned int ns[] = { 1, 2, 3, 4, 16 };
	static const uint16_t ids[] = { 0, 1, 2, 3, 5, 255, 256, 4097,
	    65534, 65535 };
	struct sock_filter code[GRE_BPF_MAX];
	struct pair p[16];
	uint8_t pkt[128];
	size_t i, j, k, len;

	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		for (k = 0; k < ns[i]; k++)
			pair_open(&p[k], code, gre_bpf_shard(code,
			    GRE_BPF_MAX, ns[i], (unsigned int)k));
		for (j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			unsigned int ihl = 5 + (unsigned int)(j % 3) * 5;
			unsigned int got = 0;

			len = gre_for(pkt, ihl, ids[j]);
			for (k = 0; k < ns[i]; k++) {
				ssize_t n = pass(&p[k], pkt, len);

				if (n == (ssize_t)len) {
					assert_int_equal(k,
					    gre_bpf_worker(ids[j], ns[i]));
					got++;
				} else
					assert_int_equal(n, -1);
			}
			assert_int_equal(got, 1);
		}
		for (k = 0; k < ns[i]; k++)
			pair_close(&p[k]);
	}
}

/* What is not enhanced GRE goes to worker 0 alone; not GRE to none. */
static void
test_shard_other(void **state)
{
	struct sock_filter code[GRE_BPF_MAX];
	struct pair w0, w1;
	uint8_t pkt[128];
	size_t len;

	pair_open(&w0, code, gre_bpf_shard(code, GRE_BPF_MAX, 2, 0));
	pair_open(&w1, code, gre_bpf_shard(code, GRE_BPF_MAX, 2, 1));
	/* call id 1 would be worker 1's, were these enhanced GRE */
	len = mkpkt(pkt, 5, 47, 0, 0, 0x880b, 1);	/* version 0 */
	assert_int_equal(pass(&w0, pkt, len), (ssize_t)len);
	assert_int_equal(pass(&w1, pkt, len), -1);
	len = mkpkt(pkt, 5, 47, 0, 1, 0x0800, 1);	/* not PPP */
	assert_int_equal(pass(&w0, pkt, len), (ssize_t)len);
	assert_int_equal(pass(&w1, pkt, len), -1);
	len = mkpkt(pkt, 5, 47, 0x2000 | 3, 1, 0x880b, 1); /* a fragment */
	assert_int_equal(pass(&w0, pkt, len), (ssize_t)len);
	assert_int_equal(pass(&w1, pkt, len), -1);
	len = mkpkt(pkt, 5, 17, 0, 1, 0x880b, 1);	/* UDP */
	assert_int_equal(pass(&w0, pkt, len), (ssize_t)len);
	assert_int_equal(pass(&w1, pkt, len), -1);
	/* cut short before the Call ID: the kernel keeps nothing */
	len = gre_for(pkt, 5, 1);
	assert_int_equal(pass(&w0, pkt, 20 + 7), -1);
	assert_int_equal(pass(&w1, pkt, 20 + 7), -1);
	pair_close(&w0);
	pair_close(&w1);
}

/*
 * The raw IPv6 socket's shard filter sees GRE from its first byte:
 * each call id reaches exactly its worker; other GRE reaches worker 0
 * alone; a datagram cut before the Call ID reaches none.
 */
static void
test_shard6(void **state)
{
	static const unsigned int ns[] = { 1, 2, 3, 16 };
	static const uint16_t ids[] = { 0, 1, 2, 3, 17, 256, 65535 };
	struct sock_filter code[GRE_BPF_MAX];
	struct pair p[16];
	uint8_t pkt[128];
	size_t i, j, k, len, hits;
	ssize_t r;

	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		for (k = 0; k < ns[i]; k++)
			pair_open(&p[k], code, gre_bpf_shard6(code,
			    GRE_BPF_MAX, ns[i], (unsigned int)k));
		for (j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			len = gre_for(pkt, 5, ids[j]) - 20;
			for (k = 0, hits = 0; k < ns[i]; k++) {
				r = pass(&p[k], pkt + 20, len);
				if (k == gre_bpf_worker(ids[j], ns[i]))
					assert_int_equal(r, (ssize_t)len);
				else
					assert_int_equal(r, -1);
				hits += r != -1;
			}
			assert_int_equal(hits, 1);
		}
		/* version 0, and not PPP: worker 0's, to be counted once */
		len = mkpkt(pkt, 5, 47, 0, 0, 0x880b, 1) - 20;
		for (k = 0; k < ns[i]; k++)
			assert_int_equal(pass(&p[k], pkt + 20, len),
			    k == 0 ? (ssize_t)len : -1);
		len = mkpkt(pkt, 5, 47, 0, 1, 0x0800, 1) - 20;
		for (k = 0; k < ns[i]; k++)
			assert_int_equal(pass(&p[k], pkt + 20, len),
			    k == 0 ? (ssize_t)len : -1);
		(void)gre_for(pkt, 5, 1);
		for (k = 0; k < ns[i]; k++) {
			assert_int_equal(pass(&p[k], pkt + 20, 7), -1);
			pair_close(&p[k]);
		}
	}
	assert_int_equal(gre_bpf_shard6(code, GRE_BPF_MAX, 2, 2), 0);
	assert_int_equal(gre_bpf_shard6(code, 10, 2, 1), 0);
}

/* The fan-out program's answer is the worker index. */
static void
test_fanout_index(void **state)
{
	struct sock_filter code[GRE_BPF_MAX];
	struct pair p;
	uint8_t pkt[128];
	uint16_t id;
	size_t len;

	pair_open(&p, code, gre_bpf_fanout(code, GRE_BPF_MAX, 7));
	for (id = 0; id < 40; id++) {
		ssize_t want = (ssize_t)gre_bpf_worker(id, 7);

		len = gre_for(pkt, 6, id);
		assert_int_equal(pass(&p, pkt, len), want == 0 ? -1 : want);
	}
	len = mkpkt(pkt, 5, 47, 0, 0, 0x880b, 3);	/* version 0: 0 */
	assert_int_equal(pass(&p, pkt, len), -1);
	pair_close(&p);
}

static void
test_proto_and_none(void **state)
{
	struct sock_filter code[GRE_BPF_MAX];
	struct pair p, q;
	uint8_t pkt[128];
	size_t len;

	/* no device list: a socketpair's datagram has no device */
	pair_open(&p, code, gre_bpf_packet(code, GRE_BPF_MAX, NULL, 0));
	pair_open(&q, code, gre_bpf_none(code, GRE_BPF_MAX));
	len = gre_for(pkt, 5, 9);
	assert_int_equal(pass(&p, pkt, len), (ssize_t)len);
	assert_int_equal(pass(&q, pkt, len), -1);
	len = mkpkt(pkt, 5, 6, 0, 1, 0x880b, 9);	/* TCP */
	assert_int_equal(pass(&p, pkt, len), -1);
	pair_close(&p);
	pair_close(&q);
}

static void
test_bounds(void **state)
{
	struct sock_filter code[GRE_BPF_MAX];

	assert_int_equal(gre_bpf_shard(code, GRE_BPF_MAX, 0, 0), 0);
	assert_int_equal(gre_bpf_shard(code, GRE_BPF_MAX, 2, 2), 0);
	assert_int_equal(gre_bpf_shard(code, 5, 2, 1), 0);
	assert_int_equal(gre_bpf_fanout(code, GRE_BPF_MAX, 0), 0);
	assert_int_equal(gre_bpf_fanout(code, 3, 2), 0);
	assert_int_equal(gre_bpf_none(code, 0), 0);
	assert_int_equal(gre_bpf_worker(65535, 0), 0);
	assert_int_equal(gre_bpf_packet(code, GRE_BPF_MAX, NULL,
	    GRE_BPF_MAX + 1), 0);
	assert_int_equal(gre_bpf_packet(code, 6, NULL, 0), 6);
	assert_int_equal(gre_bpf_packet(code, 5, NULL, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shard_partition),
		cmocka_unit_test(test_shard_other),
		cmocka_unit_test(test_shard6),
		cmocka_unit_test(test_fanout_index),
		cmocka_unit_test(test_proto_and_none),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
