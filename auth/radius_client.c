/*
 * hpptpd auth: the RADIUS client's transport (radius_client.h).  Each
 * server has two sockets master connect()ed (authentication and
 * accounting); each socket 256 Identifiers, each held by one request
 * until its answer or its last try.  A try that times out is sent
 * again unchanged (RFC 5080 section 2.2.1: same Identifier, same
 * authenticator); after the server's retries it is marked dead for
 * the deadtime and the request goes to the next server in the
 * configured order, re-encoded for that server's secret.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/radius_client_local.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"

#define RC_RECV_BATCH	64	/* datagrams read per wakeup and socket */
#define RC_STATS_MS	1000	/* at most one stats message a second */

static struct radius_pkt rc_pkt;	/* a decoded reply, used at once */

static void	srv_fds_none(struct rc_server *);

struct rc *
rc_create(int ep, struct msg_chan *chan, rc_done_fn done, void *arg)
{
	struct rc *rc;
	int i;

	if ((rc = calloc(1, sizeof(*rc))) == NULL)
		fatalx("radius: out of memory");
	rc->ep = ep;
	rc->chan = chan;
	rc->done = done;
	rc->arg = arg;
	for (i = 0; i < RADIUS_SERVERS_MAX; i++)
		srv_fds_none(&rc->srv[i]);
	if ((rc->login = sodium_malloc(RC_AUTH_MAX * sizeof(*rc->login))) ==
	    NULL || heap_init(&rc->login_heap, RC_AUTH_MAX) != HP_OK)
		fatalx("radius: out of locked memory");
	memset(rc->login, 0, RC_AUTH_MAX * sizeof(*rc->login));
	rc_acct_init(rc);
	return rc;
}

static void
srv_fds_none(struct rc_server *s)
{
	int k, i;

	for (k = 0; k < 2; k++)
		for (i = 0; i < RC_SOCKS; i++)
			s->fd[k][i] = -1;
}

static void
srv_clear(struct rc_server *s)
{
	int k, i;

	for (k = 0; k < 2; k++)
		for (i = 0; i < RC_SOCKS; i++)
			if (s->fd[k][i] != -1)
				close(s->fd[k][i]);
	if (s->secret != NULL)
		sodium_free(s->secret);		/* wipes */
	memset(s, 0, sizeof(*s));
	srv_fds_none(s);
}

static void
login_finish(struct rc *rc, struct rc_login *l, struct radius_verdict *v)
{
	uint32_t slot = (uint32_t)(l - rc->login);

	heap_del(&rc->login_heap, slot);
	rc_release(rc, &l->x, RADIUS_SOCK_AUTH);
	rc->done(rc->arg, &l->req, v);
	sodium_memzero(v, sizeof(*v));
	sodium_memzero(l, sizeof(*l));
}

static void
login_unreachable(struct rc *rc, struct rc_login *l)
{
	struct radius_verdict v;

	memset(&v, 0, sizeof(v));
	v.outcome = RO_UNREACHABLE;
	v.why = "radius-unreachable";
	radius_auth_fail_message(&l->req, &v);
	login_finish(rc, l, &v);
}

void
rc_config(struct rc *rc, const struct m_radius_config *cf)
{
	uint32_t i;

	/* logins in flight were for the old servers: none answers now */
	for (i = 0; i < RC_AUTH_MAX; i++)
		if (rc->login[i].used)
			login_unreachable(rc, &rc->login[i]);
	rc_acct_reset(rc);
	for (i = 0; i < RADIUS_SERVERS_MAX; i++)
		srv_clear(&rc->srv[i]);
	rc->cf = *cf;
	memset(&rc->nas, 0, sizeof(rc->nas));
	memcpy(rc->nas.id, cf->nas_id, cf->nas_id_len);
	rc->nas.ip = cf->nas_ip;
	if (rc->q == NULL && cf->nservers > 0)
		rc_acct_alloc(rc, cf->acct_queue);
}

#define RC_SECRET_FILE_MAX	4096	/* a servers file of a few lines */

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/*
 * "HOST[:PORT]" names the server at addr (numeric, or localhost) and,
 * when a port is written, its authentication port.
 */
static bool
host_is(const uint8_t *h, size_t n, uint32_t addr, uint16_t port)
{
	char a[INET_ADDRSTRLEN], p[8];
	size_t i, al;
	int pl;

	for (i = 0; i < n && h[i] != ':'; i++)
		continue;
	if (i < n) {
		pl = snprintf(p, sizeof(p), "%u", port);
		if (n - i - 1 != (size_t)pl || memcmp(h + i + 1, p,
		    (size_t)pl) != 0)
			return false;
	}
	inet_ntop(AF_INET, &addr, a, sizeof(a));
	al = strlen(a);
	if (i == al && memcmp(h, a, al) == 0)
		return true;
	return i == 9 && memcmp(h, "localhost", 9) == 0 &&
	    addr == htonl(INADDR_LOOPBACK);
}

/*
 * The secret in a secret file: a file of one line is the secret itself;
 * a file of "host secret" lines (pppd radiusclient's servers file, see
 * master/poptop_radius.c) gives the secret of this server's line.
 * Returns its offset and length (0: none).
 */
static size_t
secret_pick(const uint8_t *b, size_t len, uint32_t addr, uint16_t port,
    size_t *off)
{
	size_t i = 0, e, h, v, w, first = 0, firstlen = 0;
	bool seen = false;

	*off = 0;
	for (; i < len; i = e + 1) {
		for (e = i; e < len && b[e] != '\n' && b[e] != '\r'; e++)
			continue;
		for (w = e; w > i && is_space(b[w - 1]); w--)
			continue;
		for (h = i; h < w && is_space(b[h]); h++)
			continue;
		if (h == w || b[h] == '#')
			continue;
		for (v = h; v < w && !is_space(b[v]); v++)
			continue;
		if (!seen) {
			seen = true;
			first = i;
			firstlen = v == w ? e - i : 0;	/* one word: it */
		}
		if (v == w || !host_is(b + h, v - h, addr, port))
			continue;
		while (v < w && is_space(b[v]))
			v++;
		*off = v;
		return w - v;
	}
	*off = first;
	return firstlen;
}

size_t
rc_secret_load(int fd, uint32_t addr, uint16_t port, uint8_t **secret)
{
	uint8_t *buf;
	ssize_t n;
	size_t len = 0, off, slen;

	*secret = NULL;
	if ((buf = sodium_malloc(RC_SECRET_FILE_MAX)) == NULL)
		fatalx("radius: out of locked memory");
	do {
		n = read(fd, buf + len, RC_SECRET_FILE_MAX - len);
		if (n > 0)
			len += (size_t)n;
	} while ((n > 0 || (n == -1 && errno == EINTR)) &&
	    len < RC_SECRET_FILE_MAX);
	close(fd);
	slen = n == -1 ? 0 : secret_pick(buf, len, addr, port, &off);
	if (slen == 0 || slen > RC_SECRET_MAX) {
		sodium_free(buf);	/* wipes */
		return 0;
	}
	if ((*secret = sodium_malloc(slen)) == NULL)
		fatalx("radius: out of locked memory");
	memcpy(*secret, buf + off, slen);
	sodium_free(buf);
	return slen;
}

void
rc_server(struct rc *rc, const struct m_radius_server *m, int fd)
{
	struct rc_server *s = &rc->srv[m->index];
	size_t slen;
	char name[48];

	srv_clear(s);
	s->addr = m->addr;
	if ((slen = rc_secret_load(fd, m->addr, m->auth_port, &s->secret))
	    == 0) {
		log_warnx("radius server %s: secret file unusable (empty, "
		    "unreadable, no line for this server, or a secret above "
		    "%d bytes): server not used",
		    rc_srv_name(s, 0, name, sizeof(name)), RC_SECRET_MAX);
		return;
	}
	s->slen = slen;
	s->used = true;
	s->timeout_ms = m->timeout_ms;
	s->retries = m->retries;
	s->require_ma = m->require_ma;
	s->st.index = m->index;
	s->st_dirty = true;
	if (!s->require_ma)
		log_warnx("radius server %s: replies without "
		    "Message-Authenticator accepted (CVE-2024-3596)",
		    rc_srv_name(s, 0, name, sizeof(name)));
}

void
rc_socket(struct rc *rc, const struct m_radius_socket *m, int fd)
{
	struct rc_server *s = &rc->srv[m->index];
	struct epoll_event ev;

	if (s->fd[m->kind][m->sock] != -1)
		close(s->fd[m->kind][m->sock]);
	s->fd[m->kind][m->sock] = fd;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u32 = RC_EP_TAG + ((uint32_t)m->index * 2 + m->kind) *
	    RC_SOCKS + m->sock;
	if (epoll_ctl(rc->ep, EPOLL_CTL_ADD, fd, &ev) == -1)
		fatal("radius: epoll_ctl");
}

const struct radius_nas *
rc_nas(const struct rc *rc)
{
	return &rc->nas;
}

bool
rc_for_logins(const struct rc *rc)
{
	return rc->cf.nservers > 0 && rc->cf.source != AS_FILE;
}

bool
rc_file_fallback(const struct rc *rc)
{
	return rc->cf.source == AS_RADIUS_FILE;
}

/* Encode l's request for its (new) server and send the first try. */
static bool
login_send_new(struct rc *rc, struct rc_login *l, uint64_t now)
{
	struct rc_server *s;
	uint8_t ra[RADIUS_AUTH_LEN];
	uint32_t slot = (uint32_t)(l - rc->login);

	for (;;) {
		if (rc_pick(rc, &l->x, RADIUS_SOCK_AUTH, slot + 1, now) == -1)
			return false;
		s = &rc->srv[l->x.server];
		randombytes_buf(ra, sizeof(ra));
		if (radius_auth_request(&l->req, &rc->nas, (uint8_t)l->x.id,
		    ra, s->secret, s->slen, l->pkt, sizeof(l->pkt), &l->len,
		    &l->x.sent) == HP_OK)
			break;
		/* this server cannot take it (a secret too long...): next */
		l->x.tried |= (uint8_t)(1u << l->x.server);
		rc_release(rc, &l->x, RADIUS_SOCK_AUTH);
	}
	s->st.requests++;
	s->st_dirty = true;
	(void)rc_send(rc, &l->x, RADIUS_SOCK_AUTH, l->pkt, l->len);
	l->x.tries = 1;
	l->x.deadline = now + s->timeout_ms;
	heap_set(&rc->login_heap, slot, l->x.deadline);
	return true;
}

int
rc_auth_start(struct rc *rc, const struct auth_req *q)
{
	struct rc_login *l = NULL;
	struct radius_sent probe;
	uint8_t tmp[RC_LOGIN_PKT], ra[RADIUS_AUTH_LEN] = { 0 };
	size_t i, len;

	/* what cannot be encoded is the peer's doing: answer it locally */
	if (radius_auth_request(q, &rc->nas, 0, ra, (const uint8_t *)"x", 1,
	    tmp, sizeof(tmp), &len, &probe) != HP_OK)
		return HP_E_FIELD;
	sodium_memzero(tmp, sizeof(tmp));
	for (i = 0; i < RC_AUTH_MAX && l == NULL; i++)
		if (!rc->login[i].used)
			l = &rc->login[i];
	if (l == NULL)
		return HP_E_AGAIN;		/* too many in flight */
	memset(l, 0, sizeof(*l));
	l->used = true;
	l->req = *q;
	l->x.server = l->x.id = -1;
	if (!login_send_new(rc, l, now_ms()))
		login_unreachable(rc, l);
	return HP_OK;
}

static void
login_reply(struct rc *rc, int server, unsigned sock, const uint8_t *buf,
    size_t n, uint64_t now)
{
	struct rc_server *s = &rc->srv[server];
	struct radius_verdict v;
	struct rc_login *l;
	uint32_t owner;
	char name[48];
	int r;

	if (n < RADIUS_HDR_LEN || (owner = s->owner[RADIUS_SOCK_AUTH][sock *
	    RC_IDS + buf[1]]) == 0 || owner > RC_AUTH_MAX)
		return;		/* late, or for nothing we asked */
	l = &rc->login[owner - 1];
	if ((r = radius_verify_reply(buf, n, &l->x.sent, s->secret, s->slen,
	    s->require_ma, &rc_pkt)) != HP_OK) {
		s->st.bad++;
		s->st_dirty = true;
		log_warnx("radius server %s: reply dropped: %s (code %s)",
		    rc_srv_name(s, 0, name, sizeof(name)), radius_strerror(r),
		    radius_code_name(rc_pkt.code));
		return;		/* the request keeps waiting */
	}
	rc_rtt(s, now, l->x.t_sent);
	if (rc_pkt.code == RADIUS_ACCESS_ACCEPT)
		s->st.accepts++;
	else
		s->st.rejects++;
	radius_auth_reply(&rc_pkt, &l->req, &l->x.sent, s->secret, s->slen,
	    &v);
	memset(&rc_pkt, 0, sizeof(rc_pkt));
	login_finish(rc, l, &v);
}

void
rc_readable(struct rc *rc, uint32_t tag)
{
	static uint8_t buf[RADIUS_MAX_LEN + 1];
	uint32_t t = tag - RC_EP_TAG, sock = t % RC_SOCKS,
	    server = t / RC_SOCKS / 2, kind = t / RC_SOCKS % 2;
	uint64_t now = now_ms();
	ssize_t n;
	int i;

	if (server >= RADIUS_SERVERS_MAX ||
	    rc->srv[server].fd[kind][sock] == -1)
		return;
	for (i = 0; i < RC_RECV_BATCH; i++) {
		n = read(rc->srv[server].fd[kind][sock], buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* EAGAIN, or ICMP refused: timeouts */
		if (!rc->srv[server].used)
			continue;
		if (kind == RADIUS_SOCK_AUTH)
			login_reply(rc, (int)server, sock, buf, (size_t)n,
			    now);
		else
			rc_acct_reply(rc, (int)server, sock, buf, (size_t)n,
			    now);
	}
}

static void
login_timeout(struct rc *rc, struct rc_login *l, uint64_t now)
{
	struct rc_server *s = &rc->srv[l->x.server];
	uint32_t slot = (uint32_t)(l - rc->login);

	if (l->x.tries < s->retries) {
		/* the same packet again: a late answer to any try counts */
		(void)rc_send(rc, &l->x, RADIUS_SOCK_AUTH, l->pkt, l->len);
		l->x.tries++;
		l->x.deadline = now + s->timeout_ms;
		heap_set(&rc->login_heap, slot, l->x.deadline);
		return;
	}
	rc_server_failed(rc, l->x.server, now);
	l->x.tried |= (uint8_t)(1u << l->x.server);
	rc_release(rc, &l->x, RADIUS_SOCK_AUTH);
	if (!login_send_new(rc, l, now))
		login_unreachable(rc, l);
}

static void
stats_send(struct rc *rc, uint64_t now)
{
	struct rc_server *s;
	int i;

	uint32_t failing;

	if (now < rc->stats_at + RC_STATS_MS)
		return;
	rc->stats_at = now;
	/* master's acct-timeout counts on hearing how long, every second */
	failing = rc_acct_failing_s(rc, now);
	if (failing != rc->failing_sent && rc->cf.nservers > 0)
		rc->srv[0].st_dirty = true;
	rc->failing_sent = failing;
	for (i = 0; i < rc->cf.nservers; i++) {
		s = &rc->srv[i];
		if (!s->st_dirty)
			continue;
		s->st_dirty = false;
		s->st.index = (uint8_t)i;
		s->st.dead = s->dead_until > now;
		s->st.acct_queued = rc->qlen;
		s->st.acct_drops = rc->drops;
		s->st.acct_failing_s = failing;
		(void)msg_send(rc->chan, MSG_RADIUS_STATS, 0, &s->st,
		    sizeof(s->st), -1);
	}
}

static bool
stats_due(const struct rc *rc)
{
	int i;

	for (i = 0; i < rc->cf.nservers; i++)
		if (rc->srv[i].st_dirty)
			return true;
	return false;
}

int
rc_next_ms(struct rc *rc, uint64_t now)
{
	uint64_t key, next = UINT64_MAX;
	uint32_t i;
	int a;

	if (heap_top(&rc->login_heap, &i, &key))
		next = key;
	if ((a = rc_acct_next(rc, now)) >= 0 && now + (uint64_t)a < next)
		next = now + (uint64_t)a;
	if (stats_due(rc) && rc->stats_at + RC_STATS_MS < next)
		next = rc->stats_at + RC_STATS_MS;
	if (next == UINT64_MAX)
		return -1;
	return next <= now ? 0 : (int)(next - now > 60000 ? 60000 :
	    next - now);
}

void
rc_timers(struct rc *rc, uint64_t now)
{
	uint64_t key;
	uint32_t i;

	while (heap_top(&rc->login_heap, &i, &key) && key <= now)
		login_timeout(rc, &rc->login[i], now);
	rc_acct_timers(rc, now);
	if (stats_due(rc))
		stats_send(rc, now);
}
