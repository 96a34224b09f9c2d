/*
 * hpptpd auth: the RADIUS client's sends, below both kinds of request
 * (logins, radius_client.c; accounting, radius_acct.c): which server
 * and Identifier a request goes to next, the write to that server's
 * connected socket, a server marked dead after its last try or alive
 * again with its round-trip time.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <unistd.h>

#include "auth/radius_client_local.h"
#include "common/log.h"

const char *
rc_srv_name(const struct rc_server *s, int kind, char *buf, size_t len)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &s->addr, a, sizeof(a));
	(void)snprintf(buf, len, "%s:%s", a, kind == RADIUS_SOCK_AUTH ?
	    "auth" : "acct");
	return buf;
}

static bool
srv_usable(const struct rc_server *s, int kind)
{
	return s->used && s->fd[kind][0] != -1;
}

/*
 * The next server for x, in the configured order: the first not yet
 * tried and alive; when all are dead, the first not yet tried (a dead
 * mark orders, it never leaves a request with nowhere to go).  Then an
 * Identifier on that server's socket.  -1: none left (or no id free).
 */
int
rc_pick(struct rc *rc, struct rc_xmit *x, int kind, uint32_t owner,
    uint64_t now)
{
	struct rc_server *s;
	int i, pass, k, id = -1;

	x->server = -1;
	for (pass = 0; pass < 2 && x->server == -1; pass++)
		for (i = 0; i < rc->cf.nservers && x->server == -1; i++) {
			s = &rc->srv[i];
			if (!srv_usable(s, kind) || (x->tried & (1u << i)) ||
			    (pass == 0 && s->dead_until > now))
				continue;
			x->server = i;
		}
	if (x->server == -1)
		return -1;
	s = &rc->srv[x->server];
	/* round the Identifiers of every socket master gave (RC_SOCKS) */
	for (k = 0; k < RC_SOCKS * RC_IDS && id == -1; k++) {
		if (s->fd[kind][s->next_id[kind] / RC_IDS] != -1 &&
		    s->owner[kind][s->next_id[kind]] == 0)
			id = s->next_id[kind];
		s->next_id[kind] = (uint16_t)((s->next_id[kind] + 1) %
		    (RC_SOCKS * RC_IDS));
	}
	if (id == -1) {
		x->server = -1;
		return -1;
	}
	s->owner[kind][id] = owner;
	x->id = id;
	x->tries = 0;
	x->t_sent = now;
	return x->server;
}

void
rc_release(struct rc *rc, struct rc_xmit *x, int kind)
{
	if (x->server >= 0 && x->id >= 0)
		rc->srv[x->server].owner[kind][x->id] = 0;
	x->server = -1;
	x->id = -1;
}

bool
rc_send(struct rc *rc, const struct rc_xmit *x, int kind, const uint8_t *pkt,
    size_t len)
{
	ssize_t n;

	/* a connected UDP socket: write(2), already in the base list */
	n = write(rc->srv[x->server].fd[kind][x->id / RC_IDS], pkt, len);
	return n == (ssize_t)len;
}

void
rc_server_failed(struct rc *rc, int server, uint64_t now)
{
	struct rc_server *s = &rc->srv[server];
	char name[48];

	s->st.timeouts++;
	s->st_dirty = true;
	if (s->dead_until > now)
		return;
	s->dead_until = now + (uint64_t)rc->cf.deadtime_s * 1000;
	log_warnx("radius server %s: no answer after %u tries; marked dead "
	    "for %us", rc_srv_name(s, 0, name, sizeof(name)), s->retries,
	    rc->cf.deadtime_s);
}

void
rc_rtt(struct rc_server *s, uint64_t now, uint64_t t_sent)
{
	s->st.rtt_ms_sum += now - t_sent;
	s->st.rtt_n++;
	s->dead_until = 0;
	s->st_dirty = true;
}
