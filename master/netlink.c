/*
 * hpptpd master: rtnetlink with libmnl (see netlink.h), the core: the
 * socket, one request at a time, and the walker every table dump goes
 * through (netlink_local.h).
 *
 * One request at a time: nl_talk() sends it with a fresh sequence
 * number and reads until the kernel's ACK, error or NLMSG_DONE for that
 * sequence, handing data messages to a callback; anything with another
 * sequence or port (a late answer to an earlier request that timed
 * out) is skipped.  The socket has SO_RCVTIMEO, so a kernel that never
 * answers costs at most the timeout.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <errno.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>

#include "common/err.h"
#include "common/log.h"
#include "master/netlink.h"
#include "master/netlink_local.h"

#define NL_STALE_BATCH	256	/* entries removed per dump pass */
#define NL_FLUSH_PASSES	1024	/* each pass must make progress */

/* nl_dump reads and writes the family byte the same way for each kind. */
_Static_assert(offsetof(struct rtmsg, rtm_family) == 0, "rtm_family");
_Static_assert(offsetof(struct ndmsg, ndm_family) == 0, "ndm_family");
_Static_assert(offsetof(struct ifaddrmsg, ifa_family) == 0, "ifa_family");

/* A dump in progress: the kind, and what to do with each entry. */
struct nl_walk {
	const struct nl_kind	*kind;
	int			(*fn)(const struct nl_ent *, void *);
	void			*arg;
};

/* nl_table's state: matches counted, the first NL_STALE_BATCH kept. */
struct nl_found {
	const struct nl_match	*m;
	unsigned		 count;
	unsigned		 n;
	struct nl_ent		 ent[NL_STALE_BATCH];
};

static int	ext_ack_attr(const struct nlattr *, void *);
static int	nl_ack(struct nl *, const struct nlmsghdr *);
static int	nl_walk_cb(const struct nlmsghdr *, void *);
static bool	nl_match(const struct nl_match *, const struct nl_ent *);
static int	nl_found_add(const struct nl_ent *, void *);
static int	nl_flush(struct nl *, const struct nl_kind *,
		    struct nl_found *, unsigned *);

int
nl_open(struct nl **nlp, unsigned timeout_ms)
{
	struct nl	*nl;
	struct timeval	 tv;
	int		 one = 1, fd;

	*nlp = NULL;
	if ((nl = calloc(1, sizeof(*nl))) == NULL)
		return HP_E_NOMEM;
	if ((nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC)) ==
	    NULL || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		log_warn("netlink socket");
		nl_close(nl);
		return HP_E_SYS;
	}
	fd = mnl_socket_get_fd(nl->sock);
	if (timeout_ms == 0)
		timeout_ms = NL_TIMEOUT_DEFAULT_MS;
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1) {
		log_warn("netlink SO_RCVTIMEO");
		nl_close(nl);
		return HP_E_SYS;
	}
	/* Kernel error text, and ACKs without a copy of our request. */
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one,
	    sizeof(one));
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one,
	    sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned)time(NULL);
	*nlp = nl;
	return HP_OK;
}

void
nl_close(struct nl *nl)
{
	if (nl == NULL)
		return;
	if (nl->sock != NULL)
		mnl_socket_close(nl->sock);
	free(nl->addrs);
	free(nl);
}

/*
 * Kept open for the per-session routes: a socket per request cost five
 * system calls (socket, bind, getsockname, two setsockopt) and a close
 * for each route added or removed.  nl_talk matches answers by sequence
 * number and port, so a late answer to a request that timed out is
 * skipped, never taken for a later request's.
 */
static struct nl *nl_kept;

struct nl *
nl_shared(void)
{
	if (nl_kept == NULL && nl_open(&nl_kept, NL_TIMEOUT_DEFAULT_MS) !=
	    HP_OK)
		nl_kept = NULL;
	return nl_kept;
}

void
nl_shared_close(void)
{
	nl_close(nl_kept);
	nl_kept = NULL;
}

const char *
nl_errmsg(const struct nl *nl)
{
	return nl->errmsg;
}

int
nl_errno(int e)
{
	switch (e) {
	case EEXIST:
		return HP_E_DUP;
	case ENOENT:
	case ESRCH:
	case ENODEV:
	case EADDRNOTAVAIL:
		return HP_E_NOTFOUND;
	default:
		errno = e;
		return HP_E_SYS;
	}
}

static int
ext_ack_attr(const struct nlattr *a, void *arg)
{
	struct nl	*nl = arg;

	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
		log_sanitize(nl->errmsg, sizeof(nl->errmsg),
		    mnl_attr_get_str(a), strnlen(mnl_attr_get_str(a),
		    mnl_attr_get_payload_len(a)));
	return MNL_CB_OK;
}

/* An NLMSG_ERROR: 0 is the ACK, else a negative errno. */
static int
nl_ack(struct nl *nl, const struct nlmsghdr *h)
{
	const struct nlmsgerr *e;
	size_t		 off;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
		errno = EBADMSG;
		return HP_E_SYS;
	}
	e = mnl_nlmsg_get_payload(h);
	if (e->error == 0)
		return HP_OK;
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (NLMSG_HDRLEN + off <= h->nlmsg_len)
			(void)mnl_attr_parse(h, (unsigned)off, ext_ack_attr,
			    nl);
	}
	return nl_errno(-e->error);
}

int
nl_talk(struct nl *nl, struct nlmsghdr *req, nl_cb cb, void *arg)
{
	const struct nlmsghdr *h;
	unsigned	 seq;
	ssize_t		 n;
	int		 len, r;
	bool		 dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;

	nl->errmsg[0] = '\0';
	seq = req->nlmsg_seq = ++nl->seq;
	if (!dump)
		req->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		return nl_errno(errno);
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				errno = ETIMEDOUT;
			if (errno == EINTR)
				continue;
			return nl_errno(errno);
		}
		len = (int)n;
		for (h = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(h, len);
		    h = mnl_nlmsg_next(h, &len)) {
			if (h->nlmsg_seq != seq || h->nlmsg_pid != nl->portid)
				continue;		/* stale answer */
			if (h->nlmsg_type == NLMSG_ERROR)
				return nl_ack(nl, h);
			if (h->nlmsg_type == NLMSG_DONE)
				return HP_OK;
			if (h->nlmsg_type == NLMSG_NOOP ||
			    h->nlmsg_type == NLMSG_OVERRUN)
				continue;
			if (cb != NULL && (r = cb(h, arg)) != HP_OK)
				return r;
		}
	}
}

struct nlmsghdr *
nl_req(struct nl *nl, uint16_t type, uint16_t flags)
{
	struct nlmsghdr	*h;

	memset(nl->buf, 0, MNL_NLMSG_HDRLEN + 256);
	h = mnl_nlmsg_put_header(nl->buf);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	return h;
}

/* ---- table dumps -------------------------------------------------- */

static int
nl_walk_cb(const struct nlmsghdr *h, void *arg)
{
	const struct nl_walk *w = arg;
	const struct nl_kind *k = w->kind;
	const void	*hdr;
	struct nl_ent	 e;

	if (h->nlmsg_type != k->answer ||
	    h->nlmsg_len < NLMSG_LENGTH(k->hdrlen))
		return HP_OK;
	hdr = mnl_nlmsg_get_payload(h);
	if (*(const uint8_t *)hdr != k->family)
		return HP_OK;
	memset(&e, 0, sizeof(e));
	if (!k->head(hdr, &e))
		return HP_OK;
	(void)mnl_attr_parse(h, (unsigned)k->hdrlen, k->attr, &e);
	if (k->tail != NULL && !k->tail(&e))
		return HP_OK;
	if (!e.has_dst)
		return HP_OK;
	return w->fn(&e, w->arg);
}

int
nl_dump(struct nl *nl, const struct nl_kind *k,
    int (*fn)(const struct nl_ent *, void *), void *arg)
{
	struct nl_walk	 w = { k, fn, arg };
	struct nlmsghdr	*h;
	uint8_t		*hdr;

	h = nl_req(nl, k->get, NLM_F_DUMP);
	hdr = mnl_nlmsg_put_extra_header(h, k->hdrlen);
	hdr[0] = k->family;
	if (k->ask != NULL)
		k->ask(hdr);
	return nl_talk(nl, h, nl_walk_cb, &w);
}

/*
 * want_dst: the host entry dst/32 whoever added it (is it there?);
 * else every entry of our protocol (what a crashed run left behind).
 */
static bool
nl_match(const struct nl_match *m, const struct nl_ent *e)
{
	if (m->ifindex != 0 && e->ifindex != m->ifindex)
		return false;
	if (m->want_dst)
		return e->dst.s_addr == m->dst.s_addr && e->plen == 32;
	return e->proto == NL_RTPROT_HPPTPD;
}

static int
nl_found_add(const struct nl_ent *e, void *arg)
{
	struct nl_found	*f = arg;

	if (!nl_match(f->m, e))
		return HP_OK;
	f->count++;
	if (f->n < NL_STALE_BATCH)
		f->ent[f->n++] = *e;
	return HP_OK;
}

/* Delete in batches of what one dump found, until a dump finds none. */
static int
nl_flush(struct nl *nl, const struct nl_kind *k, struct nl_found *f,
    unsigned *n)
{
	unsigned	 i, pass;
	int		 r = HP_OK;

	for (pass = 0; pass < NL_FLUSH_PASSES; pass++) {
		f->count = f->n = 0;
		if ((r = nl_dump(nl, k, nl_found_add, f)) != HP_OK ||
		    f->n == 0)
			break;
		for (i = 0; i < f->n; i++) {
			r = k->del(nl, &f->ent[i]);
			if (r == HP_E_NOTFOUND)
				r = HP_OK;	/* gone meanwhile */
			if (r != HP_OK)
				return r;
			(*n)++;
		}
	}
	return r;
}

int
nl_table(struct nl *nl, const struct nl_kind *k, const struct nl_match *m,
    enum nl_op op, unsigned *n)
{
	struct nl_found	*f;
	int		 r;

	*n = 0;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return HP_E_NOMEM;
	f->m = m;
	if (op == NL_FLUSH)
		r = nl_flush(nl, k, f, n);
	else if ((r = nl_dump(nl, k, nl_found_add, f)) == HP_OK)
		*n = f->count;
	free(f);
	return r;
}

int
nl_table_has(struct nl *nl, const struct nl_kind *k, unsigned ifindex,
    struct in_addr dst, bool *exists)
{
	struct nl_match	 m = { ifindex, true, dst };
	unsigned	 n;
	int		 r;

	*exists = false;
	if ((r = nl_table(nl, k, &m, NL_COUNT, &n)) == HP_OK)
		*exists = n > 0;
	return r;
}
