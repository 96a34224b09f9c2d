/*
 * Unit test (root, in a network namespace of its own): what gre/gro.c
 * joins, the kernel takes and gives back.  A run of TCP segments from
 * a client behind tun gin (IFF_VNET_HDR, as master opens the tuns with
 * tun-offload) is joined and written at once, to a host behind a second
 * tun, gout, without offloads: the kernel forwards the joined packet
 * and, gout offering no TSO, cuts it with its own GSO and finishes
 * every piece's checksum from the one gro_end left.  What gout gives
 * must be the segments that were joined, byte for byte (the hop count
 * one less, the IPv4 header checksum with it), for IPv4 and IPv6.
 * Nothing else in the tree checks gro.c's work against the kernel's.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
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

#include "gre/bytes.h"
#include "gre/gro.h"
#include "test_csum_ref.h"

#define MSS		1360
#define NSEG		8
#define PKT_MAX		(MSS + 100)

/* what SIOCSIFADDR takes on an AF_INET6 socket (linux/ipv6.h) */
struct in6_ifreq_ {
	struct in6_addr	addr;
	uint32_t	prefixlen;
	int		ifindex;
};

static int tin = -1, tout = -1;
static uint8_t gbuf[GRO_BUF_SIZE];
static uint8_t seg[NSEG][PKT_MAX], want[NSEG][PKT_MAX];
static size_t seglen[NSEG];

static void
sysctl_set(const char *path, const char *v)
{
	int fd;

	assert_true((fd = open(path, O_WRONLY)) >= 0);
	assert_int_equal(write(fd, v, strlen(v)), (ssize_t)strlen(v));
	close(fd);
}

static int
tun_make(const char *name, int flags)
{
	struct ifreq ifr;
	int fd;

	if ((fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK)) == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = (short)(IFF_TUN | IFF_NO_PI | flags);
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* name up, with a4/24 and a6/64. */
static int
if_config(const char *name, const char *a4, const char *a6)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	/* valgrind checks SIOCSIFADDR's argument as an ifreq: zero that much */
	union {
		struct in6_ifreq_ r;
		struct ifreq pad;
	} r6;
	int s, s6, ok = -1;

	s = socket(AF_INET, SOCK_DGRAM, 0);
	s6 = socket(AF_INET6, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (s == -1 || s6 == -1 || ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
		goto out;
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
		goto out;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, a4, &sin->sin_addr);
	if (ioctl(s, SIOCSIFADDR, &ifr) == -1)
		goto out;
	inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
	if (ioctl(s, SIOCSIFNETMASK, &ifr) == -1)
		goto out;
	memset(&r6, 0, sizeof(r6));
	inet_pton(AF_INET6, a6, &r6.r.addr);
	r6.r.prefixlen = 64;
	r6.r.ifindex = (int)if_nametoindex(name);
	if (ioctl(s6, SIOCSIFADDR, &r6) == -1)
		goto out;
	ok = 0;
out:
	if (s != -1)
		close(s);
	if (s6 != -1)
		close(s6);
	return ok;
}

/* TCP's checksum of the packet whose TCP header is at l3. */
static void
tcp_sum(uint8_t *p, size_t len, size_t l3)
{
	uint32_t s;

	put16(p + l3 + 16, 0);
	s = l3 == 20 ? ref_add(0, p + 12, 8) : ref_add(0, p + 8, 32);
	s += 6 + (uint32_t)(len - l3);
	put16(p + l3 + 16, ref_fold(ref_add(s, p + l3, len - l3)));
}

/* TCP from port 40000 to 5001, segment k of MSS bytes (last: pay). */
static size_t
tcp_at(uint8_t *t, unsigned int k, size_t pay, bool last)
{
	size_t i;

	memset(t, 0, 20);
	put16(t, 40000);
	put16(t + 2, 5001);
	put32(t + 4, 7000 + (uint32_t)k * MSS);
	put32(t + 8, 99);
	t[12] = 5 << 4;
	t[13] = last ? 0x18 : 0x10;		/* ACK, PSH on the last */
	put16(t + 14, 1024);
	for (i = 0; i < pay; i++)
		t[20 + i] = (uint8_t)(k * 13 + i * 7);
	return 20 + pay;
}

/* Segment k from 10.203.0.2 to 10.204.0.2, hop count ttl. */
static size_t
mk4(uint8_t *p, unsigned int k, size_t pay, bool last, uint8_t ttl)
{
	size_t len = 20 + tcp_at(p + 20, k, pay, last);

	p[0] = 0x45;
	p[1] = 0;
	put16(p + 2, (uint16_t)len);
	put16(p + 4, (uint16_t)(300 + k));
	put16(p + 6, 0x4000);
	p[8] = ttl;
	p[9] = 6;
	put32(p + 12, 0x0acb0002);
	put32(p + 16, 0x0acc0002);
	put16(p + 10, 0);
	put16(p + 10, ref_fold(ref_add(0, p, 20)));
	tcp_sum(p, len, 20);
	return len;
}

/* Segment k from fd00:203::2 to fd00:204::2, hop limit hops. */
static size_t
mk6(uint8_t *p, unsigned int k, size_t pay, bool last, uint8_t hops)
{
	size_t len = 40 + tcp_at(p + 40, k, pay, last);

	memset(p, 0, 40);
	put32(p, 0x600abcde);			/* flow label 0xabcde */
	put16(p + 4, (uint16_t)(len - 40));
	p[6] = 6;
	p[7] = hops;
	put32(p + 8, 0xfd000203);
	p[23] = 2;
	put32(p + 24, 0xfd000204);
	p[39] = 2;
	tcp_sum(p, len, 40);
	return len;
}

/*
 * The next TCP packet from gout within ms, -1 if none: the kernel's own
 * (router solicitations, MLD reports as the tun comes up) are skipped.
 */
static ssize_t
read_tcp(uint8_t *buf, size_t len, int ms)
{
	struct pollfd pfd = { .fd = tout, .events = POLLIN };
	ssize_t r;

	while (poll(&pfd, 1, ms) == 1) {
		if ((r = read(tout, buf, len)) < 1)
			continue;
		if (((buf[0] >> 4) == 4 && r >= 20 && buf[9] == 6) ||
		    ((buf[0] >> 4) == 6 && r >= 40 && buf[6] == 6))
			return r;
	}
	return -1;
}

/* Join n segments, write them to gin at once, read gout's pieces. */
static void
through_kernel(unsigned int n)
{
	uint8_t got[PKT_MAX + 64];
	const uint8_t *w;
	struct gro g;
	unsigned int k, joined;
	size_t wl;
	ssize_t r;

	gro_init(&g, gbuf);
	for (k = 0; k < n; k++)
		assert_true(gro_add(&g, seg[k], seglen[k]));
	wl = gro_end(&g, &w, &joined);
	assert_int_equal(joined, n);
	assert_int_equal(write(tin, w, wl), (ssize_t)wl);
	for (k = 0; k < n; k++) {
		r = read_tcp(got, sizeof(got), 2000);
		assert_int_equal(r, (ssize_t)seglen[k]);
		assert_memory_equal(got, want[k], seglen[k]);
	}
	assert_int_equal(read_tcp(got, sizeof(got), 100), -1);	/* no more */
}

static void
test_kernel4(void **state)
{
	unsigned int k;

	(void)state;
	for (k = 0; k < NSEG; k++) {
		bool last = k + 1 == NSEG;

		seglen[k] = mk4(seg[k], k, last ? 333 : MSS, last, 64);
		(void)mk4(want[k], k, last ? 333 : MSS, last, 63);
	}
	through_kernel(NSEG);
}

static void
test_kernel6(void **state)
{
	unsigned int k;

	(void)state;
	for (k = 0; k < NSEG; k++) {
		bool last = k + 1 == NSEG;

		seglen[k] = mk6(seg[k], k, last ? 333 : MSS, last, 64);
		(void)mk6(want[k], k, last ? 333 : MSS, last, 63);
	}
	through_kernel(NSEG);
}

static int
setup(void **state)
{
	sysctl_set("/proc/sys/net/ipv6/conf/default/accept_dad", "0");
	sysctl_set("/proc/sys/net/ipv4/ip_forward", "1");
	sysctl_set("/proc/sys/net/ipv6/conf/all/forwarding", "1");
	if ((tin = tun_make("gin", IFF_VNET_HDR)) == -1 ||
	    (tout = tun_make("gout", 0)) == -1 ||
	    if_config("gin", "10.203.0.1", "fd00:203::1") == -1 ||
	    if_config("gout", "10.204.0.1", "fd00:204::1") == -1)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	close(tin);
	close(tout);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel4),
		cmocka_unit_test(test_kernel6),
	};

	if (geteuid() != 0) {
		printf("1..0 # SKIP test_gre_gro_tun needs root "
		    "(it runs in its own network namespace)\n");
		return 0;
	}
	if (unshare(CLONE_NEWNET) == -1) {
		printf("1..0 # SKIP test_gre_gro_tun: unshare(CLONE_NEWNET): "
		    "%s\n", strerror(errno));
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
