/*
 * hpptpd master: the control socket's side of the module (see
 * control.h; the protocol is common/ctl_proto.h): bind and check the
 * socket, accept root clients, read one request each, send the reply
 * control_cmd.c produces, and enforce a deadline (CTL_TIMEOUT_MS) for
 * sending the request and for taking each reply chunk.
 *
 * epoll tags: EP_TAG(EPK_CONTROL, 0) the listening socket,
 * EP_TAG(EPK_CONTROL, 1 + slot) a client, EP_TAG(EPK_CONTROL,
 * CONTROL_IDX_TIMER) the timerfd that enforces the deadlines.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/ctl_proto.h"
#include "common/err.h"
#include "common/log.h"
#include "master/control.h"
#include "master/control_local.h"
#include "master/master.h"

#define CONTROL_IDX_LISTEN	0u
#define CONTROL_IDX_TIMER	0xffffffffu

static const char	*control_state_name(enum control_state);
static int	control_stale_check(const char *);
static void	control_timer_update(struct control *);
static void	control_accept(struct master *);
static void	control_close(struct master *, struct control_client *,
		    const char *);
static void	control_read(struct master *, struct control_client *);
static void	control_flush(struct master *, struct control_client *);
static void	control_timeouts(struct master *);

static const char *
control_state_name(enum control_state s)
{
	switch (s) {
	case CC_FREE:		return "free";
	case CC_READ:		return "read";
	case CC_SEND:		return "send";
	}
	return "unknown";
}

/* ---- socket set-up and teardown ---- */

/*
 * A socket file left by a previous run is removed; one a live server
 * answers on, or anything that is not a socket, is left alone.
 */
static int
control_stale_check(const char *path)
{
	struct sockaddr_un sun;
	struct stat st;
	int fd, r, saved;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		log_warn("control: %s", path);
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		log_warnx("control: %s exists and is not a socket", path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1) {
		log_warn("control: socket");
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	r = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
	saved = errno;
	close(fd);
	errno = saved;
	/* EAGAIN: a live server with a full backlog */
	if (r == 0 || errno == EAGAIN) {
		log_warnx("control: %s is in use by another server", path);
		return -1;
	}
	if (errno != ECONNREFUSED && errno != ENOENT) {
		log_warn("control: connect %s", path);
		return -1;
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		log_warn("control: unlink %s", path);
		return -1;
	}
	log_info("control: removed the stale socket %s", path);
	return 0;
}

int
control_setup(struct master *m)
{
	struct control *ct;
	struct sockaddr_un sun;
	struct epoll_event ev;
	struct stat st;
	mode_t old;
	size_t plen;
	unsigned int i;

	if ((ct = calloc(1, sizeof(*ct))) == NULL)
		return -1;
	ct->fd = ct->timer_fd = -1;
	for (i = 0; i < CONTROL_MAX_CLIENTS; i++)
		ct->c[i].fd = -1;
	m->control = ct;

	plen = strnlen(m->conf.control, sizeof(m->conf.control));
	if (plen == 0 || plen >= sizeof(ct->path) ||
	    m->conf.control[0] != '/') {
		log_warnx("control: bad socket path (absolute, at most %zu "
		    "bytes)", sizeof(ct->path) - 1);
		return -1;
	}
	memcpy(ct->path, m->conf.control, plen);
	if (control_stale_check(ct->path) != 0)
		return -1;
	if ((ct->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1) {
		log_warn("control: socket");
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, ct->path, plen);
	/* the umask makes it 0600 at creation: no window with more */
	old = umask(0177);
	if (bind(ct->fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		(void)umask(old);
		log_warn("control: bind %s", ct->path);
		return -1;
	}
	(void)umask(old);
	ct->created = true;
	if (lchown(ct->path, 0, 0) == -1 || lstat(ct->path, &st) == -1) {
		log_warn("control: %s", ct->path);
		return -1;
	}
	if (!S_ISSOCK(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & 07777) != 0600) {
		log_warnx("control: %s is not a root-owned 0600 socket",
		    ct->path);
		return -1;
	}
	if (listen(ct->fd, CONTROL_MAX_CLIENTS) == -1) {
		log_warn("control: listen");
		return -1;
	}
	if ((ct->timer_fd = timerfd_create(CLOCK_MONOTONIC,
	    TFD_NONBLOCK | TFD_CLOEXEC)) == -1) {
		log_warn("control: timerfd_create");
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = EP_TAG(EPK_CONTROL, CONTROL_IDX_LISTEN);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, ct->fd, &ev) == -1) {
		log_warn("control: epoll_ctl");
		return -1;
	}
	ev.data.u64 = EP_TAG(EPK_CONTROL, CONTROL_IDX_TIMER);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, ct->timer_fd, &ev) == -1) {
		log_warn("control: epoll_ctl");
		return -1;
	}
	log_info("control socket %s", ct->path);
	return 0;
}

void
control_teardown(struct master *m)
{
	struct control *ct = m->control;
	unsigned int i;

	if (ct == NULL)
		return;
	for (i = 0; i < CONTROL_MAX_CLIENTS; i++)
		if (ct->c[i].state != CC_FREE)
			control_close(m, &ct->c[i], NULL);
	if (ct->fd != -1)
		close(ct->fd);
	if (ct->timer_fd != -1)
		close(ct->timer_fd);
	if (ct->created && unlink(ct->path) == -1 && errno != ENOENT)
		log_warn("control: unlink %s", ct->path);
	free(ct);
	m->control = NULL;
}

/* ---- events ---- */

/* The deadline timer ticks once a second while anyone is connected. */
static void
control_timer_update(struct control *ct)
{
	struct itimerspec its;
	bool want = ct->nclients > 0;

	if (want == ct->timer_armed)
		return;
	memset(&its, 0, sizeof(its));
	if (want) {
		its.it_value.tv_sec = 1;
		its.it_interval.tv_sec = 1;
	}
	if (timerfd_settime(ct->timer_fd, 0, &its, NULL) == -1) {
		log_warn("control: timerfd_settime");
		return;
	}
	ct->timer_armed = want;
}

void
control_event(struct master *m, uint32_t idx, uint32_t events)
{
	struct control *ct = m->control;
	struct control_client *c;
	uint64_t ticks;

	if (ct == NULL)
		return;
	if (idx == CONTROL_IDX_LISTEN) {
		control_accept(m);
		return;
	}
	if (idx == CONTROL_IDX_TIMER) {
		while (read(ct->timer_fd, &ticks, sizeof(ticks)) ==
		    (ssize_t)sizeof(ticks))
			;
		control_timeouts(m);
		return;
	}
	if (idx > CONTROL_MAX_CLIENTS)
		return;
	c = &ct->c[idx - 1];
	/*
	 * The event may be stale (an earlier client in this slot closed
	 * during this epoll batch): act on what the socket says, never on
	 * the event bits alone, so a stale event costs one EAGAIN.
	 */
	switch (c->state) {
	case CC_FREE:
		break;
	case CC_READ:
		control_read(m, c);
		break;
	case CC_SEND:
		control_flush(m, c);
		break;
	}
}

static void
control_accept(struct master *m)
{
	struct control *ct = m->control;
	struct control_client *c;
	struct epoll_event ev;
	struct ucred uc;
	socklen_t ul;
	unsigned int i, n;
	int fd;

	for (n = 0; n < CONTROL_MAX_CLIENTS * 2; n++) {
		fd = accept4(ct->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("control: accept");
			return;
		}
		ul = sizeof(uc);
		memset(&uc, 0, sizeof(uc));
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &ul) == -1 ||
		    ul != sizeof(uc)) {
			log_warn("control: SO_PEERCRED");
			close(fd);
			continue;
		}
		if (uc.uid != 0) {
			/* the file mode should already stop this */
			log_audit("event=control-refused uid=%u pid=%d "
			    "reason=not-root", (unsigned)uc.uid, (int)uc.pid);
			close(fd);
			continue;
		}
		for (i = 0; i < CONTROL_MAX_CLIENTS; i++)
			if (ct->c[i].state == CC_FREE)
				break;
		if (i == CONTROL_MAX_CLIENTS) {
			log_warnx("control: %u clients already; refusing pid "
			    "%d", CONTROL_MAX_CLIENTS, (int)uc.pid);
			close(fd);
			continue;
		}
		c = &ct->c[i];
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->pid = uc.pid;
		c->state = CC_READ;
		c->deadline = now_ms() + CTL_TIMEOUT_MS;
		c->epev = EPOLLIN;
		memset(&ev, 0, sizeof(ev));
		ev.events = c->epev;
		ev.data.u64 = EP_TAG(EPK_CONTROL, 1 + i);
		if (epoll_ctl(m->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
			log_warn("control: epoll_ctl");
			close(fd);
			c->fd = -1;
			c->state = CC_FREE;
			continue;
		}
		ct->nclients++;
		control_timer_update(ct);
		log_debug("control: client pid %d in slot %u", (int)c->pid, i);
	}
}

static void
control_close(struct master *m, struct control_client *c, const char *why)
{
	struct control *ct = m->control;

	if (c->state == CC_FREE)
		return;
	if (why != NULL)
		log_info("control: client pid %d closed in state %s: %s",
		    (int)c->pid, control_state_name(c->state), why);
	(void)epoll_ctl(m->ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->state = CC_FREE;
	ct->nclients--;
	control_timer_update(ct);
}

static void
control_timeouts(struct master *m)
{
	struct control *ct = m->control;
	uint64_t now = now_ms();
	unsigned int i;

	for (i = 0; i < CONTROL_MAX_CLIENTS; i++)
		if (ct->c[i].state != CC_FREE && now >= ct->c[i].deadline)
			control_close(m, &ct->c[i], "timed out");
}

static void
control_read(struct master *m, struct control_client *c)
{
	uint8_t buf[CTL_REQ_MAX + 1];
	struct iovec iov;
	struct msghdr mh;
	ssize_t n;
	int r;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	n = recvmsg(c->fd, &mh, MSG_DONTWAIT);
	if (n == -1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			control_close(m, c, strerror(errno));
		return;
	}
	if (n == 0) {
		control_close(m, c, "closed before a request");
		return;
	}
	c->state = CC_SEND;
	c->deadline = now_ms() + CTL_TIMEOUT_MS;
	if (mh.msg_flags & MSG_TRUNC)
		r = HP_E_LONG;
	else
		r = ctl_parse_request(buf, (size_t)n, &c->req);
	if (r != HP_OK) {
		log_warnx("control: bad request from pid %d: %s", (int)c->pid,
		    hp_strerror(r));
		control_end(c, CTL_R_ERR, "bad request (%s); commands: list, "
		    "show SID, kick SID, stats, reload", hp_strerror(r));
	} else
		control_run(m, c);
	control_flush(m, c);
}

/* Send what is ready; stop on EAGAIN (and wait for EPOLLOUT). */
static void
control_flush(struct master *m, struct control_client *c)
{
	struct epoll_event ev;
	ssize_t n;
	uint32_t want;

	while (c->state == CC_SEND) {
		if (c->len == 0 && !control_produce(m, c)) {
			control_close(m, c, NULL);	/* reply complete */
			return;
		}
		n = send(c->fd, c->buf, c->len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR))
			break;
		if (n == -1) {
			control_close(m, c, strerror(errno));
			return;
		}
		c->len = 0;
		c->deadline = now_ms() + CTL_TIMEOUT_MS;
	}
	want = c->len > 0 ? EPOLLOUT : 0;
	if (want != c->epev) {
		memset(&ev, 0, sizeof(ev));
		ev.events = want;
		ev.data.u64 = EP_TAG(EPK_CONTROL,
		    1 + (uint32_t)(c - m->control->c));
		if (epoll_ctl(m->ep, EPOLL_CTL_MOD, c->fd, &ev) == -1) {
			control_close(m, c, strerror(errno));
			return;
		}
		c->epev = want;
	}
}

