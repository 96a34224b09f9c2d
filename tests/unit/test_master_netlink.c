/*
 * Unit tests: master/netlink*.c and master/nat.c, in a fresh network
 * namespace this test creates for itself (unshare(CLONE_NEWNET) at the
 * start of main), so nothing on the host is touched.  Needs root; skips
 * otherwise.  Every change is checked by dumping it back via netlink.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libmnl/libmnl.h>

#include "common/err.h"
#include "common/log.h"
#include "master/nat.h"
#include "master/netlink.h"
#include "master/netlink_local.h"
#include "master/pool.h"

static struct nl	*nl;
static int		 tunfd = -1;
static unsigned		 tunidx, lanidx;

static struct in_addr
A(const char *s)
{
	struct in_addr	 in;

	assert_int_equal(inet_pton(AF_INET, s, &in), 1);
	return in;
}

/* The test's own minimal rtnetlink request, independent of netlink.c. */
static int
raw_talk(struct nlmsghdr *h)
{
	struct mnl_socket *s;
	char		 buf[8192];
	int		 n, r;

	if ((s = mnl_socket_open(NETLINK_ROUTE)) == NULL ||
	    mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	if (mnl_socket_sendto(s, h, h->nlmsg_len) < 0) {
		mnl_socket_close(s);
		return -errno;
	}
	n = (int)mnl_socket_recvfrom(s, buf, sizeof(buf));
	r = n < 0 ? -1 : mnl_cb_run(buf, (size_t)n, 1,
	    mnl_socket_get_portid(s), NULL, NULL);
	r = r < 0 ? -errno : 0;
	mnl_socket_close(s);
	return r;
}

static int
mk_link(const char *kind, const char *name, const char *peer)
{
	char		 buf[1024];
	struct nlmsghdr	*h;
	struct ifinfomsg *ifi;
	struct nlattr	*li, *data, *pn;

	memset(buf, 0, sizeof(buf));
	h = mnl_nlmsg_put_header(buf);
	h->nlmsg_type = RTM_NEWLINK;
	h->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(h, IFLA_IFNAME, name);
	li = mnl_attr_nest_start(h, IFLA_LINKINFO);
	mnl_attr_put_strz(h, IFLA_INFO_KIND, kind);
	if (peer != NULL) {
		data = mnl_attr_nest_start(h, IFLA_INFO_DATA);
		pn = mnl_attr_nest_start(h, VETH_INFO_PEER);
		ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
		mnl_attr_put_strz(h, IFLA_IFNAME, peer);
		mnl_attr_nest_end(h, pn);
		mnl_attr_nest_end(h, data);
	}
	mnl_attr_nest_end(h, li);
	return raw_talk(h);
}

static int
raw_addr(unsigned idx, const char *a, unsigned plen)
{
	char		 buf[512];
	struct nlmsghdr	*h;
	struct ifaddrmsg *ifa;
	struct in_addr	 in = A(a);

	memset(buf, 0, sizeof(buf));
	h = mnl_nlmsg_put_header(buf);
	h->nlmsg_type = RTM_NEWADDR;
	h->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifa = mnl_nlmsg_put_extra_header(h, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)plen;
	ifa->ifa_index = idx;
	mnl_attr_put(h, IFA_LOCAL, 4, &in);
	mnl_attr_put(h, IFA_ADDRESS, 4, &in);
	return raw_talk(h);
}

/* A route of another protocol, which a flush must leave alone. */
static int
raw_route(uint16_t type, unsigned idx, const char *dst)
{
	char		 buf[512];
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;
	struct in_addr	 in = A(dst);

	memset(buf, 0, sizeof(buf));
	h = mnl_nlmsg_put_header(buf);
	h->nlmsg_type = type;
	h->nlmsg_flags = type == RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_EXCL : 0;
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(h, RTA_DST, 4, &in);
	mnl_attr_put_u32(h, RTA_OIF, idx);
	return raw_talk(h);
}

static int
setup(void **st)
{
	unsigned	 idx2;

	log_init("test", 1, 0);
	if (nl_open(&nl, 2000) != HP_OK)
		return -1;
	/* The LAN side: dummy if the kernel has it, else a veth pair. */
	if (mk_link("dummy", "lan0", NULL) != 0 &&
	    mk_link("veth", "lan0", "lan0peer") != 0) {
		fprintf(stderr, "cannot create dummy or veth link\n");
		return -1;
	}
	if (nl_ifindex(nl, "lan0", &lanidx) != HP_OK ||
	    raw_addr(lanidx, "192.168.50.1", 24) != 0 ||
	    nl_link_up(nl, lanidx, 0) != HP_OK)
		return -1;
	if (nl_ifindex(nl, "lan0peer", &idx2) == HP_OK)
		(void)nl_link_up(nl, idx2, 0);
	return 0;
}

static int
teardown(void **st)
{
	if (tunfd != -1)
		close(tunfd);
	nl_close(nl);
	return 0;
}

/*
 * What the kernel refuses, as an old or odd one would (the fallbacks):
 * TUNSETOFFLOAD, TUNSETVNETHDRSZ, or a TUNSETIFF asking IFF_VNET_HDR.
 */
enum { REFUSE_NONE, REFUSE_OFFLOAD, REFUSE_HDRSZ, REFUSE_VNET };
static int refuse;

int	__real_ioctl(int, unsigned long, ...);
int	__wrap_ioctl(int, unsigned long, ...);

int
__wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list	 ap;
	void	*arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if ((req == TUNSETOFFLOAD && refuse == REFUSE_OFFLOAD) ||
	    (req == TUNSETVNETHDRSZ && refuse == REFUSE_HDRSZ) ||
	    (req == TUNSETIFF && refuse == REFUSE_VNET &&
	    (((struct ifreq *)arg)->ifr_flags & IFF_VNET_HDR) != 0)) {
		errno = EINVAL;
		return -1;
	}
	return __real_ioctl(fd, req, arg);
}

static void
test_tun(void **st)
{
	char		 name[IFNAMSIZ];
	unsigned	 mtu = 0, idx;
	bool		 up = true, ex = false, vnet = false;
	int		 fd2 = 0, i;
	struct ifreq	 ifr;

	assert_int_equal(nl_tun_open("hpptp0", true, name, &tunfd, &vnet),
	    HP_OK);
	assert_true(tunfd >= 0);
	assert_string_equal(name, "hpptp0");
	/* this kernel takes the virtio-net header (and the offloads) */
	assert_true(vnet);
	memset(&ifr, 0, sizeof(ifr));
	assert_int_equal(ioctl(tunfd, TUNGETIFF, &ifr), 0);
	assert_true((ifr.ifr_flags & IFF_VNET_HDR) != 0);
	assert_int_equal(nl_tun_open("hpptp0", true, name, &fd2, &vnet),
	    HP_E_DUP);
	assert_int_equal(fd2, -1);
	assert_false(vnet);
	/* without offload: a packet per read, no header */
	assert_int_equal(nl_tun_open("hpptp9", false, name, &fd2, &vnet),
	    HP_OK);
	assert_false(vnet);
	memset(&ifr, 0, sizeof(ifr));
	assert_int_equal(ioctl(fd2, TUNGETIFF, &ifr), 0);
	assert_true((ifr.ifr_flags & IFF_VNET_HDR) == 0);
	close(fd2);
	/*
	 * Offloads refused, the header size refused, or the header itself:
	 * each time a plain tun of the same name, not one with a header for
	 * nothing.
	 */
	for (i = REFUSE_OFFLOAD; i <= REFUSE_VNET; i++) {
		refuse = i;
		vnet = true;
		assert_int_equal(nl_tun_open("hpptp8", true, name, &fd2,
		    &vnet), HP_OK);
		refuse = REFUSE_NONE;
		assert_false(vnet);
		assert_string_equal(name, "hpptp8");
		memset(&ifr, 0, sizeof(ifr));
		assert_int_equal(ioctl(fd2, TUNGETIFF, &ifr), 0);
		assert_true((ifr.ifr_flags & IFF_VNET_HDR) == 0);
		close(fd2);
	}
	assert_int_equal(nl_tun_open("", false, name, &fd2, &vnet),
	    HP_E_RANGE);
	assert_int_equal(nl_tun_open("a/b", false, name, &fd2, &vnet),
	    HP_E_RANGE);
	assert_int_equal(nl_tun_open("0123456789abcdef", false, name, &fd2,
	    &vnet), HP_E_RANGE);
	assert_int_equal(nl_ifindex(nl, "hpptp0", &tunidx), HP_OK);
	assert_true(tunidx > 0);
	assert_int_equal(nl_ifindex(nl, "nosuch0", &idx), HP_E_NOTFOUND);

	assert_int_equal(nl_link_get(nl, tunidx, &mtu, &up), HP_OK);
	assert_false(up);
	assert_int_equal(nl_link_up(nl, tunidx, 1400), HP_OK);
	assert_int_equal(nl_link_get(nl, tunidx, &mtu, &up), HP_OK);
	assert_true(up);
	assert_int_equal(mtu, 1400);
	assert_int_equal(nl_link_up(nl, tunidx, 100), HP_E_RANGE);
	assert_int_equal(nl_link_up(nl, 99999, 1400), HP_E_NOTFOUND);

	assert_int_equal(nl_addr_add(nl, tunidx, A("10.100.1.1")), HP_OK);
	assert_int_equal(nl_addr_exists(nl, tunidx, A("10.100.1.1"), 32, &ex),
	    HP_OK);
	assert_true(ex);
	/* replace, not fail, when present */
	assert_int_equal(nl_addr_add(nl, tunidx, A("10.100.1.1")), HP_OK);
	assert_int_equal(nl_addr_del(nl, tunidx, A("10.100.1.1")), HP_OK);
	assert_int_equal(nl_addr_exists(nl, tunidx, A("10.100.1.1"), 32, &ex),
	    HP_OK);
	assert_false(ex);
	assert_int_equal(nl_addr_del(nl, tunidx, A("10.100.1.1")),
	    HP_E_NOTFOUND);
	assert_int_equal(nl_addr_add(nl, tunidx, A("10.100.1.1")), HP_OK);
	assert_string_equal(nl_errmsg(nl), "");
}

static void
test_routes(void **st)
{
	bool		 ex = false;
	unsigned	 n = 9;

	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.201")), HP_OK);
	assert_int_equal(nl_route_exists(nl, tunidx, A("10.100.0.201"), &ex),
	    HP_OK);
	assert_true(ex);
	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.201")),
	    HP_E_DUP);
	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.202")), HP_OK);
	assert_int_equal(nl_route_count(nl, tunidx, &n), HP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nl_route_del(nl, tunidx, A("10.100.0.201")), HP_OK);
	assert_int_equal(nl_route_exists(nl, tunidx, A("10.100.0.201"), &ex),
	    HP_OK);
	assert_false(ex);
	assert_int_equal(nl_route_del(nl, tunidx, A("10.100.0.201")),
	    HP_E_NOTFOUND);
	assert_int_equal(nl_route_add(nl, 0, A("10.100.0.9")), HP_E_RANGE);

	/* flush removes ours (several batches' worth), not others' */
	for (unsigned i = 1; i <= 300; i++) {
		char a[32];

		snprintf(a, sizeof(a), "10.101.%u.%u", i / 200, i % 200 + 1);
		assert_int_equal(nl_route_add(nl, tunidx, A(a)), HP_OK);
	}
	assert_int_equal(raw_route(RTM_NEWROUTE, tunidx, "10.100.0.250"), 0);
	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 301);
	assert_int_equal(nl_routes_flush_stale(nl, 0, &n), HP_OK);
	assert_int_equal(n, 301);
	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(raw_route(RTM_DELROUTE, tunidx, "10.100.0.250"), 0);
	/* flush on one interface only */
	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.203")), HP_OK);
	assert_int_equal(nl_routes_flush_stale(nl, lanidx, &n), HP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nl_routes_flush_stale(nl, tunidx, &n), HP_OK);
	assert_int_equal(n, 1);
}

static struct in6_addr
A6(const char *s)
{
	struct in6_addr	 a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

/* A session's /64 (and a /128) on the tun; flushed as the IPv4 ones. */
static void
test_routes6(void **st)
{
	struct in6_addr	 p1 = A6("2001:db8:100:1::"), p2 = A6("2001:db8:100:2::");
	struct in6_addr	 ll = A6("fe80::1234");
	unsigned	 n = 9;

	assert_int_equal(nl_route6_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nl_route6_add(nl, tunidx, &p1, 64), HP_OK);
	assert_int_equal(nl_route6_add(nl, tunidx, &p1, 64), HP_E_DUP);
	assert_int_equal(nl_route6_add(nl, tunidx, &p2, 64), HP_OK);
	assert_int_equal(nl_route6_add(nl, tunidx, &ll, 128), HP_OK);
	assert_int_equal(nl_route6_count(nl, tunidx, &n), HP_OK);
	assert_int_equal(n, 3);
	/* the IPv4 walker does not see them, nor the IPv6 one IPv4's */
	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.204")), HP_OK);
	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(nl_route6_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(nl_route6_del(nl, tunidx, &p1, 64), HP_OK);
	assert_int_equal(nl_route6_del(nl, tunidx, &p1, 64), HP_E_NOTFOUND);
	assert_int_equal(nl_route6_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 2);
	/* the server's own /128 on the tun, replaced if there */
	assert_int_equal(nl_addr6_add(nl, tunidx, &ll), HP_OK);
	assert_int_equal(nl_addr6_add(nl, tunidx, &ll), HP_OK);
	assert_int_equal(nl_addr6_add(nl, 0, &ll), HP_E_RANGE);
	assert_int_equal(nl_route6_add(nl, 0, &p1, 64), HP_E_RANGE);
	assert_int_equal(nl_route6_add(nl, tunidx, &p1, 0), HP_E_RANGE);
	assert_int_equal(nl_route6_add(nl, tunidx, &p1, 129), HP_E_RANGE);
	assert_int_equal(nl_routes6_flush_stale(nl, lanidx, &n), HP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nl_routes6_flush_stale(nl, 0, &n), HP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nl_route6_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 0);
	/* the kernel's own routes on the tun (fe80::/64) are not ours */
	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(nl_routes_flush_stale(nl, 0, &n), HP_OK);
	assert_int_equal(n, 1);
}

static void
test_proxy(void **st)
{
	unsigned	 idx = 0, n = 0;
	bool		 ex = true;

	assert_int_equal(nl_proxy_find_if(nl, A("192.168.50.77"), tunidx,
	    &idx), HP_OK);
	assert_int_equal(idx, lanidx);
	assert_int_equal(nl_proxy_find_if(nl, A("192.168.50.77"), lanidx,
	    &idx), HP_E_NOTFOUND);
	assert_int_equal(nl_proxy_find_if(nl, A("10.100.0.201"), tunidx,
	    &idx), HP_E_NOTFOUND);
	assert_int_equal(nl_proxy_find_if(nl, A("192.168.50.255"), tunidx,
	    &idx), HP_E_NOTFOUND);
	assert_int_equal(nl_proxy_find_if(nl, A("192.168.50.1"), tunidx,
	    &idx), HP_E_NOTFOUND);

	assert_int_equal(nl_proxy_exists(nl, lanidx, A("192.168.50.77"), &ex),
	    HP_OK);
	assert_false(ex);
	assert_int_equal(nl_proxy_add(nl, lanidx, A("192.168.50.77")), HP_OK);
	assert_int_equal(nl_proxy_exists(nl, lanidx, A("192.168.50.77"), &ex),
	    HP_OK);
	assert_true(ex);
	/* the kernel makes proxy entries idempotent (no EEXIST) */
	assert_int_equal(nl_proxy_add(nl, lanidx, A("192.168.50.77")), HP_OK);
	assert_int_equal(nl_proxy_del(nl, lanidx, A("192.168.50.77")), HP_OK);
	assert_int_equal(nl_proxy_exists(nl, lanidx, A("192.168.50.77"), &ex),
	    HP_OK);
	assert_false(ex);
	assert_int_equal(nl_proxy_del(nl, lanidx, A("192.168.50.77")),
	    HP_E_NOTFOUND);

	assert_int_equal(nl_proxy_add(nl, lanidx, A("192.168.50.78")), HP_OK);
	assert_int_equal(nl_proxy_add(nl, lanidx, A("192.168.50.79")), HP_OK);
	assert_int_equal(nl_proxy_flush_stale(nl, 0, &n), HP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nl_proxy_exists(nl, lanidx, A("192.168.50.78"), &ex),
	    HP_OK);
	assert_false(ex);

	/*
	 * The addresses are kept for NL_ADDRS_MS (a dump per login cost a
	 * third of master's system calls): one added counts after that.
	 */
	assert_int_equal(raw_addr(lanidx, "172.30.9.1", 24), 0);
	/* within it, the copy answers: no dump */
	assert_int_equal(nl_proxy_find_if(nl, A("172.30.9.5"), tunidx, &idx),
	    HP_E_NOTFOUND);
	(void)poll(NULL, 0, NL_ADDRS_MS + 50);
	assert_int_equal(nl_proxy_find_if(nl, A("172.30.9.5"), tunidx, &idx),
	    HP_OK);
	assert_int_equal(idx, lanidx);
}

static void
test_forward(void **st)
{
	bool	 on = true;

	assert_int_equal(nl_ip_forward_get(&on), HP_OK);
	assert_false(on);			/* fresh namespace */
	assert_int_equal(nl_ip_forward_set(true), HP_OK);
	assert_int_equal(nl_ip_forward_get(&on), HP_OK);
	assert_true(on);
	assert_int_equal(nl_ip_forward_set(false), HP_OK);
	assert_int_equal(nl_ip_forward_get(&on), HP_OK);
	assert_false(on);
}

static int
nft_list(char *buf, size_t len)
{
	FILE	*p;
	size_t	 n;

	p = popen("/usr/sbin/nft list table ip hpptpd 2>/dev/null", "r");
	assert_non_null(p);
	n = fread(buf, 1, len - 1, p);
	buf[n] = '\0';
	return pclose(p);
}

static void
test_nat(void **st)
{
	struct pool	*p = NULL;
	char		 rules[4096], out[4096], err[POOL_ERRLEN];
	bool		 on = false;

	if (access(NAT_NFT_PATH, X_OK) != 0)
		skip();
	assert_int_equal(pool_create("10.100.0.200-210,10.100.0.230", A(
	    "10.100.1.1"), &p, err, sizeof(err)), HP_OK);
	assert_int_equal(nat_ruleset("lan0", p, rules, sizeof(rules)), HP_OK);
	assert_non_null(strstr(rules, "oifname \"lan0\" ip saddr { "
	    "10.100.0.200-10.100.0.210, 10.100.0.230 } masquerade"));
	assert_int_equal(nat_ruleset("lan0", p, rules, 40), HP_E_LONG);
	assert_int_equal(nat_ruleset("eth0\"; flush ruleset", p, rules,
	    sizeof(rules)), HP_E_RANGE);
	assert_int_equal(nat_on("a b", p, 0), HP_E_RANGE);

	assert_int_equal(nat_off(3000), HP_OK);		/* absent: fine */
	assert_int_equal(nat_on("lan0", p, 3000), HP_OK);
	assert_int_equal(nl_ip_forward_get(&on), HP_OK);
	assert_true(on);
	assert_int_equal(nft_list(out, sizeof(out)), 0);
	assert_non_null(strstr(out, "masquerade"));
	assert_non_null(strstr(out, "oifname \"lan0\""));
	assert_non_null(strstr(out, "10.100.0.200-10.100.0.210"));
	assert_non_null(strstr(out, "hook postrouting"));
	/* again: replaces, one rule only */
	assert_int_equal(nat_on("lan0", p, 3000), HP_OK);
	assert_int_equal(nft_list(out, sizeof(out)), 0);
	assert_non_null(strstr(out, "masquerade"));
	assert_null(strstr(strstr(out, "masquerade") + 1, "masquerade"));
	assert_int_equal(nat_off(3000), HP_OK);
	assert_int_not_equal(nft_list(out, sizeof(out)), 0);
	pool_destroy(p);
}

/* The tun is not persistent: closing it removes link, address, routes. */
static void
test_tun_close(void **st)
{
	unsigned	 idx, n = 1;

	assert_int_equal(nl_route_add(nl, tunidx, A("10.100.0.204")), HP_OK);
	close(tunfd);
	tunfd = -1;
	assert_int_equal(nl_ifindex(nl, "hpptp0", &idx), HP_E_NOTFOUND);
	assert_int_equal(nl_route_count(nl, 0, &n), HP_OK);
	assert_int_equal(n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tun),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_routes6),
		cmocka_unit_test(test_proxy),
		cmocka_unit_test(test_forward),
		cmocka_unit_test(test_nat),
		cmocka_unit_test(test_tun_close),
	};

	if (geteuid() != 0) {
		printf("1..0 # SKIP test_master_netlink needs root "
		    "(it runs in its own network namespace)\n");
		return 0;
	}
	if (unshare(CLONE_NEWNET) == -1) {
		printf("1..0 # SKIP test_master_netlink: unshare(CLONE_NEWNET): "
		    "%s\n", strerror(errno));
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
