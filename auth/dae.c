/*
 * hpptpd auth: the Disconnect/CoA server (dae.h).  One table of
 * entries is both the replay cache and the requests waiting for
 * master: an entry is keyed by (client, Identifier, Request
 * Authenticator) and kept for the window; while it waits for master's
 * dae-done a repeat is dropped (its answer will come), after that a
 * repeat gets the same answer again.  An entry is reused only once its
 * window has passed: a full table drops new requests (the server
 * retries) rather than forget one and act on its replay.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/dae.h"
#include "auth/dae_req.h"
#include "auth/radius_client.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"

#define DAE_ENTRIES	128	/* requests remembered within the window */
#define DAE_ANSWER_MAX	(RADIUS_HDR_LEN + 18 + 6 + DAE_PROXY_MAX * 255)
#define DAE_WAIT_MS	5000	/* master's dae-done, at most */
#define DAE_RECV_BATCH	64
#define DAE_STATS_MS	1000
#define DAE_LOGS_PER_S	10	/* drop lines; the rest counted */

struct dae_client {
	bool		 used;
	uint32_t	 addr;		/* network order */
	uint8_t		*secret;	/* sodium_malloc, locked */
	size_t		 slen;
	bool		 require_ma;
	bool		 require_ts;
	uint8_t		 max_sessions;	/* a Disconnect ends up to this many */
};

/* pending is a bit per session */
_Static_assert(DAE_MULTI_MAX <= 32, "dae_entry.pending");

struct dae_entry {
	bool		 used;
	bool		 waiting;	/* for master's dae-done */
	uint32_t	 client;	/* its address: indexes change on reload */
	uint32_t	 tag;
	uint32_t	 sid;		/* the (first) session, for logs */
	uint8_t		 nsids;		/* sessions acted on */
	uint32_t	 sids[DAE_MULTI_MAX];
	uint32_t	 pending;	/* bit i: sids[i]'s dae-done awaited */
	uint8_t		 nok;		/* master acted */
	uint8_t		 nfail;		/* master could not, or no send */
	uint64_t	 t;		/* received, monotonic ms */
	struct sockaddr_in from;
	struct dae_req	 req;
	size_t		 alen;		/* the answer sent; 0: none yet */
	uint8_t		 answer[DAE_ANSWER_MAX];
};

struct dae {
	int		 ep;
	int		 fd;
	struct msg_chan	*chan;
	struct rc	*rc;
	uint32_t	 window_s;
	struct dae_client client[DAE_CLIENTS_MAX];
	struct dae_entry *e;		/* [DAE_ENTRIES] */
	uint32_t	 gen;
	struct m_dae_stats st;
	bool		 st_dirty;
	uint64_t	 st_at;
	uint64_t	 log_at;	/* the second the drop lines count in */
	unsigned	 log_n;
	uint64_t	 log_quiet;	/* drop lines not written */
};

static struct radius_pkt dae_pkt;	/* scratch of the decoder */

struct dae *
dae_create(int ep, struct msg_chan *chan, struct rc *rc)
{
	struct dae *d;

	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (d->e = calloc(DAE_ENTRIES, sizeof(*d->e))) == NULL)
		fatalx("dae: out of memory");
	d->ep = ep;
	d->fd = -1;
	d->chan = chan;
	d->rc = rc;
	d->window_s = 300;
	return d;
}

static void
client_clear(struct dae_client *c)
{
	if (c->secret != NULL)
		sodium_free(c->secret);		/* wipes */
	memset(c, 0, sizeof(*c));
}

void
dae_config(struct dae *d, const struct m_dae_config *m)
{
	unsigned i;

	for (i = 0; i < DAE_CLIENTS_MAX; i++)
		client_clear(&d->client[i]);
	/*
	 * The replay cache stays: forgetting it would let a request seen
	 * before a reload be acted on again.  An answer it holds was made
	 * with the secret of then; a client whose secret changed drops it.
	 */
	d->window_s = m->window_s;
}

void
dae_client(struct dae *d, const struct m_dae_client *m, int fd)
{
	struct dae_client *c = &d->client[m->index];
	char a[INET_ADDRSTRLEN];

	client_clear(c);
	inet_ntop(AF_INET, &m->addr, a, sizeof(a));
	if ((c->slen = rc_secret_load(fd, m->addr, 0, &c->secret)) == 0) {
		log_warnx("radius dae client %s: secret file unusable (empty, "
		    "unreadable or too long): its requests are dropped", a);
		return;
	}
	c->used = true;
	c->addr = m->addr;
	c->require_ma = m->require_ma;
	c->require_ts = m->require_ts;
	c->max_sessions = m->max_sessions;
	if (!c->require_ma)
		log_warnx("radius dae client %s: requests without "
		    "Message-Authenticator accepted", a);
}

void
dae_socket(struct dae *d, int fd)
{
	struct epoll_event ev;

	if (d->fd != -1)
		close(d->fd);		/* and out of the epoll set with it */
	d->fd = fd;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u32 = DAE_EP_TAG;
	if (epoll_ctl(d->ep, EPOLL_CTL_ADD, fd, &ev) == -1)
		fatal("dae: epoll_ctl");
}

static void
count(struct dae *d, enum dae_result r)
{
	d->st.n[r]++;
	d->st_dirty = true;
}

/* A dropped request: counted always, logged at most 10 times a second. */
static void
drop(struct dae *d, enum dae_result r, const struct sockaddr_in *from,
    const char *why)
{
	char a[INET_ADDRSTRLEN];
	uint64_t sec = now_ms() / 1000;

	count(d, r);
	if (sec != d->log_at) {
		d->log_at = sec;
		d->log_n = 0;
	}
	if (d->log_n >= DAE_LOGS_PER_S) {
		d->log_quiet++;
		return;
	}
	d->log_n++;
	inet_ntop(AF_INET, &from->sin_addr, a, sizeof(a));
	log_audit_auth("event=dae-drop from=%s port=%u reason=%s "
	    "suppressed=%llu", a, ntohs(from->sin_port), why,
	    (unsigned long long)d->log_quiet);
	d->log_quiet = 0;
}

static struct dae_client *
client_find(struct dae *d, uint32_t addr)
{
	unsigned i;

	for (i = 0; i < DAE_CLIENTS_MAX; i++)
		if (d->client[i].used && d->client[i].addr == addr)
			return &d->client[i];
	return NULL;
}

static bool
entry_live(const struct dae *d, const struct dae_entry *x, uint64_t now)
{
	if (!x->used)
		return false;
	if (x->waiting)
		return now - x->t < DAE_WAIT_MS;
	return now - x->t < (uint64_t)d->window_s * 1000;
}

static struct dae_entry *
entry_find(struct dae *d, uint32_t client, const struct dae_req *r,
    uint64_t now)
{
	struct dae_entry *x;
	unsigned i;

	for (i = 0; i < DAE_ENTRIES; i++) {
		x = &d->e[i];
		if (entry_live(d, x, now) && x->client == client &&
		    x->req.id == r->id && x->req.code == r->code &&
		    sodium_memcmp(x->req.auth, r->auth, RADIUS_AUTH_LEN) == 0)
			return x;
	}
	return NULL;
}

static struct dae_entry *
entry_new(struct dae *d, uint32_t client, const struct sockaddr_in *from,
    const struct dae_req *r, uint64_t now)
{
	struct dae_entry *x;
	unsigned i;

	for (i = 0; i < DAE_ENTRIES; i++) {
		x = &d->e[i];
		if (entry_live(d, x, now))
			continue;
		memset(x, 0, sizeof(*x));
		x->used = true;
		x->client = client;
		x->t = now;
		x->from = *from;
		x->req = *r;
		x->tag = (++d->gen << 8) | i;
		return x;
	}
	return NULL;
}

static const char *
code_name(const struct dae_req *r)
{
	return r->code == RADIUS_DISCONNECT_REQUEST ? "disconnect" : "coa";
}

/* Encode, keep for repeats, send, count; a NAK also gets a log line. */
static void
answer(struct dae *d, struct dae_entry *x, uint32_t error)
{
	struct dae_client *c = client_find(d, x->client);
	char a[INET_ADDRSTRLEN];
	bool disc = x->req.code == RADIUS_DISCONNECT_REQUEST;

	x->waiting = false;
	if (c == NULL || dae_answer(&x->req, error, c->secret, c->slen,
	    x->answer, sizeof(x->answer), &x->alen) != HP_OK) {
		x->alen = 0;
		log_warnx("radius dae: answer to id %u cannot be encoded",
		    x->req.id);
		return;
	}
	if (sendto(d->fd, x->answer, x->alen, 0,
	    (const struct sockaddr *)&x->from, sizeof(x->from)) == -1)
		log_warn("radius dae: sendto");
	count(d, error == 0 ? (disc ? DAE_R_DISCONNECT_ACK : DAE_R_COA_ACK) :
	    (disc ? DAE_R_DISCONNECT_NAK : DAE_R_COA_NAK));
	inet_ntop(AF_INET, &x->from.sin_addr, a, sizeof(a));
	if (error != 0)
		log_audit_auth("event=dae-nak op=%s from=%s id=%u sid=0x%x "
		    "error-cause=%u attribute=%u", code_name(&x->req), a,
		    x->req.id, x->sid, error, x->req.error_attr);
	else
		log_audit_auth("event=dae-ack op=%s from=%s id=%u sid=0x%x "
		    "sessions=%u", code_name(&x->req), a, x->req.id, x->sid,
		    x->nok);
}

/* Event-Timestamp within the window of our clock (RFC 5176 3.4). */
static bool
ts_ok(const struct dae *d, const struct dae_client *c,
    const struct dae_req *r)
{
	int64_t now = (int64_t)time(NULL), diff;

	if (!r->has_ts)
		return !c->require_ts;
	diff = now - (int64_t)r->ts;
	return diff <= (int64_t)d->window_s && diff >= -(int64_t)d->window_s;
}

/*
 * How many sessions the request may name: a Disconnect up to its
 * client's multiple-sessions, a CoA one.  RFC 5176 has a request apply
 * to every session it matches, and a NAS that will not answer 508: so a
 * request matching more than the bound ends none rather than some.
 */
static uint32_t
find_sessions(struct dae *d, struct dae_entry *x)
{
	const struct dae_client *c = client_find(d, x->client);
	unsigned n, max;

	max = x->req.code == RADIUS_DISCONNECT_REQUEST && c != NULL ?
	    c->max_sessions : 1;
	n = rc_acct_find(d->rc, &x->req, x->sids, DAE_MULTI_MAX);
	if (n == 0)
		return DAE_EC_NOT_FOUND;
	if (n > max)
		return DAE_EC_MULTIPLE;
	x->nsids = (uint8_t)n;
	x->sid = x->sids[0];
	return 0;
}

static void
action_fill(const struct dae_entry *x, struct m_dae_action *m)
{
	const struct dae_req *r = &x->req;

	memset(m, 0, sizeof(*m));
	m->tag = x->tag;
	m->requester = x->from.sin_addr.s_addr;
	if (r->code == RADIUS_DISCONNECT_REQUEST) {
		m->op = DAE_OP_END;
		return;
	}
	m->op = DAE_OP_CHANGE;
	m->set = r->set & DAE_SET_MASK;
	if (r->set & DAE_SET_TIMEOUT)
		m->session_timeout_s = r->session_timeout_s;
	if (r->set & DAE_SET_IDLE)
		m->idle_timeout_s = r->idle_timeout_s;
	if (r->set & DAE_SET_RATE) {
		m->down_bps = r->down_bps;
		m->up_bps = r->up_bps;
	}
}

/* Every session's dae-done came: one answer for them all. */
static void
settle(struct dae *d, struct dae_entry *x)
{
	if (x->nfail > 0)
		answer(d, x, DAE_EC_RESOURCES);
	else if (x->nok == 0)
		answer(d, x, DAE_EC_NOT_FOUND);	/* all ended meanwhile */
	else
		answer(d, x, 0);
}

/* A genuine, fresh, new request: what to do with it. */
static void
decide(struct dae *d, struct dae_entry *x)
{
	struct m_dae_action m;
	const struct dae_req *r = &x->req;
	uint32_t error;
	unsigned i;

	if ((error = r->error) == 0)
		error = dae_req_nas(r, rc_nas(d->rc));
	if (error == 0)
		error = find_sessions(d, x);
	if (error != 0 || (r->code == RADIUS_COA_REQUEST &&
	    (r->set & DAE_SET_MASK) == 0)) {
		if (error == 0) {	/* only auth's records change */
			rc_acct_change(d->rc, x->sid, r);
			x->nok = 1;
		}
		answer(d, x, error);
		return;
	}
	action_fill(x, &m);
	for (i = 0; i < x->nsids; i++) {
		if (msg_send(d->chan, MSG_DAE_ACTION, x->sids[i], &m,
		    sizeof(m), -1) == HP_OK)
			x->pending |= 1u << i;
		else
			x->nfail++;
	}
	if (x->pending == 0) {
		settle(d, x);
		return;
	}
	x->waiting = true;
}

static bool
is_auth_error(int e)
{
	return e == RADIUS_E_REQ_AUTH || e == RADIUS_E_MA_MISSING ||
	    e == RADIUS_E_MA_NOT_FIRST || e == RADIUS_E_MA_BAD ||
	    e == RADIUS_E_MA_DUP || e == RADIUS_E_SECRET;
}

static void
dae_one(struct dae *d, const uint8_t *buf, size_t n,
    const struct sockaddr_in *from, uint64_t now)
{
	static struct dae_req r;
	struct dae_client *c;
	struct dae_entry *x;
	uint32_t ci = from->sin_addr.s_addr;
	int e;

	if ((c = client_find(d, ci)) == NULL) {
		drop(d, DAE_R_DROP_CLIENT, from, "not-a-client");
		return;
	}
	if ((e = dae_req_parse(buf, n, c->secret, c->slen, c->require_ma,
	    &dae_pkt, &r)) != HP_OK) {
		drop(d, is_auth_error(e) ? DAE_R_DROP_AUTH :
		    DAE_R_DROP_MALFORMED, from, radius_strerror(e));
		return;
	}
	if ((x = entry_find(d, ci, &r, now)) != NULL) {
		count(d, DAE_R_REPLAY);
		if (!x->waiting && x->alen > 0)
			(void)sendto(d->fd, x->answer, x->alen, 0,
			    (const struct sockaddr *)from, sizeof(*from));
		/* answered again (or, in progress, not yet): never redone */
		log_audit_auth("event=dae-replay op=%s id=%u sid=0x%x "
		    "result=%s", code_name(&r), r.id, x->sid, x->waiting ?
		    "in-progress" : "answered-from-cache");
		return;
	}
	if (!ts_ok(d, c, &r)) {
		drop(d, DAE_R_DROP_TIMESTAMP, from, r.has_ts ?
		    "event-timestamp-outside-window" :
		    "event-timestamp-missing");
		return;
	}
	if ((x = entry_new(d, ci, from, &r, now)) == NULL) {
		drop(d, DAE_R_DROP_BUSY, from, "replay-cache-full");
		return;
	}
	decide(d, x);
}

void
dae_readable(struct dae *d)
{
	static uint8_t buf[RADIUS_MAX_LEN + 1];
	struct sockaddr_in from;
	socklen_t fl;
	uint64_t now = now_ms();
	ssize_t n;
	int i;

	for (i = 0; d->fd != -1 && i < DAE_RECV_BATCH; i++) {
		fl = sizeof(from);
		memset(&from, 0, sizeof(from));
		n = recvfrom(d->fd, buf, sizeof(buf), 0,
		    (struct sockaddr *)&from, &fl);
		if (n == -1 && errno == EINTR)
			continue;
		if (n < 0)
			break;		/* EAGAIN */
		if (fl != sizeof(from) || from.sin_family != AF_INET)
			continue;
		dae_one(d, buf, (size_t)n, &from, now);
	}
}

/* master's answer for one of the request's sessions. */
void
dae_done(struct dae *d, uint32_t sid, const struct m_dae_done *m)
{
	struct dae_entry *x = &d->e[m->tag & 0xff];
	unsigned i;

	if ((m->tag & 0xff) >= DAE_ENTRIES || !x->used || !x->waiting ||
	    x->tag != m->tag) {
		log_debug("dae-done for no request waiting (tag 0x%x)",
		    m->tag);
		return;
	}
	for (i = 0; i < x->nsids; i++)
		if (x->sids[i] == sid && (x->pending & (1u << i)))
			break;
	if (i == x->nsids) {
		log_debug("dae-done for sid 0x%x, not awaited (tag 0x%x)",
		    sid, m->tag);
		return;
	}
	x->pending &= ~(1u << i);
	if (m->status == HP_OK) {
		x->nok++;
		if (x->req.code == RADIUS_COA_REQUEST)
			rc_acct_change(d->rc, sid, &x->req);
	} else if (m->status != HP_E_NOTFOUND)
		x->nfail++;
	if (x->pending == 0)
		settle(d, x);
}

int
dae_next_ms(struct dae *d, uint64_t now)
{
	uint64_t due;

	if (!d->st_dirty)
		return -1;
	due = d->st_at + DAE_STATS_MS;
	return due <= now ? 0 : (int)(due - now);
}

void
dae_timers(struct dae *d, uint64_t now)
{
	if (!d->st_dirty || now < d->st_at + DAE_STATS_MS)
		return;
	d->st_at = now;
	d->st_dirty = false;
	(void)msg_send(d->chan, MSG_DAE_STATS, 0, &d->st, sizeof(d->st), -1);
}
