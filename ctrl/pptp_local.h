/*
 * hpptpd: what the PPTP files share among themselves and nobody else:
 * the connection machine's events, the call machine's cells of its
 * table, and the helpers both use.  Not for the worker (pptp_ctrl.h).
 *
 * Who calls whom, one way only:
 *	pptp_ctrl.c (connection) -> pptp_call.c (calls) -> pptp_subr.c
 */
#ifndef HP_PPTP_LOCAL_H
#define HP_PPTP_LOCAL_H

#include <stdint.h>

#include "ctrl/pptp_defs.h"
#include "ctrl/pptp_msg.h"

/* Events of the connection machine: 1..15 are the message types. */
enum pc_event {
	PCE_NONE = 0,
	PCE_TIMEOUT = PPTP_TYPE_MAX + 1,	/* a deadline passed */
	PCE_STOP,				/* pptp_ctrl_stop() */
	PCE_CALL_UP,				/* pptp_ctrl_call_up() */
	PCE_CALL_ACCEPT,			/* pptp_ctrl_call_accept() */
	PCE_CALL_CLEAR,				/* pptp_ctrl_call_clear() */
	PCE_EOF,				/* pptp_ctrl_eof() */
	PCE_BAD,				/* framing/decoding failed */
	PCE_N
};

/* Events of one call (pcall_event()). */
enum pc_call_event {
	CE_OPEN,		/* OCRQ accepted */
	CE_UP,			/* worker: PPP up */
	CE_PEER_CLEAR,		/* CCRQ */
	CE_LOCAL_CLEAR,		/* worker: clear */
	CE_SETUP_TIMEOUT,	/* not up in time */
	CE_STOP,		/* connection being stopped by us */
	CE_CONN_LOST,		/* connection closed */
};

/* A cell of the connection's table: returns the next state. */
typedef enum pptp_ctrl_state (*pc_fn)(struct pptp_ctrl *,
    const struct pptp_msg *);

/*
 * pptp_call.c: the cells that concern calls, and what the connection
 * machine asks of all its calls at once.
 */
enum pptp_ctrl_state pcall_recv_ocrq(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_recv_icrq(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_recv_ccrq(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_recv_wen(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_recv_sli(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_up(struct pptp_ctrl *, const struct pptp_msg *);
enum pptp_ctrl_state pcall_accept(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_clear(struct pptp_ctrl *,
	    const struct pptp_msg *);
enum pptp_ctrl_state pcall_none(struct pptp_ctrl *, const struct pptp_msg *);
/* The same event for every call (stop, connection lost). */
void	pcall_event_all(struct pptp_ctrl *, enum pc_call_event);
/* Clear the calls whose setup deadline passed. */
void	pcall_timeout(struct pptp_ctrl *);
/* The earliest of d and the calls' setup deadlines. */
uint64_t pcall_next_deadline(const struct pptp_ctrl *, uint64_t d);
int	pcall_live_count(const struct pptp_ctrl *);

/* pptp_subr.c */
void	pc_send(struct pptp_ctrl *, const struct pptp_msg *);
int	pc_lognote(struct pptp_ctrl *);
uint64_t pc_after(uint64_t, uint32_t);
const char *pc_event_name(enum pc_event);

#endif /* HP_PPTP_LOCAL_H */
