/*
 * hpptpd: the types of a PPTP control connection and its calls, shared
 * by the connection machine (pptp_ctrl.c), the call machine
 * (pptp_call.c), their helpers (pptp_subr.c) and the worker, which owns
 * the storage of each struct pptp_ctrl.  The API is in pptp_ctrl.h.
 *
 * Kept apart from pptp_ctrl.h so that pptp_call.c and pptp_subr.c need
 * nothing of the file above them: the connection machine calls down
 * into the call machine, never the other way round.
 */
#ifndef HP_PPTP_DEFS_H
#define HP_PPTP_DEFS_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl/pptp_msg.h"
#include "ctrl/pptp_stream.h"

#define PPTP_CTRL_MAX_CALLS	4		/* hard cap of conf.max_calls */
#define PPTP_NO_DEADLINE	UINT64_MAX
#define PPTP_CTRL_WHY_LEN	160

enum pptp_ctrl_state {
	PCS_WAIT_SCCRQ = 0,	/* TCP accepted, no SCCRQ yet */
	PCS_ESTABLISHED,	/* SCCRP sent */
	PCS_WAIT_STOPCCRP,	/* we sent StopCCRQ */
	PCS_CLOSED,		/* closed() called; nothing more happens */
	PCS_N
};

enum pptp_call_state {
	PCALL_IDLE = 0,		/* slot unused */
	PCALL_WAIT_UP,		/* call_open() done (OCRP sent or held), */
				/* PPP not up */
	PCALL_ESTABLISHED,	/* worker reported PPP up */
	PCALL_CLEANUP,		/* over: CDN sent or connection gone */
	PCALL_N
};

/* Why a call ended (call_clear()). */
enum pptp_clear_reason {
	PPTP_CLEAR_PEER = 0,	/* peer's Call-Clear-Request; CDN sent */
	PPTP_CLEAR_LOCAL,	/* pptp_ctrl_call_clear(); CDN sent */
	PPTP_CLEAR_SETUP_TIMEOUT, /* not up within setup_timeout_ms; CDN sent */
	PPTP_CLEAR_STOP,	/* connection being stopped; CDN sent */
	PPTP_CLEAR_CONN_LOST,	/* connection closed under it; no CDN */
};

/* Why the connection closed (closed()). */
enum pptp_close_reason {
	PPTP_CLOSE_PEER_STOP = 0, /* peer's StopCCRQ, answered */
	PPTP_CLOSE_STOPPED,	/* our StopCCRQ, answered */
	PPTP_CLOSE_STOP_TIMEOUT, /* our StopCCRQ, no answer in time */
	PPTP_CLOSE_SCCRQ_TIMEOUT, /* no SCCRQ within sccrq_timeout_ms */
	PPTP_CLOSE_ECHO_TIMEOUT, /* echo_max_missed Echo-Requests unanswered */
	PPTP_CLOSE_BAD_MESSAGE,	/* framing or decoding failed */
	PPTP_CLOSE_PROTOCOL,	/* a message not allowed in this state */
	PPTP_CLOSE_VERSION,	/* peer's protocol version refused */
	PPTP_CLOSE_EOF,		/* pptp_ctrl_eof() */
	PPTP_CLOSE_LOCAL,	/* pptp_ctrl_stop() before SCCRQ */
	PPTP_CLOSE_SEND,	/* send_bytes() failed */
};

struct pptp_ctrl_conf {
	char		host[PPTP_STR_LEN + 1];	/* SCCRP Host Name */
	char		vendor[PPTP_STR_LEN + 1]; /* SCCRP Vendor String */
	uint16_t	firmware;		/* SCCRP Firmware Revision */
	uint16_t	max_channels;		/* SCCRP Maximum Channels */
	uint32_t	connect_speed;		/* OCRP Connect Speed (bps) */
	uint16_t	recv_window;		/* OCRP Packet Recv Window */
	uint8_t		max_calls;		/* per connection, ever */
	uint8_t		echo_max_missed;	/* then close */
	uint32_t	sccrq_timeout_ms;	/* accept -> SCCRQ */
	uint32_t	call_timeout_ms;	/* no live call -> StopCCRQ */
	uint32_t	setup_timeout_ms;	/* OCRP -> pptp_ctrl_call_up() */
	uint32_t	echo_idle_ms;		/* idle -> Echo-Request; 0: off */
	uint32_t	echo_retry_ms;		/* between unanswered ones */
	uint32_t	stop_timeout_ms;	/* StopCCRQ -> StopCCRP */
};

struct pptp_ctrl_cb {
	/* Queue bytes for the TCP socket; HP_OK or an error (then close). */
	int	(*send_bytes)(void *arg, const uint8_t *buf, size_t len);
	/*
	 * Propose our Call ID for a new call: random, not 0, not used by
	 * any live session (the worker's table).  It is in use from a
	 * successful call_open() on.  An error refuses the call.
	 */
	int	(*alloc_call_id)(void *arg, uint16_t *our_call_id);
	/*
	 * A call is accepted (before the OCRP goes out): the worker
	 * creates the session.  peer_window is the peer's receive window
	 * (packets), peer_delay its processing delay (1/10 s).  HP_OK
	 * sends the OCRP at once; HP_E_AGAIN opens the call but holds
	 * the OCRP until pptp_ctrl_call_accept(); another error refuses
	 * the call (OCRP general error, no-resource).
	 */
	int	(*call_open)(void *arg, uint16_t our_call_id,
		    uint16_t peer_call_id, uint16_t peer_window,
		    uint16_t peer_delay);
	/* The call is over; the worker tears the session down. */
	void	(*call_clear)(void *arg, uint16_t our_call_id,
		    enum pptp_clear_reason);
	/* Set-Link-Info: the ACCMs the peer wants (async framing only). */
	void	(*set_link_info)(void *arg, uint16_t our_call_id,
		    uint32_t send_accm, uint32_t recv_accm);
	/* The connection is over (once, last); why is for the log. */
	void	(*closed)(void *arg, enum pptp_close_reason,
		    const char *why);
};

struct pptp_call {
	enum pptp_call_state	state;
	uint16_t		our_id;
	uint16_t		peer_id;
	uint16_t		peer_window;
	uint16_t		peer_delay;
	uint32_t		send_accm;	/* from SLI; 0xffffffff until */
	uint32_t		recv_accm;
	uint64_t		deadline;	/* WAIT_UP: setup deadline */
	uint8_t			ocrp_pending;	/* OCRP not sent yet */
};

/* One control connection.  Read its fields only in tests and logs. */
struct pptp_ctrl {
	enum pptp_ctrl_state	 state;
	uint32_t		 id;		/* for log lines */
	struct pptp_ctrl_conf	 conf;
	const struct pptp_ctrl_cb *cb;
	void			*arg;
	struct pptp_stream	 stream;
	struct pptp_call	 calls[PPTP_CTRL_MAX_CALLS];
	uint8_t			 ncalls;	/* calls opened so far */
	uint64_t		 now;		/* time of the current event */
	uint64_t		 state_deadline; /* WAIT_SCCRQ, WAIT_STOPCCRP */
	uint64_t		 nocall_deadline; /* ESTABLISHED, no live call */
	uint64_t		 echo_at;	/* next Echo-Request due */
	uint32_t		 echo_id;	/* last one sent */
	uint8_t			 echo_missed;	/* sent and unanswered */
	uint8_t			 echo_pending;
	uint8_t			 stop_reason;	/* for our StopCCRQ */
	uint8_t			 busy;		/* inside a call: no reentry */
	int			 send_err;	/* first send_bytes() error */
	int			 req_result;	/* result of a local request */
	uint16_t		 req_call_id;	/* argument of a local request */
	uint16_t		 nlog;		/* peer-triggered lines logged */
	uint16_t		 peer_version;
	uint16_t		 peer_firmware;
	enum pptp_close_reason	 close_reason;
	char			 why[PPTP_CTRL_WHY_LEN];	/* close reason */
	/* a framing error's text, on pptp_ctrl_input's stack, for pc_bad */
	const char		*bad;
};

/* The live (WAIT_UP or ESTABLISHED) call with our ID, or NULL. */
const struct pptp_call *pptp_ctrl_call(const struct pptp_ctrl *,
	    uint16_t our_call_id);

/* Names for logs (pptp_subr.c). */
const char	*pptp_ctrl_state_name(enum pptp_ctrl_state);
const char	*pptp_call_state_name(enum pptp_call_state);
const char	*pptp_clear_reason_name(enum pptp_clear_reason);
const char	*pptp_close_reason_name(enum pptp_close_reason);

#endif /* HP_PPTP_DEFS_H */
