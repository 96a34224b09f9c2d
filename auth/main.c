/*
 * hpptpd-auth: the isolated worker that holds the secrets.  It reads
 * chap-secrets from an fd master passes, verifies PAP, CHAP-MD5 and
 * MS-CHAP exchanges, derives MPPE start keys and throttles failures.
 * Verdicts go to master (for ctrl), keys in their own message (for gre).
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/dae.h"
#include "auth/lockout.h"
#include "auth/radius_client.h"
#include "auth/secrets.h"
#include "auth/verify.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "policy/worker.h"

#define SECRETS_FILE_MAX	(4u << 20)	/* bytes */
#define AT_FILES_MAX		64		/* "@/path" secrets per load */
#define AT_FILE_MAX		4096

struct at_file {
	char		 path[256];
	bool		 asked;
	bool		 have;		/* answer arrived */
	bool		 ok;
	size_t		 len;
	uint8_t		*data;		/* sodium_malloc */
};

struct auth {
	struct msg_chan	*chan;
	struct secrets_db *db;
	struct lockout	*lo;
	struct lockout_conf loc;
	char		 server[64];
	size_t		 server_len;
	/* a load in progress */
	char		 fname[257];
	uint8_t		*buf;		/* file bytes, sodium_malloc */
	size_t		 buflen;
	struct at_file	 at[AT_FILES_MAX];
	size_t		 nat;
	bool		 discovering;
	struct rc	*rc;		/* the RADIUS client */
	struct dae	*dae;		/* the Disconnect/CoA server */
	struct auth_work *w;		/* sodium_malloc, once */
};

/*
 * A login's request, verdict and keys, in locked memory allocated once
 * and wiped after each use: a sodium_malloc per login (guard pages,
 * mprotect, mlock, munmap) was most of auth's CPU time per login.  One
 * of each is enough: auth handles one message at a time, and a verdict
 * (res, keys) never nests inside another.
 */
struct auth_work {
	struct auth_req		req;
	struct auth_res		res;
	struct m_session_keys	keys;
};

static void
discard_sink(int prio, enum log_fac fac, const char *line)
{
}

/* "@/path" secrets: served from what master sent us. */
static int
at_read(void *arg, const char *path, uint8_t *buf, size_t cap, size_t *len)
{
	struct auth *a = arg;
	size_t i;

	*len = 0;
	for (i = 0; i < a->nat; i++)
		if (strcmp(a->at[i].path, path) == 0)
			break;
	if (i == a->nat) {
		if (!a->discovering || a->nat == AT_FILES_MAX ||
		    strlen(path) >= sizeof(a->at[0].path))
			return HP_E_NOTFOUND;
		memset(&a->at[i], 0, sizeof(a->at[i]));
		memcpy(a->at[i].path, path, strlen(path) + 1);
		a->nat++;
		return HP_E_AGAIN;
	}
	if (!a->at[i].have || !a->at[i].ok)
		return HP_E_NOTFOUND;
	if (a->at[i].len > cap)
		return HP_E_LONG;
	memcpy(buf, a->at[i].data, a->at[i].len);
	*len = a->at[i].len;
	return HP_OK;
}

static void
load_clear(struct auth *a)
{
	size_t i;

	for (i = 0; i < a->nat; i++)
		if (a->at[i].data != NULL)
			sodium_free(a->at[i].data);
	memset(a->at, 0, sizeof(a->at));
	a->nat = 0;
	if (a->buf != NULL)
		sodium_free(a->buf);
	a->buf = NULL;
	a->buflen = 0;
}

/* Tell master each static address, so the pool keeps it for its user. */
static void
send_statics(struct auth *a)
{
	const struct secret_entry *e;
	struct m_static_addr m;
	uint32_t addr;
	size_t i;

	for (i = 0; (e = secrets_entry(a->db, i)) != NULL; i++) {
		if (secrets_static_addr(&e->addrs, &addr) != HP_OK ||
		    addr == 0 || e->client_len == 0 ||
		    e->client_len > AUTH_NAME_MAX ||
		    (e->client_len == 1 && e->client[0] == '*'))
			continue;
		memset(&m, 0, sizeof(m));
		m.addr = htonl(addr);
		m.name_len = (uint16_t)e->client_len;
		memcpy(m.name, e->client, e->client_len);
		if (memchr(m.name, '\0', m.name_len) != NULL)
			continue;
		(void)msg_send(a->chan, MSG_STATIC_ADDR, 0, &m, sizeof(m), -1);
	}
}

static void
load_finish(struct auth *a)
{
	struct secrets_stats st;
	struct secrets_db *db = NULL;
	struct m_secrets_loaded l;
	int r;

	memset(&st, 0, sizeof(st));
	r = secrets_parse(a->fname, a->buf, a->buflen, at_read, a, &db, &st);
	if (r == HP_OK) {
		if (a->db != NULL)
			secrets_free(a->db);	/* live sessions hold no entry */
		a->db = db;
		send_statics(a);
	} else if (a->db != NULL)
		log_warnx("%s: not loaded (%s); keeping the previous secrets",
		    a->fname, hp_strerror(r));
	memset(&l, 0, sizeof(l));
	l.entries = r == HP_OK ? (uint32_t)st.valid : 0;
	l.errors = (uint32_t)st.bad;
	(void)msg_send(a->chan, MSG_SECRETS_LOADED, 0, &l, sizeof(l), -1);
	load_clear(a);
}

static bool
load_waiting(const struct auth *a)
{
	size_t i;

	for (i = 0; i < a->nat; i++)
		if (!a->at[i].have)
			return true;
	return false;
}

static int
read_all(int fd, struct auth *a)
{
	size_t cap = 65536;
	ssize_t n;
	uint8_t *nb;

	if ((a->buf = sodium_malloc(cap)) == NULL)
		return HP_E_NOMEM;
	for (;;) {
		if (a->buflen == cap) {
			if (cap >= SECRETS_FILE_MAX)
				return HP_E_LONG;
			if ((nb = sodium_malloc(cap * 2)) == NULL)
				return HP_E_NOMEM;
			memcpy(nb, a->buf, a->buflen);
			sodium_free(a->buf);
			a->buf = nb;
			cap *= 2;
		}
		n = read(fd, a->buf + a->buflen, cap - a->buflen);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return HP_E_SYS;
		if (n == 0)
			return HP_OK;
		a->buflen += (size_t)n;
	}
}

static void
auth_on_secrets(void *arg, void *unused, struct msg *msg)
{
	const struct m_secrets *s = (const void *)msg->data;
	struct auth *a = arg;
	struct secrets_db *probe = NULL;
	struct secrets_stats st;
	size_t i;
	int r;

	load_clear(a);
	memcpy(a->fname, s->name, s->name_len);
	a->fname[s->name_len] = '\0';
	if ((r = read_all(msg->fd, a)) != HP_OK) {
		struct m_secrets_loaded l;

		log_warnx("%s: cannot read: %s", a->fname, hp_strerror(r));
		load_clear(a);
		/* master waits for an answer to every load: none loaded */
		memset(&l, 0, sizeof(l));
		(void)msg_send(a->chan, MSG_SECRETS_LOADED, 0, &l, sizeof(l),
		    -1);
		return;
	}
	/* a silent first pass finds the "@/path" files master must open */
	a->discovering = true;
	log_set_sink(discard_sink);
	(void)secrets_parse(a->fname, a->buf, a->buflen, at_read, a, &probe,
	    &st);
	worker_log_restore();
	a->discovering = false;
	if (probe != NULL)
		secrets_free(probe);
	for (i = 0; i < a->nat; i++) {
		struct m_secret_file_req q;

		memset(&q, 0, sizeof(q));
		q.path_len = (uint16_t)msg_strcpy(q.path, sizeof(q.path),
		    a->at[i].path);
		a->at[i].asked = true;
		(void)msg_send(a->chan, MSG_SECRET_FILE_REQ, 0, &q, sizeof(q),
		    -1);
	}
	if (!load_waiting(a))
		load_finish(a);
}

static void
auth_on_secret_file(void *arg, void *unused, struct msg *msg)
{
	const struct m_secret_file *f = (const void *)msg->data;
	struct auth *a = arg;
	struct at_file *at = NULL;
	ssize_t n;
	size_t i;

	for (i = 0; i < a->nat; i++)
		if (a->at[i].asked && !a->at[i].have &&
		    strlen(a->at[i].path) == f->path_len &&
		    memcmp(a->at[i].path, f->path, f->path_len) == 0)
			at = &a->at[i];
	if (at == NULL)
		return;			/* a load was replaced meanwhile */
	at->have = true;
	if (f->status == HP_OK && msg->fd != -1 &&
	    (at->data = sodium_malloc(AT_FILE_MAX)) != NULL) {
		do {
			n = read(msg->fd, at->data + at->len,
			    AT_FILE_MAX - at->len);
			if (n > 0)
				at->len += (size_t)n;
		} while ((n > 0 || (n == -1 && errno == EINTR)) &&
		    at->len < AT_FILE_MAX);
		at->ok = n == 0;
	}
	if (!load_waiting(a))
		load_finish(a);
}

static void
auth_on_config(void *arg, void *unused, struct msg *msg)
{
	const struct m_auth_config *c = (const void *)msg->data;
	struct auth *a = arg;
	struct lockout_conf lc;

	lockout_conf_default(&lc);
	lc.max_failures = c->lockout_failures == 0xffffffffu ? 0 :
	    c->lockout_failures;
	lc.window_ms = (uint64_t)c->lockout_window * 1000;
	lc.lock_ms = (uint64_t)(c->lockout_time ? c->lockout_time : 1) * 1000;
	memcpy(a->server, c->name, c->name_len);
	a->server_len = c->name_len;
	log_set_verbose(c->verbose);
	/* keep the failure history unless the rules changed */
	if (a->lo != NULL && memcmp(&lc, &a->loc, sizeof(lc)) == 0)
		return;
	if (a->lo != NULL)
		lockout_destroy(a->lo);
	a->loc = lc;
	if ((a->lo = lockout_create(&lc)) == NULL)
		fatalx("lockout: bad configuration from master");
}

#ifdef HP_TEST_HOOKS
/*
 * Test builds only (tests/security/t_redteam.sh): a compromised auth,
 * the real code in the real sandbox.  HP_EVIL_AUTH=addr=A.B.C.D[,user=N]
 * (passed on by master in test builds): every ok verdict (for user N
 * only, if given) names the static address A.B.C.D, whatever
 * chap-secrets says.
 */
static void
evil_result(struct m_auth_result *r, const struct auth_req *q)
{
	const char *e = getenv("HP_EVIL_AUTH"), *u;
	char ip[INET_ADDRSTRLEN];
	struct in_addr a;
	size_t n;

	if (!r->ok || e == NULL || strncmp(e, "addr=", 5) != 0)
		return;
	n = strcspn(e + 5, ",");
	if (n >= sizeof(ip))
		return;
	memcpy(ip, e + 5, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &a) != 1)
		return;
	if ((u = strstr(e, ",user=")) != NULL && (strlen(u + 6) !=
	    q->user_len || memcmp(u + 6, q->user, q->user_len) != 0))
		return;
	r->addr_kind = AA_STATIC;
	r->static_ip = a.s_addr;
	r->nrules = 0;
	memset(r->rules, 0, sizeof(r->rules));
}
#endif

/* A verdict to master: the result, then the keys (for gre only). */
static void
send_result(struct auth *a, const struct auth_req *req,
    const struct auth_res *res)
{
	struct m_auth_result r;
	struct m_session_keys *k;

	memset(&r, 0, sizeof(r));
	r.ok = res->ok;
	r.reason = (uint8_t)res->reason;
	r.msg_len = (uint8_t)(res->message_len < sizeof(r.msg) ?
	    res->message_len : sizeof(r.msg) - 1);
	memcpy(r.msg, res->message, r.msg_len);
	if (res->ok) {
		r.addr_kind = (uint8_t)res->addr_kind;
		if (res->addr_kind == AA_STATIC)
			r.static_ip = htonl(res->fixed_addr);
		if (res->addr_kind == AA_LIST) {
			r.nrules = res->addrs.nrules;
			memcpy(r.rules, res->addrs.rule,
			    r.nrules * sizeof(r.rules[0]));
		}
		r.has_keys = res->have_keys;
	}
#ifdef HP_TEST_HOOKS
	evil_result(&r, req);
#endif
	(void)msg_send(a->chan, MSG_AUTH_RESULT, req->sid, &r, sizeof(r), -1);
	if (res->ok && res->have_keys) {
		k = &a->w->keys;
		memcpy(k->send, res->send_key, sizeof(k->send));
		memcpy(k->recv, res->recv_key, sizeof(k->recv));
		(void)msg_send(a->chan, MSG_SESSION_KEYS, req->sid, k,
		    sizeof(*k), -1);
		sodium_memzero(k, sizeof(*k));
	}
}

/* chap-secrets decides (db NULL: every user unknown). */
static void
verify_local(struct auth *a, struct secrets_db *db, const struct auth_req *req)
{
	struct auth_res *res = &a->w->res;

	memset(res, 0, sizeof(*res));
	if (auth_verify(db, a->lo, req, now_ms(), res) != HP_OK)
		fatalx("master forwarded a malformed auth request");
	if (res->ok)
		rc_acct_login(a->rc, req, NULL, false);
	send_result(a, req, res);
	sodium_memzero(res, sizeof(*res));
}

static void
radius_audit(const struct auth_req *q, bool ok, const char *why)
{
	char user[65], peer[AUTH_PEER_STRLEN];

	log_sanitize(user, sizeof(user), q->user, q->user_len);
	auth_peer_format(&q->peer, peer, sizeof(peer));
	if (ok)
		log_audit_auth("event=auth-ok sid=0x%x user=\"%s\" peer=%s "
		    "method=%s source=radius", q->sid, user, peer,
		    auth_method_name(q->method));
	else
		log_audit_auth("event=auth-fail sid=0x%x user=\"%s\" peer=%s "
		    "method=%s reason=%s", q->sid, user, peer,
		    auth_method_name(q->method), why);
}

/* What the server's answer grants, as chap-secrets' would. */
static void
radius_grant(struct auth *a, const struct auth_req *req,
    struct radius_verdict *v)
{
	struct m_radius_reply rr;
	struct auth_res *res = &a->w->res;

	memset(res, 0, sizeof(*res));
	res->ok = true;
	res->reason = AUTH_R_OK;
	memcpy(res->message, v->message, v->message_len);
	res->message_len = v->message_len;
	res->addr_kind = v->addr_kind;
	res->fixed_addr = ntohl(v->addr);
	res->have_keys = v->have_keys;
	memcpy(res->send_key, v->send_key, sizeof(res->send_key));
	memcpy(res->recv_key, v->recv_key, sizeof(res->recv_key));
	memset(&rr, 0, sizeof(rr));
	rr.session_timeout_s = v->session_timeout_s;
	rr.idle_timeout_s = v->idle_timeout_s;
	rr.mppe = v->mppe;
	rr.has_rate = v->have_rate;
	rr.down_bps = v->down_bps;
	rr.up_bps = v->up_bps;
	memcpy(rr.dns, v->dns, sizeof(rr.dns));
	memcpy(rr.nbns, v->nbns, sizeof(rr.nbns));
	rr.netmask = v->netmask;
	rr.mtu = v->mtu;
	rr.pool_len = v->pool_len;
	memcpy(rr.pool, v->pool, v->pool_len);
	rr.nroutes = v->nroutes;
	memcpy(rr.routes, v->routes, sizeof(rr.routes));
	rr.has_prefix6 = v->have_prefix6;
	memcpy(rr.prefix6, v->prefix6, sizeof(rr.prefix6));
	if (v->delegated6)
		log_warnx("sid=0x%x: Delegated-IPv6-Prefix ignored: hpptpd "
		    "does no DHCPv6 prefix delegation (Framed-IPv6-Prefix "
		    "gives a user's /64)", req->sid);
	if (v->routes_refused > 0) {
		char txt[sizeof(v->route_bad) + 1];

		log_sanitize(txt, sizeof(txt), (const char *)v->route_bad,
		    v->route_bad_len);
		log_warnx("sid=0x%x: %u Framed-Route attribute(s) refused, "
		    "the first \"%s\": %s", req->sid, v->routes_refused,
		    txt, v->route_why);
	}
	(void)msg_send(a->chan, MSG_RADIUS_REPLY, req->sid, &rr, sizeof(rr),
	    -1);
	rc_acct_login(a->rc, req, v, true);
	send_result(a, req, res);
	sodium_memzero(res, sizeof(*res));
}

/* The RADIUS client's answer to a login (rc_done_fn). */
static void
auth_radius_done(void *arg, const struct auth_req *req,
    struct radius_verdict *v)
{
	struct auth *a = arg;
	struct auth_res res;
	uint64_t now = now_ms();

	switch (v->outcome) {
	case RO_ACCEPT:
		radius_audit(req, true, NULL);
		lockout_success(a->lo, req->user, req->user_len, &req->peer,
		    now);
		radius_grant(a, req, v);
		return;
	case RO_UNREACHABLE:
		if (rc_file_fallback(a->rc)) {
			log_warnx("sid=0x%x: no RADIUS server answered: "
			    "chap-secrets decides", req->sid);
			verify_local(a, a->db, req);
			return;
		}
		break;
	case RO_REJECT:
		/* only the server's no counts against the user */
		(void)lockout_fail(a->lo, req->user, req->user_len,
		    &req->peer, now);
		break;
	}
	radius_audit(req, false, v->why);
	memset(&res, 0, sizeof(res));
	res.reason = AUTH_R_BAD_RESPONSE;
	memcpy(res.message, v->message, v->message_len);
	res.message_len = v->message_len;
	send_result(a, req, &res);
}

/* No slot for another login in flight: as if no server answered. */
static void
radius_busy(struct auth *a, const struct auth_req *req)
{
	struct radius_verdict v;

	memset(&v, 0, sizeof(v));
	v.outcome = RO_UNREACHABLE;
	v.why = "radius-busy";
	radius_auth_fail_message(req, &v);
	auth_radius_done(a, req, &v);
}

static void
auth_on_check(void *arg, void *unused, struct msg *msg)
{
	const struct m_auth_check *c = (const void *)msg->data;
	struct auth *a = arg;
	struct auth_req *req;
	uint64_t until;
	int r;

	if (a->lo == NULL)
		fatalx("auth request before configuration");
	req = &a->w->req;
	memset(req, 0, sizeof(*req));
	req->sid = msg->hdr.sid;
	req->method = c->req.method;
	req->chap_id = c->req.ident;
	req->user_len = c->req.name_len;
	memcpy(req->user, c->req.name, c->req.name_len);
	req->server_len = (uint16_t)a->server_len;
	memcpy(req->server, a->server, a->server_len);
	req->peer.family = c->peer.family == 6 ? AF_INET6 : AF_INET;
	memcpy(req->peer.addr, c->peer.addr, sizeof(req->peer.addr));
	req->chal_len = c->req.chal_len;
	memcpy(req->chal, c->req.chal, c->req.chal_len);
	req->resp_len = c->req.resp_len;
	memcpy(req->resp, c->req.resp, c->req.resp_len);
	/*
	 * RADIUS answers unless the user or source is locked out or the
	 * request cannot be put into an Access-Request: then auth_verify
	 * says so (against no user at all when RADIUS is the only source).
	 */
	if (!rc_for_logins(a->rc))
		verify_local(a, a->db, req);
	else if (lockout_check(a->lo, req->user, req->user_len, &req->peer,
	    now_ms(), &until) != 0 ||
	    (r = rc_auth_start(a->rc, req)) == HP_E_FIELD)
		verify_local(a, NULL, req);
	else if (r != HP_OK)
		radius_busy(a, req);	/* every login slot in flight */
	sodium_memzero(req, sizeof(*req));
}

static void
auth_on_radius_config(void *arg, void *unused, struct msg *msg)
{
	const struct m_radius_config *c = (const void *)msg->data;
	struct auth *a = arg;

	rc_config(a->rc, c);
	if (c->acct_on)
		rc_acct_onoff(a->rc, RADIUS_ACCT_ON);
}

static void
auth_on_radius_server(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_server(a->rc, (const void *)msg->data, msg->fd);
	msg->fd = -1;		/* read and closed */
}

static void
auth_on_radius_socket(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_socket(a->rc, (const void *)msg->data, msg->fd);
	msg->fd = -1;		/* the client's now */
}

static void
auth_on_acct_start(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_acct_start(a->rc, msg->hdr.sid, (const void *)msg->data);
}

static void
auth_on_acct_resume(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_acct_resume(a->rc, msg->hdr.sid, (const void *)msg->data);
}

static void
auth_on_acct_counters(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_acct_counters(a->rc, msg->hdr.sid, (const void *)msg->data);
}

/* A clean stop: the Stops master just sent, then Accounting-Off, now. */
static void
auth_on_acct_off(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_acct_onoff(a->rc, RADIUS_ACCT_OFF);
	rc_timers(a->rc, now_ms());
}

static void
auth_on_acct_stop(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	rc_acct_stop(a->rc, msg->hdr.sid, (const void *)msg->data);
}

static void
auth_on_dae_config(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	dae_config(a->dae, (const void *)msg->data);
}

static void
auth_on_dae_client(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	dae_client(a->dae, (const void *)msg->data, msg->fd);
	msg->fd = -1;		/* read and closed */
}

static void
auth_on_dae_socket(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	dae_socket(a->dae, msg->fd);
	msg->fd = -1;		/* the server's now */
}

static void
auth_on_dae_done(void *arg, void *unused, struct msg *msg)
{
	struct auth *a = arg;

	dae_done(a->dae, msg->hdr.sid, (const void *)msg->data);
}

/* Every message is wiped: requests carry passwords and responses. */
static const struct worker_handler auth_rows[MSG_NTYPES] = {
	[MSG_AUTH_CONFIG] =	{ auth_on_config, WH_WIPE },
	[MSG_SECRETS] =		{ auth_on_secrets, WH_WIPE },
	[MSG_SECRET_FILE] =	{ auth_on_secret_file, WH_WIPE },
	[MSG_AUTH_CHECK] =	{ auth_on_check, WH_WIPE },
	[MSG_TEST_SYSCALL] =	{ worker_on_test, WH_WIPE },
	[MSG_RADIUS_CONFIG] =	{ auth_on_radius_config, 0 },
	[MSG_RADIUS_SERVER] =	{ auth_on_radius_server, 0 },
	[MSG_RADIUS_SOCKET] =	{ auth_on_radius_socket, 0 },
	[MSG_ACCT_START] =	{ auth_on_acct_start, 0 },
	[MSG_ACCT_COUNTERS] =	{ auth_on_acct_counters, 0 },
	[MSG_ACCT_STOP] =	{ auth_on_acct_stop, 0 },
	[MSG_ACCT_RESUME] =	{ auth_on_acct_resume, 0 },
	[MSG_ACCT_OFF] =	{ auth_on_acct_off, 0 },
	[MSG_DAE_CONFIG] =	{ auth_on_dae_config, 0 },
	[MSG_DAE_CLIENT] =	{ auth_on_dae_client, 0 },
	[MSG_DAE_SOCKET] =	{ auth_on_dae_socket, 0 },
	[MSG_DAE_DONE] =	{ auth_on_dae_done, 0 },
};

static const struct worker_disp auth_disp = {
	.id = P_AUTH, .rows = auth_rows,
};

int
main(int argc, char *argv[])
{
	static struct auth A;
	struct msg_chan chan;
	struct epoll_event ev[16];
	struct msg *msg;
	int ep, n, i, wait, d;

	ep = worker_start(&auth_disp, argc, argv, &chan);
	if ((msg = sodium_malloc(sizeof(*msg))) == NULL ||
	    (A.w = sodium_malloc(sizeof(*A.w))) == NULL)
		fatalx("out of locked memory");
	A.chan = &chan;
	A.rc = rc_create(ep, &chan, auth_radius_done, &A);
	A.dae = dae_create(ep, &chan, A.rc);
	memset(ev, 0, sizeof(ev));
	ev[0].events = EPOLLIN;
	ev[0].data.u32 = 0;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, chan.fd, &ev[0]) == -1)
		fatal("epoll_ctl");
	for (;;) {
		if (msg_pending(&chan))
			(void)msg_flush(&chan);
		/* never longer than the next RADIUS deadline */
		wait = rc_next_ms(A.rc, now_ms());
		if ((d = dae_next_ms(A.dae, now_ms())) >= 0 &&
		    (wait == -1 || d < wait))
			wait = d;
		if (msg_pending(&chan) && (wait == -1 || wait > 10))
			wait = 10;
		if ((n = epoll_wait(ep, ev, 16, wait)) == -1 && errno != EINTR)
			fatal("epoll_wait");
		for (i = 0; i < n; i++)
			if (ev[i].data.u32 == DAE_EP_TAG)
				dae_readable(A.dae);
			else if (ev[i].data.u32 >= RC_EP_TAG)
				rc_readable(A.rc, ev[i].data.u32);
		worker_recv(&auth_disp, &A, &chan, msg);
		rc_timers(A.rc, now_ms());
		dae_timers(A.dae, now_ms());
	}
}
