/*
 * hpptpd master: the root-only control socket hpptpctl talks to.
 * The protocol is described in master/control.h.
 *
 * Everything here is bounded: at most CTL_MAX_CLIENTS connections,
 * one request of at most CTL_REQ_MAX bytes each, replies sent in
 * datagrams of at most CTL_CHUNK_MAX bytes from a fixed buffer in the
 * client's slot, and a deadline (CTL_TIMEOUT_MS) for sending the
 * request and for taking each reply chunk.  The session list is
 * produced one chunk at a time from a cursor into the session table,
 * so any number of sessions streams through the same buffer.
 *
 * epoll tags: EP_TAG(EPK_CONTROL, 0) the listening socket,
 * EP_TAG(EPK_CONTROL, 1 + slot) a client, EP_TAG(EPK_CONTROL,
 * CTL_IDX_TIMER) the timerfd that enforces the deadlines.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "master/control.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/pool.h"
#include "master/session.h"

#define CTL_IDX_LISTEN		0u
#define CTL_IDX_TIMER		0xffffffffu
#define CTL_LINE_MAX		512	/* one formatted output line */
#define CTL_END_MAX		128	/* text of the final record */

/* A client connection: read one request, send the reply, close. */
enum cc_state {
	CC_FREE = 0,
	CC_READ,	/* waiting for the request */
	CC_SEND,	/* sending the reply */
};

struct ctl_client {
	enum cc_state	 state;
	int		 fd;
	pid_t		 pid;		/* from SO_PEERCRED, for logs */
	uint64_t	 deadline;
	uint32_t	 epev;		/* events registered with epoll */
	struct ctl_req	 req;
	bool		 listing;	/* CTL_LIST rows still to produce */
	bool		 header_done;
	uint32_t	 cursor;	/* next session slot to list */
	bool		 end_sent;
	uint8_t		 end_kind;	/* CTL_R_OK or CTL_R_ERR */
	char		 end_text[CTL_END_MAX];
	size_t		 len;		/* datagram waiting in buf; 0: none */
	uint8_t		 buf[CTL_CHUNK_MAX];
};

struct control {
	int		 fd;
	int		 timer_fd;
	bool		 timer_armed;
	bool		 created;	/* we bound path: unlink it at the end */
	char		 path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	unsigned int	 nclients;
	struct ctl_client c[CTL_MAX_CLIENTS];
};

/* Text appended to a client's reply chunk; sticky truncation. */
struct tbuf {
	char		*p;
	size_t		 cap;
	size_t		 len;
	bool		 full;
};

static const char	*cc_state_name(enum cc_state);
static int	ctl_parse_sid(const uint8_t *, size_t, uint32_t *);
static void	tb_init(struct tbuf *, struct ctl_client *);
static void	tb_printf(struct tbuf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	ctl_stale_check(const char *);
static void	ctl_timer_update(struct control *);
static void	ctl_accept(struct master *);
static void	ctl_close(struct master *, struct ctl_client *, const char *);
static void	ctl_read(struct master *, struct ctl_client *);
static void	ctl_run(struct master *, struct ctl_client *);
static void	ctl_flush(struct master *, struct ctl_client *);
static bool	ctl_produce(struct master *, struct ctl_client *);
static void	ctl_end(struct ctl_client *, uint8_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	ctl_timeouts(struct master *);
static void	fmt_addr(const struct m_addr *, char *, size_t);
static void	fmt_since(uint64_t, uint64_t, char *, size_t);
static void	ctl_list_line(struct tbuf *, const struct msess *, uint64_t);
static void	ctl_do_show(struct master *, struct ctl_client *);
static void	ctl_show_counters(struct tbuf *, const struct msess *,
		    uint64_t);
static void	ctl_do_kick(struct master *, struct ctl_client *);
static void	ctl_do_stats(struct master *, struct ctl_client *);

const char *
ctl_cmd_name(enum ctl_cmd c)
{
	switch (c) {
	case CTL_NONE:		return "none";
	case CTL_LIST:		return "list";
	case CTL_SHOW:		return "show";
	case CTL_KICK:		return "kick";
	case CTL_STATS:		return "stats";
	case CTL_RELOAD:	return "reload";
	case CTL_NCMDS:		break;
	}
	return "unknown";
}

static const char *
cc_state_name(enum cc_state s)
{
	switch (s) {
	case CC_FREE:		return "free";
	case CC_READ:		return "read";
	case CC_SEND:		return "send";
	}
	return "unknown";
}

/* ---- the request parser: pure ---- */

/* "0x" + 1..8 hex digits, or 1..10 decimal digits; 1..UINT32_MAX. */
static int
ctl_parse_sid(const uint8_t *p, size_t n, uint32_t *sid)
{
	uint64_t v = 0;
	size_t i;

	*sid = 0;
	if (n > 2 && p[0] == '0' && p[1] == 'x') {
		if (n - 2 > 8)
			return HP_E_RANGE;
		for (i = 2; i < n; i++) {
			uint8_t c = p[i];

			if (c >= '0' && c <= '9')
				v = v << 4 | (uint64_t)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v << 4 | (uint64_t)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v = v << 4 | (uint64_t)(c - 'A' + 10);
			else
				return HP_E_RANGE;
		}
	} else {
		if (n == 0 || n > 10)
			return HP_E_RANGE;
		for (i = 0; i < n; i++) {
			if (p[i] < '0' || p[i] > '9')
				return HP_E_RANGE;
			v = v * 10 + (uint64_t)(p[i] - '0');
		}
	}
	if (v == 0 || v > UINT32_MAX)
		return HP_E_RANGE;
	*sid = (uint32_t)v;
	return HP_OK;
}

static bool
word_is(const uint8_t *w, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(w, s, n) == 0;
}

int
control_parse_request(const uint8_t *buf, size_t len, struct ctl_req *req)
{
	const uint8_t *w[3];
	size_t wl[3], i, nw = 0, start;
	int r;

	memset(req, 0, sizeof(*req));
	if (len > CTL_REQ_MAX)
		return HP_E_LONG;
	if (len > 0 && buf[len - 1] == '\n')	/* one optional newline */
		len--;
	if (len == 0)
		return HP_E_SHORT;
	for (i = 0; i < len; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			return HP_E_FORMAT;
	/* words separated by exactly one space; none leading or trailing */
	if (buf[0] == ' ' || buf[len - 1] == ' ')
		return HP_E_FORMAT;
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && buf[i] != ' ')
			continue;
		if (i == start)
			return HP_E_FORMAT;	/* two spaces in a row */
		if (nw == 3)
			return HP_E_BADLEN;
		w[nw] = buf + start;
		wl[nw++] = i - start;
		start = i + 1;
	}

	if (word_is(w[0], wl[0], "list") || word_is(w[0], wl[0], "stats") ||
	    word_is(w[0], wl[0], "reload")) {
		if (nw != 1)
			return HP_E_BADLEN;
		req->cmd = w[0][0] == 'l' ? CTL_LIST :
		    w[0][0] == 's' ? CTL_STATS : CTL_RELOAD;
		return HP_OK;
	}
	if (word_is(w[0], wl[0], "kick")) {
		if (nw != 2)
			return HP_E_BADLEN;
		if ((r = ctl_parse_sid(w[1], wl[1], &req->sid)) != HP_OK)
			return r;
		req->cmd = CTL_KICK;
		return HP_OK;
	}
	if (word_is(w[0], wl[0], "show")) {
		if (nw == 1)
			return HP_E_BADLEN;
		if (word_is(w[1], wl[1], "sessions")) {
			if (nw != 2)
				return HP_E_BADLEN;
			req->cmd = CTL_LIST;
			return HP_OK;
		}
		if (word_is(w[1], wl[1], "session")) {
			if (nw != 3)
				return HP_E_BADLEN;
			r = ctl_parse_sid(w[2], wl[2], &req->sid);
		} else {
			if (nw != 2)
				return HP_E_BADLEN;
			r = ctl_parse_sid(w[1], wl[1], &req->sid);
		}
		if (r != HP_OK)
			return r;
		req->cmd = CTL_SHOW;
		return HP_OK;
	}
	return HP_E_FORMAT;
}

/* ---- socket set-up and teardown ---- */

/*
 * A socket file left by a previous run is removed; one a live server
 * answers on, or anything that is not a socket, is left alone.
 */
static int
ctl_stale_check(const char *path)
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
	for (i = 0; i < CTL_MAX_CLIENTS; i++)
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
	if (ctl_stale_check(ct->path) != 0)
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
	if (listen(ct->fd, CTL_MAX_CLIENTS) == -1) {
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
	ev.data.u64 = EP_TAG(EPK_CONTROL, CTL_IDX_LISTEN);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, ct->fd, &ev) == -1) {
		log_warn("control: epoll_ctl");
		return -1;
	}
	ev.data.u64 = EP_TAG(EPK_CONTROL, CTL_IDX_TIMER);
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
	for (i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ct->c[i].state != CC_FREE)
			ctl_close(m, &ct->c[i], NULL);
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
ctl_timer_update(struct control *ct)
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
	struct ctl_client *c;
	uint64_t ticks;

	if (ct == NULL)
		return;
	if (idx == CTL_IDX_LISTEN) {
		ctl_accept(m);
		return;
	}
	if (idx == CTL_IDX_TIMER) {
		while (read(ct->timer_fd, &ticks, sizeof(ticks)) ==
		    (ssize_t)sizeof(ticks))
			;
		ctl_timeouts(m);
		return;
	}
	if (idx > CTL_MAX_CLIENTS)
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
		ctl_read(m, c);
		break;
	case CC_SEND:
		ctl_flush(m, c);
		break;
	}
}

static void
ctl_accept(struct master *m)
{
	struct control *ct = m->control;
	struct ctl_client *c;
	struct epoll_event ev;
	struct ucred uc;
	socklen_t ul;
	unsigned int i, n;
	int fd;

	for (n = 0; n < CTL_MAX_CLIENTS * 2; n++) {
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
		for (i = 0; i < CTL_MAX_CLIENTS; i++)
			if (ct->c[i].state == CC_FREE)
				break;
		if (i == CTL_MAX_CLIENTS) {
			log_warnx("control: %u clients already; refusing pid "
			    "%d", CTL_MAX_CLIENTS, (int)uc.pid);
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
		ctl_timer_update(ct);
		log_debug("control: client pid %d in slot %u", (int)c->pid, i);
	}
}

static void
ctl_close(struct master *m, struct ctl_client *c, const char *why)
{
	struct control *ct = m->control;

	if (c->state == CC_FREE)
		return;
	if (why != NULL)
		log_info("control: client pid %d closed in state %s: %s",
		    (int)c->pid, cc_state_name(c->state), why);
	(void)epoll_ctl(m->ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->state = CC_FREE;
	ct->nclients--;
	ctl_timer_update(ct);
}

static void
ctl_timeouts(struct master *m)
{
	struct control *ct = m->control;
	uint64_t now = now_ms();
	unsigned int i;

	for (i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ct->c[i].state != CC_FREE && now >= ct->c[i].deadline)
			ctl_close(m, &ct->c[i], "timed out");
}

static void
ctl_read(struct master *m, struct ctl_client *c)
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
			ctl_close(m, c, strerror(errno));
		return;
	}
	if (n == 0) {
		ctl_close(m, c, "closed before a request");
		return;
	}
	c->state = CC_SEND;
	c->deadline = now_ms() + CTL_TIMEOUT_MS;
	if (mh.msg_flags & MSG_TRUNC)
		r = HP_E_LONG;
	else
		r = control_parse_request(buf, (size_t)n, &c->req);
	if (r != HP_OK) {
		log_warnx("control: bad request from pid %d: %s", (int)c->pid,
		    hp_strerror(r));
		ctl_end(c, CTL_R_ERR, "bad request (%s); commands: list, "
		    "show SID, kick SID, stats, reload", hp_strerror(r));
	} else
		ctl_run(m, c);
	ctl_flush(m, c);
}

/* Execute a parsed request; its output is produced by ctl_produce. */
static void
ctl_run(struct master *m, struct ctl_client *c)
{
	log_debug("control: pid %d: %s", (int)c->pid,
	    ctl_cmd_name(c->req.cmd));
	switch (c->req.cmd) {
	case CTL_LIST:
		c->listing = true;
		break;
	case CTL_SHOW:
		ctl_do_show(m, c);
		break;
	case CTL_KICK:
		ctl_do_kick(m, c);
		break;
	case CTL_STATS:
		ctl_do_stats(m, c);
		break;
	case CTL_RELOAD:
		/* main_loop reloads after this batch of events */
		m->reload = true;
		log_audit("event=reload by=hpptpctl pid=%d", (int)c->pid);
		ctl_end(c, CTL_R_OK, "reload requested; the result is logged");
		break;
	case CTL_NONE:
	case CTL_NCMDS:
		ctl_end(c, CTL_R_ERR, "internal error");
		break;
	}
}

static void
ctl_end(struct ctl_client *c, uint8_t kind, const char *fmt, ...)
{
	va_list ap;

	c->end_kind = kind;
	va_start(ap, fmt);
	(void)vsnprintf(c->end_text, sizeof(c->end_text), fmt, ap);
	va_end(ap);
}

/* Send what is ready; stop on EAGAIN (and wait for EPOLLOUT). */
static void
ctl_flush(struct master *m, struct ctl_client *c)
{
	struct epoll_event ev;
	ssize_t n;
	uint32_t want;

	while (c->state == CC_SEND) {
		if (c->len == 0 && !ctl_produce(m, c)) {
			ctl_close(m, c, NULL);		/* reply complete */
			return;
		}
		n = send(c->fd, c->buf, c->len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR))
			break;
		if (n == -1) {
			ctl_close(m, c, strerror(errno));
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
			ctl_close(m, c, strerror(errno));
			return;
		}
		c->epev = want;
	}
}

/* ---- reply text ---- */

static void
tb_init(struct tbuf *t, struct ctl_client *c)
{
	c->buf[0] = CTL_R_DATA;
	t->p = (char *)c->buf + 1;
	t->cap = sizeof(c->buf) - 1;
	t->len = 0;
	t->full = false;
}

/* Append a whole line or nothing (then the buffer is full). */
static void
tb_printf(struct tbuf *t, const char *fmt, ...)
{
	char line[CTL_LINE_MAX];
	va_list ap;
	int n;

	if (t->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;	/* cut; the caller ends lines */
	if ((size_t)n > t->cap - t->len) {
		t->full = true;
		return;
	}
	memcpy(t->p + t->len, line, (size_t)n);
	t->len += (size_t)n;
}

/*
 * Fill c->buf with the next datagram: list rows, then the end record.
 * False when the reply is complete.
 */
static bool
ctl_produce(struct master *m, struct ctl_client *c)
{
	struct tbuf t;
	uint64_t now = now_ms();
	size_t before, n;

	if (c->listing) {
		tb_init(&t, c);
		if (!c->header_done) {
			tb_printf(&t, "%-12s %-16s %-13s %-15s %-24s %-20s "
			    "%-9s %12s %12s\n", "SID", "USER", "STATE",
			    "ADDRESS", "PEER", "SINCE", "DURATION", "BYTES-IN",
			    "BYTES-OUT");
			c->header_done = true;
		}
		/*
		 * Stream from a cursor into the session table (what
		 * sess_foreach walks), so the list needs no buffer beyond
		 * one chunk however many sessions there are.
		 */
		for (; c->cursor < m->nsess_max; c->cursor++) {
			const struct msess *s = &m->sess[c->cursor];

			if (s->state == MS_FREE)
				continue;
			before = t.len;
			ctl_list_line(&t, s, now);
			if (t.full) {
				t.len = before;
				break;
			}
		}
		if (c->cursor >= m->nsess_max) {
			c->listing = false;
			ctl_end(c, CTL_R_OK, "%s", "");	/* rows say it all */
		}
		if (t.len > 0) {
			c->len = 1 + t.len;
			return true;
		}
	}
	if (c->end_sent)
		return false;
	n = strnlen(c->end_text, sizeof(c->end_text));
	c->buf[0] = c->end_kind == CTL_R_OK ? CTL_R_OK : CTL_R_ERR;
	memcpy(c->buf + 1, c->end_text, n);
	c->len = 1 + n;
	c->end_sent = true;
	return true;
}

static void
fmt_addr(const struct m_addr *a, char *buf, size_t len)
{
	char s[INET6_ADDRSTRLEN];

	if ((a->family != 4 && a->family != 6) ||
	    inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->addr, s,
	    sizeof(s)) == NULL) {
		(void)snprintf(buf, len, "-");
		return;
	}
	if (a->family == 6)
		(void)snprintf(buf, len, "[%s]:%u", s, a->port);
	else
		(void)snprintf(buf, len, "%s:%u", s, a->port);
}

/* Wall-clock time of monotonic instant t, as UTC ISO 8601. */
static void
fmt_since(uint64_t t, uint64_t now, char *buf, size_t len)
{
	time_t when = time(NULL) - (time_t)((now - t) / 1000);
	struct tm tm;

	if (t == 0 || t > now || gmtime_r(&when, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		(void)snprintf(buf, len, "-");
}

static void
ctl_list_line(struct tbuf *t, const struct msess *s, uint64_t now)
{
	char sid[16], ip[INET_ADDRSTRLEN], peer[64], since[32], dur[24];

	(void)snprintf(sid, sizeof(sid), "0x%x", s->sid);
	if (s->ip_held || s->ip.s_addr != 0)
		(void)inet_ntop(AF_INET, &s->ip, ip, sizeof(ip));
	else
		(void)snprintf(ip, sizeof(ip), "-");
	fmt_addr(&s->peer, peer, sizeof(peer));
	fmt_since(s->t_start, now, since, sizeof(since));
	(void)snprintf(dur, sizeof(dur), "%llus",
	    (unsigned long long)(s->t_start != 0 && now >= s->t_start ?
	    (now - s->t_start) / 1000 : 0));
	/* bytes as of gre's last report (every GRE_REPORT_MS at most) */
	tb_printf(t, "%-12s %-16s %-13s %-15s %-24s %-20s %-9s %12llu %12llu\n",
	    sid, s->user[0] != '\0' ? s->user : "-",
	    msess_state_name(s->state), ip, peer, since, dur,
	    (unsigned long long)s->stats.bytes_in,
	    (unsigned long long)s->stats.bytes_out);
}

/* The msess for sid, or NULL (sess_lookup is private to session.c). */
struct find_arg {
	uint32_t		 sid;
	const struct msess	*found;
};

static void
find_cb(const struct msess *s, void *arg)
{
	struct find_arg *f = arg;

	if (s->sid == f->sid)
		f->found = s;
}

static void
ctl_do_show(struct master *m, struct ctl_client *c)
{
	struct find_arg f = { c->req.sid, NULL };
	const struct msess *s;
	struct tbuf t;
	uint64_t now = now_ms();
	char ip[INET_ADDRSTRLEN], peer[64], since[32];

	sess_foreach(m, find_cb, &f);
	if ((s = f.found) == NULL) {
		ctl_end(c, CTL_R_ERR, "no session 0x%x", c->req.sid);
		return;
	}
	tb_init(&t, c);
	tb_printf(&t, "sid: 0x%x\n", s->sid);
	tb_printf(&t, "user: %s\n", s->user[0] != '\0' ? s->user : "-");
	tb_printf(&t, "state: %s%s\n", msess_state_name(s->state),
	    s->kicked ? " (kicked)" : "");
	tb_printf(&t, "method: %s\n",
	    s->method != 0 ? auth_method_name(s->method) : "-");
	tb_printf(&t, "mppe: %s\n", msess_mppe_name(s->mppe_tx));
	if (s->ip_held || s->ip.s_addr != 0) {
		(void)inet_ntop(AF_INET, &s->ip, ip, sizeof(ip));
		tb_printf(&t, "address: %s (%s)\n", ip,
		    s->ip_static ? "static" : "pool");
	} else
		tb_printf(&t, "address: -\n");
	fmt_addr(&s->peer, peer, sizeof(peer));
	tb_printf(&t, "peer: %s\n", peer);
	tb_printf(&t, "call-id: %u\n", s->call_id);
	tb_printf(&t, "peer-call-id: %u\n", s->peer_call_id);
	fmt_since(s->t_start, now, since, sizeof(since));
	tb_printf(&t, "connected: %s (%llus ago)\n", since,
	    (unsigned long long)(now >= s->t_start ?
	    (now - s->t_start) / 1000 : 0));
	if (s->t_up != 0) {
		fmt_since(s->t_up, now, since, sizeof(since));
		tb_printf(&t, "up: %s (%llus)\n", since,
		    (unsigned long long)(now >= s->t_up ?
		    (now - s->t_up) / 1000 : 0));
	} else
		tb_printf(&t, "up: -\n");
	ctl_show_counters(&t, s, now);
	c->len = 1 + t.len;
	ctl_end(c, CTL_R_OK, "%s", "");
}

/* gre's latest report: live while packets flow, final at the end */
static void
ctl_show_counters(struct tbuf *t, const struct msess *s, uint64_t now)
{
	const struct m_gre_stats *st = &s->stats;

	tb_printf(t, "bytes-in: %llu\n", (unsigned long long)st->bytes_in);
	tb_printf(t, "bytes-out: %llu\n", (unsigned long long)st->bytes_out);
	tb_printf(t, "packets-in: %llu\n", (unsigned long long)st->pkts_in);
	tb_printf(t, "packets-out: %llu\n", (unsigned long long)st->pkts_out);
	tb_printf(t, "drops: %llu\n", (unsigned long long)st->drops);
	if (s->stats_at == 0)
		tb_printf(t, "counters: none reported yet (gre reports every "
		    "%us while packets flow)\n", GRE_REPORT_MS / 1000);
	else
		tb_printf(t, "counters: %s, %llus old\n",
		    s->stats_final ? "final" : "live",
		    (unsigned long long)(now >= s->stats_at ?
		    (now - s->stats_at) / 1000 : 0));
}

static void
ctl_do_kick(struct master *m, struct ctl_client *c)
{
	bool ok = sess_kick(m, c->req.sid, SR_KICKED);

	log_audit("event=kick sid=0x%x by=hpptpctl pid=%d result=%s",
	    c->req.sid, (int)c->pid, ok ? "ok" : "no-such-session");
	if (ok)
		ctl_end(c, CTL_R_OK, "session 0x%x kicked", c->req.sid);
	else
		ctl_end(c, CTL_R_ERR, "no session 0x%x (or already going "
		    "down)", c->req.sid);
}

static void
ctl_do_stats(struct master *m, struct ctl_client *c)
{
	struct limits_stats ls;
	struct tbuf t;
	uint64_t now = now_ms();
	unsigned int i;

	tb_init(&t, c);
	tb_printf(&t, "sessions: %u in use, %u max\n", sess_count(m),
	    m->nsess_max);
	memset(&ls, 0, sizeof(ls));
	if (m->limits != NULL) {
		limits_get_stats(m->limits, &ls);
		tb_printf(&t, "connections: %u open, %u max\n", ls.conns,
		    m->conf.max_connections);
		tb_printf(&t, "sources: %u with a connection, %u per source "
		    "max\n", ls.addrs, m->conf.max_conn_per_source);
		tb_printf(&t, "users: %u with a session, %u per user max "
		    "(0: unlimited)\n", ls.users, m->conf.max_sessions_per_user);
		tb_printf(&t, "refused:");
		for (i = 1; i < LIM_N; i++)
			tb_printf(&t, " %s=%llu",
			    lim_verdict_name((enum lim_verdict)i),
			    (unsigned long long)ls.refused[i]);
		tb_printf(&t, "\n");
	}
	if (m->pool != NULL)
		tb_printf(&t, "pool: %zu free, %zu in use, %zu addresses\n",
		    pool_free_count(m->pool), pool_used_count(m->pool),
		    pool_size(m->pool));
	if (m->secrets_loaded)
		tb_printf(&t, "secrets: %u entries\n", m->secrets_entries);
	else
		tb_printf(&t, "secrets: not loaded\n");
	for (i = 1; i < P_NPROC; i++) {
		const struct proc *p = &m->procs[i];

		/* state: up (pid, uptime), starting, restarting in N s */
		if (p->pid > 0)
			tb_printf(&t, "worker %s: pid %d, %s %llus, ",
			    proc_name((enum proc_id)i), (int)p->pid,
			    p->ready ? "up" : "starting", (unsigned long long)
			    (now >= p->started_ms ? (now - p->started_ms) /
			    1000 : 0));
		else if (p->restart_at != 0)
			tb_printf(&t, "worker %s: restarting in %llus, ",
			    proc_name((enum proc_id)i), (unsigned long long)
			    (p->restart_at > now ? (p->restart_at - now +
			    999) / 1000 : 0));
		else
			tb_printf(&t, "worker %s: not running, ",
			    proc_name((enum proc_id)i));
		tb_printf(&t, "restarts %u, crashes %u, log lines suppressed "
		    "%llu\n", p->restarts, p->crashes,
		    (unsigned long long)p->log_suppressed);
	}
	for (i = 0; i < m->conf.nradius && i < RADIUS_SERVERS_MAX; i++) {
		const struct m_radius_stats *r = &m->radius_stats[i];
		char a[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &m->conf.radius[i].addr, a, sizeof(a));
		tb_printf(&t, "radius %s: %s, requests %llu, accepts %llu, "
		    "rejects %llu, timeouts %llu, bad authenticators %llu, "
		    "average rtt %llums, acct requests %llu acked %llu "
		    "queued %u dropped %llu\n", a, r->dead ? "dead" : "alive",
		    (unsigned long long)r->requests,
		    (unsigned long long)r->accepts,
		    (unsigned long long)r->rejects,
		    (unsigned long long)r->timeouts,
		    (unsigned long long)r->bad, (unsigned long long)
		    (r->rtt_n ? r->rtt_ms_sum / r->rtt_n : 0),
		    (unsigned long long)r->acct_requests,
		    (unsigned long long)r->acct_acks, r->acct_queued,
		    (unsigned long long)r->acct_drops);
	}
	tb_printf(&t, "syslog: %llu lines dropped (socket missing or full), "
	    "%u waiting\n", (unsigned long long)log_dropped(), log_backlog());
	tb_printf(&t, "control clients: %u, %u max\n",
	    m->control->nclients, CTL_MAX_CLIENTS);
	c->len = 1 + t.len;
	ctl_end(c, CTL_R_OK, "%s", "");
}
