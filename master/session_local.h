/*
 * hpptpd master: what session.c (the machine, lookup, lifecycle,
 * timers), session_auth.c (authentication, address assignment),
 * session_diag.c (why a client cannot connect), session_rate.c and
 * session_state.c (the writers of state and deadline, names,
 * violations) share.  Not for the rest of master: it goes through
 * session.h.
 */
#ifndef HP_MASTER_SESSION_LOCAL_H
#define HP_MASTER_SESSION_LOCAL_H

#include "common/msg_io.h"
#include "master/master.h"
#include "master/session.h"

/* A cell of the session machine: the handler of one message. */
typedef void (*ms_fn)(struct master *, struct msess *, struct msg *);

/* session_state.c: below the cells, so no cell calls back up */
void	ms_enter(struct msess *, enum ms_state);
void	ms_addr_str(const struct m_addr *, char *, size_t);
/* The one writer of s->deadline (0: none); the heap follows it. */
void	ms_deadline(struct master *, struct msess *, uint64_t);
/* When Session- or Idle-Timeout ends an up session (0: never). */
uint64_t ms_up_deadline(const struct msess *);

/* session.c */
void	ms_kick(struct master *, struct msess *, uint32_t reason);

/*
 * session_parts.c: what a session allocates.  ms_parts_init() at the
 * slot's start (user ""), ms_parts_free() with the slot; the setters
 * say HP_E_NOMEM when memory is short, and leave the part as it was.
 */
void	ms_parts_init(struct msess *);
void	ms_parts_free(struct msess *);
/* The name ctrl relayed, sanitized (common/log.h), as s->user. */
int	ms_user_set(struct msess *, const void *name, size_t len);
/* auth's ok verdict, kept for the keys; dropped once sent. */
int	ms_verdict_keep(struct msess *, const char *msg, size_t len);
void	ms_verdict_drop(struct msess *);

/*
 * session_dae.c: auth's Disconnect/CoA decision for the session master
 * found by the message's sid (NULL: none), answered to auth; true when
 * the caller is to end it (Admin-Reset).
 */
bool	ms_on_dae_action(struct master *, struct msess *, struct msg *);

/* session_diag.c: the answers to "why can't this client connect" */
void	ms_gre_watch_start(struct master *, struct msess *, uint64_t now);
void	ms_gre_seen(struct master *, struct msess *);
bool	ms_gre_overdue(struct master *, struct msess *, uint64_t now);
void	ms_audit_closed(const struct msess *, const struct m_ctrl_closed *);
void	ms_on_gre_stray(struct master *, struct msg *);

/* session_auth.c: the cells of authentication */
void	ms_on_auth_request(struct master *, struct msess *, struct msg *);
void	ms_on_auth_result(struct master *, struct msess *, struct msg *);
void	ms_on_radius_reply(struct master *, struct msess *, struct msg *);
void	ms_on_session_keys(struct master *, struct msess *, struct msg *);
/* The challenge to ctrl with the go-ahead; HP_OK, or it could not go. */
int	ms_issue_challenge(struct master *, struct msess *);
void	ms_auth_unavailable(struct master *, struct msess *,
	    const char *reason, const char *text);
/* session_rate.c: the limits gre polices, from the config or hpptpctl */
void	ms_apply_rate(struct master *, struct msess *);
int	ms_set_rate(struct master *, struct msess *, const struct m_gre_rate *,
	    const char *by);
/* The address assigned to a session goes back where it came from. */
void	ms_release_address(struct master *, struct msess *);

#endif
