/*
 * hpptpctl: build a control request from the command line and run it
 * against master's control socket (protocol: common/ctl_proto.h).
 */
#ifndef HP_HPPTPCTL_CLIENT_H
#define HP_HPPTPCTL_CLIENT_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses. */
#define CTLC_OK		0
#define CTLC_FAIL	1
#define CTLC_USAGE	2

/*
 * Check the words of a command (argv after the options) and join them
 * into a request line in buf.  HP_OK, or HP_E_FORMAT for an unknown
 * command, HP_E_BADLEN for a wrong number of arguments, HP_E_RANGE for
 * a bad session id, HP_E_LONG when it does not fit.
 */
int	ctlc_build_request(int argc, char *const argv[], char *buf,
	    size_t len);
/*
 * Send the request to the socket at path, write data records to out
 * and messages to err.  Returns CTLC_OK or CTLC_FAIL.
 */
int	ctlc_run(const char *path, const char *req, FILE *out, FILE *err);

#endif /* HP_HPPTPCTL_CLIENT_H */
