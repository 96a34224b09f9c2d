/*
 * hpptpd auth: the RADIUS client (radius_client.c: servers, sockets,
 * in-flight requests, fail-over; radius_acct.c: accounting).  Master
 * creates and connect()s every socket and passes it in; the client only
 * reads and writes them (no socket, connect or bind in auth's seccomp
 * list).  Nothing here blocks: every request has a deadline and the
 * worker's loop waits at most until the earliest one (rc_next_ms()).
 */
#ifndef HP_AUTH_RADIUS_CLIENT_H
#define HP_AUTH_RADIUS_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/radius_auth.h"
#include "common/msg.h"

struct rc;
struct msg_chan;

/* A login's answer: called once per rc_auth_start() that returned HP_OK. */
typedef void (*rc_done_fn)(void *arg, const struct auth_req *,
	    struct radius_verdict *);

struct rc	*rc_create(int ep, struct msg_chan *, rc_done_fn, void *arg);
/* A new configuration: every server is dropped (its logins fail over). */
void	rc_config(struct rc *, const struct m_radius_config *);
/* A server's settings and its secret file (fd: read, then closed). */
void	rc_server(struct rc *, const struct m_radius_server *, int fd);
/*
 * A secret file (fd: read, then closed): its one line, or the line of
 * "HOST[:PORT] secret" that names addr, in locked memory (sodium_free
 * wipes it).  Its length; 0 (and NULL) when none is usable.
 */
size_t	rc_secret_load(int fd, uint32_t addr, uint16_t port, uint8_t **);
/* A connected socket for a server (kept; the client owns it). */
void	rc_socket(struct rc *, const struct m_radius_socket *, int fd);
/* Whether logins go to RADIUS, and whether the file is the fall-back. */
bool	rc_for_logins(const struct rc *);
bool	rc_file_fallback(const struct rc *);
/* Start a login; HP_E_FIELD: it cannot be sent (answer it locally). */
int	rc_auth_start(struct rc *, const struct auth_req *);
/* Epoll tag of a socket: RC_EP_TAG + (server * 2 + kind) * socks + sock. */
#define RC_EP_TAG	0x100u
void	rc_readable(struct rc *, uint32_t tag);
/* Milliseconds until the next deadline (-1: none); run what is due. */
int	rc_next_ms(struct rc *, uint64_t now);
void	rc_timers(struct rc *, uint64_t now);

/* ---- accounting (radius_acct.c) ---- */

/* An accepted login: what accounting will need (User-Name, Class). */
void	rc_acct_login(struct rc *, const struct auth_req *,
	    const struct radius_verdict *, bool by_radius);
void	rc_acct_start(struct rc *, uint32_t sid, const struct m_acct_start *);
void	rc_acct_counters(struct rc *, uint32_t sid, const struct m_gre_stats *);
void	rc_acct_stop(struct rc *, uint32_t sid, const struct m_acct_stop *);
/* After an auth restart: a session master kept the record of. */
void	rc_acct_resume(struct rc *, uint32_t sid,
	    const struct m_acct_resume *);
/* Accounting-On or -Off (RADIUS_ACCT_ON, RADIUS_ACCT_OFF). */
void	rc_acct_onoff(struct rc *, uint32_t status);

/* ---- Disconnect/CoA (auth/dae.c) ---- */

struct dae_req;
/* The NAS as requests name it (NAS-Identifier, NAS-IP-Address). */
const struct radius_nas *rc_nas(const struct rc *);
/*
 * The live (accounting started) sessions that match everything r
 * names: their sids in sids[], at most max; the number found (which
 * may exceed max).
 */
unsigned rc_acct_find(const struct rc *, const struct dae_req *,
	    uint32_t *sids, unsigned max);
/* A CoA's Acct-Interim-Interval and Class, for later records. */
void	rc_acct_change(struct rc *, uint32_t sid, const struct dae_req *);

#endif /* HP_AUTH_RADIUS_CLIENT_H */
