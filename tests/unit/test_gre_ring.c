/*
 * Unit tests: gre/ring.c and common/gre_ring.c - GRE read from a
 * packet socket's receive ring, with the kernel writing the frames.
 * In a network namespace of its own (root), a raw GRE socket sends to
 * 127.0.0.1 and an AF_PACKET SOCK_DGRAM socket with the ring that
 * master sets up receives: packets come in order with their bytes; a
 * full ring gives up exactly its frames and takes packets again once
 * they are back; a worker that restarts (a new mapping, its position
 * lost) finds the kernel's; a packet longer than a frame comes cut
 * short and the IP length check refuses it; and frame headers that
 * point outside their frame are refused.
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
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/gre_ring.h"
#include "gre/gre_pkt.h"
#include "gre/ring.h"

static int rx_fd = -1, tx_fd = -1;

/*
 * GRE packet i: an enhanced GRE header (version 1: no GRE module of
 * the kernel answers it with an ICMP error, which the ring would also
 * get), its index in the next four bytes, then filler.
 */
static void
send_gre(uint32_t i, size_t len)
{
	static const uint8_t hdr[4] = { 0x20, 0x01, 0x88, 0x0b };
	struct sockaddr_in to;
	uint8_t buf[4096];

	assert_true(len >= 8 && len <= sizeof(buf));
	memset(buf, (int)(i & 0xff), len);
	memcpy(buf, hdr, sizeof(hdr));
	memcpy(buf + 4, &i, sizeof(i));
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(sendto(tx_fd, buf, len, 0, (struct sockaddr *)&to,
	    sizeof(to)), (ssize_t)len);
}

/* Wait (bounded) until the kernel says the ring has something. */
static void
wait_readable(void)
{
	struct pollfd p = { .fd = rx_fd, .events = POLLIN };

	assert_int_equal(poll(&p, 1, 2000), 1);
}

/* The next frame must be packet i of `len` payload bytes. */
static void
expect(struct gre_ring *r, uint32_t i, size_t len)
{
	const uint8_t *pkt;
	uint8_t *f;
	size_t n;
	uint32_t got;

	f = gre_ring_next(r, &pkt, &n);
	assert_non_null(f);
	assert_non_null(pkt);
	assert_int_equal(n, 20 + len);
	assert_int_equal(pkt[0] >> 4, 4);
	assert_int_equal(pkt[9], IPPROTO_GRE);
	memcpy(&got, pkt + 24, sizeof(got));
	assert_int_equal(got, i);
	if (len > 8)
		assert_int_equal(pkt[20 + len - 1], i & 0xff);
	gre_ring_release(f);
}

static void
assert_empty(struct gre_ring *r)
{
	const uint8_t *pkt;
	size_t n;

	assert_null(gre_ring_next(r, &pkt, &n));
}

static void
test_order(void **state)
{
	struct gre_ring r = { 0 };
	uint32_t i;

	assert_int_equal(gre_ring_map(&r, rx_fd), HP_OK);
	for (i = 0; i < 100; i++)
		send_gre(i, 16 + (i * 37) % 1400);
	wait_readable();
	for (i = 0; i < 100; i++)
		expect(&r, i, 16 + (i * 37) % 1400);
	assert_empty(&r);
	assert_false(gre_ring_resync(&r));
	gre_ring_unmap(&r);
	assert_false(gre_ring_mapped(&r));
}

static void
test_full(void **state)
{
	struct gre_ring r = { 0 };
	uint32_t i;

	assert_int_equal(gre_ring_map(&r, rx_fd), HP_OK);
	/* test_order's 100 packets left the kernel's head at frame 100 */
	r.cur = 100;
	for (i = 0; i < GRE_RING_FRAMES + 50; i++)
		send_gre(i, 64);
	wait_readable();
	/* the first GRE_RING_FRAMES came; the kernel dropped the rest */
	for (i = 0; i < GRE_RING_FRAMES; i++)
		expect(&r, i, 64);
	assert_empty(&r);
	for (i = 0; i < 5; i++)
		send_gre(7000 + i, 100);
	wait_readable();
	for (i = 0; i < 5; i++)
		expect(&r, 7000 + i, 100);
	assert_empty(&r);
	gre_ring_unmap(&r);
}

static void
test_restart(void **state)
{
	struct gre_ring a = { 0 }, b = { 0 };
	unsigned int held;
	uint32_t i;

	assert_int_equal(gre_ring_map(&a, rx_fd), HP_OK);
	/* find the kernel's head as a restarted worker would */
	send_gre(1, 8);
	wait_readable();
	if (gre_ring_next(&a, &(const uint8_t *){ NULL }, &(size_t){ 0 }) ==
	    NULL)
		assert_true(gre_ring_resync(&a));
	else
		a.cur = (a.cur + GRE_RING_FRAMES - 1) % GRE_RING_FRAMES;
	expect(&a, 1, 8);
	/* the worker takes 37 and dies holding 3 more, unreleased */
	for (i = 0; i < 40; i++)
		send_gre(100 + i, 32);
	wait_readable();
	for (i = 0; i < 37; i++)
		expect(&a, 100 + i, 32);
	held = a.cur;
	gre_ring_unmap(&a);
	/* its successor maps the ring at frame 0, which is not the head */
	assert_int_equal(gre_ring_map(&b, rx_fd), HP_OK);
	for (i = 0; i < 3; i++)
		send_gre(200 + i, 32);
	wait_readable();
	if (b.cur != held) {
		assert_empty(&b);
		assert_true(gre_ring_resync(&b));
		assert_int_equal(b.resyncs, 1);
	}
	/* what the dead one held comes first, then the new packets */
	for (i = 37; i < 40; i++)
		expect(&b, 100 + i, 32);
	for (i = 0; i < 3; i++)
		expect(&b, 200 + i, 32);
	assert_empty(&b);
	assert_false(gre_ring_resync(&b));
	gre_ring_unmap(&b);
}

static void
test_cut_short(void **state)
{
	struct gre_ring r = { 0 };
	const uint8_t *pkt;
	struct gre_pkt g;
	enum gre_drop why;
	uint8_t *f;
	size_t n;

	assert_int_equal(gre_ring_map(&r, rx_fd), HP_OK);
	send_gre(9, 3000);
	wait_readable();
	if ((f = gre_ring_next(&r, &pkt, &n)) == NULL) {
		assert_true(gre_ring_resync(&r));
		f = gre_ring_next(&r, &pkt, &n);
	}
	assert_non_null(f);
	assert_non_null(pkt);
	assert_true(n >= 2048 && n < 3020);
	assert_int_equal((pkt[2] << 8) | pkt[3], 3020);
	assert_int_not_equal(gre_pkt_decode(pkt, n, &g, &why), HP_OK);
	assert_int_equal(why, GRE_DROP_IP_TOTLEN);
	gre_ring_release(f);
	assert_empty(&r);
	gre_ring_unmap(&r);
}

static void
test_frame_checks(void **state)
{
	uint8_t frame[GRE_RING_FRAME];
	struct tpacket2_hdr h;
	const uint8_t *pkt;
	size_t n;

	memset(frame, 0, sizeof(frame));
	memset(&h, 0, sizeof(h));
	h.tp_net = 80;
	h.tp_snaplen = 100;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n), HP_OK);
	assert_ptr_equal(pkt, frame + 80);
	assert_int_equal(n, 100);
	/* the packet to the frame's last byte, and one past it */
	h.tp_snaplen = GRE_RING_FRAME - 80;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n), HP_OK);
	h.tp_snaplen++;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n),
	    HP_E_FIELD);
	/* a huge length must not wrap the sum */
	h.tp_snaplen = 0xffffffffU;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n),
	    HP_E_FIELD);
	/* a packet inside the header, or starting past the frame */
	h.tp_snaplen = 10;
	h.tp_net = 8;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n),
	    HP_E_FIELD);
	h.tp_net = GRE_RING_FRAME + 1;
	memcpy(frame, &h, sizeof(h));
	assert_int_equal(gre_ring_frame(frame, sizeof(frame), &pkt, &n),
	    HP_E_FIELD);
	/* a frame too small for the header */
	assert_int_equal(gre_ring_frame(frame, sizeof(h) - 1, &pkt, &n),
	    HP_E_FIELD);
}

static void
lo_up(void)
{
	struct ifreq ifr;
	int s;

	assert_true((s = socket(AF_INET, SOCK_DGRAM, 0)) >= 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	assert_int_equal(ioctl(s, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	assert_int_equal(ioctl(s, SIOCSIFFLAGS, &ifr), 0);
	close(s);
}

static int
setup(void **state)
{
	/*
	 * The sender keeps nothing of what it receives (its own packets):
	 * once a raw socket's buffer is full, this kernel answers GRE with
	 * ICMP protocol-unreachable, which the ring would get too.
	 */
	struct sock_filter none[1] = { BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_fprog prog = { 1, none };

	lo_up();
	rx_fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK, htons(ETH_P_IP));
	tx_fd = socket(AF_INET, SOCK_RAW, IPPROTO_GRE);
	if (rx_fd == -1 || tx_fd == -1 || setsockopt(tx_fd, SOL_SOCKET,
	    SO_ATTACH_FILTER, &prog, sizeof(prog)) == -1)
		return -1;
	return gre_ring_setup(rx_fd) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	close(rx_fd);
	close(tx_fd);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame_checks),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_restart),
		cmocka_unit_test(test_cut_short),
	};

	if (geteuid() != 0) {
		printf("1..0 # SKIP test_gre_ring needs root "
		    "(it runs in its own network namespace)\n");
		return 0;
	}
	if (unshare(CLONE_NEWNET) == -1) {
		printf("1..0 # SKIP test_gre_ring: unshare(CLONE_NEWNET): %s\n",
		    strerror(errno));
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
