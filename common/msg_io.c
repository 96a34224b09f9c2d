/* hpptpd: framed messages over SOCK_SEQPACKET with SCM_RIGHTS. */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/err.h"
#include "common/msg_io.h"

struct msg_qent {
	struct msg_qent	*next;
	int		 fd;
	size_t		 len;
	uint8_t		 buf[];
};

static void	rb_drop(struct msg_rbatch *);
static void	sb_drop(struct msg_sbatch *);
static int	send_held(struct msg_chan *);
static int	hold(struct msg_chan *, const uint8_t *, size_t);

void
msg_chan_init(struct msg_chan *c, int fd, enum proc_id self,
    enum proc_id peer)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->self = self;
	c->peer = peer;
}

static void
qent_free(struct msg_qent *q)
{
	if (q->fd != -1)
		close(q->fd);
	/* queued messages may carry keys: wipe before freeing */
	sodium_memzero(q->buf, q->len);
	free(q);
}

void
msg_chan_close(struct msg_chan *c)
{
	struct msg_qent *q, *n;

	for (q = c->qhead; q != NULL; q = n) {
		n = q->next;
		qent_free(q);
	}
	c->qhead = c->qtail = NULL;
	c->qlen = 0;
	if (c->rb != NULL) {
		rb_drop(c->rb);
		free(c->rb);
		c->rb = NULL;
	}
	if (c->sb != NULL) {
		sb_drop(c->sb);
		free(c->sb);
		c->sb = NULL;
	}
	c->corked = false;
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
}

/* What a failed sendmsg or sendmmsg's errno means for the channel. */
static int
send_errno(void)
{
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
		return HP_E_AGAIN;
	if (errno == EPIPE || errno == ECONNRESET)
		return HP_E_CLOSED;
	return HP_E_SYS;
}

static int
raw_send(int sock, const void *buf, size_t len, int fd)
{
	struct msghdr mh;
	struct iovec iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct cmsghdr *cmsg;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = (void *)(uintptr_t)buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		cmsg = CMSG_FIRSTHDR(&mh);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	}
	do {
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	} while (n == -1 && errno == EINTR);
	if (n == -1)
		return send_errno();
	return (size_t)n == len ? HP_OK : HP_E_SYS;
}

/*
 * To the queue's tail.  force: messages a send already accepted (held
 * while corked) go in even past MSG_QUEUE_MAX, by at most MSG_SBATCH;
 * the next msg_send() then meets the full queue.
 */
static int
enqueue(struct msg_chan *c, const uint8_t *buf, size_t len, int fd,
    bool force)
{
	struct msg_qent *q;

	if (c->qlen >= MSG_QUEUE_MAX && !force)
		return HP_E_NOMEM;
	if ((q = malloc(sizeof(*q) + len)) == NULL)
		return HP_E_NOMEM;
	q->next = NULL;
	q->len = len;
	q->fd = -1;
	if (fd >= 0 && (q->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1) {
		free(q);
		return HP_E_SYS;
	}
	memcpy(q->buf, buf, len);
	if (c->qtail != NULL)
		c->qtail->next = q;
	else
		c->qhead = q;
	c->qtail = q;
	c->qlen++;
	return HP_OK;
}

int
msg_send(struct msg_chan *c, uint16_t type, uint32_t sid,
    const void *payload, size_t len, int fd)
{
	uint8_t buf[MSG_MAX];
	struct msg_hdr h;
	int r;

	if (c->fd == -1)
		return HP_E_CLOSED;
	if (len > MSG_MAX_PAYLOAD)
		return HP_E_LONG;
	memset(&h, 0, sizeof(h));
	h.type = type;
	h.sid = sid;
	h.len = (uint32_t)len;
	memcpy(buf, &h, sizeof(h));
	if (len > 0)
		memcpy(buf + sizeof(h), payload, len);
	if (c->qhead != NULL)		/* keep order behind the queue */
		r = HP_E_AGAIN;
	else if (c->corked && fd == -1)
		r = hold(c, buf, sizeof(h) + len);
	/* else what is held goes first */
	else if ((r = send_held(c)) == HP_OK)
		r = raw_send(c->fd, buf, sizeof(h) + len, fd);
	if (r == HP_E_AGAIN)
		r = enqueue(c, buf, sizeof(h) + len, fd, false);
	sodium_memzero(buf, sizeof(h) + len);
	return r;
}

/*
 * What a corked channel holds: built messages, sent by one sendmmsg(2)
 * (send_held).  Never a message with an fd: it would have to be
 * duplicated to outlive the caller's copy.
 */
struct msg_sbatch {
	struct mmsghdr	 mh[MSG_SBATCH];
	struct iovec	 iov[MSG_SBATCH];
	uint8_t		 buf[MSG_SBATCH][MSG_MAX];
	unsigned int	 n;
};

static void
sb_drop(struct msg_sbatch *sb)
{
	unsigned int i;

	/* held messages may carry keys */
	for (i = 0; i < sb->n; i++)
		sodium_memzero(sb->buf[i], sb->iov[i].iov_len);
	sb->n = 0;
}

/*
 * Send the held messages.  HP_OK: all went; HP_E_AGAIN: the socket is
 * full and the rest are queued, in order (the queue was empty: a
 * message is held only then); else an error and the rest are dropped,
 * as an uncorked send would have failed.
 */
static int
send_held(struct msg_chan *c)
{
	struct msg_sbatch *sb = c->sb;
	unsigned int off = 0, i;
	int n, r = HP_OK;

	if (sb == NULL || sb->n == 0)
		return HP_OK;
	for (i = 0; i < sb->n; i++) {
		memset(&sb->mh[i], 0, sizeof(sb->mh[i]));
		sb->mh[i].msg_hdr.msg_iov = &sb->iov[i];
		sb->mh[i].msg_hdr.msg_iovlen = 1;
	}
	while (off < sb->n) {
		do {
			n = sendmmsg(c->fd, sb->mh + off, sb->n - off,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
		} while (n == -1 && errno == EINTR);
		if (n == -1) {
			r = send_errno();
			break;
		}
		off += (unsigned int)n;
	}
	for (i = off; r == HP_E_AGAIN && i < sb->n; i++)
		if (enqueue(c, sb->buf[i], sb->iov[i].iov_len, -1, true) !=
		    HP_OK) {
			r = HP_E_NOMEM;	/* no memory: the rest is lost */
			break;
		}
	sb_drop(sb);
	return r;
}

/*
 * Hold one built message (corked): HP_OK; or what sending a full batch
 * first said (HP_E_AGAIN: the caller queues this one).  Without memory
 * for a batch, nothing is ever held and the message goes at once.
 */
static int
hold(struct msg_chan *c, const uint8_t *buf, size_t len)
{
	struct msg_sbatch *sb;
	int r;

	if (c->sb == NULL && (c->sb = calloc(1, sizeof(*c->sb))) == NULL)
		return raw_send(c->fd, buf, len, -1);
	sb = c->sb;
	if (sb->n == MSG_SBATCH && (r = send_held(c)) != HP_OK)
		return r == HP_E_NOMEM ? HP_E_SYS : r;
	memcpy(sb->buf[sb->n], buf, len);
	sb->iov[sb->n].iov_base = sb->buf[sb->n];
	sb->iov[sb->n].iov_len = len;
	sb->n++;
	return HP_OK;
}

void
msg_cork(struct msg_chan *c)
{
	c->corked = true;
}

int
msg_uncork(struct msg_chan *c)
{
	c->corked = false;
	return send_held(c);
}

int
msg_flush(struct msg_chan *c)
{
	struct msg_qent *q;
	int r;

	if ((r = send_held(c)) != HP_OK && r != HP_E_AGAIN)
		return r;
	while ((q = c->qhead) != NULL) {
		r = raw_send(c->fd, q->buf, q->len, q->fd);
		if (r != HP_OK)
			return r;
		c->qhead = q->next;
		if (c->qhead == NULL)
			c->qtail = NULL;
		c->qlen--;
		qent_free(q);
	}
	return HP_OK;
}

int
msg_pending(const struct msg_chan *c)
{
	return c->qhead != NULL;
}

/* The fds a received message carried: the first in *fd, others closed. */
static bool
fds_of(struct msghdr *mh, int *fd)
{
	struct cmsghdr *cmsg;
	bool extra = false;

	*fd = -1;
	for (cmsg = CMSG_FIRSTHDR(mh); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(mh, cmsg)) {
		size_t i, nfd;

		if (cmsg->cmsg_level != SOL_SOCKET ||
		    cmsg->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < nfd; i++) {
			int f;

			memcpy(&f, CMSG_DATA(cmsg) + i * sizeof(int),
			    sizeof(int));
			if (*fd == -1)
				*fd = f;
			else {
				close(f);
				extra = true;
			}
		}
	}
	return extra;
}

/*
 * One received datagram (n bytes in buf, its header mh) into *m,
 * validated; buf is wiped.  Every fd that came is collected, so none
 * can leak (an empty datagram reads as 0 bytes, like EOF, but may
 * carry fds too).
 */
static int
take(const struct msg_chan *c, struct msg *m, uint8_t *buf, size_t n,
    struct msghdr *mh)
{
	int fd, r;
	bool extra = fds_of(mh, &fd);

	if (n == 0)
		r = HP_E_CLOSED;
	else if ((mh->msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || extra)
		r = HP_E_FRAME;
	else if (n < sizeof(struct msg_hdr))
		r = HP_E_FRAME;
	else {
		memcpy(&m->hdr, buf, sizeof(m->hdr));
		/* zero the rest: checkers may read a type's full size */
		memset(m->data, 0, sizeof(m->data));
		memcpy(m->data, buf + sizeof(m->hdr), n - sizeof(m->hdr));
		r = msg_check(c->peer, c->self, &m->hdr, m->data, n,
		    fd != -1);
	}
	sodium_memzero(buf, n);
	if (r != HP_OK) {
		if (fd != -1)
			close(fd);
		sodium_memzero(m->data, sizeof(m->data));
		return r;
	}
	m->fd = fd;
	return HP_OK;
}

/*
 * What one recvmmsg(2) read, taken in order by msg_recv().  A batch
 * saves a system call per message when several wait (master relays
 * every PPP control frame of a login: issue 18's set-up cost), and
 * the read that would only find nothing (msg_recv_more()).
 */
struct msg_rbatch {
	struct mmsghdr	 mh[MSG_RBATCH];
	struct iovec	 iov[MSG_RBATCH];
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int) * 4)];
	} cm[MSG_RBATCH];
	uint8_t		 buf[MSG_RBATCH][MSG_MAX];
	unsigned int	 n;		/* read by the last recvmmsg */
	unsigned int	 next;		/* the next to take */
};

static int
refill(int sock, struct msg_rbatch *rb)
{
	unsigned int i;
	int n;

	rb->n = rb->next = 0;
	for (i = 0; i < MSG_RBATCH; i++) {
		memset(&rb->mh[i], 0, sizeof(rb->mh[i]));
		rb->iov[i].iov_base = rb->buf[i];
		rb->iov[i].iov_len = sizeof(rb->buf[i]);
		rb->mh[i].msg_hdr.msg_iov = &rb->iov[i];
		rb->mh[i].msg_hdr.msg_iovlen = 1;
		rb->mh[i].msg_hdr.msg_control = rb->cm[i].buf;
		rb->mh[i].msg_hdr.msg_controllen = sizeof(rb->cm[i].buf);
	}
	do {
		n = recvmmsg(sock, rb->mh, MSG_RBATCH,
		    MSG_CMSG_CLOEXEC | MSG_DONTWAIT, NULL);
	} while (n == -1 && errno == EINTR);
	if (n == -1)
		return errno == EAGAIN || errno == EWOULDBLOCK ?
		    HP_E_AGAIN : HP_E_SYS;
	rb->n = (unsigned int)n;
	return HP_OK;
}

/* The messages read and not taken: their fds closed, their bytes wiped. */
static void
rb_drop(struct msg_rbatch *rb)
{
	int fd;

	for (; rb->next < rb->n; rb->next++) {
		(void)fds_of(&rb->mh[rb->next].msg_hdr, &fd);
		if (fd != -1)
			close(fd);
		sodium_memzero(rb->buf[rb->next], rb->mh[rb->next].msg_len);
	}
	rb->n = rb->next = 0;
}

/* Without a batch (no memory for one): one recvmsg(2) per message. */
static int
recv_one(struct msg_chan *c, struct msg *m)
{
	uint8_t buf[MSG_MAX];
	struct msghdr mh;
	struct iovec iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int) * 4)];
	} cm;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	do {
		n = recvmsg(c->fd, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	} while (n == -1 && errno == EINTR);
	if (n == -1)
		return errno == EAGAIN || errno == EWOULDBLOCK ?
		    HP_E_AGAIN : HP_E_SYS;
	return take(c, m, buf, (size_t)n, &mh);
}

int
msg_recv(struct msg_chan *c, struct msg *m)
{
	struct msg_rbatch *rb;
	unsigned int i;
	int r;

	m->fd = -1;
	if (c->rb == NULL && (c->rb = calloc(1, sizeof(*c->rb))) == NULL)
		return recv_one(c, m);
	rb = c->rb;
	if (rb->next == rb->n && (r = refill(c->fd, rb)) != HP_OK)
		return r;
	i = rb->next++;
	return take(c, m, rb->buf[i], rb->mh[i].msg_len, &rb->mh[i].msg_hdr);
}

bool
msg_recv_held(const struct msg_chan *c)
{
	return c->rb != NULL && c->rb->next < c->rb->n;
}

bool
msg_recv_more(const struct msg_chan *c)
{
	return c->rb == NULL || msg_recv_held(c) || c->rb->n == MSG_RBATCH;
}

size_t
msg_strcpy(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap);

	memcpy(dst, src, n);
	return n;
}
