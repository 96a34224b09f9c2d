/*
 * ctrl's memory per connection: RSS of this process (ctrl.c's own code,
 * driven as the worker's loop drives it, tests/unit/
 * test_ctrl_table_harness.h) before and after N connections, in two
 * stages: connected (waiting for SCCRQ) and with a call open (SCCRQ and
 * OCRQ answered, PPP created, our LCP Configure-Request sent).  The
 * harness's own per-connection cost (one int) is in the figure; the
 * sockets are kernel memory and are not.  Prints a table.
 *
 *   bench_ctrl_conns [-n connections]
 */
#include <sys/resource.h>

#include <getopt.h>

#include "tests/unit/test_ctrl_table_harness.h"

static long
rss_kib(void)
{
	long pages = 0, size;
	FILE *fp;

	if ((fp = fopen("/proc/self/statm", "r")) == NULL ||
	    fscanf(fp, "%ld %ld", &size, &pages) != 2)
		drv_fail("/proc/self/statm");
	fclose(fp);
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

int
main(int argc, char *argv[])
{
	static struct drv d;
	struct rlimit rl;
	uint32_t n = 8000, sid;
	long r0, r1, r2;
	int ch;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n')
			goto usage;
		n = (uint32_t)strtoul(optarg, NULL, 10);
		if (n == 0 || n > 65535)
			goto usage;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		drv_fail("getrlimit");
	rl.rlim_cur = rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < 2 * n + 64) {
		n = (uint32_t)(rl.rlim_max - 64) / 2;
		fprintf(stderr, "fd limit %llu: %u connections\n",
		    (unsigned long long)rl.rlim_max, n);
	}
	drv_init(&d, n, 60);
	drv_poll(&d, now_ms());
	r0 = rss_kib();
	for (sid = 1; sid <= n; sid++)
		drv_connect(&d, sid);
	drv_poll(&d, now_ms());
	r1 = rss_kib();
	for (sid = 1; sid <= n; sid++) {
		drv_client_start(&d, sid, (uint16_t)sid);
		drv_poll(&d, now_ms());
		drv_client_drain(&d, sid);
	}
	r2 = rss_kib();
	if (d.calls != n || d.closed != 0) {
		fprintf(stderr, "%u calls, %u closed of %u\n", d.calls,
		    d.closed, n);
		return 1;
	}
	printf("ctrl memory per connection (RSS delta / connections, "
	    "%u connections)\n", n);
	printf("%-34s %10s %12s\n", "stage", "RSS KiB", "KiB per conn");
	printf("%-34s %10ld %12s\n", "configured, no connection", r0, "-");
	printf("%-34s %10ld %12.2f\n", "connected, waiting for SCCRQ", r1,
	    (double)(r1 - r0) / n);
	printf("%-34s %10ld %12.2f\n", "call open, LCP started", r2,
	    (double)(r2 - r0) / n);
	return 0;
usage:
	fprintf(stderr, "usage: bench_ctrl_conns [-n connections]\n");
	return 2;
}
