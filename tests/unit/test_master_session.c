/*
 * master's session machine (master/session.c, session_auth.c) alone:
 * proc_send, proc_kill and the kernel side (net_*) are wrapped
 * (-Wl,--wrap, see the Makefile), so every message master would send,
 * every worker it would kill and every route it would add is recorded.
 *
 * The expected table below is written independently of ms_table: for
 * each state, the messages a worker may send then.  Every other
 * session-bound message, sent in every state, must be a violation that
 * kills its sender (the catalog fixes each type's sender, so "from
 * every worker" is each type from the one worker that may send it;
 * test_common_msg checks that a type from any other worker never gets
 * this far).  Then the policy cells one by one: the challenge, the
 * methods, MPPE required, the address bound, keys once.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/heap.h"
#include "common/log.h"
#include "master/gre_peers.h"
#include "master/master.h"
#include "master/net.h"
#include "master/pool.h"
#include "master/session.h"

/* ---- what master did ---- */

#define SENT_MAX	64
static struct {
	unsigned int	to;		/* slot */
	uint16_t	type;
	uint32_t	sid;
	uint8_t		data[MSG_MAX_PAYLOAD];
} sent[SENT_MAX];
static int nsent;
static int killed[PROC_SLOTS_MAX];
static int routes_up;
static uint8_t last_chal[AUTH_CHALLENGE_LEN];

int	__wrap_proc_send(struct master *, unsigned int, uint16_t, uint32_t,
	    const void *, size_t, int);
void	__wrap_proc_kill(struct master *, unsigned int, const char *);
const char *__wrap_net_admit(struct master *, const struct m_addr *);
void	__wrap_net_release(struct master *, const struct m_addr *);
const char *__wrap_net_user_admit(struct master *, struct msess *);
int	__wrap_net_route_up(struct master *, struct msess *);
void	__wrap_net_session_up(struct master *, struct msess *);
void	__wrap_net_session_down(struct master *, struct msess *);

int
__wrap_proc_send(struct master *m, unsigned int id, uint16_t type,
    uint32_t sid, const void *p, size_t len, int fd)
{
	if (nsent < SENT_MAX) {
		sent[nsent].to = id;
		sent[nsent].type = type;
		sent[nsent].sid = sid;
		memcpy(sent[nsent].data, p, len);
		nsent++;
	}
	if (type == MSG_CALL_ACCEPT)
		memcpy(last_chal, ((const struct m_call_accept *)p)->chal,
		    sizeof(last_chal));
	return HP_OK;
}

void
__wrap_proc_kill(struct master *m, unsigned int id, const char *why)
{
	killed[id]++;
}

const char *
__wrap_net_admit(struct master *m, const struct m_addr *a)
{
	return NULL;
}

void
__wrap_net_release(struct master *m, const struct m_addr *a)
{
}

const char *
__wrap_net_user_admit(struct master *m, struct msess *s)
{
	return NULL;
}

int
__wrap_net_route_up(struct master *m, struct msess *s)
{
	routes_up++;
	return 0;
}

void
__wrap_net_session_up(struct master *m, struct msess *s)
{
}

void
__wrap_net_session_down(struct master *m, struct msess *s)
{
}

static int
count_sent(unsigned int to, uint16_t type)
{
	int i, n = 0;

	for (i = 0; i < nsent; i++)
		n += sent[i].to == to && sent[i].type == type;
	return n;
}

static const void *
last_sent(unsigned int to, uint16_t type)
{
	int i;

	for (i = nsent - 1; i >= 0; i--)
		if (sent[i].to == to && sent[i].type == type)
			return sent[i].data;
	return NULL;
}

/* ---- a master with one session ---- */

static struct master M;

/* ngre gre data workers: slots P_GRE and P_NPROC.. (PROC_GRE_SLOT) */
static void
master_fresh_n(const char *pool, const char *static_addrs, unsigned int ngre)
{
	char err[128];
	unsigned int i;

	pool_destroy(M.pool);
	pool_destroy(M.static_pool);
	sess_fini(&M);
	memset(&M, 0, sizeof(M));
	conf_init(&M.conf);
	M.conf.max_sessions = 8;
	inet_pton(AF_INET, "10.100.1.1", &M.conf.local_addr);
	assert_int_equal(pool_create(pool, M.conf.local_addr, &M.pool, err,
	    sizeof(err)), HP_OK);
	if (static_addrs != NULL)
		assert_int_equal(pool_create(static_addrs,
		    (struct in_addr){ INADDR_ANY }, &M.static_pool, err,
		    sizeof(err)), HP_OK);
	M.ngre = ngre;
	M.nslots = P_NPROC + ngre - 1;
	for (i = 0; i < M.nslots; i++) {
		M.procs[i].id = i < P_NPROC ? (enum proc_id)i : P_GRE;
		M.procs[i].slot = i;
		M.procs[i].shard = i < P_NPROC ? 0 : i - P_NPROC + 1;
		(void)snprintf(M.procs[i].name, sizeof(M.procs[i].name),
		    "%s%u", proc_name(M.procs[i].id), M.procs[i].shard % 100u);
		M.procs[i].ready = true;
		M.procs[i].pid = (pid_t)(100 + i);
		M.procs[i].chan.fd = -1;
	}
	assert_int_equal(sess_init(&M), 0);
	nsent = routes_up = 0;
	memset(killed, 0, sizeof(killed));
}

static void
master_fresh(const char *pool, const char *static_addrs)
{
	master_fresh_n(pool, static_addrs, 1);
}

static int
teardown(void **state)
{
	(void)state;
	pool_destroy(M.pool);
	pool_destroy(M.static_pool);
	sess_fini(&M);
	conf_free(&M.conf);
	memset(&M, 0, sizeof(M));
	return 0;
}

static struct msess *
the_session(void)
{
	uint32_t i;

	for (i = 0; i < M.nsess_top; i++)
		if (M.sess[i].state != MS_FREE)
			return &M.sess[i];
	return NULL;
}

/* -1: a message comes from its kind's process (a session's own gre) */
static int from_slot = -1;

static void
deliver(uint16_t type, uint32_t sid, const void *p, size_t len)
{
	unsigned int from = msg_spec(type)->from;
	struct msg msg;

	memset(&msg, 0, sizeof(msg));
	msg.hdr.type = type;
	msg.hdr.sid = sid;
	msg.hdr.len = (uint32_t)len;
	msg.fd = -1;
	memcpy(msg.data, p, len);
	if (from_slot >= 0)
		from = (unsigned int)from_slot;
	else if (from == P_GRE && the_session() != NULL)
		from = PROC_GRE_SLOT(the_session()->gre);
	sess_dispatch(&M, from, &msg);
}

/* A payload of each session-bound worker -> master type, as genuine. */
static size_t
payload(uint16_t type, const struct msess *s, void *buf)
{
	memset(buf, 0, MSG_MAX_PAYLOAD);
	switch (type) {
	case MSG_CALL_OPEN: {
		struct m_call_open *c = buf;

		c->call_id = 0x1234;
		c->peer_call_id = 0x4321;
		c->peer_window = 64;
		return sizeof(*c);
	}
	case MSG_GRE_ADDED:
		return sizeof(struct m_gre_added);
	case MSG_PPP_FROM_CTRL:
	case MSG_PPP_FROM_GRE:
		memcpy(buf, "\xc0\x21\x01\x01\x00\x04", 6);
		return 6;
	case MSG_AUTH_REQUEST: {
		struct m_auth_request *r = buf;

		r->method = AM_MSCHAP2;
		r->name_len = 5;
		memcpy(r->name, "alice", 5);
		r->chal_len = AUTH_CHALLENGE_LEN;
		memcpy(r->chal, last_chal, AUTH_CHALLENGE_LEN);
		r->resp_len = 49;
		return sizeof(*r);
	}
	case MSG_AUTH_RESULT: {
		struct m_auth_result *r = buf;

		r->ok = 1;
		r->addr_kind = AA_POOL;
		r->has_keys = 1;
		return sizeof(*r);
	}
	case MSG_SESSION_KEYS:
		memset(buf, 0x5a, sizeof(struct m_session_keys));
		return sizeof(struct m_session_keys);
	case MSG_CCP_MODE: {
		struct m_ccp_mode *c = buf;

		c->dir = CCP_DIR_RX;
		c->bits = MPPE_BIT_S | MPPE_BIT_H;
		return sizeof(*c);
	}
	case MSG_SESSION_UP: {
		struct m_session_up *u = buf;

		u->peer_ip = s != NULL ? s->ip.s_addr : 0;
		return sizeof(*u);
	}
	case MSG_CTRL_CLOSED: {
		struct m_ctrl_closed *c = buf;

		c->reason = SR_PEER_CLOSED;
		return sizeof(*c);
	}
	case MSG_GRE_STATS:
	case MSG_GRE_COUNTERS:
		return sizeof(struct m_gre_stats);
	case MSG_LCP_KEEPALIVE: {
		struct m_lcp_keepalive *k = buf;

		k->on = 1;
		k->magic = 0x0badcafe;
		return sizeof(*k);
	}
	case MSG_GRE_LINK_DEAD: {
		struct m_link_dead *d = buf;

		d->unanswered = 3;
		return sizeof(*d);
	}
	default:
		fail_msg("no payload for %s", msg_type_name(type));
	}
	return 0;
}

static void
send_genuine(uint16_t type)
{
	uint8_t buf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	struct msess *s = the_session();
	size_t len;

	assert_non_null(s);
	len = payload(type, s, buf);
	deliver(type, s->sid, buf, len);
}

static void
send_ccp_both(void)
{
	struct m_ccp_mode c = { CCP_DIR_RX, MPPE_BIT_S | MPPE_BIT_H };
	struct msess *s = the_session();

	deliver(MSG_CCP_MODE, s->sid, &c, sizeof(c));
	c.dir = CCP_DIR_TX;
	deliver(MSG_CCP_MODE, s->sid, &c, sizeof(c));
}

/* The genuine way from accept to `want`. */
static void
drive_to(enum ms_state want)
{
	struct sockaddr_storage peer, local;
	struct sockaddr_in *p4 = (void *)&peer;
	int fd = open("/dev/null", O_RDONLY);

	assert_true(fd >= 0);
	memset(&peer, 0, sizeof(peer));
	memset(&local, 0, sizeof(local));
	p4->sin_family = AF_INET;
	inet_pton(AF_INET, "198.51.100.7", &p4->sin_addr);
	p4->sin_port = htons(40000);
	local = peer;
	sess_accept(&M, fd, &peer, &local);
	assert_int_equal(the_session()->state, MS_CONN);
	if (want == MS_CONN)
		return;
	send_genuine(MSG_CALL_OPEN);
	assert_int_equal(the_session()->state, MS_GRE_WAIT);
	if (want == MS_GRE_WAIT)
		return;
	send_genuine(MSG_GRE_ADDED);
	assert_int_equal(the_session()->state, MS_CALL);
	if (want == MS_CALL)
		return;
	send_genuine(MSG_AUTH_REQUEST);
	assert_int_equal(the_session()->state, MS_AUTH);
	if (want == MS_AUTH)
		return;
	if (want == MS_REJECTED) {
		struct m_auth_result r;

		memset(&r, 0, sizeof(r));
		deliver(MSG_AUTH_RESULT, the_session()->sid, &r, sizeof(r));
		assert_int_equal(the_session()->state, MS_REJECTED);
		return;
	}
	send_genuine(MSG_AUTH_RESULT);
	assert_int_equal(the_session()->state, MS_KEYS);
	if (want == MS_KEYS)
		return;
	send_genuine(MSG_SESSION_KEYS);
	assert_int_equal(the_session()->state, MS_AUTHED);
	if (want == MS_AUTHED)
		return;
	send_ccp_both();
	send_genuine(MSG_SESSION_UP);
	assert_int_equal(the_session()->state, MS_UP);
	if (want == MS_UP)
		return;
	send_genuine(MSG_CTRL_CLOSED);
	assert_int_equal(the_session()->state, MS_DOWN);
	assert_int_equal(want, MS_DOWN);
}

/* ---- the expected table ---- */

static const uint16_t bound_types[] = {
	MSG_CALL_OPEN, MSG_GRE_ADDED, MSG_PPP_FROM_CTRL, MSG_PPP_FROM_GRE,
	MSG_AUTH_REQUEST, MSG_AUTH_RESULT, MSG_SESSION_KEYS, MSG_CCP_MODE,
	MSG_SESSION_UP, MSG_CTRL_CLOSED, MSG_GRE_STATS, MSG_GRE_COUNTERS,
	MSG_LCP_KEEPALIVE, MSG_GRE_LINK_DEAD,
};
#define NBOUND	(sizeof(bound_types) / sizeof(bound_types[0]))

static const enum ms_state live_states[] = {
	MS_CONN, MS_GRE_WAIT, MS_CALL, MS_AUTH, MS_KEYS, MS_AUTHED,
	MS_REJECTED, MS_UP, MS_DOWN,
};

/* May `type` come in state `st` (without proving its sender wrong)? */
static bool
expected_ok(enum ms_state st, uint16_t type)
{
	switch (st) {
	case MS_CONN:
		return type == MSG_CALL_OPEN || type == MSG_CTRL_CLOSED;
	case MS_GRE_WAIT:
		return type == MSG_GRE_ADDED || type == MSG_PPP_FROM_GRE ||
		    type == MSG_CTRL_CLOSED || type == MSG_GRE_COUNTERS;
	case MS_CALL:
	case MS_AUTH:
	case MS_KEYS:
	case MS_AUTHED:
	case MS_REJECTED:
	case MS_UP:
		if (type == MSG_PPP_FROM_CTRL || type == MSG_PPP_FROM_GRE ||
		    type == MSG_CTRL_CLOSED || type == MSG_GRE_COUNTERS ||
		    type == MSG_LCP_KEEPALIVE || type == MSG_GRE_LINK_DEAD)
			return true;
		return (st == MS_CALL && type == MSG_AUTH_REQUEST) ||
		    (st == MS_AUTH && type == MSG_AUTH_RESULT) ||
		    (st == MS_KEYS && type == MSG_SESSION_KEYS) ||
		    (st == MS_REJECTED && type == MSG_SESSION_KEYS) ||
		    ((st == MS_AUTHED || st == MS_UP) &&
		    type == MSG_CCP_MODE) ||
		    (st == MS_AUTHED && type == MSG_SESSION_UP);
	case MS_DOWN:
		return true;	/* in flight, or gre's final counters */
	default:
		return false;
	}
}

static void
test_every_message_in_every_state(void **state)
{
	size_t i, j;
	int checked = 0;

	(void)state;
	for (i = 0; i < sizeof(live_states) / sizeof(live_states[0]); i++)
		for (j = 0; j < NBOUND; j++) {
			enum ms_state st = live_states[i];
			uint16_t t = bound_types[j];
			enum proc_id from = (enum proc_id)msg_spec(t)->from;

			master_fresh("10.100.0.200-210", NULL);
			drive_to(st);
			/* (the policy's own precondition, tested below) */
			if (st == MS_AUTHED && t == MSG_SESSION_UP)
				send_ccp_both();
			memset(killed, 0, sizeof(killed));
			send_genuine(t);
			if (expected_ok(st, t) && killed[from] != 0)
				fail_msg("%s in %s: %s killed, should be taken",
				    msg_type_name(t), msess_state_name(st),
				    proc_name(from));
			if (!expected_ok(st, t) && killed[from] != 1)
				fail_msg("%s in %s: no violation",
				    msg_type_name(t), msess_state_name(st));
			checked++;
		}
	assert_int_equal(checked, 9 * (int)NBOUND);
}

/* ---- the policy cells ---- */

static void
test_challenge_from_master(void **state)
{
	const struct m_auth_check *c;
	uint8_t zero[AUTH_CHALLENGE_LEN] = { 0 };

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_GRE_WAIT);
	assert_int_equal(count_sent(P_CTRL, MSG_CALL_ACCEPT), 0);
	send_genuine(MSG_GRE_ADDED);
	assert_int_equal(count_sent(P_CTRL, MSG_CALL_ACCEPT), 1);
	assert_memory_not_equal(last_chal, zero, sizeof(zero));
	send_genuine(MSG_AUTH_REQUEST);
	c = last_sent(P_AUTH, MSG_AUTH_CHECK);
	assert_non_null(c);
	assert_memory_equal(c->req.chal, last_chal, AUTH_CHALLENGE_LEN);
	assert_int_equal(killed[P_CTRL], 0);
}

/* A recorded request (another session's challenge) is refused. */
static void
test_replayed_challenge(void **state)
{
	uint8_t buf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	struct m_auth_request *r = (void *)buf;
	struct msess *s;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_CALL);
	s = the_session();
	payload(MSG_AUTH_REQUEST, s, buf);
	r->chal[3] ^= 1;
	deliver(MSG_AUTH_REQUEST, s->sid, buf, sizeof(*r));
	assert_int_equal(killed[P_CTRL], 1);
	assert_int_equal(count_sent(P_AUTH, MSG_AUTH_CHECK), 0);
}

/* The same challenge a second time: the session moved on. */
static void
test_challenge_once(void **state)
{
	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_REJECTED);
	send_genuine(MSG_AUTH_REQUEST);
	assert_int_equal(killed[P_CTRL], 1);
	assert_int_equal(count_sent(P_AUTH, MSG_AUTH_CHECK), 1);
}

static void
test_method_not_configured(void **state)
{
	uint8_t buf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	struct m_auth_request *r = (void *)buf;
	struct msess *s;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);	/* auth mschap-v2 */
	drive_to(MS_CALL);
	s = the_session();
	payload(MSG_AUTH_REQUEST, s, buf);
	r->method = AM_PAP;
	r->chal_len = 0;
	deliver(MSG_AUTH_REQUEST, s->sid, buf, sizeof(*r));
	assert_int_equal(killed[P_CTRL], 1);
	assert_int_equal(count_sent(P_AUTH, MSG_AUTH_CHECK), 0);
}

static void
test_mppe_required_session_up(void **state)
{
	(void)state;
	master_fresh("10.100.0.200-210", NULL);	/* mppe require 128 */
	drive_to(MS_AUTHED);
	send_genuine(MSG_SESSION_UP);		/* no CCP mode came */
	assert_int_equal(killed[P_CTRL], 1);
	assert_int_equal(the_session()->state, MS_AUTHED);
}

static void
test_mppe_strength_outside_policy(void **state)
{
	struct m_ccp_mode c = { CCP_DIR_RX, MPPE_BIT_L | MPPE_BIT_H };

	(void)state;
	master_fresh("10.100.0.200-210", NULL);	/* 128 only */
	drive_to(MS_AUTHED);
	deliver(MSG_CCP_MODE, the_session()->sid, &c, sizeof(c));
	assert_int_equal(killed[P_CTRL], 1);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_CCP_MODE), 0);
}

/* gre learns the policy with the call, before anything else. */
static void
test_gre_told_policy(void **state)
{
	const struct m_gre_add *g;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_GRE_WAIT);
	g = last_sent(P_GRE, MSG_GRE_ADD);
	assert_non_null(g);
	assert_true(g->mppe & MPPE_REQUIRED);
	assert_true(g->mppe & MPPE_ALLOW_128);
	assert_false(g->mppe & MPPE_ALLOW_40);
}

/* A control connection from 2001:db8::7 opens its call. */
static void
call_from_v6(void)
{
	struct sockaddr_storage peer;
	struct sockaddr_in6 *p6 = (void *)&peer;
	int fd = open("/dev/null", O_RDONLY);

	assert_true(fd >= 0);
	memset(&peer, 0, sizeof(peer));
	p6->sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::7", &p6->sin6_addr);
	p6->sin6_port = htons(40000);
	sess_accept(&M, fd, &peer, &peer);
	assert_int_equal(the_session()->state, MS_CONN);
	assert_int_equal(the_session()->peer.family, 6);
	send_genuine(MSG_CALL_OPEN);
}

/*
 * An IPv6 peer: gre hears of its call with the 16-byte address (the
 * only source it will take the call's GRE from); without an IPv6 GRE
 * socket (no IPv6 listen) the call is refused instead.
 */
static void
test_gre_add_v6_peer(void **state)
{
	const struct m_gre_add *g;
	const struct m_kick *k;
	struct in6_addr want;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	M.gre_dev[0].gre6_fd = 99;		/* never used: sends are faked */
	call_from_v6();
	assert_int_equal(the_session()->state, MS_GRE_WAIT);
	g = last_sent(P_GRE, MSG_GRE_ADD);
	assert_non_null(g);
	assert_int_equal(g->family, 6);
	assert_int_equal(g->peer_ip, 0);
	inet_pton(AF_INET6, "2001:db8::7", &want);
	assert_memory_equal(g->peer_ip6, &want, 16);
	assert_int_equal(msg_check(P_MASTER, P_GRE, &(struct msg_hdr){
	    .type = MSG_GRE_ADD, .sid = 1, .len = sizeof(*g) }, g,
	    sizeof(struct msg_hdr) + sizeof(*g), 0), HP_OK);

	master_fresh("10.100.0.200-210", NULL);
	M.gre_dev[0].gre6_fd = -1;
	call_from_v6();
	assert_null(last_sent(P_GRE, MSG_GRE_ADD));
	k = last_sent(P_CTRL, MSG_SESSION_KICK);
	assert_non_null(k);
	assert_int_equal(k->reason, SR_PROTOCOL_ERROR);
}

/*
 * LCP's echo keepalive: ctrl says LCP opened, master tells the
 * session's gre with its own interval and count (ctrl names neither);
 * gre's link-dead ends the session as echo-timeout; a link-dead that
 * crossed "LCP down" is dropped; with `lcp-echo no`, gre hears nothing.
 */
static void
test_keepalive(void **state)
{
	const struct m_gre_keepalive *g;
	const struct m_kick *k;
	struct m_lcp_keepalive on = { 1, 0x0badcafe }, off = { 0, 0 };
	struct m_link_dead d = { 3 };
	struct msess *s;

	master_fresh("10.100.0.200-210", NULL);
	M.conf.lcp_echo_interval_s = 30;
	M.conf.lcp_echo_failure = 5;
	drive_to(MS_UP);
	s = the_session();
	deliver(MSG_LCP_KEEPALIVE, s->sid, &on, sizeof(on));
	g = last_sent(P_GRE, MSG_GRE_KEEPALIVE);
	assert_non_null(g);
	assert_int_equal(g->magic, 0x0badcafe);
	assert_int_equal(g->interval_s, 30);
	assert_int_equal(g->failures, 5);
	assert_int_equal(msg_check(P_MASTER, P_GRE, &(struct msg_hdr){
	    .type = MSG_GRE_KEEPALIVE, .sid = s->sid, .len = sizeof(*g) }, g,
	    sizeof(struct msg_hdr) + sizeof(*g), 0), HP_OK);
	/* off, and a link-dead in flight across it: nothing ends */
	deliver(MSG_LCP_KEEPALIVE, s->sid, &off, sizeof(off));
	g = last_sent(P_GRE, MSG_GRE_KEEPALIVE);
	assert_int_equal(g->interval_s, 0);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_KEEPALIVE), 2);
	deliver(MSG_GRE_LINK_DEAD, s->sid, &d, sizeof(d));
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	assert_int_equal(killed[P_GRE], 0);
	/* on again; gre's echoes go unanswered: the session ends */
	deliver(MSG_LCP_KEEPALIVE, s->sid, &on, sizeof(on));
	deliver(MSG_GRE_LINK_DEAD, s->sid, &d, sizeof(d));
	k = last_sent(P_CTRL, MSG_SESSION_KICK);
	assert_non_null(k);
	assert_int_equal(k->reason, SR_ECHO_TIMEOUT);
	assert_int_equal(s->reason, SR_ECHO_TIMEOUT);

	/* lcp-echo no: gre runs none, and off needs no word either */
	master_fresh("10.100.0.200-210", NULL);
	M.conf.lcp_echo_interval_s = 0;
	drive_to(MS_UP);
	s = the_session();
	deliver(MSG_LCP_KEEPALIVE, s->sid, &on, sizeof(on));
	deliver(MSG_LCP_KEEPALIVE, s->sid, &off, sizeof(off));
	assert_int_equal(count_sent(P_GRE, MSG_GRE_KEEPALIVE), 0);
}

/* The verdict waits for the keys; keys reach gre before ctrl hears. */
static void
test_keys_before_verdict(void **state)
{
	int i, keys = -1, verdict = -1;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_KEYS);
	assert_int_equal(count_sent(P_CTRL, MSG_AUTH_VERDICT), 0);
	send_genuine(MSG_SESSION_KEYS);
	for (i = 0; i < nsent; i++) {
		if (sent[i].type == MSG_GRE_KEYS)
			keys = i;
		if (sent[i].type == MSG_AUTH_VERDICT)
			verdict = i;
	}
	assert_true(keys >= 0 && verdict > keys);
	send_genuine(MSG_SESSION_KEYS);		/* once only */
	assert_int_equal(killed[P_AUTH], 1);
}

static void
auth_static(const char *addr)
{
	uint8_t buf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	struct m_auth_result *r = (void *)buf;

	payload(MSG_AUTH_RESULT, the_session(), buf);
	r->addr_kind = AA_STATIC;
	inet_pton(AF_INET, addr, &r->static_ip);
	deliver(MSG_AUTH_RESULT, the_session()->sid, buf, sizeof(*r));
}

/* auth names a host outside every pool: refused, nothing routed. */
static void
test_address_bound(void **state)
{
	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_AUTH);
	auth_static("203.0.113.254");
	assert_int_equal(the_session()->state, MS_REJECTED);
	assert_int_equal(routes_up, 0);
	assert_int_equal(killed[P_AUTH], 0);

	/* the pool's /24 is within the default bound */
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_AUTH);
	auth_static("10.100.0.150");
	assert_int_equal(the_session()->state, MS_KEYS);
	assert_int_equal(routes_up, 1);

	/* static-addresses replaces the default */
	master_fresh("10.100.0.200-210", "192.0.2.10-20");
	drive_to(MS_AUTH);
	auth_static("10.100.0.150");
	assert_int_equal(the_session()->state, MS_REJECTED);
	master_fresh("10.100.0.200-210", "192.0.2.10-20");
	drive_to(MS_AUTH);
	auth_static("192.0.2.11");
	assert_int_equal(the_session()->state, MS_KEYS);
}

/* A sid master never issued is no message in flight. */
static void
test_sid_never_issued(void **state)
{
	struct m_gre_stats st;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	memset(&st, 0, sizeof(st));
	deliver(MSG_GRE_COUNTERS, 0x0bad0000, &st, sizeof(st));
	assert_int_equal(killed[P_GRE], 1);
	/* a stale one (ended session) is dropped quietly */
	drive_to(MS_CONN);
	deliver(MSG_GRE_COUNTERS, the_session()->sid ^ 0x00010000, &st,
	    sizeof(st));
	assert_int_equal(killed[P_GRE], 1);
}

/*
 * What a session allocates (issue 18, memory): the name at its length,
 * the verdict only until the keys, no RADIUS parts for a local user;
 * lookups stop at the most slots ever used (nsess_top).
 */
static void
test_session_parts(void **state)
{
	struct m_gre_stats st;
	struct msess *s;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	assert_int_equal(M.nsess_top, 0);
	drive_to(MS_KEYS);
	s = the_session();
	assert_string_equal(s->user, "alice");
	assert_non_null(s->verdict);
	assert_null(s->rad);
	send_genuine(MSG_SESSION_KEYS);
	assert_int_equal(s->state, MS_AUTHED);
	assert_null(s->verdict);
	assert_int_equal(M.nsess_top, 1);
	/* slot 5 was never used: no sid of it was ever issued */
	memset(&st, 0, sizeof(st));
	deliver(MSG_GRE_COUNTERS, (s->sid & 0xffff0000U) | 5, &st, sizeof(st));
	assert_int_equal(killed[P_GRE], 1);
}

/* A name of 255 bytes that needs escapes: cut, never past 255 bytes. */
static void
test_session_long_name(void **state)
{
	uint8_t buf[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
	struct m_auth_request *r = (void *)buf;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_CALL);
	payload(MSG_AUTH_REQUEST, the_session(), buf);
	r->name_len = AUTH_NAME_MAX;
	memset(r->name, '"', AUTH_NAME_MAX);
	deliver(MSG_AUTH_REQUEST, the_session()->sid, buf, sizeof(*r));
	assert_int_equal(the_session()->state, MS_AUTH);
	assert_true(strlen(the_session()->user) <= AUTH_NAME_MAX);
	assert_true(strlen(the_session()->user) > 200);
	assert_null(strchr(the_session()->user, '"'));
}

/* A RADIUS session's parts come with the reply and the record. */
static void
test_session_radius_parts(void **state)
{
	struct m_radius_reply rr;
	struct m_acct_record rec;
	struct msess *s;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_AUTH);
	s = the_session();
	memset(&rr, 0, sizeof(rr));
	deliver(MSG_RADIUS_REPLY, s->sid, &rr, sizeof(rr));
	assert_null(s->rad);	/* no pool, no routes: none needed */
	rr.nroutes = 1;
	inet_pton(AF_INET, "192.0.2.0", &rr.routes[0].addr);
	rr.routes[0].plen = 24;
	deliver(MSG_RADIUS_REPLY, s->sid, &rr, sizeof(rr));
	assert_non_null(s->rad);
	assert_int_equal(s->nframed_req, 1);
	assert_int_equal(s->rad->framed_req[0].plen, 24);
	memset(&rec, 0, sizeof(rec));
	memset(rec.id, 'A', sizeof(rec.id));
	rec.user_len = 5;
	memcpy(rec.user, "alice", 5);
	deliver(MSG_ACCT_RECORD, s->sid, &rec, sizeof(rec));
	assert_true(s->acct_rec);
	assert_memory_equal(s->rad->rec.user, "alice", 5);
	/* teardown's sess_fini frees them: the SAN build's leak check */
}

/*
 * Three data workers: call id 0x1234 is worker 1's (0x1234 % 3).  Only
 * worker 1 hears of the call and may speak for it; the others'
 * messages about it are violations; worker 0's death leaves it, worker
 * 1's ends it.
 */
static void
test_gre_shards(void **state)
{
	struct m_gre_stats st;
	struct msess *s;

	(void)state;
	memset(&st, 0, sizeof(st));
	master_fresh_n("10.100.0.200-210", NULL, 3);
	drive_to(MS_GRE_WAIT);
	s = the_session();
	assert_int_equal(s->gre, 1);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_ADD), 0);
	assert_int_equal(count_sent(PROC_GRE_SLOT(2), MSG_GRE_ADD), 0);
	assert_int_equal(count_sent(PROC_GRE_SLOT(1), MSG_GRE_ADD), 1);
	from_slot = P_GRE;
	send_genuine(MSG_GRE_ADDED);
	assert_int_equal(killed[P_GRE], 1);
	assert_int_equal(s->state, MS_GRE_WAIT);
	from_slot = (int)PROC_GRE_SLOT(2);
	send_genuine(MSG_GRE_ADDED);
	assert_int_equal(killed[PROC_GRE_SLOT(2)], 1);
	assert_int_equal(s->state, MS_GRE_WAIT);
	from_slot = (int)PROC_GRE_SLOT(1);
	send_genuine(MSG_GRE_ADDED);
	assert_int_equal(killed[PROC_GRE_SLOT(1)], 0);
	assert_int_equal(s->state, MS_CALL);
	from_slot = P_GRE;
	deliver(MSG_GRE_COUNTERS, s->sid, &st, sizeof(st));
	assert_int_equal(killed[P_GRE], 2);
	from_slot = -1;
	deliver(MSG_GRE_COUNTERS, s->sid, &st, sizeof(st));
	assert_int_equal(killed[PROC_GRE_SLOT(1)], 0);
	sess_worker_lost(&M, P_GRE);
	sess_worker_lost(&M, PROC_GRE_SLOT(2));
	assert_false(s->kicked);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	sess_worker_lost(&M, PROC_GRE_SLOT(1));
	assert_true(s->kicked);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 1);
}

/*
 * The other workers learn a session's address when it is granted and
 * forget it when it ends (client-to-client across workers); a restarted
 * worker hears it again.
 */
static void
test_gre_peers(void **state)
{
	const struct m_gre_peer *p;
	struct msess *s;
	uint32_t addr;

	(void)state;
	master_fresh_n("10.100.0.200-210", NULL, 3);
	drive_to(MS_AUTHED);
	s = the_session();
	addr = s->ip.s_addr;
	assert_int_equal(count_sent(PROC_GRE_SLOT(1), MSG_GRE_PEER), 0);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_PEER), 1);
	assert_int_equal(count_sent(PROC_GRE_SLOT(2), MSG_GRE_PEER), 1);
	p = last_sent(P_GRE, MSG_GRE_PEER);
	assert_int_equal(p->op, GRE_PEER_ADD);
	assert_int_equal(p->addr, addr);
	gre_peers_resend(&M, 0);
	gre_peers_resend(&M, 1);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_PEER), 2);
	assert_int_equal(count_sent(PROC_GRE_SLOT(1), MSG_GRE_PEER), 0);
	send_ccp_both();
	send_genuine(MSG_SESSION_UP);
	send_genuine(MSG_CTRL_CLOSED);
	send_genuine(MSG_GRE_STATS);
	assert_int_equal(s->state, MS_FREE);
	p = last_sent(PROC_GRE_SLOT(2), MSG_GRE_PEER);
	assert_int_equal(p->op, GRE_PEER_DEL);
	assert_int_equal(p->addr, addr);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_PEER), 3);
	assert_int_equal(count_sent(PROC_GRE_SLOT(1), MSG_GRE_PEER), 0);
	/* one data worker: nobody to tell */
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_AUTHED);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_PEER), 0);
}

/* Set-up deadlines from the timer heap: kick, then tear down; up is off. */
static void
test_timers(void **state)
{
	uint64_t far = now_ms() + 3600 * 1000;

	(void)state;
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_CALL);
	sess_timers(&M, now_ms());
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	/* the set-up deadline passed: kicked, 2 s for ctrl to say goodbye */
	master_fresh("10.100.0.200-210", NULL);
	M.conf.ppp_timeout_s = M.conf.sccrq_timeout_s = 0;
	drive_to(MS_CALL);
	sess_timers(&M, now_ms());
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 1);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_DEL), 0);
	/*
	 * At each deadline exactly (a few ms later in real time, so the
	 * next deadline, 2 s from now, is surely later than this one).
	 */
	usleep(3000);
	sess_timers(&M, the_session()->deadline);	/* ctrl never answered */
	assert_int_equal(count_sent(P_GRE, MSG_GRE_DEL), 1);
	assert_int_equal(the_session()->state, MS_DOWN);
	usleep(3000);
	sess_timers(&M, the_session()->deadline);	/* nor gre */
	assert_null(the_session());
	assert_int_equal(sess_count(&M), 0);

	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_UP);
	sess_timers(&M, far);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	assert_int_equal(the_session()->state, MS_UP);
}

/* ---- the diagnostics (session_diag.c) ---- */

static char audit[8192];

static void
audit_capture(int prio, enum log_fac fac, const char *line)
{
	size_t n = strlen(audit);

	(void)snprintf(audit + n, sizeof(audit) - n, "%s\n", line);
}

/* Call connected, no GRE: event=no-gre at NO_GRE_MS, then the kick. */
static void
test_no_gre(void **state)
{
	const struct m_kick *k;
	uint64_t t0;

	(void)state;
	log_set_sink(audit_capture);
	audit[0] = '\0';
	master_fresh("10.100.0.200-210", NULL);
	t0 = now_ms();
	drive_to(MS_CALL);
	assert_false(the_session()->gre_seen);
	/* the earlier of the two deadlines: no GRE, not the set-up one */
	assert_true(the_session()->deadline <= t0 + NO_GRE_MS + 1000);
	sess_timers(&M, t0 + NO_GRE_MS - 1000);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	/*
	 * Ten seconds on, in one call: the line and the kick, then (the
	 * kick's and gre's 2 s waits long past) the session is gone.
	 */
	sess_timers(&M, the_session()->deadline);
	k = last_sent(P_CTRL, MSG_SESSION_KICK);
	assert_non_null(k);
	assert_int_equal(k->reason, SR_NO_GRE);
	assert_int_equal(count_sent(P_GRE, MSG_GRE_DEL), 1);
	assert_int_equal(sess_count(&M), 0);
	assert_non_null(strstr(audit, "event=no-gre sid=0x"));
	assert_non_null(strstr(audit, "nf_conntrack_pptp"));

	/* One frame from the peer: only the set-up deadline is left. */
	audit[0] = '\0';
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_CALL);
	deliver(MSG_PPP_FROM_GRE, the_session()->sid, "\xc0\x21\x01\x01"
	    "\x00\x04", 6);
	assert_true(the_session()->gre_seen);
	assert_int_equal(the_session()->deadline,
	    the_session()->setup_deadline);
	sess_timers(&M, now_ms() + NO_GRE_MS + 1000);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 0);
	assert_null(strstr(audit, "event=no-gre"));
	log_set_sink(NULL);
}

/*
 * A fresh session in state st that ctrl closes with a cause; kick
 * first if asked.  The audit lines it left are in audit[].
 */
static void
closed_with(enum ms_state st, uint32_t reason, uint32_t peer,
    uint32_t ours, bool kick)
{
	struct m_ctrl_closed c;

	audit[0] = '\0';
	master_fresh("10.100.0.200-210", NULL);
	drive_to(st);
	if (kick)
		assert_true(sess_kick(&M, the_session()->sid, SR_KICKED));
	memset(&c, 0, sizeof(c));
	c.reason = reason;
	c.peer = peer;
	c.ours = ours;
	deliver(MSG_CTRL_CLOSED, the_session()->sid, &c, sizeof(c));
}

/* ctrl's causes become event lines master words. */
static void
test_setup_causes(void **state)
{
	(void)state;
	log_set_sink(audit_capture);
	closed_with(MS_AUTHED, SR_CCP_REFUSED, MPPE_BIT_L | MPPE_BIT_H,
	    MPPE_BIT_S | MPPE_BIT_H, false);
	assert_non_null(strstr(audit, "event=ccp-refused sid=0x"));
	assert_non_null(strstr(audit, "client_mppe=40,stateless "
	    "client_bits=0x01000020 server_mppe=128,stateless"));

	closed_with(MS_CALL, SR_AUTH_REFUSED, 0xc227,
	    AM_BIT(AM_MSCHAP2) | AM_BIT(AM_PAP), false);
	assert_non_null(strstr(audit, "event=auth-refused sid=0x"));
	assert_non_null(strstr(audit, "client_method=eap "
	    "server_methods=pap,mschapv2"));

	closed_with(MS_CALL, SR_LCP_TIMEOUT, 9, 10, false);
	assert_non_null(strstr(audit, "event=lcp-timeout sid=0x"));
	assert_non_null(strstr(audit, "our_requests=10 peer_requests=9"));
	assert_non_null(strstr(audit, "timeout sending Config-Requests"));

	/* a kicked session's end is the kick's, no cause line */
	closed_with(MS_CALL, SR_LCP_TIMEOUT, 9, 10, true);
	assert_null(strstr(audit, "event=lcp-timeout"));
	log_set_sink(NULL);
}

/* gre's strays: logged by master, at most one line a second. */
static void
test_gre_stray(void **state)
{
	struct m_gre_stray g;

	(void)state;
	log_set_sink(audit_capture);
	audit[0] = '\0';
	master_fresh("10.100.0.200-210", NULL);
	memset(&g, 0, sizeof(g));
	g.src = htonl(0xc6336402);		/* 198.51.100.2 */
	g.family = 4;
	g.call_id = 4242;
	g.suppressed = 2;
	deliver(MSG_GRE_STRAY, 0, &g, sizeof(g));
	assert_non_null(strstr(audit, "event=gre-stray peer=198.51.100.2 "
	    "call_id=4242 suppressed=2 "));
	audit[0] = '\0';
	g.call_id = 4343;
	deliver(MSG_GRE_STRAY, 0, &g, sizeof(g));
	assert_null(strstr(audit, "event=gre-stray"));	/* within 1 s */
	assert_int_equal(M.gre_strays, 2);
	assert_int_equal(M.gre_strays_quiet, 4);
	assert_int_equal(M.stray_unlogged, 1);
	assert_int_equal(killed[P_GRE], 0);
	/* from an IPv6 source (the raw IPv6 GRE socket's) */
	M.stray_logged_at = 0;
	memset(&g, 0, sizeof(g));
	g.family = 6;
	inet_pton(AF_INET6, "2001:db8::9", g.src6);
	g.call_id = 77;
	deliver(MSG_GRE_STRAY, 0, &g, sizeof(g));
	assert_non_null(strstr(audit, "event=gre-stray peer=2001:db8::9 "
	    "call_id=77 suppressed=1 "));
	assert_int_equal(killed[P_GRE], 0);
	log_set_sink(NULL);
}

/*
 * auth's Disconnect/CoA decision: master acts only on a session it holds
 * that is up and not ending; anything else is answered not-found, never
 * a violation (a session may end while a request is on its way).
 */
static void
dae(uint32_t sid, uint8_t op, uint8_t set)
{
	struct m_dae_action a;

	memset(&a, 0, sizeof(a));
	a.tag = 0x4207;
	a.op = op;
	a.set = set;
	a.requester = htonl(0x7f000001);
	if (set & DAE_SET_TIMEOUT)
		a.session_timeout_s = 600;
	if (set & DAE_SET_IDLE)
		a.idle_timeout_s = 5;
	if (set & DAE_SET_RATE) {
		a.down_bps = 3000000;
		a.up_bps = 1000000;
	}
	nsent = 0;
	deliver(MSG_DAE_ACTION, sid, &a, sizeof(a));
}

static int32_t
dae_status(void)
{
	const void *p = last_sent(P_AUTH, MSG_DAE_DONE);
	struct m_dae_done d;

	assert_non_null(p);
	memcpy(&d, p, sizeof(d));	/* the record's bytes are unaligned */
	assert_int_equal(d.tag, 0x4207);
	return d.status;
}

static void
test_dae_action(void **state)
{
	struct m_gre_rate r;
	const void *p;
	struct msess *s;

	(void)state;
	log_set_sink(audit_capture);
	master_fresh("10.100.0.200-210", NULL);
	dae(0x0bad0001, DAE_OP_END, 0);		/* never issued */
	assert_int_equal(dae_status(), HP_E_NOTFOUND);
	drive_to(MS_AUTHED);			/* not up yet */
	s = the_session();
	dae(s->sid, DAE_OP_END, 0);
	assert_int_equal(dae_status(), HP_E_NOTFOUND);
	assert_false(s->kicked);
	assert_int_equal(killed[P_AUTH], 0);

	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_UP);
	s = the_session();
	audit[0] = '\0';
	dae(s->sid, DAE_OP_CHANGE, DAE_SET_TIMEOUT | DAE_SET_RATE);
	assert_int_equal(dae_status(), HP_OK);
	assert_non_null(p = last_sent(P_GRE, MSG_GRE_RATE));
	memcpy(&r, p, sizeof(r));
	assert_int_equal(r.down_bps, 3000000);
	assert_int_equal(r.up_bps, 1000000);
	assert_int_equal(s->session_timeout_s, 600);
	assert_true(s->deadline > now_ms() + 590000);
	assert_non_null(strstr(audit, "by=radius-dae:127.0.0.1"));
	/* a new Idle-Timeout: from now, earlier than the Session-Timeout */
	dae(s->sid, DAE_OP_CHANGE, DAE_SET_IDLE);
	assert_int_equal(dae_status(), HP_OK);
	assert_int_equal(s->idle_timeout_s, 5);
	assert_true(s->deadline <= now_ms() + 5000 &&
	    s->deadline > now_ms() + 4000);
	assert_non_null(strstr(audit, "set=idle session-timeout=600 "
	    "idle-timeout=5"));
	/* a new Session-Timeout leaves the earlier idle deadline standing */
	dae(s->sid, DAE_OP_CHANGE, DAE_SET_TIMEOUT);
	assert_int_equal(dae_status(), HP_OK);
	assert_true(s->deadline <= now_ms() + 5000);
	dae(s->sid, DAE_OP_END, 0);
	assert_int_equal(dae_status(), HP_OK);
	assert_true(s->kicked);
	assert_int_equal(s->reason, SR_KICKED);	/* Admin-Reset */
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 1);
	assert_non_null(strstr(audit, "event=dae-disconnect sid="));
	dae(s->sid, DAE_OP_END, 0);		/* ending already */
	assert_int_equal(dae_status(), HP_E_NOTFOUND);
	assert_int_equal(killed[P_AUTH], 0);

	/* a CoA's Idle-Timeout ends an idle session as Idle-Timeout */
	master_fresh("10.100.0.200-210", NULL);
	drive_to(MS_UP);
	s = the_session();
	dae(s->sid, DAE_OP_CHANGE, DAE_SET_IDLE);
	assert_int_equal(dae_status(), HP_OK);
	audit[0] = '\0';
	sess_timers(&M, s->deadline);
	assert_int_equal(count_sent(P_CTRL, MSG_SESSION_KICK), 1);
	assert_non_null(strstr(audit, "reason=idle-timeout"));
	log_set_sink(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_every_message_in_every_state,
		    teardown),
		cmocka_unit_test_teardown(test_challenge_from_master, teardown),
		cmocka_unit_test_teardown(test_replayed_challenge, teardown),
		cmocka_unit_test_teardown(test_challenge_once, teardown),
		cmocka_unit_test_teardown(test_method_not_configured,
		    teardown),
		cmocka_unit_test_teardown(test_mppe_required_session_up,
		    teardown),
		cmocka_unit_test_teardown(test_mppe_strength_outside_policy,
		    teardown),
		cmocka_unit_test_teardown(test_gre_told_policy, teardown),
		cmocka_unit_test_teardown(test_gre_add_v6_peer, teardown),
		cmocka_unit_test_teardown(test_keys_before_verdict, teardown),
		cmocka_unit_test_teardown(test_address_bound, teardown),
		cmocka_unit_test_teardown(test_sid_never_issued, teardown),
		cmocka_unit_test_teardown(test_session_parts, teardown),
		cmocka_unit_test_teardown(test_session_long_name, teardown),
		cmocka_unit_test_teardown(test_session_radius_parts, teardown),
		cmocka_unit_test_teardown(test_gre_shards, teardown),
		cmocka_unit_test_teardown(test_gre_peers, teardown),
		cmocka_unit_test_teardown(test_timers, teardown),
		cmocka_unit_test_teardown(test_no_gre, teardown),
		cmocka_unit_test_teardown(test_setup_causes, teardown),
		cmocka_unit_test_teardown(test_gre_stray, teardown),
		cmocka_unit_test_teardown(test_dae_action, teardown),
		cmocka_unit_test_teardown(test_keepalive, teardown),
	};

	if (sodium_init() < 0)
		return 1;
	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
