/* hpptpd master: RADIUS sockets, secret fds and accounting facts. */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "master/master.h"
#include "master/radius.h"
#include "master/secrets_file.h"
#include "master/send.h"
#include "master/session_defs.h"

static void	radius_resume(struct master *);

int
radius_check_files(const struct hp_conf *c)
{
	unsigned i;
	int fd, bad = 0;

	for (i = 0; i < c->nradius; i++) {
		if ((fd = secrets_open(c->radius[i].secret_file, false)) == -1)
			bad++;
		else
			close(fd);
	}
	return bad == 0 ? 0 : -1;
}

/* A UDP socket connect()ed to the server: auth only reads and writes it. */
static int
radius_socket(const struct conf_radius *r, uint16_t port)
{
	struct sockaddr_in sin;
	int fd;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = r->addr;
	sin.sin_port = htons(port);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
radius_send_server(struct master *m, unsigned i)
{
	const struct conf_radius *r = &m->conf.radius[i];
	struct m_radius_server s;
	struct m_radius_socket k;
	char a[INET_ADDRSTRLEN];
	int fd, kind, n, sock;

	inet_ntop(AF_INET, &r->addr, a, sizeof(a));
	if ((fd = secrets_open(r->secret_file, false)) == -1) {
		log_warnx("radius server %s: secret file refused: server not "
		    "used", a);
		return;
	}
	memset(&s, 0, sizeof(s));
	s.index = (uint8_t)i;
	s.require_ma = r->require_ma;
	s.retries = (uint8_t)r->retries;
	s.timeout_ms = r->timeout_ms;
	s.addr = r->addr.s_addr;
	s.auth_port = r->auth_port;
	s.acct_port = r->acct_port;
	(void)send_radius_server(m, &s, fd);
	close(fd);
	for (kind = RADIUS_SOCK_AUTH; kind <= RADIUS_SOCK_ACCT; kind++) {
		/* each its own source port: 256 Identifiers apiece */
		n = kind == RADIUS_SOCK_AUTH ? RADIUS_AUTH_SOCKS :
		    RADIUS_ACCT_SOCKS;
		for (sock = 0; sock < n; sock++) {
			if ((fd = radius_socket(r, kind == RADIUS_SOCK_AUTH ?
			    r->auth_port : r->acct_port)) == -1) {
				log_warn("radius server %s: socket", a);
				continue;
			}
			memset(&k, 0, sizeof(k));
			k.index = (uint8_t)i;
			k.kind = (uint8_t)kind;
			k.sock = (uint8_t)sock;
			(void)send_radius_socket(m, &k, fd);
			close(fd);
		}
	}
}

void
radius_send_config(struct master *m)
{
	struct m_radius_config c;
	const char *nas;
	unsigned i;

	memset(&c, 0, sizeof(c));
	c.nservers = (uint8_t)m->conf.nradius;
	c.source = (uint8_t)m->conf.auth_source;
	/* Accounting-On once per master start, never on an auth restart */
	c.acct_on = m->conf.nradius > 0 && !m->radius_acct_on ? 1 : 0;
	nas = m->conf.radius_nas_id[0] != '\0' ? m->conf.radius_nas_id :
	    m->conf.server_name;
	c.nas_id_len = (uint8_t)msg_strcpy(c.nas_id, sizeof(c.nas_id), nas);
	/* the box's own name in the AAA's tables (sqlippool keys leases
	 * by it): the tunnel's local address unless told otherwise */
	c.nas_ip = m->conf.radius_nas_ip.s_addr != 0 ?
	    m->conf.radius_nas_ip.s_addr : m->conf.local_addr.s_addr;
	c.interim_s = m->conf.radius_interim_s;
	c.deadtime_s = m->conf.radius_deadtime_s;
	c.acct_queue = m->conf.radius_acct_queue;
	if (send_radius_config(m, &c) != HP_OK)
		return;
	if (c.acct_on)
		m->radius_acct_on = true;
	memset(m->radius_stats, 0, sizeof(m->radius_stats));
	for (i = 0; i < m->conf.nradius; i++)
		radius_send_server(m, i);
	/* a new auth (not a reload): give it back the records it lost */
	if (m->procs[P_AUTH].pid != m->radius_auth_pid) {
		m->radius_auth_pid = m->procs[P_AUTH].pid;
		radius_resume(m);
	}
}

/* A session ended while auth was away: its Stop, when auth is back. */
struct radius_pending {
	uint32_t	 sid;
	struct m_acct_resume r;
	struct m_acct_stop stop;
};
#define RADIUS_PENDING_MAX	4096

static void
resume_fill(const struct master *m, const struct msess *s,
    struct m_acct_resume *r)
{
	uint64_t now = now_ms();

	memset(r, 0, sizeof(*r));
	r->rec = s->rad->rec;	/* callers: only with s->acct_rec */
	r->start.peer = s->peer;
	r->start.ip = s->ip.s_addr;
	r->start.local_ip = m->conf.local_addr.s_addr;
	r->up_s = (uint32_t)(now > s->t_up ? (now - s->t_up) / 1000 : 0);
	r->stats = s->stats;
}

/* To a new auth: each live session's record, then the Stops it missed. */
static void
radius_resume(struct master *m)
{
	struct m_acct_resume r;
	uint32_t i, n = 0;

	for (i = 0; i < m->nsess_top; i++) {
		const struct msess *s = &m->sess[i];

		if (s->state != MS_UP || !s->acct || !s->acct_rec ||
		    s->kicked)
			continue;
		resume_fill(m, s, &r);
		if (send_acct_resume(m, s->sid, &r) == HP_OK)
			n++;
	}
	for (i = 0; i < m->radius_npending; i++) {
		struct radius_pending *p = &m->radius_pending[i];

		if (send_acct_resume(m, p->sid, &p->r) == HP_OK &&
		    send_acct_stop(m, p->sid, &p->stop) == HP_OK)
			n++;
	}
	if (n > 0)
		log_info("radius: %u accounting record(s) given back to the "
		    "new auth (%u ended meanwhile)", n, m->radius_npending);
	m->radius_npending = 0;
}

void
radius_on_acct_record(struct master *m, struct msess *s, struct msg *msg)
{
	if (msess_radius(s) == NULL) {
		log_warnx("sid=0x%x: no memory for its accounting record: "
		    "no Stop if auth restarts", s->sid);
		return;
	}
	s->rad->rec = *(const struct m_acct_record *)(const void *)msg->data;
	s->acct_rec = true;
}

/* auth is away: keep the Stop until it is back (bounded, counted). */
static void
radius_keep_stop(struct master *m, const struct msess *s,
    const struct m_acct_stop *a)
{
	struct radius_pending *p;

	if (m->radius_pending == NULL && (m->radius_pending = calloc(
	    RADIUS_PENDING_MAX, sizeof(*m->radius_pending))) == NULL) {
		log_warnx("sid=0x%x: no memory to keep its accounting Stop",
		    s->sid);
		return;
	}
	if (m->radius_npending >= RADIUS_PENDING_MAX) {
		log_audit("event=acct-dropped sid=0x%x user=\"%s\" "
		    "reason=\"auth away, %u Stops already kept\"", s->sid,
		    s->user, RADIUS_PENDING_MAX);
		m->metrics.acct_dropped++;
		return;
	}
	m->metrics.acct_kept++;
	p = &m->radius_pending[m->radius_npending++];
	p->sid = s->sid;
	resume_fill(m, s, &p->r);
	p->r.ended = 1;
	p->stop = *a;
}

uint32_t
radius_on_stats(struct master *m, struct msg *msg)
{
	const struct m_radius_stats *s = (const void *)msg->data;

	if (s->index < m->conf.nradius)
		m->radius_stats[s->index] = *s;
	if (m->conf.radius_acct_timeout_s != 0 &&
	    s->acct_failing_s >= m->conf.radius_acct_timeout_s)
		return s->acct_failing_s;
	return 0;
}


void
radius_acct_start(struct master *m, const struct msess *s)
{
	struct m_acct_start a;

	if (m->conf.nradius == 0 || !s->acct)
		return;
	memset(&a, 0, sizeof(a));
	a.peer = s->peer;
	a.ip = s->ip.s_addr;
	a.local_ip = m->conf.local_addr.s_addr;
	(void)send_acct_start(m, s->sid, &a);
}

void
radius_acct_counters(struct master *m, const struct msess *s)
{
	if (m->conf.nradius > 0 && s->acct && s->state == MS_UP)
		(void)send_acct_counters(m, s->sid, &s->stats);
}

void
radius_acct_stop(struct master *m, const struct msess *s)
{
	struct m_acct_stop a;

	if (m->conf.nradius == 0 || !s->acct)
		return;
	memset(&a, 0, sizeof(a));
	a.stats = s->stats;
	a.reason = s->reason < SR_NREASONS ? s->reason : SR_NONE;
	a.up = s->was_up ? 1 : 0;
	if (send_acct_stop(m, s->sid, &a) != HP_OK && s->was_up &&
	    s->acct_rec)
		radius_keep_stop(m, s, &a);
}

#define RADIUS_DRAIN_MS	300	/* what auth gets to send at a stop */

void
radius_drain(struct master *m)
{
	struct proc *p = &m->procs[P_AUTH];
	uint64_t end = now_ms() + RADIUS_DRAIN_MS;

	if (m->conf.nradius == 0 || send_acct_off(m) != HP_OK)
		return;
	while (msg_pending(&p->chan) && now_ms() < end) {
		(void)msg_flush(&p->chan);
		(void)poll(NULL, 0, 10);
	}
	/* auth sends at once; the answers are not waited for */
	(void)poll(NULL, 0, (int)(end > now_ms() ? end - now_ms() : 0));
}
