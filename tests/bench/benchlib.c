/*
 * hpptpd benchmarks: helpers more than one benchmark uses (see
 * benchlib.h).  Not a bench_*.c: bench.mk makes a benchmark of each of
 * those.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/inet_csum.h"

#include "benchlib.h"

void
bench_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
	    strerror(errno));
	exit(1);
}

void
bench_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	(void)pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

uint64_t
bench_clock_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void
bench_ip_csum(uint8_t *ip)
{
	uint16_t c;

	ip[10] = ip[11] = 0;
	c = inet_csum_fold(inet_csum_add(0, ip, 20));
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
}

/* ifreq ioctls on name: address, netmask, mtu, up. */
static void
tun_config(const char *name, const char *addr, int mtu)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	int s;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		bench_die("socket");
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	sin->sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &sin->sin_addr) != 1)
		bench_die("inet_pton");
	if (ioctl(s, SIOCSIFADDR, &ifr) == -1)
		bench_die("SIOCSIFADDR");
	inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
	if (ioctl(s, SIOCSIFNETMASK, &ifr) == -1)
		bench_die("SIOCSIFNETMASK");
	ifr.ifr_mtu = mtu;
	if (ioctl(s, SIOCSIFMTU, &ifr) == -1)
		bench_die("SIOCSIFMTU");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
		bench_die("SIOCGIFFLAGS");
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
		bench_die("SIOCSIFFLAGS");
	close(s);
}

int
bench_tun_open(const char *name, int flags, const char *addr, int mtu)
{
	struct ifreq ifr;
	int fd;

	if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) == -1)
		bench_die("/dev/net/tun");
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	ifr.ifr_flags = (short)(IFF_TUN | IFF_NO_PI | flags);
	if (ioctl(fd, TUNSETIFF, &ifr) == -1)
		bench_die("TUNSETIFF");
	tun_config(name, addr, mtu);
	return fd;
}

void
bench_opts(int argc, char *argv[], unsigned int *ms, unsigned int *runs)
{
	int c;

	while ((c = getopt(argc, argv, "d:t:")) != -1)
		switch (c) {
		case 'd':
			*ms = (unsigned int)atoi(optarg);
			break;
		case 't':
			*runs = (unsigned int)atoi(optarg);
			break;
		default:
			goto usage;
		}
	if (*ms >= 100 && *runs >= 1)
		return;
usage:
	fprintf(stderr, "usage: %s [-d ms] [-t runs]\n",
	    program_invocation_short_name);
	exit(2);
}
