/*
 * hpptpd: one PPTP control connection (RFC 2637), server side (we are
 * the PAC; Windows' client is the PNS).  No I/O and no clock of its own:
 * the worker hands in the bytes it read and a monotonic time in
 * milliseconds, and gets everything back through a const callback table.
 * The struct is fixed-size and the worker owns its storage (a table
 * sized at startup); nothing is allocated, per message or otherwise.
 *
 * Two machines, kept apart, each one table or switch:
 *  - the connection: WAIT_SCCRQ -> ESTABLISHED -> WAIT_STOPCCRP -> CLOSED,
 *    an explicit [state][event] table in pptp_ctrl.c;
 *  - each call: IDLE -> WAIT_UP (OCRP sent, PPP being set up) ->
 *    ESTABLISHED (the worker said PPP is up) -> CLEANUP (CDN sent or the
 *    connection went away), a switch in pptp_call.c.  Between SCCRP and
 *    the OCRQ there is no call yet; the connection's "no call" deadline
 *    covers that wait.
 *
 * How the worker drives it:
 *	pptp_ctrl_init(c, conf, cb, arg, conn_id, now);	after accept
 *	pptp_ctrl_input(c, bytes, n, now);		after every read
 *	pptp_ctrl_eof(c, now);				on EOF / read error
 *	pptp_ctrl_timeout(c, now);			when the deadline passed
 *	pptp_ctrl_next_deadline(c);			after each of these
 *	pptp_ctrl_call_up(c, call_id, now);		PPP is up (IPCP opened)
 *	pptp_ctrl_call_clear(c, call_id, now);		end one call (CDN)
 *	pptp_ctrl_stop(c, PPTP_STOP_LOCAL, now);	end the connection
 *	pptp_ctrl_fini(c);				after closed(), to reuse
 *
 * Callback rules: callbacks run inside the functions above and must not
 * call any pptp_ctrl_* function on the same connection (such a call
 * returns HP_E_AGAIN and does nothing); note what to do and do it after
 * the outer call returns.  closed() is called exactly once, last; after
 * it the worker writes out what send_bytes() gave it and closes the
 * socket.  Every successful call_open() is matched by exactly one
 * call_clear(), whatever ends the call, including pptp_ctrl_call_clear().
 */
#ifndef HP_PPTP_CTRL_H
#define HP_PPTP_CTRL_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl/pptp_defs.h"	/* the structs, enums and names */

/* Defaults: host and vendor "hpptpd", window 64, 1 call, 10 s to SCCRQ... */
void	pptp_ctrl_conf_defaults(struct pptp_ctrl_conf *);

/* Start a connection just accepted; conf is copied (and clamped). */
void	pptp_ctrl_init(struct pptp_ctrl *, const struct pptp_ctrl_conf *,
	    const struct pptp_ctrl_cb *, void *arg, uint32_t conn_id,
	    uint64_t now);
/* Forget a connection (no callbacks); the storage may be reused. */
void	pptp_ctrl_fini(struct pptp_ctrl *);

/*
 * Bytes read from the socket, any amount.  Every complete message is
 * handled before returning.  HP_OK, HP_E_CLOSED once closed() was called
 * (now or before), HP_E_AGAIN if called from a callback.
 */
int	pptp_ctrl_input(struct pptp_ctrl *, const uint8_t *, size_t,
	    uint64_t now);
/* The peer closed the TCP connection or reading failed. */
int	pptp_ctrl_eof(struct pptp_ctrl *, uint64_t now);
/* Run what is due at now (harmless when nothing is). */
int	pptp_ctrl_timeout(struct pptp_ctrl *, uint64_t now);
/* When pptp_ctrl_timeout() is next needed; PPTP_NO_DEADLINE if never. */
uint64_t pptp_ctrl_next_deadline(const struct pptp_ctrl *);

/*
 * Send the OCRP of a call whose call_open() returned HP_E_AGAIN (the
 * worker first makes sure the call's packets are taken); HP_E_NOTFOUND
 * if no such call waits for it.
 */
int	pptp_ctrl_call_accept(struct pptp_ctrl *, uint16_t our_call_id,
	    uint64_t now);
/* PPP of this call is up: its setup deadline no longer applies. */
int	pptp_ctrl_call_up(struct pptp_ctrl *, uint16_t our_call_id,
	    uint64_t now);
/* End one call: CDN (admin shutdown), call_clear(PPTP_CLEAR_LOCAL). */
int	pptp_ctrl_call_clear(struct pptp_ctrl *, uint16_t our_call_id,
	    uint64_t now);
/*
 * End the connection: CDN for each live call, StopCCRQ with reason
 * (enum pptp_stop_reason), then wait stop_timeout_ms for StopCCRP.
 * Before SCCRQ it just closes.
 */
int	pptp_ctrl_stop(struct pptp_ctrl *, unsigned int reason,
	    uint64_t now);

#endif /* HP_PPTP_CTRL_H */
