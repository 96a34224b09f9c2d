/*
 * hpptpd master: the session table and its machine (master/session.c);
 * one session's state and record are in session_defs.h.
 */
#ifndef HP_MASTER_SESSION_H
#define HP_MASTER_SESSION_H

#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>

#include "common/msg.h"
#include "master/session_defs.h"

/* Names for audit lines and hpptpctl (master/session_state.c). */
const char	*msess_state_name(enum ms_state);
const char	*msess_mppe_name(uint32_t mppe_bits);

/* Call connected, no GRE from the peer this long: event=no-gre. */
#define NO_GRE_MS	10000
/* What that means, for the audit line and hpptpctl show. */
extern const char *const msess_no_gre_hint;

struct master;
struct msg;
struct sockaddr_storage;

/* The table, sized by max-sessions; a session per accepted connection. */
int	sess_init(struct master *);
/* The table and what its sessions allocated, freed (no session ended). */
void	sess_fini(struct master *);
void	sess_accept(struct master *, int fd, const struct sockaddr_storage *,
	    const struct sockaddr_storage *);
/* A validated message from a worker, through the session machine. */
void	sess_dispatch(struct master *, unsigned int slot, struct msg *);
/* A worker died: end or fail what it held. */
void	sess_worker_lost(struct master *, unsigned int slot);
void	sess_close_all(struct master *, uint32_t reason);
void	sess_timers(struct master *, uint64_t now);
uint32_t sess_count(const struct master *);
/* For hpptpctl: visit every live session; end one (false if no such). */
void	sess_foreach(struct master *, void (*)(const struct msess *, void *),
	    void *);
bool	sess_kick(struct master *, uint32_t sid, uint32_t reason);
/* hpptpctl limit: new limits for a granted session (HP_E_NOTFOUND). */
int	sess_limit(struct master *, uint32_t sid, const struct m_gre_rate *);

/* An ipc-violation audit line and the worker's restart (s: NULL if none). */
void	ms_violation(struct master *, unsigned int slot, const struct msg *,
	    const struct msess *, const char *why);

#endif /* HP_MASTER_SESSION_H */
