/*
 * loadc: what the session engine (loadc.c) and the traffic mode
 * (traffic.c) share.  One process, one global state: a load client,
 * not a product.
 */
#ifndef HP_LOADC_H
#define HP_LOADC_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/mschap.h"
#include "gre/gre_pkt.h"
#include "gre/mppe.h"

#define MAX_SESS	60000
#define NPROC		4		/* master, ctrl, gre, auth */
#define PROC_MAX	(NPROC + 15)	/* and gre1 .. gre15 */
#define PKT_MAX		(GRE_HDR_MAX + GRE_PAYLOAD_MAX)

enum mode { M_SETUP, M_HOLD, M_CYCLES, M_TRAFFIC };

enum st {
	S_FREE,
	S_CONNECT,	/* TCP connect in progress */
	S_SCCRP,
	S_OCRP,
	S_PPP,		/* LCP .. IPCP */
	S_UP,
	S_TERM,		/* LCP Terminate-Request sent */
	S_CDN,		/* CCRQ sent */
	S_STOP,		/* StopCCRQ sent */
	S_DONE,
	S_FAIL,
};

struct cp {
	bool		 ours_acked, theirs_acked, started;
	uint8_t		 id;
	uint64_t	 sent_ms;
};

struct sess {
	enum st		 st;
	int		 tcp;
	unsigned	 user;
	uint16_t	 call_id, peer_call_id;
	uint64_t	 t0, t_up, deadline;
	uint8_t		 ibuf[512];
	size_t		 ilen;
	uint8_t		 early[256];	/* a GRE packet before our OCRP */
	size_t		 early_len;
	uint32_t	 tx_seq, rx_seq;
	bool		 rx_any, ack_due;
	unsigned	 unacked;	/* traffic: data packets not yet acked */
	struct cp	 lcp, ccp, ipcp;
	uint32_t	 magic, addr;
	uint8_t		 term_id;
	unsigned	 lcp_sent, echoes;
	bool		 auth_ok;
	uint8_t		 nthash[MSCHAP_NTHASH_LEN];
	uint8_t		 peer_chal[MSCHAP_V2_CHAL_LEN];
	uint8_t		 nt_resp[MSCHAP_NTRESP_LEN];
	char		 authresp[MSCHAP_AUTHRESP_LEN + 1];
	struct mppe_dir	 tx, rx;
};

/* A server process, from /proc/PID: CPU (schedstat), RSS, fds. */
struct proc {
	const char	*name;
	int		 pid;
	uint64_t	 cpu_ns;
	uint64_t	 wait_ns;	/* runnable, waiting for a CPU */
	uint64_t	 runs;		/* times it was given a CPU */
	long		 rss_kib;
	int		 fds;
};

struct loadc {
	enum mode	 mode;
	unsigned	 n, conc, users, echo_s;
	unsigned	 extra;		/* hold: of n, set up once the rest are */
	long		 base_kib;	/* hold -b: the base RSS, KiB */
	uint64_t	 end_ms;
	struct in_addr	 server;
	int		 ep, gre;
	struct sess	*s;
	struct sess	*by_call[65536];
	uint16_t	 next_call;
	unsigned	 started, active, up_now, done, failed;
	unsigned	 ever_up;
	uint64_t	*setup_ms;
	uint64_t	*up_at;		/* when each came up, in that order */
	unsigned	 nsetup;
	unsigned	 lcp_retries;
	unsigned	 early;		/* GRE packets that overtook the OCRP */
	/* master, ctrl, gre, auth, then the other gre workers */
	struct proc	 pr[PROC_MAX];
	unsigned	 npr;
	bool		 have_pids;
	const char	*why[16];
	unsigned	 why_n[16];
	/* traffic */
	unsigned	 pkts;		/* per session and direction */
	unsigned	 window;	/* up: packets in flight, at most */
	unsigned	 window_down;	/* down: the same */
	const char	*tun;		/* worker 0's tun; worker k's is tun-k */
};

extern struct loadc L;

void	die(const char *);
void	proc_sample(struct proc *);
void	procs_sample(struct proc *);
void	gre_in(void);
void	loadc_event(void *);
bool	run(bool (*)(void), unsigned, uint64_t);
bool	c_all_settled_up(void);
void	close_all(void);
void	print_setup_times(double);
void	print_fail(void);

/* traffic.c */
int	mode_traffic(void);
void	traffic_ip_in(struct sess *, const uint8_t *, size_t);
bool	traffic_mppe_in(struct sess *, const uint8_t *, size_t);

#endif /* HP_LOADC_H */
