/*
 * hpptpd master: its part of RADIUS Disconnect/CoA (RFC 5176, issue
 * 16).  Master binds the one UDP socket (radius dae listen/port) at
 * start and keeps it, so an auth restart gets the same socket again;
 * it opens each client's secret file under the chap-secrets rules and
 * hands fds to auth unread.  It never reads a request: auth verifies
 * and decides, and master acts only on a dae-action for a session it
 * holds (master/session_dae.c).
 */
#ifndef HP_MASTER_DAE_H
#define HP_MASTER_DAE_H

struct master;
struct hp_conf;
struct msg;

/* hpptpd -n and start: every client's secret file passes the rules. */
int	dae_check_files(const struct hp_conf *);
/* At start, before the workers: bind the listener (none: fd -1). */
int	dae_setup(struct master *);
/* On auth's ready and on reload, after the RADIUS config. */
void	dae_send_config(struct master *);
/* auth's counters for hpptpctl stats and metrics. */
void	dae_on_stats(struct master *, struct msg *);
/* Names of the dae_result counters ("disconnect-ack"...). */
const char *dae_result_name(unsigned int);

#endif
