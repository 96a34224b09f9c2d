/*
 * hpptpctl: control a running hpptpd over its root-only socket.
 *	hpptpctl [-s socket] list | show SID | kick SID | limit SID DOWN/UP |
 *	    stats | metrics | reload
 * Exit status: 0 success, 1 error (also: hpptpd said no), 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/ctl_proto.h"
#include "common/err.h"
#include "hpptpctl/client.h"

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: hpptpctl [-s socket] command [argument]\n"
	    "commands: list | show sessions | show [session] SID | kick SID |"
	    " limit SID DOWN/UP | stats | metrics | reload\n");
	exit(CTLC_USAGE);
}

int
main(int argc, char *argv[])
{
	const char *path = CTL_DEFAULT_PATH;
	char req[CTL_REQ_MAX + 1];
	int ch, r;

	while ((ch = getopt(argc, argv, "s:")) != -1) {
		switch (ch) {
		case 's':
			path = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if ((r = ctlc_build_request(argc, argv, req, sizeof(req))) != HP_OK) {
		fprintf(stderr, "hpptpctl: %s: %s\n", argv[0],
		    r == HP_E_RANGE ? "bad session id (0x1a2b or decimal)" :
		    r == HP_E_FORMAT ? "unknown command" :
		    r == HP_E_LONG ? "request too long" :
		    "wrong number of arguments");
		usage();
	}
	return ctlc_run(path, req, stdout, stderr);
}
