/* hpptpd master: the Disconnect/CoA listener and its clients' secrets. */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg_io.h"
#include "master/dae.h"
#include "master/master.h"
#include "master/secrets_file.h"
#include "master/send.h"

int
dae_check_files(const struct hp_conf *c)
{
	unsigned i;
	int fd, bad = 0;

	for (i = 0; i < c->ndae; i++) {
		if ((fd = secrets_open(c->dae[i].secret_file, false)) == -1)
			bad++;
		else
			close(fd);
	}
	return bad == 0 ? 0 : -1;
}

/* Unconnected: requests come from any configured client, auth checks. */
int
dae_setup(struct master *m)
{
	struct sockaddr_in sin;
	char a[INET_ADDRSTRLEN];

	m->dae_fd = -1;
	if (m->conf.ndae == 0)
		return 0;
	if ((m->dae_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = m->conf.dae_listen;
	sin.sin_port = htons(m->conf.dae_port);
	if (bind(m->dae_fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		log_warn("radius dae listen %s port %u", inet_ntop(AF_INET,
		    &m->conf.dae_listen, a, sizeof(a)), m->conf.dae_port);
		close(m->dae_fd);
		m->dae_fd = -1;
		return -1;
	}
	log_info("radius dae: listening on %s port %u for %u client(s)",
	    inet_ntop(AF_INET, &m->conf.dae_listen, a, sizeof(a)),
	    m->conf.dae_port, m->conf.ndae);
	return 0;
}

static void
dae_send_client(struct master *m, unsigned i)
{
	const struct conf_dae_client *d = &m->conf.dae[i];
	struct m_dae_client c;
	char a[INET_ADDRSTRLEN];
	int fd;

	if ((fd = secrets_open(d->secret_file, false)) == -1) {
		log_warnx("radius dae client %s: secret file refused: its "
		    "requests will be dropped", inet_ntop(AF_INET, &d->addr,
		    a, sizeof(a)));
		return;
	}
	memset(&c, 0, sizeof(c));
	c.index = (uint8_t)i;
	c.require_ma = d->require_ma;
	c.require_ts = d->require_ts;
	c.max_sessions = (uint8_t)d->max_sessions;
	c.addr = d->addr.s_addr;
	(void)send_dae_client(m, &c, fd);
	close(fd);
}

void
dae_send_config(struct master *m)
{
	struct m_dae_config c;
	unsigned i;

	if (m->dae_fd == -1)
		return;
	memset(&c, 0, sizeof(c));
	c.nclients = (uint8_t)m->conf.ndae;
	c.window_s = m->conf.dae_window_s;
	if (send_dae_config(m, &c) != HP_OK)
		return;
	for (i = 0; i < m->conf.ndae; i++)
		dae_send_client(m, i);
	(void)send_dae_socket(m, m->dae_fd);
}

void
dae_on_stats(struct master *m, struct msg *msg)
{
	memcpy(&m->dae_stats, msg->data, sizeof(m->dae_stats));
}

const char *
dae_result_name(unsigned int r)
{
	static const char *const n[DAE_R_N] = {
		[DAE_R_DISCONNECT_ACK] = "disconnect-ack",
		[DAE_R_DISCONNECT_NAK] = "disconnect-nak",
		[DAE_R_COA_ACK] = "coa-ack",
		[DAE_R_COA_NAK] = "coa-nak",
		[DAE_R_REPLAY] = "replay",
		[DAE_R_DROP_CLIENT] = "drop-client",
		[DAE_R_DROP_AUTH] = "drop-auth",
		[DAE_R_DROP_MALFORMED] = "drop-malformed",
		[DAE_R_DROP_TIMESTAMP] = "drop-timestamp",
		[DAE_R_DROP_BUSY] = "drop-busy",
	};

	return r < DAE_R_N && n[r] != NULL ? n[r] : "unknown";
}
