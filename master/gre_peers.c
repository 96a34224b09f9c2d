/*
 * hpptpd master: each gre data worker's list of the other workers'
 * clients (MSG_GRE_PEER).  A worker sees only its own sessions, so
 * without it "client-to-client no" would hold within a shard and not
 * across: a packet for another worker's client would leave through the
 * tun and the kernel would route it to that worker's device.
 */
#include <string.h>

#include "common/msg.h"
#include "master/gre_peers.h"
#include "master/master.h"
#include "master/send.h"
#include "master/session_defs.h"

static void
tell(struct master *m, unsigned int k, uint32_t addr, uint8_t op)
{
	struct m_gre_peer p;

	memset(&p, 0, sizeof(p));
	p.addr = addr;
	p.op = op;
	(void)send_gre_peer(m, k, &p);
}

void
gre_peers_add(struct master *m, struct msess *s)
{
	unsigned int k;

	if (m->ngre < 2 || s->ip.s_addr == 0 || s->gre_peer)
		return;
	for (k = 0; k < m->ngre; k++)
		if (k != s->gre)
			tell(m, k, s->ip.s_addr, GRE_PEER_ADD);
	s->gre_peer = true;
}

void
gre_peers_del(struct master *m, struct msess *s)
{
	unsigned int k;

	if (!s->gre_peer)
		return;
	for (k = 0; k < m->ngre; k++)
		if (k != s->gre)
			tell(m, k, s->ip.s_addr, GRE_PEER_DEL);
	s->gre_peer = false;
}

/*
 * A data worker (re)started or reloaded: the other shards' clients.
 * The table is read here, not through sess_foreach(): master/session.c
 * calls this file, and a call back would close a circle.
 */
void
gre_peers_resend(struct master *m, unsigned int k)
{
	uint32_t i;

	if (m->ngre < 2)
		return;
	for (i = 0; i < m->nsess_top; i++) {
		const struct msess *s = &m->sess[i];

		if (s->state != MS_FREE && s->gre_peer && s->gre != k)
			tell(m, k, s->ip.s_addr, GRE_PEER_ADD);
	}
}
