/*
 * hpptpd master: the metrics listener.  An HTTP request is bytes from
 * the network, and master parses none: it accepts the connection,
 * holds one of METRICS_HTTP_MAX slots for it (a refusal beyond them is
 * counted and audited like any other), and hands the socket to ctrl
 * (ctrl/http.c), which parses the request and asks for the exposition
 * one chunk at a time.  Each chunk comes from control_metrics_produce,
 * the producer of `hpptpctl metrics`, from the slot's own cursor.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "master/control_local.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/metrics_http.h"
#include "master/net.h"
#include "master/proc.h"
#include "master/send.h"
#include "master/session.h"

struct mh_slot {
	bool			 used;
	bool			 eof;	/* the last chunk went out */
	struct control_client	 cur;	/* the producer's cursor */
};

struct metrics_http {
	int		 fd;		/* the listener */
	unsigned int	 open;		/* slots in use */
	uint64_t	 served, refused;
	struct mh_slot	 slot[METRICS_HTTP_MAX];
};


void
metrics_http_open(struct master *m)
{
	const struct conf_listen *l = &m->conf.metrics_listen;
	struct metrics_http *h;
	struct epoll_event ev;
	char str[INET6_ADDRSTRLEN];

	if (!m->conf.metrics_listen_on || m->mhttp != NULL)
		return;
	if ((h = m->mhttp = calloc(1, sizeof(*h))) == NULL)
		fatal("metrics: calloc");
	if ((h->fd = net_tcp_listen(l, 16, str, sizeof(str))) == -1)
		fatal("metrics listen on %s port %u", str, l->port);
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = EP_TAG(EPK_METRICS, 0);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, h->fd, &ev) == -1)
		fatal("epoll_ctl");
	log_info("metrics: serving GET /metrics on %s port %u", str, l->port);
}

void
metrics_http_close(struct master *m)
{
	struct metrics_http *h = m->mhttp;

	if (h == NULL)
		return;
	(void)epoll_ctl(m->ep, EPOLL_CTL_DEL, h->fd, NULL);
	close(h->fd);
	free(h);
	m->mhttp = NULL;
}

static void
slot_free(struct metrics_http *h, struct mh_slot *s)
{
	if (s->used)
		h->open--;
	s->used = false;
}

/* All slots taken: count it, and an audit line (rate-limited). */
static void
refuse(struct master *m, const struct sockaddr_storage *ss)
{
	struct m_addr peer;

	m->mhttp->refused++;
	limits_refused(m->limits, LIM_METRICS_BUSY);
	net_maddr(ss, &peer);
	net_refused(m, &peer, lim_verdict_name(LIM_METRICS_BUSY));
}

static void
take(struct master *m, int fd, const struct sockaddr_storage *ss)
{
	struct metrics_http *h = m->mhttp;
	struct mh_slot *s = NULL;
	uint32_t i;

	for (i = 0; i < METRICS_HTTP_MAX && s == NULL; i++)
		if (!h->slot[i].used)
			s = &h->slot[i];
	if (s == NULL) {
		refuse(m, ss);
		return;
	}
	i = (uint32_t)(s - h->slot);
	memset(s, 0, sizeof(*s));
	if (send_metrics_conn(m, i, fd) != HP_OK) {
		log_debug("metrics: ctrl is not up; scraper closed");
		return;
	}
	s->used = true;
	h->open++;
}

void
metrics_http_accept(struct master *m)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, n;

	for (n = 0; n < 16; n++) {
		sl = sizeof(ss);
		fd = accept4(m->mhttp->fd, (struct sockaddr *)&ss, &sl,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("metrics: accept");
			return;
		}
		take(m, fd, &ss);
		close(fd);	/* ctrl has its own copy, or nobody */
	}
}

/* The next chunk of the exposition, in parts of METRICS_PART_MAX. */
static void
on_req(struct master *m, struct mh_slot *s, uint32_t id)
{
	static char chunk[METRICS_CHUNK_MAX];
	struct m_metrics_data d;
	struct control_text t = { .p = chunk, .cap = sizeof(chunk) };
	bool more;
	size_t off = 0, n;

	more = control_metrics_produce(m, &s->cur, &t);
	if (more && t.len == 0) {	/* a family that fits no chunk */
		log_warnx("metrics: a family is larger than %d bytes; "
		    "the exposition is cut", METRICS_CHUNK_MAX);
		more = false;
	}
	s->eof = !more;
	do {
		n = t.len - off > METRICS_PART_MAX ? METRICS_PART_MAX :
		    t.len - off;
		memset(&d, 0, M_METRICS_DATA_HDR);
		d.id = id;
		d.len = (uint16_t)n;
		memcpy(d.text, chunk + off, n);
		off += n;
		d.flags = off < t.len ? METRICS_F_MORE :
		    s->eof ? METRICS_F_EOF : 0;
		if (send_metrics_data(m, &d) != HP_OK)
			return;		/* ctrl is going: its loss frees */
	} while (off < t.len);
}

bool
metrics_http_dispatch(struct master *m, struct msg *msg)
{
	const struct m_metrics_req *r = (const void *)msg->data;
	struct metrics_http *h = m->mhttp;
	struct mh_slot *s;

	if (msg->hdr.type != MSG_METRICS_REQ &&
	    msg->hdr.type != MSG_METRICS_DONE)
		return false;
	/* the catalog checked the id's range */
	if (h == NULL || !(s = &h->slot[r->id])->used) {
		ms_violation(m, P_CTRL, msg, NULL,
		    "a metrics slot master did not give");
		return true;
	}
	if (msg->hdr.type == MSG_METRICS_DONE) {
		if (s->eof)
			h->served++;
		slot_free(h, s);
		return true;
	}
	if (s->eof) {
		ms_violation(m, P_CTRL, msg, NULL,
		    "a chunk after the end of the metrics");
		return true;
	}
	on_req(m, s, r->id);
	return true;
}

void
metrics_http_ctrl_lost(struct master *m)
{
	struct metrics_http *h = m->mhttp;
	uint32_t i;

	for (i = 0; h != NULL && i < METRICS_HTTP_MAX; i++)
		slot_free(h, &h->slot[i]);
}

void
metrics_http_stats(const struct master *m, uint64_t *served,
    uint64_t *refused, unsigned int *open)
{
	const struct metrics_http *h = m->mhttp;

	*served = h != NULL ? h->served : 0;
	*refused = h != NULL ? h->refused : 0;
	*open = h != NULL ? h->open : 0;
}
