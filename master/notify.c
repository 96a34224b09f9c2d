/*
 * hpptpd master: tell systemd (Type=notify) when it serves, reloads and
 * stops, by the documented datagram protocol (sd_notify(3)): one
 * AF_UNIX datagram of "KEY=value" lines to the socket $NOTIFY_SOCKET
 * names, a path or, with a leading '@', an abstract address.  No
 * libsystemd: this is all of it.  Without $NOTIFY_SOCKET nothing is
 * sent.  A lost datagram costs systemd's view only, so send errors are
 * logged once at debug level and otherwise ignored.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "master/notify.h"

static int			 nfd = -1;
static struct sockaddr_un	 nsun;
static socklen_t		 nlen;

/* Read $NOTIFY_SOCKET and unset it: hooks and workers must not see it. */
void
notify_init(void)
{
	const char *p = getenv("NOTIFY_SOCKET");
	size_t len;

	if (p == NULL)
		return;
	len = strlen(p);
	if ((p[0] != '/' && p[0] != '@') || len < 2 ||
	    len >= sizeof(nsun.sun_path)) {
		log_warnx("NOTIFY_SOCKET is not a usable socket address; "
		    "not notifying the service manager");
		(void)unsetenv("NOTIFY_SOCKET");
		return;
	}
	memset(&nsun, 0, sizeof(nsun));
	nsun.sun_family = AF_UNIX;
	memcpy(nsun.sun_path, p, len);
	if (p[0] == '@')
		nsun.sun_path[0] = '\0';	/* abstract: no terminator */
	nlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len +
	    (p[0] == '@' ? 0 : 1));
	(void)unsetenv("NOTIFY_SOCKET");
	if ((nfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		log_warn("notify: socket");
}

static void
notify_send(const char *msg)
{
	static int warned;

	if (nfd == -1)
		return;
	if (sendto(nfd, msg, strlen(msg), MSG_NOSIGNAL,
	    (struct sockaddr *)&nsun, nlen) == -1 && !warned) {
		warned = 1;
		log_debug("notify: sendto: %s", strerror(errno));
	}
}

void
notify_ready(const char *status)
{
	char msg[512];

	(void)snprintf(msg, sizeof(msg), "READY=1\nSTATUS=%s\nMAINPID=%ld",
	    status, (long)getpid());
	notify_send(msg);
}

void
notify_reloading(void)
{
	struct timespec ts;
	char msg[128];

	/* systemd 253's Type=notify-reload wants the time of the request */
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	(void)snprintf(msg, sizeof(msg),
	    "RELOADING=1\nSTATUS=reloading\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
	notify_send(msg);
}

void
notify_stopping(void)
{
	notify_send("STOPPING=1\nSTATUS=stopping");
}
