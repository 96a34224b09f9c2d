/*
 * hpptpd master: what each worker is told when it is ready, and again
 * on a reload -- its part of the configuration and the descriptors it
 * works on (procs[]'s on_ready in master/main.c).
 */
#include <string.h>

#include "common/msg_io.h"
#include "master/dae.h"
#include "master/gre_peers.h"
#include "master/master.h"
#include "master/radius.h"
#include "master/secrets_load.h"
#include "master/send.h"
#include "master/worker_conf.h"

uint32_t
worker_conf_auth_bits(unsigned int a)
{
	uint32_t b = 0;

	if (a & CONF_AUTH_PAP)
		b |= AM_BIT(AM_PAP);
	if (a & CONF_AUTH_CHAP)
		b |= AM_BIT(AM_CHAP_MD5);
	if (a & CONF_AUTH_MSCHAP)
		b |= AM_BIT(AM_MSCHAP1);
	if (a & CONF_AUTH_MSCHAPV2)
		b |= AM_BIT(AM_MSCHAP2);
	return b;
}

uint32_t
worker_conf_mppe(const struct hp_conf *c)
{
	uint32_t p = 0;

	if (c->mppe == CONF_MPPE_NONE)
		return 0;
	if (c->mppe_keys & CONF_MPPE_40)
		p |= MPPE_ALLOW_40;
	if (c->mppe_keys & CONF_MPPE_56)
		p |= MPPE_ALLOW_56;
	if (c->mppe_keys & CONF_MPPE_128)
		p |= MPPE_ALLOW_128;
	if (c->mppe == CONF_MPPE_REQUIRED)
		p |= MPPE_REQUIRED;
	if (c->mppe_stateful)
		p |= MPPE_ALLOW_STATEFUL;
	return p;
}

static uint16_t
clamp16(uint32_t v)
{
	return v > 0xffff ? 0xffff : (uint16_t)v;
}

void
worker_conf_ctrl(const struct hp_conf *c, struct m_ctrl_config *m)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->auth_methods = worker_conf_auth_bits(c->auth);
	m->mppe = worker_conf_mppe(c);
	m->local_ip = c->local_addr.s_addr;
	for (i = 0; i < c->ndns && i < 2; i++)
		m->dns[i] = c->dns[i].s_addr;
	for (i = 0; i < c->nwins && i < 2; i++)
		m->wins[i] = c->wins[i].s_addr;
	m->mru = c->mru;
	m->mtu = c->mtu;
	m->lcp_echo_interval = clamp16(c->lcp_echo_interval_s);
	m->lcp_echo_failures = clamp16(c->lcp_echo_failure);
	m->ctrl_echo_interval = clamp16(c->pptp_echo_interval_s);
	m->sccrq_timeout = clamp16(c->sccrq_timeout_s);
	m->setup_timeout = clamp16(c->ppp_timeout_s);
	m->calls_per_conn = clamp16(c->calls_per_ctrl ? c->calls_per_ctrl : 1);
	m->max_conns = clamp16(c->max_connections);
	for (i = 0; i < c->nroutes && i < MAX_ROUTES; i++) {
		m->routes[i].addr = c->routes[i].addr.s_addr;
		m->routes[i].plen = c->routes[i].len;
	}
	m->nroutes = (uint8_t)i;
	m->name_len = (uint8_t)msg_strcpy(m->name, sizeof(m->name),
	    c->server_name);
	m->domain_len = (uint8_t)msg_strcpy(m->domain, sizeof(m->domain),
	    c->domain);
	m->verbose = (uint8_t)(c->verbose > 9 ? 9 : c->verbose);
}

void
worker_conf_ctrl6(const struct hp_conf *c, struct m_ctrl_config6 *m)
{
	unsigned i;

	memset(m, 0, sizeof(*m));
	m->ipv6 = c->ipv6;
	memcpy(m->ifid_local, c->ipv6_ifid_local, IFID_LEN);
	memcpy(m->ifid_remote, c->ipv6_ifid_remote, IFID_LEN);
	_Static_assert(CONF_MAX_DNS6 == DNS6_MAX, "dns6");
	_Static_assert(CONF_MAX_ROUTES6 == ROUTES6_MAX, "push-route6");
	m->ndns6 = (uint8_t)c->ndns6;
	for (i = 0; i < c->ndns6; i++)
		memcpy(m->dns6[i], &c->dns6[i], 16);
	m->nroutes6 = (uint8_t)c->nroutes6;
	for (i = 0; i < c->nroutes6; i++) {
		memcpy(m->routes6[i].prefix, &c->routes6[i].addr, 16);
		m->routes6[i].plen = c->routes6[i].len;
	}
}

void
worker_conf_send_ctrl(struct master *m, unsigned int slot)
{
	struct m_ctrl_config cc;
	struct m_ctrl_config6 c6;

	worker_conf_ctrl(&m->conf, &cc);
	(void)send_ctrl_config(m, &cc);
	worker_conf_ctrl6(&m->conf, &c6);
	(void)send_ctrl_config6(m, &c6);
}

/* Data worker k: the common configuration, its shard's socket and tun. */
void
worker_conf_send_gre(struct master *m, unsigned int slot)
{
	unsigned int k = m->procs[slot].shard;
	struct m_gre_config gc;

	memset(&gc, 0, sizeof(gc));
	gc.local_ip = m->conf.local_addr.s_addr;
	gc.max_sessions = m->nsess_max;
	gc.mtu = m->conf.mtu;
	gc.mss_adjust = m->conf.tcp_mss_adjust;
	gc.reorder_ms = (uint16_t)m->conf.gre_reorder_ms;
	gc.reorder_win = (uint8_t)m->conf.gre_reorder_window;
	gc.client_to_client = m->conf.client_to_client;
	gc.verbose = (uint8_t)(m->conf.verbose > 9 ? 9 : m->conf.verbose);
	(void)send_gre_config(m, k, &gc);
	(void)send_gre_socket(m, k, m->gre_dev[k].gre_fd,
	    m->gre_dev[k].gre_ring);
	if (m->gre_dev[k].send_fd != -1)
		(void)send_gre_send_socket(m, k, m->gre_dev[k].send_fd);
	if (m->gre_dev[k].gre6_fd != -1)
		(void)send_gre_socket6(m, k, m->gre_dev[k].gre6_fd);
	(void)send_tun_device(m, k, m->gre_dev[k].tun_fd,
	    m->gre_dev[k].tun_vnet);
	gre_peers_resend(m, k);
}

void
worker_conf_send_auth(struct master *m, unsigned int slot)
{
	struct m_auth_config ac;

	memset(&ac, 0, sizeof(ac));
	ac.lockout_failures = m->conf.lockout_failures ?
	    m->conf.lockout_failures : 0xffffffffu;
	ac.lockout_window = m->conf.lockout_window_s ?
	    m->conf.lockout_window_s : 1;
	ac.lockout_time = m->conf.lockout_time_s;
	ac.name_len = (uint8_t)msg_strcpy(ac.name, sizeof(ac.name),
	    m->conf.server_name);
	ac.verbose = (uint8_t)(m->conf.verbose > 9 ? 9 : m->conf.verbose);
	(void)send_auth_config(m, &ac);
	radius_send_config(m);
	dae_send_config(m);
	secrets_load_start(m);
}
