/*
 * hpptpctl: the client side of the control protocol (common/ctl_proto.h).
 * One request per connection; the reply is a sequence of datagrams
 * ended by exactly one OK or ERR record.  Every wait is bounded.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/ctl_proto.h"
#include "common/err.h"
#include "hpptpctl/client.h"

#define CTLC_WAIT_S	10	/* per reply datagram */

int
ctlc_build_request(int argc, char *const argv[], char *buf, size_t len)
{
	const char *sid = NULL;
	size_t off = 0;
	uint32_t v;
	int i, n;

	if (len > 0)
		buf[0] = '\0';
	if (argc < 1)
		return HP_E_BADLEN;
	if (strcmp(argv[0], "list") == 0 || strcmp(argv[0], "stats") == 0 ||
	    strcmp(argv[0], "reload") == 0 || strcmp(argv[0], "metrics") == 0) {
		if (argc != 1)
			return HP_E_BADLEN;
	} else if (strcmp(argv[0], "kick") == 0) {
		if (argc != 2)
			return HP_E_BADLEN;
		sid = argv[1];
	} else if (strcmp(argv[0], "limit") == 0) {
		if (argc != 3)
			return HP_E_BADLEN;
		sid = argv[1];
	} else if (strcmp(argv[0], "show") == 0) {
		if (argc == 2 && strcmp(argv[1], "sessions") == 0)
			;
		else if (argc == 3 && strcmp(argv[1], "session") == 0)
			sid = argv[2];
		else if (argc == 2)
			sid = argv[1];
		else
			return HP_E_BADLEN;
	} else
		return HP_E_FORMAT;
	/* the SID syntax master accepts, checked by master's own parser */
	if (sid != NULL && ctl_parse_sid((const uint8_t *)sid, strlen(sid),
	    &v) != HP_OK)
		return HP_E_RANGE;
	for (i = 0; i < argc; i++) {
		n = snprintf(buf + off, len - off, "%s%s", i > 0 ? " " : "",
		    argv[i]);
		if (n < 0 || (size_t)n >= len - off)
			return HP_E_LONG;
		off += (size_t)n;
	}
	if (off + 1 > CTL_REQ_MAX)	/* master counts the '\n' too */
		return HP_E_LONG;
	return HP_OK;
}

int
ctlc_run(const char *path, const char *req, FILE *out, FILE *err)
{
	struct sockaddr_un sun;
	struct timeval tv = { CTLC_WAIT_S, 0 };
	uint8_t buf[CTL_CHUNK_MAX + 1];
	char line[CTL_REQ_MAX + 1];
	struct iovec iov;
	struct msghdr mh;
	ssize_t n;
	size_t rl;
	int fd, rc = CTLC_FAIL;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(err, "hpptpctl: socket path too long: %s\n", path);
		return CTLC_FAIL;
	}
	memcpy(sun.sun_path, path, strlen(path));
	rl = (size_t)snprintf(line, sizeof(line), "%s\n", req);
	if (rl >= sizeof(line) || rl > CTL_REQ_MAX) {
		fprintf(err, "hpptpctl: request too long\n");
		return CTLC_FAIL;
	}
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1) {
		fprintf(err, "hpptpctl: socket: %s\n", strerror(errno));
		return CTLC_FAIL;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		fprintf(err, "hpptpctl: %s: %s%s\n", path, strerror(errno),
		    errno == ENOENT || errno == ECONNREFUSED ?
		    " (is hpptpd running?)" : errno == EACCES ?
		    " (the control socket is for root only)" : "");
		close(fd);
		return CTLC_FAIL;
	}
	if (send(fd, line, rl, MSG_NOSIGNAL) != (ssize_t)rl) {
		fprintf(err, "hpptpctl: send: %s\n", strerror(errno));
		close(fd);
		return CTLC_FAIL;
	}
	for (;;) {
		memset(&mh, 0, sizeof(mh));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		n = recvmsg(fd, &mh, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fprintf(err, "hpptpctl: %s\n", errno == EAGAIN ||
			    errno == EWOULDBLOCK ? "no reply from hpptpd" :
			    strerror(errno));
			break;
		}
		if (n == 0) {
			fprintf(err, "hpptpctl: hpptpd closed the connection "
			    "before the reply ended\n");
			break;
		}
		if ((mh.msg_flags & MSG_TRUNC) || n > CTL_CHUNK_MAX) {
			fprintf(err, "hpptpctl: reply record too long\n");
			break;
		}
		if (buf[0] == CTL_R_DATA) {
			(void)fwrite(buf + 1, 1, (size_t)n - 1, out);
			continue;
		}
		if (buf[0] == CTL_R_OK) {
			if (n > 1)
				fprintf(out, "%.*s\n", (int)(n - 1),
				    (const char *)(buf + 1));
			rc = CTLC_OK;
		} else if (buf[0] == CTL_R_ERR)
			fprintf(err, "hpptpctl: %.*s\n", (int)(n - 1),
			    (const char *)(buf + 1));
		else
			fprintf(err, "hpptpctl: unknown reply record 0x%02x\n",
			    buf[0]);
		break;
	}
	close(fd);
	if (fflush(out) == EOF) {
		fprintf(err, "hpptpctl: write: %s\n", strerror(errno));
		rc = CTLC_FAIL;
	}
	return rc;
}
