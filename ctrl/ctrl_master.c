/*
 * hpptpd ctrl worker: what master tells ctrl.  Each message has a
 * named handler in ctrl_rows, walked by worker_dispatch(); those that
 * name a session find its connection first, and afterwards its timers
 * are re-armed and closed connections reaped (ctrl_done).
 */
#include <sys/types.h>
#include <arpa/inet.h>

#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "ctrl/ctrl.h"
#include "ctrl/ctrl_local.h"
#include "ctrl/http.h"
#include "policy/worker.h"

/* IPv6 settings into the PPP config; either message may come first. */
static void
ctrl_apply_config6(struct ctrl *c, struct ppp_conf *p)
{
	unsigned i;

	p->ipv6 = c->cfg6.ipv6 != 0;
	memcpy(p->ipv6_local_ifid, c->cfg6.ifid_local, IFID_LEN);
	memcpy(p->ipv6_remote_ifid, c->cfg6.ifid_remote, IFID_LEN);
	_Static_assert(sizeof(p->dns6) == sizeof(c->cfg6.dns6), "dns6");
	_Static_assert(sizeof(p->routes6) / sizeof(p->routes6[0]) ==
	    ROUTES6_MAX, "routes6");
	p->ndns6 = c->cfg6.ndns6;
	memcpy(p->duid_uuid, c->duid_uuid, sizeof(p->duid_uuid));
	memcpy(p->dns6, c->cfg6.dns6, sizeof(p->dns6));
	p->nroutes6 = c->cfg6.nroutes6;
	for (i = 0; i < ROUTES6_MAX; i++) {
		memcpy(p->routes6[i].prefix, c->cfg6.routes6[i].prefix, 16);
		p->routes6[i].plen = c->cfg6.routes6[i].plen;
	}
}

static void
ctrl_on_config6(void *arg, void *unused, struct msg *msg)
{
	struct ctrl *c = arg;

	c->cfg6 = *(const struct m_ctrl_config6 *)(const void *)msg->data;
	ctrl_apply_config6(c, pppc_next(c));
}

static void
ctrl_on_config(void *arg, void *unused, struct msg *msg)
{
	const struct m_ctrl_config *m = (const void *)msg->data;
	struct ctrl *c = arg;
	struct ppp_conf *p = pppc_next(c);
	unsigned int i;

	c->cfg = *m;
	ppp_conf_defaults(p);
	p->auth_allowed = 0;
	if (m->auth_methods & AM_BIT(AM_PAP))
		p->auth_allowed |= PPP_AUTHF(PPP_AUTH_PAP);
	if (m->auth_methods & AM_BIT(AM_CHAP_MD5))
		p->auth_allowed |= PPP_AUTHF(PPP_AUTH_CHAP_MD5);
	if (m->auth_methods & AM_BIT(AM_MSCHAP1))
		p->auth_allowed |= PPP_AUTHF(PPP_AUTH_MSCHAP1);
	if (m->auth_methods & AM_BIT(AM_MSCHAP2))
		p->auth_allowed |= PPP_AUTHF(PPP_AUTH_MSCHAP2);
	memset(p->name, 0, sizeof(p->name));
	memcpy(p->name, m->name, m->name_len < sizeof(p->name) ?
	    m->name_len : sizeof(p->name) - 1);
	p->mru = m->mru;
	p->echo_interval = m->lcp_echo_interval;
	p->echo_failures = (uint8_t)(m->lcp_echo_failures > 255 ? 255 :
	    m->lcp_echo_failures);
	p->mppe_allowed = (uint8_t)(((m->mppe & MPPE_ALLOW_40) ?
	    PPP_MPPE_40 : 0) | ((m->mppe & MPPE_ALLOW_56) ? PPP_MPPE_56 : 0) |
	    ((m->mppe & MPPE_ALLOW_128) ? PPP_MPPE_128 : 0));
	p->mppe_required = (m->mppe & MPPE_REQUIRED) != 0;
	p->mppe_stateful = (m->mppe & MPPE_ALLOW_STATEFUL) != 0;
	p->local_ip = ntohl(m->local_ip);
	for (i = 0; i < 2; i++) {
		p->dns[i] = ntohl(m->dns[i]);
		p->wins[i] = ntohl(m->wins[i]);
	}
	p->netmask = ntohl(m->netmask);
	memset(p->domain, 0, sizeof(p->domain));
	memcpy(p->domain, m->domain, m->domain_len < sizeof(p->domain) ?
	    m->domain_len : sizeof(p->domain) - 1);
	p->nroutes = 0;
	for (i = 0; i < m->nroutes && i < PPP_MAX_ROUTES; i++) {
		p->routes[i].prefix = ntohl(m->routes[i].addr);
		p->routes[i].len = m->routes[i].plen;
		p->nroutes++;
	}
	p->dhcp_inform = true;
	ctrl_apply_config6(c, p);
	if (ppp_conf_check(p) != HP_OK)
		fatalx("master sent a PPP configuration ppp refuses");

	pptp_ctrl_conf_defaults(&c->pcc);
	c->pcc.max_calls = 1;
	if (m->sccrq_timeout)
		c->pcc.sccrq_timeout_ms = m->sccrq_timeout * 1000u;
	if (m->setup_timeout)
		c->pcc.setup_timeout_ms = m->setup_timeout * 1000u;
	/* 0: pptp-echo no (LCP echo still finds dead peers) */
	c->pcc.echo_idle_ms = m->ctrl_echo_interval * 1000u;
	if (!c->configured)
		ctrl_slots_init(c, m->max_conns);
	c->configured = true;
	log_set_verbose(m->verbose);
}


static void
ctrl_on_conn(void *arg, void *unused, struct msg *msg)
{
	conn_new(arg, msg->hdr.sid, msg->fd);
	msg->fd = -1;
}

/* A metrics scraper's connection (master's slot id), and its text. */
static void
ctrl_on_metrics_conn(void *arg, void *unused, struct msg *msg)
{
	struct ctrl *c = arg;
	const struct m_metrics_conn *mc = (const void *)msg->data;

	ctrl_http_on_conn(c->http, mc->id, msg->fd);
	msg->fd = -1;
}

static void
ctrl_on_metrics_data(void *arg, void *unused, struct msg *msg)
{
	struct ctrl *c = arg;

	ctrl_http_on_data(c->http, (const void *)msg->data);
}

static void
ctrl_on_ppp(void *arg, void *sess, struct msg *msg)
{
	struct conn *k = sess;

	if (k->ppp != NULL)
		(void)ppp_input(k->ppp, msg->data, msg->hdr.len, now_ms());
}

/* Master's go-ahead: gre has the call; here is the challenge. */
static void
ctrl_on_call_accept(void *arg, void *sess, struct msg *msg)
{
	const struct m_call_accept *a = (const void *)msg->data;
	struct conn *k = sess;
	uint64_t now = now_ms();

	if (k->ppp == NULL || k->accepted) {
		log_warnx("sid=0x%x: call accept without a call waiting",
		    k->sid);
		return;
	}
	k->accepted = true;
	ppp_set_challenge(k->ppp, a->chal);
	if (pptp_ctrl_call_accept(&k->pc, k->call_id, now) != HP_OK)
		return;		/* the call ended meanwhile */
	/* our LCP Configure-Request goes out after the OCRP */
	ppp_start(k->ppp, now);
}


_Static_assert(AUTH_MSG_MAX <= PPP_AUTH_MSG_MAX, "a verdict fits whole");

static void
ctrl_on_verdict(void *arg, void *sess, struct msg *msg)
{
	const struct m_auth_verdict *v = (const void *)msg->data;
	struct conn *k = sess;
	char text[AUTH_MSG_MAX + 1];

	memcpy(text, v->msg, v->msg_len);
	text[v->msg_len] = '\0';
	if (k->ppp != NULL)
		(void)ppp_auth_result(k->ppp, v->ok != 0, text,
		    ntohl(v->peer_ip));
}

/* The session's /64 (ipv6 pool), just before the verdict. */
static void
ctrl_on_prefix6(void *arg, void *sess, struct msg *msg)
{
	const struct m_prefix6 *r = (const void *)msg->data;
	struct conn *k = sess;

	if (k->ppp != NULL)
		ppp_set_prefix6(k->ppp, r->prefix);
}

/* A RADIUS user's DNS/NBNS/netmask: before the verdict that needs them. */
static void
ctrl_on_sess_opts(void *arg, void *sess, struct msg *msg)
{
	const struct m_ctrl_sess_opts *o = (const void *)msg->data;
	struct conn *k = sess;
	uint32_t dns[2], wins[2];
	unsigned int i;

	if (k->ppp == NULL)
		return;
	for (i = 0; i < 2; i++) {
		dns[i] = ntohl(o->dns[i]);
		wins[i] = ntohl(o->wins[i]);
	}
	ppp_set_sess_opts(k->ppp, dns, wins, ntohl(o->netmask));
}

static void
ctrl_on_kick(void *arg, void *sess, struct msg *msg)
{
	const struct m_kick *kk = (const void *)msg->data;
	struct conn *k = sess;

	/*
	 * gre's LCP echoes went unanswered: no goodbye can be acked.  PPP
	 * finishes at once, and its finished() ends the connection.
	 */
	if (kk->reason == SR_ECHO_TIMEOUT && k->ppp != NULL &&
	    !ppp_is_finished(k->ppp)) {
		ppp_link_dead(k->ppp);
		return;
	}
	conn_end(arg, sess, kk->reason, sess_reason_name(kk->reason));
}

/* The live connection of a session; one closing is as good as gone. */
static void *
ctrl_session(void *arg, uint32_t sid)
{
	struct conn *k = conn_by_sid(arg, sid);

	return k != NULL && !k->dead ? k : NULL;
}

static void
ctrl_done(void *arg, void *sess)
{
	conn_rearm(arg, sess, 0);
	ctrl_reap(arg);
}

static const struct worker_handler ctrl_rows[MSG_NTYPES] = {
	[MSG_CTRL_CONFIG] =	{ ctrl_on_config, 0 },
	[MSG_CTRL_CONFIG6] =	{ ctrl_on_config6, 0 },
	[MSG_CTRL_CONN] =	{ ctrl_on_conn, 0 },
	[MSG_TEST_SYSCALL] =	{ worker_on_test, 0 },
	[MSG_PPP_TO_CTRL] =	{ ctrl_on_ppp, WH_SESSION },
	[MSG_CALL_ACCEPT] =	{ ctrl_on_call_accept, WH_SESSION },
	[MSG_AUTH_VERDICT] =	{ ctrl_on_verdict, WH_SESSION },
	[MSG_CTRL_PREFIX6] =	{ ctrl_on_prefix6, WH_SESSION },
	[MSG_CTRL_SESS_OPTS] =	{ ctrl_on_sess_opts, WH_SESSION },
	[MSG_SESSION_KICK] =	{ ctrl_on_kick, WH_SESSION },
	[MSG_METRICS_CONN] =	{ ctrl_on_metrics_conn, 0 },
	[MSG_METRICS_DATA] =	{ ctrl_on_metrics_data, 0 },
};

const struct worker_disp ctrl_disp = {
	.id = P_CTRL, .rows = ctrl_rows, .session = ctrl_session,
	.done = ctrl_done,
};

void
ctrl_dispatch(struct ctrl *c, struct msg *msg)
{
	worker_dispatch(&ctrl_disp, c, msg);
}
