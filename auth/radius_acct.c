/*
 * hpptpd auth: RADIUS accounting (RFC 2866, 2869).  Every fact comes
 * from master (acct-start after IPCP, gre's counters, acct-stop with
 * the real cause); auth adds only what it learnt at the login (the
 * User-Name it sent, the Class the server gave) and its own clock.
 * Records wait in a bounded queue, re-sent (with a new Identifier and
 * Acct-Delay-Time) until a server acknowledges them or they age out;
 * every drop is counted and logged.
 */
#include <sys/types.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth/dae_req.h"
#include "auth/radius_client_local.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"

#define RC_WAIT_ID_MS	100	/* no Identifier free: try again after */

/* RFC 2866 5.10 */
enum acct_cause {
	TC_USER_REQUEST = 1, TC_LOST_CARRIER = 2, TC_IDLE_TIMEOUT = 4,
	TC_SESSION_TIMEOUT = 5, TC_ADMIN_RESET = 6, TC_PORT_ERROR = 8,
	TC_NAS_ERROR = 9, TC_NAS_REQUEST = 10, TC_NAS_REBOOT = 11,
	TC_SERVICE_UNAVAILABLE = 15, TC_USER_ERROR = 17,
};

struct rc_sess {
	uint32_t	 sid;
	bool		 started;
	bool		 by_radius;	/* Acct-Authentic RADIUS, else Local */
	uint8_t		 user_len;
	uint8_t		 class_len;
	uint8_t		 user[AUTH_USER_MAX];
	uint8_t		 class[RADIUS_CLASS_MAX];
	char		 id[17];	/* Acct-Session-Id */
	uint32_t	 ip;		/* network order */
	struct auth_peer peer;
	uint64_t	 t_start;
	uint32_t	 interim_s;
	struct m_gre_stats st;
};

static void	sess_tell_master(struct rc *, const struct rc_sess *);

struct rc_acct {
	bool		 used;
	uint32_t	 status;	/* Acct-Status-Type */
	uint32_t	 session_time;
	uint32_t	 cause;
	uint64_t	 t_event;	/* monotonic ms */
	time_t		 wall;		/* Event-Timestamp */
	struct rc_sess	 s;		/* as it was then; sid 0: On/Off */
	struct rc_xmit	 x;
};

/* The real cause of the end, as RFC 2866 names it. */
static uint32_t
acct_cause(uint32_t reason)
{
	switch ((enum sess_reason)reason) {
	case SR_PEER_CLOSED:
	case SR_PEER_TERMINATE:
	case SR_CALL_CLEARED:
		return TC_USER_REQUEST;
	case SR_ECHO_TIMEOUT:
		return TC_LOST_CARRIER;
	case SR_KICKED:
		return TC_ADMIN_RESET;
	case SR_SESSION_TIMEOUT:
		return TC_SESSION_TIMEOUT;
	case SR_IDLE_TIMEOUT:
		return TC_IDLE_TIMEOUT;
	case SR_ACCT_TIMEOUT:		/* the NAS's own doing */
		return TC_NAS_REQUEST;
	case SR_SHUTDOWN:
		return TC_NAS_REBOOT;
	case SR_WORKER_RESTART:
		return TC_NAS_ERROR;
	case SR_PROTOCOL_ERROR:
		return TC_PORT_ERROR;
	case SR_NO_GRE:		/* the client's GRE never came */
		return TC_LOST_CARRIER;
	case SR_AUTH_FAILED:
	case SR_MPPE_REFUSED:
	case SR_NEGOTIATION:
	case SR_LCP_TIMEOUT:
	case SR_CCP_REFUSED:
	case SR_AUTH_REFUSED:
		return TC_USER_ERROR;
	case SR_LIMIT:
	case SR_NO_ADDRESS:
		return TC_SERVICE_UNAVAILABLE;
	default:
		return TC_NAS_REQUEST;
	}
}

void
rc_acct_init(struct rc *rc)
{
	if ((rc->sess = calloc(RC_SLOTS, sizeof(*rc->sess))) == NULL ||
	    heap_init(&rc->interim_heap, RC_SLOTS) != HP_OK)
		fatalx("radius: out of memory");
	randombytes_buf(&rc->boot, sizeof(rc->boot));
}

void
rc_acct_alloc(struct rc *rc, uint32_t qmax)
{
	rc->qmax = qmax;
	if ((rc->q = calloc(qmax, sizeof(*rc->q))) == NULL ||
	    heap_init(&rc->q_heap, qmax) != HP_OK)
		fatalx("radius: cannot allocate the accounting queue");
}

static void
q_free(struct rc *rc, struct rc_acct *e)
{
	uint32_t slot = (uint32_t)(e - rc->q);

	heap_del(&rc->q_heap, slot);
	if (e->x.server >= 0)
		rc->inflight--;
	rc_release(rc, &e->x, RADIUS_SOCK_ACCT);
	memset(e, 0, sizeof(*e));
	rc->qlen--;
}

/* A record for the queue; a full queue drops it, counted and logged. */
static void
q_add(struct rc *rc, uint32_t status, const struct rc_sess *s,
    uint32_t cause)
{
	struct rc_acct *e = NULL;
	uint64_t now = now_ms();
	uint32_t i;

	if (rc->q == NULL || rc->cf.nservers == 0)
		return;
	for (i = 0; i < rc->qmax && e == NULL; i++)
		if (!rc->q[(rc->counter + i) % rc->qmax].used)
			e = &rc->q[(rc->counter + i) % rc->qmax];
	if (e == NULL) {
		rc->drops++;
		log_warnx("event=radius-acct-drop sid=0x%x status=%u "
		    "reason=queue-full queued=%u drops=%llu",
		    s != NULL ? s->sid : 0, status, rc->qlen,
		    (unsigned long long)rc->drops);
		return;
	}
	memset(e, 0, sizeof(*e));
	e->used = true;
	e->status = status;
	e->cause = cause;
	e->t_event = now;
	e->wall = time(NULL);
	if (s != NULL) {
		e->s = *s;
		e->session_time = (uint32_t)((now - s->t_start) / 1000);
	}
	e->x.server = e->x.id = -1;
	rc->qlen++;
	heap_set(&rc->q_heap, (uint32_t)(e - rc->q), now);
}

/* Counters as RFC 2869 5.1, 5.2: the low 32 bits and the gigawords. */
static void
put_counters(struct radius_enc *e, const struct m_gre_stats *st)
{
	radius_put_u32(e, RA_ACCT_INPUT_OCTETS, (uint32_t)st->bytes_in);
	radius_put_u32(e, RA_ACCT_OUTPUT_OCTETS, (uint32_t)st->bytes_out);
	radius_put_u32(e, RA_ACCT_INPUT_GIGAWORDS,
	    (uint32_t)(st->bytes_in >> 32));
	radius_put_u32(e, RA_ACCT_OUTPUT_GIGAWORDS,
	    (uint32_t)(st->bytes_out >> 32));
	radius_put_u32(e, RA_ACCT_INPUT_PACKETS, (uint32_t)st->pkts_in);
	radius_put_u32(e, RA_ACCT_OUTPUT_PACKETS, (uint32_t)st->pkts_out);
}

static int
acct_encode(struct rc *rc, const struct rc_acct *a, const struct rc_server *sv,
    uint8_t id, uint8_t *buf, size_t cap, size_t *len,
    struct radius_sent *sent, uint64_t now)
{
	struct radius_enc e;
	char onoff[24];

	radius_enc_init(&e, buf, cap, RADIUS_ACCOUNTING_REQUEST, id, NULL,
	    false);
	radius_put_u32(&e, RA_ACCT_STATUS_TYPE, a->status);
	if (a->s.sid == 0) {		/* Accounting-On / -Off */
		(void)snprintf(onoff, sizeof(onoff), "%08X", rc->boot);
		radius_put_str(&e, RA_ACCT_SESSION_ID, onoff);
		if (rc->nas.id[0] != '\0')
			radius_put_str(&e, RA_NAS_IDENTIFIER, rc->nas.id);
		if (rc->nas.ip != 0)
			radius_put_ip(&e, RA_NAS_IP_ADDRESS,
			    ntohl(rc->nas.ip));
	} else {
		radius_put_str(&e, RA_ACCT_SESSION_ID, a->s.id);
		radius_put(&e, RA_USER_NAME, a->s.user, a->s.user_len);
		radius_put_nas(&e, a->s.sid, &a->s.peer, &rc->nas);
		radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, ntohl(a->s.ip));
		if (a->s.class_len > 0)
			radius_put(&e, RA_CLASS, a->s.class, a->s.class_len);
		radius_put_u32(&e, RA_ACCT_AUTHENTIC, a->s.by_radius ? 1 : 2);
	}
	radius_put_u32(&e, RA_EVENT_TIMESTAMP, (uint32_t)a->wall);
	radius_put_u32(&e, RA_ACCT_DELAY_TIME,
	    (uint32_t)((now - a->t_event) / 1000));
	if (a->status == RADIUS_ACCT_INTERIM || a->status == RADIUS_ACCT_STOP) {
		radius_put_u32(&e, RA_ACCT_SESSION_TIME, a->session_time);
		put_counters(&e, &a->s.st);
	}
	if (a->status == RADIUS_ACCT_STOP)
		radius_put_u32(&e, RA_ACCT_TERMINATE_CAUSE, a->cause);
	return radius_enc_finish(&e, sv->secret, sv->slen, len, sent);
}

/* Send a's next try: same server while it has tries left, else on. */
static void
acct_send(struct rc *rc, struct rc_acct *a, uint64_t now)
{
	static uint8_t buf[RADIUS_MAX_LEN];
	uint32_t slot = (uint32_t)(a - rc->q);
	struct rc_server *sv;
	unsigned tries = 0;
	uint8_t tried = a->x.tried;
	int server = a->x.server;
	size_t len;

	if (server >= 0) {
		tries = a->x.tries;
		if (tries >= rc->srv[server].retries) {
			rc_server_failed(rc, server, now);
			tried |= (uint8_t)(1u << server);
			tries = 0;
		}
		rc_release(rc, &a->x, RADIUS_SOCK_ACCT);
		rc->inflight--;
	}
	a->x.tried = tried;
	if (tries > 0)		/* keep to the server that has tries left */
		a->x.tried = (uint8_t)(0xff & ~(1u << server));
	if (rc->inflight >= RC_ACCT_INFLIGHT ||
	    rc_pick(rc, &a->x, RADIUS_SOCK_ACCT, slot + 1, now) == -1) {
		/* every server failed this round: wait, then start over */
		a->x.tried = tries > 0 ? tried : (rc->inflight >=
		    RC_ACCT_INFLIGHT ? tried : 0);
		heap_set(&rc->q_heap, slot, now + (rc->inflight >=
		    RC_ACCT_INFLIGHT ? RC_WAIT_ID_MS : RC_ACCT_RETRY_MS));
		return;
	}
	a->x.tried = tried;
	sv = &rc->srv[a->x.server];
	rc->inflight++;
	a->x.tries = tries + 1;
	if (acct_encode(rc, a, sv, (uint8_t)a->x.id, buf, sizeof(buf), &len,
	    &a->x.sent, now) != HP_OK) {
		log_warnx("radius: accounting record sid=0x%x cannot be "
		    "encoded: dropped", a->s.sid);
		rc->drops++;
		q_free(rc, a);
		return;
	}
	if (tries == 0)
		sv->st.acct_requests++;
	sv->st_dirty = true;
	(void)rc_send(rc, &a->x, RADIUS_SOCK_ACCT, buf, len);
	heap_set(&rc->q_heap, slot, now + sv->timeout_ms);
}

void
rc_acct_reply(struct rc *rc, int server, unsigned sock, const uint8_t *buf,
    size_t n, uint64_t now)
{
	static struct radius_pkt p;
	struct rc_server *sv = &rc->srv[server];
	uint32_t owner;
	struct rc_acct *a;
	int r;

	if (n < RADIUS_HDR_LEN || (owner = sv->owner[RADIUS_SOCK_ACCT][sock *
	    RC_IDS + buf[1]]) == 0 || owner > rc->qmax)
		return;
	a = &rc->q[owner - 1];
	/*
	 * Accounting-Responses carry no Message-Authenticator from most
	 * servers (FreeRADIUS 3.2 included); one that does is checked.
	 * The Response Authenticator is always.
	 */
	if ((r = radius_verify_reply(buf, n, &a->x.sent, sv->secret, sv->slen,
	    false, &p)) != HP_OK) {
		sv->st.bad++;
		sv->st_dirty = true;
		log_warnx("radius: accounting reply dropped: %s",
		    radius_strerror(r));
		return;
	}
	rc_rtt(sv, now, a->x.t_sent);
	sv->st.acct_acks++;
	q_free(rc, a);
}

void
rc_acct_timers(struct rc *rc, uint64_t now)
{
	struct rc_sess *s;
	struct rc_acct *a;
	uint64_t key;
	uint32_t i;

	while (heap_top(&rc->interim_heap, &i, &key) && key <= now) {
		s = rc->sess[i];
		heap_set(&rc->interim_heap, i, now + (uint64_t)s->interim_s *
		    1000);
		q_add(rc, RADIUS_ACCT_INTERIM, s, 0);
	}
	while (rc->q != NULL && heap_top(&rc->q_heap, &i, &key) &&
	    key <= now) {
		a = &rc->q[i];
		if (now - a->t_event > RC_ACCT_AGE_MS) {
			rc->drops++;
			log_warnx("event=radius-acct-drop sid=0x%x status=%u "
			    "reason=aged-out drops=%llu", a->s.sid, a->status,
			    (unsigned long long)rc->drops);
			q_free(rc, a);
			continue;
		}
		acct_send(rc, a, now);
	}
}

int
rc_acct_next(struct rc *rc, uint64_t now)
{
	uint64_t key, next = UINT64_MAX;
	uint32_t i;

	if (heap_top(&rc->interim_heap, &i, &key))
		next = key;
	if (rc->q != NULL && heap_top(&rc->q_heap, &i, &key) && key < next)
		next = key;
	if (next == UINT64_MAX)
		return -1;
	return next <= now ? 0 : (int)(next - now > 60000 ? 60000 :
	    next - now);
}

/* New servers: what was on the wire goes again, to them. */
void
rc_acct_reset(struct rc *rc)
{
	uint64_t now = now_ms();
	uint32_t i;

	for (i = 0; rc->q != NULL && i < rc->qmax; i++) {
		if (!rc->q[i].used)
			continue;
		if (rc->q[i].x.server >= 0)
			rc->inflight--;
		rc_release(rc, &rc->q[i].x, RADIUS_SOCK_ACCT);
		rc->q[i].x.tried = 0;
		rc->q[i].x.tries = 0;
		heap_set(&rc->q_heap, i, now);
	}
}

static struct rc_sess *
sess_get(struct rc *rc, uint32_t sid)
{
	struct rc_sess *s = rc->sess[sid & (RC_SLOTS - 1)];

	return s != NULL && s->sid == sid ? s : NULL;
}

static void
sess_drop(struct rc *rc, uint32_t sid)
{
	uint32_t slot = sid & (RC_SLOTS - 1);

	heap_del(&rc->interim_heap, slot);
	free(rc->sess[slot]);
	rc->sess[slot] = NULL;
}

void
rc_acct_login(struct rc *rc, const struct auth_req *q,
    const struct radius_verdict *v, bool by_radius)
{
	struct rc_sess *s;

	if (rc->cf.nservers == 0)
		return;
	sess_drop(rc, q->sid);	/* an earlier session of that slot */
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_warnx("radius: no memory for sid=0x%x's accounting",
		    q->sid);
		return;
	}
	s->sid = q->sid;
	s->by_radius = by_radius;
	s->user_len = (uint8_t)(q->user_len > RADIUS_ATTR_MAX ?
	    RADIUS_ATTR_MAX : q->user_len);
	memcpy(s->user, q->user, s->user_len);
	if (v != NULL) {
		s->class_len = v->class_len;
		memcpy(s->class, v->class, v->class_len);
		s->interim_s = v->interim_s;
	}
	if (s->interim_s == 0)
		s->interim_s = rc->cf.interim_s;
	/* boot id (random per auth start) + counter: fixed width, unique */
	(void)snprintf(s->id, sizeof(s->id), "%08X%08X", rc->boot,
	    ++rc->counter);
	rc->sess[q->sid & (RC_SLOTS - 1)] = s;
	sess_tell_master(rc, s);
}

/* Master keeps what the record holds, for acct-resume (msg.h). */
static void
sess_tell_master(struct rc *rc, const struct rc_sess *s)
{
	struct m_acct_record r;

	if (s->user_len == 0)
		return;		/* nothing master would take */
	memset(&r, 0, sizeof(r));
	memcpy(r.id, s->id, sizeof(r.id));
	r.interim_s = s->interim_s;
	r.by_radius = s->by_radius ? 1 : 0;
	r.user_len = (uint8_t)(s->user_len > ACCT_USER_MAX ? ACCT_USER_MAX :
	    s->user_len);
	memcpy(r.user, s->user, r.user_len);
	r.class_len = s->class_len;
	memcpy(r.class, s->class, s->class_len);
	(void)msg_send(rc->chan, MSG_ACCT_RECORD, s->sid, &r, sizeof(r), -1);
}

/*
 * auth was restarted: a session master still has.  Up: an
 * Interim-Update now (whatever auth had queued died with it), then on
 * its interval; ended: its acct-stop follows at once.
 */
void
rc_acct_resume(struct rc *rc, uint32_t sid, const struct m_acct_resume *m)
{
	struct rc_sess *s;
	uint64_t now = now_ms(), up = (uint64_t)m->up_s * 1000;

	if (rc->cf.nservers == 0)
		return;
	sess_drop(rc, sid);
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_warnx("radius: no memory for sid=0x%x's accounting", sid);
		return;
	}
	s->sid = sid;
	s->started = true;
	s->by_radius = m->rec.by_radius != 0;
	s->user_len = m->rec.user_len;
	memcpy(s->user, m->rec.user, s->user_len);
	s->class_len = m->rec.class_len;
	memcpy(s->class, m->rec.class, s->class_len);
	memcpy(s->id, m->rec.id, ACCT_ID_LEN);
	s->id[ACCT_ID_LEN] = '\0';
	s->interim_s = m->rec.interim_s;
	s->ip = m->start.ip;
	s->peer.family = m->start.peer.family;
	memcpy(s->peer.addr, m->start.peer.addr, sizeof(s->peer.addr));
	s->t_start = now > up ? now - up : 0;
	s->st = m->stats;
	rc->sess[sid & (RC_SLOTS - 1)] = s;
	if (m->ended)
		return;
	q_add(rc, RADIUS_ACCT_INTERIM, s, 0);
	if (s->interim_s > 0)
		heap_set(&rc->interim_heap, sid & (RC_SLOTS - 1), now +
		    (uint64_t)s->interim_s * 1000);
	log_info("sid=0x%x: accounting session %s resumed after a restart",
	    sid, s->id);
}

void
rc_acct_start(struct rc *rc, uint32_t sid, const struct m_acct_start *m)
{
	struct rc_sess *s;
	uint64_t now = now_ms();

	if ((s = sess_get(rc, sid)) == NULL || s->started)
		return;
	s->started = true;
	s->ip = m->ip;
	s->peer.family = m->peer.family;
	memcpy(s->peer.addr, m->peer.addr, sizeof(s->peer.addr));
	s->t_start = now;
	q_add(rc, RADIUS_ACCT_START, s, 0);
	if (s->interim_s > 0)
		heap_set(&rc->interim_heap, sid & (RC_SLOTS - 1), now +
		    (uint64_t)s->interim_s * 1000);
	log_debug("sid=0x%x: accounting session %s started, interim %us",
	    sid, s->id, s->interim_s);
}

void
rc_acct_counters(struct rc *rc, uint32_t sid, const struct m_gre_stats *st)
{
	struct rc_sess *s;

	if ((s = sess_get(rc, sid)) != NULL)
		s->st = *st;
}

void
rc_acct_stop(struct rc *rc, uint32_t sid, const struct m_acct_stop *m)
{
	struct rc_sess *s;

	if ((s = sess_get(rc, sid)) == NULL)
		return;
	if (s->started) {
		s->st = m->stats;
		q_add(rc, RADIUS_ACCT_STOP, s, acct_cause(m->reason));
	}
	sess_drop(rc, sid);
}

uint32_t
rc_acct_failing_s(const struct rc *rc, uint64_t now)
{
	uint64_t oldest = now;
	uint32_t i;

	for (i = 0; rc->q != NULL && rc->qlen > 0 && i < rc->qmax; i++)
		if (rc->q[i].used && rc->q[i].t_event < oldest)
			oldest = rc->q[i].t_event;
	return (uint32_t)((now - oldest) / 1000);
}

/* Accounting-On (this NAS's sessions are all gone: a fresh start). */
void
rc_acct_onoff(struct rc *rc, uint32_t status)
{
	q_add(rc, status, NULL, 0);
}

/* ---- Disconnect/CoA: finding a session, changing its record ---- */

static bool
str_is(const struct dae_str *a, const void *b, size_t n)
{
	return a->len == n && memcmp(a->v, b, n) == 0;
}

static bool
sess_matches(const struct rc_sess *s, const struct dae_req *r)
{
	char peer[AUTH_PEER_STRLEN];

	if (!s->started)
		return false;		/* not up: nothing to end or change */
	if ((r->sel & DS_ACCT_ID) && !str_is(&r->acct_id, s->id,
	    strlen(s->id)))
		return false;
	if ((r->sel & DS_USER) && !str_is(&r->user, s->user, s->user_len))
		return false;
	if ((r->sel & DS_IP) && r->ip != s->ip)
		return false;
	if ((r->sel & DS_PORT) && r->port != s->sid)
		return false;	/* NAS-Port is the sid (radius_put_nas) */
	if (r->sel & DS_CALLING) {
		auth_peer_format(&s->peer, peer, sizeof(peer));
		if (!str_is(&r->calling, peer, strlen(peer)))
			return false;
	}
	return true;
}

/* A scan of every slot: requests are rare, the table is 64K pointers. */
unsigned
rc_acct_find(const struct rc *rc, const struct dae_req *r, uint32_t *sids,
    unsigned max)
{
	unsigned n = 0;
	uint32_t i;

	if (rc->sess == NULL || r->sel == 0)
		return 0;
	for (i = 0; i < RC_SLOTS; i++) {
		if (rc->sess[i] == NULL || !sess_matches(rc->sess[i], r))
			continue;
		if (n < max)
			sids[n] = rc->sess[i]->sid;
		n++;
	}
	return n;
}

void
rc_acct_change(struct rc *rc, uint32_t sid, const struct dae_req *r)
{
	struct rc_sess *s;
	uint32_t slot = sid & (RC_SLOTS - 1);

	if ((s = sess_get(rc, sid)) == NULL)
		return;
	if (r->set & DR_SET_CLASS) {
		s->class_len = r->class.len;
		memcpy(s->class, r->class.v, r->class.len);
	}
	if (r->set & DR_SET_INTERIM) {
		s->interim_s = r->interim_s;
		if (s->interim_s == 0)
			heap_del(&rc->interim_heap, slot);
		else
			heap_set(&rc->interim_heap, slot, now_ms() +
			    (uint64_t)s->interim_s * 1000);
	}
}
