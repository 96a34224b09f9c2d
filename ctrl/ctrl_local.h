/*
 * hpptpd ctrl worker: what ctrl.c (the connection table, TCP, the
 * PPTP and PPP callbacks) and ctrl_master.c (master's messages to
 * ctrl) share.  Not for the rest of ctrl: it goes through ctrl.h.
 */
#ifndef HP_CTRL_CTRL_LOCAL_H
#define HP_CTRL_CTRL_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/heap.h"
#include "common/msg_io.h"
#include "ctrl/ppp.h"
#include "ctrl/pptp_ctrl.h"

struct ctrl;

/*
 * A PPP configuration and the sessions made under it: a session keeps
 * a pointer, not a copy (788 bytes per session), so a reload makes a
 * new one, and the old one goes with the last session that uses it.
 */
struct pppc_gen {
	unsigned	 refs;		/* ctrl's while current, + sessions */
	struct ppp_conf	 conf;
};

struct conn {
	struct ctrl	*ctrl;		/* owner, for the callbacks */
	bool		 used;
	bool		 dead;		/* closed: reap after the callbacks */
	bool		 on_reap;	/* on ctrl's reap list */
	struct conn	*reap_next;
	bool		 closed_sent;	/* MSG_CTRL_CLOSED went to master */
	bool		 call;		/* a call is open */
	bool		 accepted;	/* master said go: OCRP sent */
	bool		 ip_up;
	uint32_t	 slot;		/* index in ctrl's table */
	uint32_t	 sid;
	int		 fd;
	uint16_t	 call_id;
	uint32_t	 reason;	/* enum sess_reason, first cause wins */
	uint64_t	 stop_at;	/* stop the control connection then */
	char		 detail[96];
	uint32_t	 fail_reason;	/* the reason fail_peer/ours go with */
	uint32_t	 fail_peer;	/* m_ctrl_closed's peer and ours */
	uint32_t	 fail_ours;
	struct pptp_ctrl pc;
	struct ppp	*ppp;
	struct pppc_gen	*pppc;		/* what ppp was made under */
	size_t		 outlen;
	uint8_t		*out;		/* [CTRL_OUTBUF] while outlen > 0 */
};

struct ctrl {
	struct msg_chan	*chan;
	int		 ep;
	bool		 configured;
	struct m_ctrl_config cfg;
	struct m_ctrl_config6 cfg6;	/* kept across a new ctrl-config */
	uint8_t		 duid_uuid[16];	/* our DHCPv6 DUID-UUID */
	struct pppc_gen	*pppc;		/* for new sessions; NULL: none yet */
	struct pptp_ctrl_conf pcc;
	uint32_t	 nconns;	/* slots: the configured max-connections */
	struct conn	**conns;	/* by slot */
	uint32_t	*free_slots;	/* stack of free slot numbers */
	uint32_t	 nfree;
	uint32_t	 ncalls;	/* call ids in use */
	uint16_t	 by_sid[65536];	/* sid & 0xffff -> slot + 1 */
	uint8_t		 call_ids[65536 / 8];	/* in use */
	struct heap	 timers;	/* slot -> its earliest deadline */
	struct conn	*reap;		/* closed inside callbacks: free them */
	struct ctrl_http *http;		/* the metrics scrapers (http.c) */
};


/* ctrl.c */
/* A new current PPP configuration, a copy of the last; one less user. */
struct ppp_conf	*pppc_next(struct ctrl *);
void		 pppc_put(struct pppc_gen *);
struct conn	*conn_by_sid(struct ctrl *, uint32_t sid);
/* Master handed over the TCP connection of session `sid` (fd is ours). */
void	conn_new(struct ctrl *, uint32_t sid, int fd);
/* End a session from our side, for `reason` (enum sess_reason). */
void	conn_end(struct ctrl *, struct conn *, uint32_t reason,
	    const char *why);
/* The connection's deadlines may have moved: its place in the heap. */
void	conn_rearm(struct ctrl *, struct conn *, uint64_t floor);
/* The table of max-connections slots, sized once. */
void	ctrl_slots_init(struct ctrl *, uint32_t n);

#endif
