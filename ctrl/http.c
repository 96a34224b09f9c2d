/*
 * hpptpd ctrl worker: serving `GET /metrics` to a scraper.  Master
 * accepts the connection (its own limit: METRICS_HTTP_MAX at once) and
 * hands it over with a slot id; ctrl reads and parses the request here,
 * in the sandbox that already parses what the internet sends, and then
 * pulls the text from master (MSG_METRICS_REQ), one chunk per request,
 * asking for the next only once the last is written: a slow scraper
 * costs one chunk of memory and stalls nothing.  HTTP/1.0 style: one
 * request per connection, the end of the body is the close.
 *
 * A scraper's life, and the only writer of its state is http_enter():
 *   READ  -> reading the request (HTTP_READ_MS)
 *   WAIT  -> asked master for a chunk, its parts arriving
 *   SEND  -> writing the buffer; then WAIT again, or the close
 * Every state ends at the scraper's overall deadline (HTTP_TOTAL_MS).
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "ctrl/http.h"
#include "ctrl/http_req.h"

#define HTTP_READ_MS	5000	/* the request must be in by then */
#define HTTP_TOTAL_MS	30000	/* and the whole exchange over */
#define HTTP_HEAD_MAX	256	/* our status line and headers */
#define HTTP_OUT_MAX	(HTTP_HEAD_MAX + METRICS_CHUNK_MAX)

enum http_state { H_FREE = 0, H_READ, H_WAIT, H_SEND };

struct scraper {
	enum http_state	 state;
	int		 fd;
	bool		 eof;		/* the last chunk is in out[] */
	uint64_t	 deadline;
	size_t		 inlen;
	uint8_t		 in[HTTP_REQ_MAX];
	size_t		 outlen, outoff;
	char		 out[HTTP_OUT_MAX];
};

struct ctrl_http {
	struct msg_chan	*chan;
	int		 ep;
	struct scraper	 s[METRICS_HTTP_MAX];
};

struct ctrl_http *
ctrl_http_create(struct msg_chan *chan, int ep)
{
	struct ctrl_http *h;
	unsigned int i;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	h->chan = chan;
	h->ep = ep;
	for (i = 0; i < METRICS_HTTP_MAX; i++)
		h->s[i].fd = -1;
	return h;
}

static void
to_master(struct ctrl_http *h, uint16_t type, uint32_t id)
{
	struct m_metrics_req m = { .id = id };
	int r;

	if ((r = msg_send(h->chan, type, 0, &m, sizeof(m), -1)) != HP_OK)
		fatalx("lost master: %s", hp_strerror(r));
}

/* The state and what epoll watches for it: one place writes both. */
static void
http_enter(struct ctrl_http *h, uint32_t id, enum http_state st)
{
	struct scraper *s = &h->s[id];
	struct epoll_event ev;

	s->state = st;
	if (st == H_FREE)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.events = st == H_READ ? EPOLLIN : st == H_SEND ? EPOLLOUT : 0;
	ev.data.u64 = ((uint64_t)CTRL_EPK_HTTP << 32) | id;
	(void)epoll_ctl(h->ep, EPOLL_CTL_MOD, s->fd, &ev);
}

/* Close it and give master its slot back. */
static void
http_close(struct ctrl_http *h, uint32_t id)
{
	struct scraper *s = &h->s[id];

	if (s->state == H_FREE)
		return;
	(void)epoll_ctl(h->ep, EPOLL_CTL_DEL, s->fd, NULL);
	close(s->fd);
	s->fd = -1;
	http_enter(h, id, H_FREE);
	to_master(h, MSG_METRICS_DONE, id);
}

void
ctrl_http_on_conn(struct ctrl_http *h, uint32_t id, int fd)
{
	struct scraper *s = &h->s[id];
	struct epoll_event ev;

	http_close(h, id);	/* never in use: master frees on DONE */
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->deadline = now_ms() + HTTP_READ_MS;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = ((uint64_t)CTRL_EPK_HTTP << 32) | id;
	if (epoll_ctl(h->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
		log_warn("metrics: epoll_ctl");
		close(fd);
		s->fd = -1;
		to_master(h, MSG_METRICS_DONE, id);
		return;
	}
	http_enter(h, id, H_READ);
}

/* Our status line and headers into out[]; an error also has a body. */
static void
http_respond(struct scraper *s, enum http_verdict v)
{
	const char *text;
	unsigned int code = http_status(v, &text);
	int n;

	if (code == 200)
		n = snprintf(s->out, HTTP_HEAD_MAX, "HTTP/1.0 200 OK\r\n"
		    "Content-Type: application/openmetrics-text; "
		    "version=1.0.0; charset=utf-8\r\n"
		    "Cache-Control: no-store\r\nConnection: close\r\n\r\n");
	else
		n = snprintf(s->out, HTTP_HEAD_MAX, "HTTP/1.0 %u %s\r\n"
		    "Content-Type: text/plain\r\n%sConnection: close\r\n"
		    "\r\n%u %s\n", code, text, code == 405 ?
		    "Allow: GET, HEAD\r\n" : "", code, text);
	s->outlen = n > 0 && n < HTTP_HEAD_MAX ? (size_t)n : 0;
	s->outoff = 0;
}

/* A line per refused request, at most one a second (a loop of bad
 * requests must not flood the log; the listener is an operator's). */
static void
http_log_refused(uint32_t id, enum http_verdict v)
{
	static uint64_t last;
	static unsigned int quiet;
	uint64_t now = now_ms();
	const char *text;
	unsigned int code = http_status(v, &text);

	if (last != 0 && now - last < 1000) {
		quiet++;
		return;
	}
	log_info("metrics: scraper %u: answered %u %s (%s)%s", id, code,
	    text, v == HTTP_NOT_FOUND ? "the path is not /metrics" :
	    v == HTTP_METHOD ? "not GET or HEAD" : v == HTTP_TOO_LARGE ?
	    "no end of the request within 2048 bytes" :
	    "not an HTTP/1.x request", quiet > 0 ? "; more not logged" : "");
	last = now;
	quiet = 0;
}

static void
http_read(struct ctrl_http *h, uint32_t id)
{
	struct scraper *s = &h->s[id];
	enum http_verdict v;
	struct http_req r;
	ssize_t n;

	n = read(s->fd, s->in + s->inlen, sizeof(s->in) - s->inlen);
	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		http_close(h, id);
		return;
	}
	if (n > 0)
		s->inlen += (size_t)n;
	if ((v = http_req_parse(s->in, s->inlen, &r)) == HTTP_MORE)
		return;
	http_respond(s, v);
	if (v != HTTP_OK)
		http_log_refused(id, v);
	s->eof = v != HTTP_OK || r.head;
	s->deadline = now_ms() + HTTP_TOTAL_MS - HTTP_READ_MS;
	if (s->eof) {
		http_enter(h, id, H_SEND);
		return;
	}
	to_master(h, MSG_METRICS_REQ, id);
	http_enter(h, id, H_WAIT);
}

static void
http_write(struct ctrl_http *h, uint32_t id)
{
	struct scraper *s = &h->s[id];
	ssize_t n;

	/* write(2), not send(2): ctrl's seccomp list has the one (SIGPIPE
	 * is ignored in every worker) */
	n = write(s->fd, s->out + s->outoff, s->outlen - s->outoff);
	if (n == -1) {
		if (errno != EAGAIN && errno != EINTR)
			http_close(h, id);
		return;
	}
	s->outoff += (size_t)n;
	if (s->outoff < s->outlen)
		return;
	s->outlen = s->outoff = 0;
	if (s->eof) {
		(void)shutdown(s->fd, SHUT_WR);
		http_close(h, id);
		return;
	}
	to_master(h, MSG_METRICS_REQ, id);
	http_enter(h, id, H_WAIT);
}

void
ctrl_http_on_data(struct ctrl_http *h, const struct m_metrics_data *d)
{
	struct scraper *s = &h->s[d->id];

	if (s->state != H_WAIT) {	/* closed while it was on its way */
		log_debug("metrics: data for scraper %u, not waiting", d->id);
		return;
	}
	if (d->len > sizeof(s->out) - s->outlen) {
		log_warnx("metrics: master sent a chunk over %d bytes",
		    METRICS_CHUNK_MAX);
		http_close(h, d->id);
		return;
	}
	memcpy(s->out + s->outlen, d->text, d->len);
	s->outlen += d->len;
	if (d->flags & METRICS_F_MORE)
		return;
	s->eof = (d->flags & METRICS_F_EOF) != 0;
	http_enter(h, d->id, H_SEND);
}

void
ctrl_http_event(struct ctrl_http *h, uint32_t id, uint32_t events)
{
	struct scraper *s;

	if (id >= METRICS_HTTP_MAX || (s = &h->s[id])->state == H_FREE)
		return;
	if (s->state == H_READ && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		http_read(h, id);
	else if (s->state == H_SEND && (events & (EPOLLOUT | EPOLLERR)))
		http_write(h, id);
	else if (events & (EPOLLHUP | EPOLLERR))	/* gone while waiting */
		http_close(h, id);
}

int
ctrl_http_timers(struct ctrl_http *h, uint64_t now)
{
	uint64_t next = UINT64_MAX;
	uint32_t i;

	for (i = 0; i < METRICS_HTTP_MAX; i++) {
		struct scraper *s = &h->s[i];

		if (s->state == H_FREE)
			continue;
		if (now >= s->deadline) {
			log_info("metrics: scraper %u too slow: closed", i);
			http_close(h, i);
			continue;
		}
		if (s->deadline < next)
			next = s->deadline;
	}
	if (next == UINT64_MAX)
		return -1;
	return (int)(next - now);
}
