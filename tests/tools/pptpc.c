/*
 * pptpc: a minimal PPTP client for hpptpd's tests (not a product).
 *
 *	pptpc [-v] [--ping N] [--hold SECS] [--close | --abort | --vanish]
 *	    [--plain-ip] [--dns] SERVER USER PASSWORD
 *
 * TCP to SERVER:1723 (an IPv4 or IPv6 address), SCCRQ/SCCRP,
 * OCRQ/OCRP, then PPP over a raw GRE socket of the same family (an
 * IPv6 one hands us GRE without the IP header): LCP (our request carries only a magic number; we Ack the
 * server's as long as it asks for nothing but MRU, MS-CHAPv2 and a magic
 * number), MS-CHAPv2 as the peer (the server's S= authenticator is
 * checked), CCP with stateless MPPE-128 only, IPCP (we ask for 0.0.0.0
 * and take the address the server Naks with).  Then "up ADDR" and
 * "lcp-first answered|lost" (whether the server answered the LCP
 * Configure-Request we send the moment the OCRP arrives) on stdout,
 * optionally ICMP echo requests to the server's tunnel address through
 * GRE + MPPE until N replies came, as "ping -c N" (at most N + 5
 * requests; "ping SENT RECEIVED" on stdout), an optional hold
 * (answering LCP and PPTP echoes), and the end:
 *	--close   LCP Terminate-Request, CCRQ, StopCCRQ, each answered (default)
 *	--abort   close the TCP socket and exit at once
 *	--vanish  go silent: no GRE, no TCP close; sleep until killed
 *		  (bounded at 10 minutes so a lost test cannot leak us)
 * --plain-ip negotiates CCP as usual but then sends its IP in clear and
 * takes clear IP replies (what a hostile client does when it hopes the
 * server will not enforce MPPE: tests/security/t_redteam.sh).
 * --dns also asks IPCP for the DNS and NBNS servers (RFC 1877; options
 * the server rejects are dropped) and prints "dns A B" and "nbns A B"
 * after "up" (0.0.0.0: none).
 *
 * Every wait is bounded (10 s for each stage).  Exit status: 0 success,
 * 19 authentication failed (as pppd), 10 PPP negotiation failed (as
 * pppd), 1 anything else (PPTP refused, timeouts outside PPP, fewer
 * than N echo replies, the server ending the session early).
 *
 * The project's pure code does the wire work: ctrl/pptp_msg.c,
 * gre/gre_pkt.c, gre/ppp_frame.c, gre/mppe.c and auth/mschap.c.  The
 * client keys are the server's mirrored: we send with the server's
 * receive key (Magic2) and receive with its send key (Magic3).
 */
#include <sys/random.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/mschap.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/rd.h"
#include "ctrl/fsm.h"
#include "ctrl/pptp_msg.h"
#include "gre/gre_pkt.h"
#include "gre/mppe.h"
#include "gre/ppp_frame.h"

#define PC_EXIT_OK		0
#define PC_EXIT_ERR		1
#define PC_EXIT_NEGOTIATION	10
#define PC_EXIT_AUTH		19

#define PC_STAGE_MS		10000	/* bound of every wait */
#define PC_RETRY_MS		500	/* Configure-Request retransmission */
#define PC_PING_MS		1000	/* wait for one echo reply */
#define PC_PING_EXTRA		5	/* requests beyond N for lost ones */
#define PC_VANISH_SECS		600
#define PC_RECV_WINDOW		64

/* PPP protocols and codes not in the headers we share (CP_* are
 * ctrl/fsm.h's). */
#define PROTO_CHAP		0xC223
#define LCP_PROTREJ		8
#define LCP_ECHOREQ		9
#define LCP_ECHOREP		10
#define CCP_RESETREQ		14
#define CCP_RESETACK		15
#define OPT_LCP_MRU		1
#define OPT_LCP_AUTH		3
#define OPT_LCP_MAGIC		5
#define OPT_CCP_MPPE		18
#define OPT_IPCP_ADDR		3
#define CHAP_ALG_MSCHAPV2	0x81
#define CHAP_CHALLENGE		1
#define CHAP_RESPONSE		2
#define CHAP_SUCCESS		3
#define CHAP_FAILURE		4
#define MPPE_OPT_H		0x01000000u	/* stateless */
#define MPPE_OPT_S		0x00000040u	/* 128 bits */

#define CP_MAX			256		/* our control packets */
#define PKT_MAX			(GRE_HDR_MAX + GRE_PAYLOAD_MAX)

enum pc_end {
	END_CLOSE,
	END_ABORT,
	END_VANISH,
};

/* One negotiated control protocol, seen from our side. */
struct pc_cp {
	bool		 ours_acked;	/* the server acked our request */
	bool		 theirs_acked;	/* we acked the server's request */
	bool		 started;	/* our request is being sent */
	uint8_t		 id;		/* of our last request */
	uint64_t	 sent_ms;
};

struct pc {
	bool		 verbose;
	int		 af;		/* AF_INET or AF_INET6 */
	struct in_addr	 server;
	struct in6_addr	 server6;
	char		 server_s[INET6_ADDRSTRLEN];
	const char	*user;
	const char	*pass;
	int		 tcp;
	int		 gre;

	/* PPTP */
	uint8_t		 ibuf[1024];
	size_t		 ilen;
	bool		 tcp_eof;
	bool		 got_sccrp, got_ocrp, got_cdn, got_stopccrp;
	/* our first LCP Configure-Request, sent as the OCRP arrived */
	uint8_t		 lcp_first_id;
	bool		 lcp_first_answered;
	bool		 got_stopccrq;
	struct pptp_sccrp sccrp;
	struct pptp_ocrp ocrp;
	uint16_t	 call_id;	/* ours */
	uint16_t	 peer_call_id;	/* the server's */

	/* GRE sequencing */
	uint32_t	 tx_seq;
	uint32_t	 rx_seq;	/* highest received */
	bool		 rx_any;
	bool		 ack_due;

	/* LCP */
	struct pc_cp	 lcp;
	uint32_t	 magic;
	bool		 lcp_term_rcvd;
	bool		 lcp_term_acked;
	uint8_t		 term_id;

	/* MS-CHAPv2 */
	bool		 auth_ok;
	uint8_t		 nthash[MSCHAP_NTHASH_LEN];
	uint8_t		 peer_chal[MSCHAP_V2_CHAL_LEN];
	uint8_t		 nt_resp[MSCHAP_NTRESP_LEN];
	char		 authresp[MSCHAP_AUTHRESP_LEN + 1];

	/* CCP / MPPE */
	struct pc_cp	 ccp;
	struct mppe_dir	 tx;
	struct mppe_dir	 rx;

	/* IPCP */
	struct pc_cp	 ipcp;
	uint32_t	 addr;		/* ours, host order */
	uint32_t	 peer_addr;
	bool		 want_ns;	/* --dns: RFC 1877 options too */
	uint32_t	 ns[4];		/* DNS1, NBNS1, DNS2, NBNS2 (129..132) */
	uint8_t		 ns_rej;	/* bit i: option 129 + i rejected */

	/* ping */
	uint16_t	 ping_ident;
	unsigned	 ping_target;	/* replies c_ping() waits for */
	unsigned	 ping_replies;
	unsigned	 clear_ip;	/* IP that came unencrypted */
	bool		 plain_ip;	/* --plain-ip: clear IP both ways */
};

static void	usage(void) __attribute__((noreturn));
static void	fail(int, const char *, ...)
		    __attribute__((noreturn, format(printf, 2, 3)));
static void	vlog(struct pc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	rnd(void *, size_t);
static void	tcp_open(struct pc *);
static void	pptp_send(struct pc *, const struct pptp_msg *);
static void	pptp_input(struct pc *);
static void	pptp_handle(struct pc *, const struct pptp_msg *);
static void	gre_open(struct pc *);
static void	gre_send(struct pc *, const uint8_t *, size_t);
static void	gre_send_ack(struct pc *);
static void	gre_input(struct pc *);
static void	ppp_send(struct pc *, uint16_t, const uint8_t *, size_t);
static void	cp_send(struct pc *, uint16_t, uint8_t, uint8_t,
		    const uint8_t *, size_t);
static void	ppp_input(struct pc *, uint16_t, const uint8_t *, size_t,
		    bool);
static void	lcp_input(struct pc *, const uint8_t *, size_t);
static void	lcp_send_req(struct pc *);
static void	chap_input(struct pc *, const uint8_t *, size_t);
static void	ccp_input(struct pc *, const uint8_t *, size_t);
static void	ccp_send_req(struct pc *);
static void	ipcp_input(struct pc *, const uint8_t *, size_t);
static void	ipcp_send_req(struct pc *);
static void	ip_input(struct pc *, const uint8_t *, size_t, bool);
static void	ping_send(struct pc *, uint16_t);
static uint16_t	inet_sum(const uint8_t *, size_t, uint32_t);
static void	tick(struct pc *);
static bool	wait_for(struct pc *, bool (*)(struct pc *), int);
static bool	c_sccrp(struct pc *);
static bool	c_ocrp(struct pc *);
static bool	c_ppp_up(struct pc *);
static bool	c_term_acked(struct pc *);
static bool	c_cdn(struct pc *);
static bool	c_stopccrp(struct pc *);
static bool	c_never(struct pc *);
static void	check_server_end(struct pc *, int);


static bool	c_ping(struct pc *);

static void
usage(void)
{
	fprintf(stderr, "usage: pptpc [-v] [--ping N] [--hold SECS] "
	    "[--close | --abort | --vanish] [--plain-ip] [--dns]\n"
	    "    SERVER USER PASSWORD\n");
	exit(PC_EXIT_ERR);
}

static void
fail(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pptpc: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(code);
}

static void
vlog(struct pc *pc, const char *fmt, ...)
{
	va_list ap;

	if (!pc->verbose)
		return;
	fprintf(stderr, "pptpc: %llu ", (unsigned long long)now_ms() % 100000);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

static void
rnd(void *p, size_t n)
{
	if (getrandom(p, n, 0) != (ssize_t)n)
		fail(PC_EXIT_ERR, "getrandom failed");
}

/* ---- PPTP control connection ---------------------------------------- */

/* The server's address as a socket address; port 0 for raw GRE. */
static socklen_t
server_sa(const struct pc *pc, uint16_t port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (pc->af == AF_INET6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sin6->sin6_addr = pc->server6;
		return sizeof(*sin6);
	}
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr = pc->server;
	return sizeof(*sin);
}

static void
tcp_open(struct pc *pc)
{
	struct sockaddr_storage ss;
	struct timeval tv = { PC_STAGE_MS / 1000, 0 };
	socklen_t sl;

	if ((pc->tcp = socket(pc->af, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		fail(PC_EXIT_ERR, "socket: %s", strerror(errno));
	/* Bounds connect() and every blocking write. */
	if (setsockopt(pc->tcp, SOL_SOCKET, SO_SNDTIMEO, &tv,
	    sizeof(tv)) == -1)
		fail(PC_EXIT_ERR, "SO_SNDTIMEO: %s", strerror(errno));
	sl = server_sa(pc, PPTP_TCP_PORT, &ss);
	if (connect(pc->tcp, (struct sockaddr *)&ss, sl) == -1)
		fail(PC_EXIT_ERR, "connect %s port %d: %s", pc->server_s,
		    PPTP_TCP_PORT, strerror(errno));
}

static void
pptp_send(struct pc *pc, const struct pptp_msg *m)
{
	uint8_t buf[PPTP_MAX_LEN];
	size_t len;
	ssize_t n;

	if (pptp_msg_encode(m, buf, sizeof(buf), &len) != HP_OK)
		fail(PC_EXIT_ERR, "cannot encode %s", pptp_type_short(m->type));
	n = send(pc->tcp, buf, len, MSG_NOSIGNAL);
	if (n != (ssize_t)len)
		fail(PC_EXIT_ERR, "send %s: %s", pptp_type_short(m->type),
		    n == -1 ? strerror(errno) : "short write");
	vlog(pc, "sent %s", pptp_type_short(m->type));
}

/* Read what the socket has; handle each whole message. */
static void
pptp_input(struct pc *pc)
{
	struct pptp_hdr h;
	struct pptp_msg m;
	ssize_t n;
	int e;

	n = recv(pc->tcp, pc->ibuf + pc->ilen, sizeof(pc->ibuf) - pc->ilen,
	    MSG_DONTWAIT);
	if (n == -1) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		vlog(pc, "tcp: %s", strerror(errno));
		pc->tcp_eof = true;
		return;
	}
	if (n == 0) {
		vlog(pc, "tcp: end of stream");
		pc->tcp_eof = true;
		return;
	}
	pc->ilen += (size_t)n;
	for (;;) {
		e = pptp_msg_check_hdr(pc->ibuf, pc->ilen, &h);
		if (e == HP_E_AGAIN || (e == HP_OK && pc->ilen < h.length))
			return;
		if (e != HP_OK)
			fail(PC_EXIT_ERR, "bad PPTP message from server: %s",
			    hp_strerror(e));
		if ((e = pptp_msg_decode(pc->ibuf, h.length, &m)) != HP_OK)
			fail(PC_EXIT_ERR, "bad %s from server: %s",
			    pptp_type_short(h.type), hp_strerror(e));
		memmove(pc->ibuf, pc->ibuf + h.length, pc->ilen - h.length);
		pc->ilen -= h.length;
		pptp_handle(pc, &m);
	}
}

static void
pptp_handle(struct pc *pc, const struct pptp_msg *m)
{
	struct pptp_msg r;

	vlog(pc, "received %s", pptp_type_short(m->type));
	memset(&r, 0, sizeof(r));
	switch (m->type) {
	case PPTP_SCCRP:
		pc->sccrp = m->u.sccrp;
		pc->got_sccrp = true;
		break;
	case PPTP_OCRP:
		if (m->u.ocrp.peer_call_id != pc->call_id)
			fail(PC_EXIT_ERR, "OCRP for call 0x%04x, ours is "
			    "0x%04x", m->u.ocrp.peer_call_id, pc->call_id);
		pc->ocrp = m->u.ocrp;
		pc->got_ocrp = true;
		break;
	case PPTP_ECHORQ:
		r.type = PPTP_ECHORP;
		r.u.echorp.id = m->u.echorq.id;
		r.u.echorp.result = PPTP_ECHORP_OK;
		pptp_send(pc, &r);
		break;
	case PPTP_CDN:
		pc->got_cdn = true;
		break;
	case PPTP_STOPCCRQ:
		pc->got_stopccrq = true;
		r.type = PPTP_STOPCCRP;
		r.u.stopccrp.result = PPTP_STOPCCRP_OK;
		pptp_send(pc, &r);
		break;
	case PPTP_STOPCCRP:
		pc->got_stopccrp = true;
		break;
	default:
		/* SLI, WEN, Echo-Reply...: nothing for us to do. */
		break;
	}
}

/* ---- GRE -------------------------------------------------------------- */

static void
gre_open(struct pc *pc)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	if ((pc->gre = socket(pc->af, SOCK_RAW | SOCK_CLOEXEC,
	    IPPROTO_GRE)) == -1)
		fail(PC_EXIT_ERR, "raw GRE socket: %s", strerror(errno));
	/* Connected: the kernel hands us only the server's GRE. */
	sl = server_sa(pc, 0, &ss);
	if (connect(pc->gre, (struct sockaddr *)&ss, sl) == -1)
		fail(PC_EXIT_ERR, "connect GRE: %s", strerror(errno));
}

/* One GRE packet with payload p (a PPP frame), sequenced and acking. */
static void
gre_send(struct pc *pc, const uint8_t *p, size_t n)
{
	uint8_t buf[PKT_MAX];
	size_t hl;

	if (n > GRE_PAYLOAD_MAX)
		fail(PC_EXIT_ERR, "frame too large (%zu)", n);
	hl = gre_hdr_encode(buf, sizeof(buf), pc->peer_call_id, (uint16_t)n,
	    true, pc->tx_seq++, pc->rx_any, pc->rx_seq);
	if (hl == 0)
		fail(PC_EXIT_ERR, "gre_hdr_encode");
	memcpy(buf + hl, p, n);
	if (send(pc->gre, buf, hl + n, 0) == -1)
		fail(PC_EXIT_ERR, "send GRE: %s", strerror(errno));
	pc->ack_due = false;
}

static void
gre_send_ack(struct pc *pc)
{
	uint8_t buf[GRE_HDR_MAX];
	size_t hl;

	hl = gre_hdr_encode(buf, sizeof(buf), pc->peer_call_id, 0, false, 0,
	    true, pc->rx_seq);
	if (hl == 0 || send(pc->gre, buf, hl, 0) == -1)
		fail(PC_EXIT_ERR, "send GRE ack: %s", strerror(errno));
	pc->ack_due = false;
}

static void
gre_input(struct pc *pc)
{
	uint8_t buf[65536], dbuf[PKT_MAX];
	struct gre_pkt pkt;
	enum gre_drop why;
	enum mppe_rx_res res;
	const uint8_t *f;
	size_t hl, n, dlen, plen;
	uint16_t proto;
	ssize_t r;

	r = recv(pc->gre, buf, sizeof(buf), MSG_DONTWAIT);
	if (r == -1) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		fail(PC_EXIT_ERR, "recv GRE: %s", strerror(errno));
	}
	if (pc->af == AF_INET6) {
		/* GRE first; the connected socket took the server's only */
		memset(&pkt, 0, sizeof(pkt));
		if (gre_hdr_decode(buf, (size_t)r, &pkt.gre, &pkt.payload,
		    &why) != HP_OK)
			return;
	} else if (gre_pkt_decode(buf, (size_t)r, &pkt, &why) != HP_OK ||
	    pkt.src != ntohl(pc->server.s_addr))
		return;		/* not for us, or broken: as a kernel would */
	if (pkt.gre.call_id != pc->call_id)
		return;		/* another client's (same namespace) */
	if (pkt.gre.has_seq) {
		/* Sequence numbers start anywhere; no reordering here. */
		if (!pc->rx_any || (int32_t)(pkt.gre.seq - pc->rx_seq) > 0)
			pc->rx_seq = pkt.gre.seq;
		pc->rx_any = true;
		pc->ack_due = true;
	}
	if (pkt.gre.payload_len == 0)
		return;
	f = pkt.payload;
	n = pkt.gre.payload_len;
	if (ppp_frame_decode(f, n, &proto, &hl) != HP_OK) {
		vlog(pc, "bad PPP frame dropped");
		return;
	}
	f += hl;
	n -= hl;
	if (proto != PPP_PROTO_MPPE) {
		ppp_input(pc, proto, f, n, false);
		return;
	}
	res = mppe_decrypt(&pc->rx, f, n, dbuf, &dlen, &why);
	if (res != MPPE_RX_OK) {
		vlog(pc, "MPPE frame dropped: %s", mppe_rx_res_name(res));
		return;
	}
	if (ppp_proto_decode(dbuf, dlen, &proto, &plen) != HP_OK) {
		vlog(pc, "bad protocol in MPPE frame");
		return;
	}
	ppp_input(pc, proto, dbuf + plen, dlen - plen, true);
}

/* ---- PPP ---------------------------------------------------------------- */

/*
 * A PPP frame to the server: FF 03 + protocol + information, with the
 * protocol and information encrypted when MPPE is up for this protocol
 * (RFC 3078 section 3: 0x0021..0x00FA; control protocols go in clear).
 */
static void
ppp_send(struct pc *pc, uint16_t proto, const uint8_t *p, size_t n)
{
	uint8_t f[GRE_PAYLOAD_MAX], plain[GRE_PAYLOAD_MAX];
	size_t hl;
	bool enc = pc->tx.on && proto >= 0x0021 && proto <= 0x00fa &&
	    !(pc->plain_ip && proto == PPP_PROTO_IP);

	if (n + 2 + MPPE_HDR_LEN + PPP_HDR_MAX > sizeof(f))
		fail(PC_EXIT_ERR, "PPP frame too large");
	hl = ppp_frame_hdr_encode(f, enc ? PPP_PROTO_MPPE : proto, false,
	    false);
	if (!enc) {
		memcpy(f + hl, p, n);
		gre_send(pc, f, hl + n);
		return;
	}
	plain[0] = (uint8_t)(proto >> 8);
	plain[1] = (uint8_t)proto;
	memcpy(plain + 2, p, n);
	mppe_encrypt(&pc->tx, plain, n + 2, f + hl);
	gre_send(pc, f, hl + MPPE_HDR_LEN + n + 2);
}

/* A control-protocol packet: code, id, length, data. */
static void
cp_send(struct pc *pc, uint16_t proto, uint8_t code, uint8_t id,
    const uint8_t *data, size_t n)
{
	uint8_t buf[CP_MAX + 4];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, code);
	wr_u8(&w, id);
	wr_u16(&w, (uint16_t)(4 + n));
	wr_bytes(&w, data, n);
	if (w.err != HP_OK)
		fail(PC_EXIT_ERR, "control packet too large");
	vlog(pc, "send proto 0x%04x code %u id %u", proto, code, id);
	ppp_send(pc, proto, buf, w.len);
}

static void
ppp_input(struct pc *pc, uint16_t proto, const uint8_t *p, size_t n,
    bool encrypted)
{
	if (proto != PPP_PROTO_IP)
		vlog(pc, "recv proto 0x%04x code %u%s", proto, n > 0 ? p[0] : 0,
		    encrypted ? " (MPPE)" : "");
	switch (proto) {
	case PPP_PROTO_LCP:
		lcp_input(pc, p, n);
		break;
	case PROTO_CHAP:
		chap_input(pc, p, n);
		break;
	case PPP_PROTO_CCP:
		ccp_input(pc, p, n);
		break;
	case PPP_PROTO_IPCP:
		ipcp_input(pc, p, n);
		break;
	case PPP_PROTO_IP:
		ip_input(pc, p, n, encrypted);
		break;
	default:
		vlog(pc, "protocol 0x%04x ignored", proto);
		break;
	}
}

/*
 * Split a control packet into code, id and data (the Length field
 * bounds it; link padding after it is ignored).  False if malformed.
 */
static bool
cp_parse(const uint8_t *p, size_t n, uint8_t *code, uint8_t *id,
    struct rd *data)
{
	struct rd r;
	uint16_t len;

	rd_init(&r, p, n);
	if (rd_u8(&r, code) || rd_u8(&r, id) || rd_u16(&r, &len) ||
	    len < 4 || rd_sub(&r, len - 4u, data))
		return false;
	return true;
}

/* Next option of a Configure packet; 0 at the end, -1 if malformed. */
static int
opt_next(struct rd *r, uint8_t *type, struct rd *val)
{
	uint8_t len;

	if (r->left == 0)
		return 0;
	if (rd_u8(r, type) || rd_u8(r, &len) || len < 2 ||
	    rd_sub(r, len - 2u, val))
		return -1;
	return 1;
}

static void
lcp_send_req(struct pc *pc)
{
	uint8_t o[6] = { OPT_LCP_MAGIC, 6, (uint8_t)(pc->magic >> 24),
	    (uint8_t)(pc->magic >> 16), (uint8_t)(pc->magic >> 8),
	    (uint8_t)pc->magic };

	if (!pc->lcp.started)
		pc->lcp_first_id = (uint8_t)(pc->lcp.id + 1);
	pc->lcp.started = true;
	pc->lcp.sent_ms = now_ms();
	cp_send(pc, PPP_PROTO_LCP, CP_CONFREQ, ++pc->lcp.id, o, sizeof(o));
}

static void
lcp_input(struct pc *pc, const uint8_t *p, size_t n)
{
	struct rd d, v;
	uint8_t code, id, type, b[CP_MAX];
	uint16_t u16;
	uint8_t alg;
	int e;

	if (!cp_parse(p, n, &code, &id, &d)) {
		vlog(pc, "bad LCP packet");
		return;
	}
	if ((code == CP_CONFACK || code == CP_CONFNAK || code == CP_CONFREJ) &&
	    pc->lcp.started && id == pc->lcp_first_id)
		pc->lcp_first_answered = true;
	switch (code) {
	case CP_CONFREQ: {
		struct rd all = d;

		while ((e = opt_next(&d, &type, &v)) == 1) {
			switch (type) {
			case OPT_LCP_MRU:
				if (rd_u16(&v, &u16) || v.left != 0)
					fail(PC_EXIT_NEGOTIATION, "LCP: bad "
					    "MRU option");
				break;
			case OPT_LCP_AUTH:
				if (rd_u16(&v, &u16) || rd_u8(&v, &alg) ||
				    v.left != 0 || u16 != PROTO_CHAP ||
				    alg != CHAP_ALG_MSCHAPV2)
					fail(PC_EXIT_NEGOTIATION, "LCP: server "
					    "asks for an authentication other "
					    "than MS-CHAPv2");
				break;
			case OPT_LCP_MAGIC:
				if (v.left != 4)
					fail(PC_EXIT_NEGOTIATION, "LCP: bad "
					    "magic option");
				break;
			default:
				fail(PC_EXIT_NEGOTIATION, "LCP: server asks "
				    "for option %u", type);
			}
		}
		if (e < 0)
			fail(PC_EXIT_NEGOTIATION, "LCP: malformed request");
		memcpy(b, all.p, all.left);
		cp_send(pc, PPP_PROTO_LCP, CP_CONFACK, id, b, all.left);
		pc->lcp.theirs_acked = true;
		if (!pc->lcp.started)
			lcp_send_req(pc);
		break;
	}
	case CP_CONFACK:
		if (id == pc->lcp.id)
			pc->lcp.ours_acked = true;
		break;
	case CP_CONFNAK:
		if (id != pc->lcp.id)
			break;
		/* Only a magic number can be Nak'd: pick another. */
		rnd(&pc->magic, sizeof(pc->magic));
		pc->magic |= 1;
		lcp_send_req(pc);
		break;
	case CP_CONFREJ:
		if (id == pc->lcp.id)
			fail(PC_EXIT_NEGOTIATION, "LCP: server rejects our "
			    "magic number");
		break;
	case CP_TERMREQ:
		cp_send(pc, PPP_PROTO_LCP, CP_TERMACK, id, d.p, d.left);
		pc->lcp_term_rcvd = true;
		vlog(pc, "LCP: Terminate-Request from the server");
		break;
	case CP_TERMACK:
		if (id == pc->term_id)
			pc->lcp_term_acked = true;
		break;
	case CP_CODEREJ:
	case LCP_PROTREJ:
		if (d.left >= 2 && code == LCP_PROTREJ &&
		    (d.p[0] << 8 | d.p[1]) == PPP_PROTO_CCP)
			fail(PC_EXIT_NEGOTIATION, "server rejects CCP");
		vlog(pc, "LCP: %s from the server", code == CP_CODEREJ ?
		    "Code-Reject" : "Protocol-Reject");
		break;
	case LCP_ECHOREQ:
		if (d.left < 4 || d.left > sizeof(b))
			break;
		memcpy(b, d.p, d.left);
		b[0] = (uint8_t)(pc->magic >> 24);
		b[1] = (uint8_t)(pc->magic >> 16);
		b[2] = (uint8_t)(pc->magic >> 8);
		b[3] = (uint8_t)pc->magic;
		cp_send(pc, PPP_PROTO_LCP, LCP_ECHOREP, id, b, d.left);
		break;
	default:
		break;
	}
}

/* MS-CHAPv2 as the peer (RFC 2759). */
static void
chap_input(struct pc *pc, const uint8_t *p, size_t n)
{
	uint8_t hashhash[MSCHAP_NTHASH_LEN], master[MPPE_START_KEY_LEN];
	uint8_t skey[MPPE_START_KEY_LEN], rkey[MPPE_START_KEY_LEN];
	uint8_t code, id, vlen, chal[MSCHAP_V2_CHAL_LEN], b[CP_MAX];
	const uint8_t *u;
	size_t ulen, userlen = strlen(pc->user);
	struct rd d;
	struct wr w;
	char msg[128];

	if (!cp_parse(p, n, &code, &id, &d)) {
		vlog(pc, "bad CHAP packet");
		return;
	}
	u = mschap_strip_domain((const uint8_t *)pc->user, userlen, &ulen);
	switch (code) {
	case CHAP_CHALLENGE:
		if (rd_u8(&d, &vlen) || vlen != MSCHAP_V2_CHAL_LEN ||
		    rd_bytes(&d, chal, sizeof(chal)))
			fail(PC_EXIT_AUTH, "bad MS-CHAPv2 challenge");
		rnd(pc->peer_chal, sizeof(pc->peer_chal));
		mschapv2_nt_response(chal, pc->peer_chal, u, ulen, pc->nthash,
		    pc->nt_resp);
		mschapv2_authenticator_response(pc->nthash, pc->nt_resp,
		    pc->peer_chal, chal, u, ulen, pc->authresp);
		wr_init(&w, b, sizeof(b));
		wr_u8(&w, 49);			/* Value-Size */
		wr_bytes(&w, pc->peer_chal, sizeof(pc->peer_chal));
		wr_zero(&w, 8);			/* Reserved */
		wr_bytes(&w, pc->nt_resp, sizeof(pc->nt_resp));
		wr_u8(&w, 0);			/* Flags */
		wr_bytes(&w, pc->user, userlen);
		if (w.err != HP_OK)
			fail(PC_EXIT_ERR, "user name too long");
		cp_send(pc, PROTO_CHAP, CHAP_RESPONSE, id, b, w.len);
		vlog(pc, "CHAP: response sent");
		break;
	case CHAP_SUCCESS:
		if (pc->auth_ok)
			break;
		if (pc->authresp[0] == '\0')
			fail(PC_EXIT_AUTH, "CHAP Success before a challenge");
		if (d.left < MSCHAP_AUTHRESP_LEN ||
		    memcmp(d.p, pc->authresp, MSCHAP_AUTHRESP_LEN) != 0)
			fail(PC_EXIT_AUTH, "server authenticator response "
			    "is wrong");
		/* RFC 3079: the client's keys mirror the server's. */
		mschap_hash_nt_hash(pc->nthash, hashhash);
		mppe_v2_master_key(hashhash, pc->nt_resp, master);
		mppe_v2_server_keys(master, skey, rkey);
		if (mppe_init(&pc->tx, rkey, MPPE_128, true) != HP_OK ||
		    mppe_init(&pc->rx, skey, MPPE_128, true) != HP_OK)
			fail(PC_EXIT_ERR, "mppe_init");
		/* Not on until CCP says so. */
		pc->tx.on = pc->rx.on = false;
		explicit_bzero(hashhash, sizeof(hashhash));
		explicit_bzero(master, sizeof(master));
		explicit_bzero(skey, sizeof(skey));
		explicit_bzero(rkey, sizeof(rkey));
		pc->auth_ok = true;
		vlog(pc, "CHAP: success, server authenticated");
		ccp_send_req(pc);
		break;
	case CHAP_FAILURE:
		snprintf(msg, sizeof(msg), "%.*s", (int)(d.left < 100 ?
		    d.left : 100), (const char *)d.p);
		for (ulen = 0; msg[ulen] != '\0'; ulen++)
			if (msg[ulen] < 0x20 || msg[ulen] > 0x7e)
				msg[ulen] = '?';
		fail(PC_EXIT_AUTH, "authentication failed: %s", msg);
	default:
		break;
	}
}

static void
ccp_send_req(struct pc *pc)
{
	uint32_t v = MPPE_OPT_H | MPPE_OPT_S;
	uint8_t o[6] = { OPT_CCP_MPPE, 6, (uint8_t)(v >> 24),
	    (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	pc->ccp.started = true;
	pc->ccp.sent_ms = now_ms();
	cp_send(pc, PPP_PROTO_CCP, CP_CONFREQ, ++pc->ccp.id, o, sizeof(o));
}

static void
ccp_input(struct pc *pc, const uint8_t *p, size_t n)
{
	struct rd d, v, all;
	uint8_t code, id, type, b[CP_MAX];
	uint32_t bits;
	int e;

	if (!cp_parse(p, n, &code, &id, &d)) {
		vlog(pc, "bad CCP packet");
		return;
	}
	switch (code) {
	case CP_CONFREQ:
		if (!pc->auth_ok)
			break;	/* before the network phase: drop */
		all = d;
		while ((e = opt_next(&d, &type, &v)) == 1) {
			if (type != OPT_CCP_MPPE || rd_u32(&v, &bits) ||
			    v.left != 0 || bits != (MPPE_OPT_H | MPPE_OPT_S))
				fail(PC_EXIT_NEGOTIATION, "CCP: server asks "
				    "for something other than stateless "
				    "MPPE-128");
		}
		if (e < 0 || all.left == 0)
			fail(PC_EXIT_NEGOTIATION, "CCP: bad request");
		/* Their packets are encrypted from our Ack on. */
		pc->rx.on = true;
		memcpy(b, all.p, all.left);
		cp_send(pc, PPP_PROTO_CCP, CP_CONFACK, id, b, all.left);
		pc->ccp.theirs_acked = true;
		break;
	case CP_CONFACK:
		if (id == pc->ccp.id && !pc->ccp.ours_acked) {
			pc->ccp.ours_acked = true;
			pc->tx.on = true;
		}
		break;
	case CP_CONFNAK:
	case CP_CONFREJ:
		if (id == pc->ccp.id)
			fail(PC_EXIT_NEGOTIATION, "CCP: server %s stateless "
			    "MPPE-128", code == CP_CONFNAK ? "naks" :
			    "rejects");
		break;
	case CP_TERMREQ:
		cp_send(pc, PPP_PROTO_CCP, CP_TERMACK, id, NULL, 0);
		fail(PC_EXIT_NEGOTIATION, "CCP: server terminates CCP");
	case CCP_RESETREQ:
		/* Stateless: every packet changes the key anyway. */
		cp_send(pc, PPP_PROTO_CCP, CCP_RESETACK, id, NULL, 0);
		break;
	default:
		break;
	}
	if (pc->ccp.ours_acked && pc->ccp.theirs_acked && !pc->ipcp.started)
		ipcp_send_req(pc);
}

#define OPT_IPCP_NS	129	/* RFC 1877: 129 DNS1, 130 NBNS1, 131, 132 */

static size_t
put_v4opt(uint8_t *o, uint8_t type, uint32_t a)
{
	o[0] = type;
	o[1] = 6;
	o[2] = (uint8_t)(a >> 24);
	o[3] = (uint8_t)(a >> 16);
	o[4] = (uint8_t)(a >> 8);
	o[5] = (uint8_t)a;
	return 6;
}

static void
ipcp_send_req(struct pc *pc)
{
	uint8_t o[30];
	size_t n;
	unsigned i;

	n = put_v4opt(o, OPT_IPCP_ADDR, pc->addr);
	for (i = 0; pc->want_ns && i < 4; i++)
		if (!(pc->ns_rej & (1u << i)))
			n += put_v4opt(o + n, (uint8_t)(OPT_IPCP_NS + i),
			    pc->ns[i]);
	pc->ipcp.started = true;
	pc->ipcp.sent_ms = now_ms();
	cp_send(pc, PPP_PROTO_IPCP, CP_CONFREQ, ++pc->ipcp.id, o, n);
}

/* A Nak'd or rejected RFC 1877 option: its value, or not again. */
static bool
ipcp_ns_opt(struct pc *pc, uint8_t type, struct rd *v, bool rej)
{
	unsigned i = (unsigned)type - OPT_IPCP_NS;
	uint32_t a;

	if (!pc->want_ns || type < OPT_IPCP_NS || i >= 4)
		return false;
	if (rej)
		pc->ns_rej |= (uint8_t)(1u << i);
	else if (rd_u32(v, &a) == HP_OK)
		pc->ns[i] = a;
	return true;
}

static void
ipcp_input(struct pc *pc, const uint8_t *p, size_t n)
{
	struct rd d, v, all;
	uint8_t code, id, type, b[CP_MAX];
	uint32_t a;
	int e;

	if (!cp_parse(p, n, &code, &id, &d)) {
		vlog(pc, "bad IPCP packet");
		return;
	}
	switch (code) {
	case CP_CONFREQ:
		if (!pc->auth_ok)
			break;
		all = d;
		while ((e = opt_next(&d, &type, &v)) == 1)
			if (type == OPT_IPCP_ADDR && rd_u32(&v, &a) == HP_OK)
				pc->peer_addr = a;
		if (e < 0)
			fail(PC_EXIT_NEGOTIATION, "IPCP: bad request");
		memcpy(b, all.p, all.left);
		cp_send(pc, PPP_PROTO_IPCP, CP_CONFACK, id, b, all.left);
		pc->ipcp.theirs_acked = true;
		break;
	case CP_CONFACK:
		if (id == pc->ipcp.id && pc->addr != 0)
			pc->ipcp.ours_acked = true;
		break;
	case CP_CONFNAK:
		if (id != pc->ipcp.id)
			break;
		while ((e = opt_next(&d, &type, &v)) == 1)
			if (type == OPT_IPCP_ADDR && rd_u32(&v, &a) == HP_OK)
				pc->addr = a;
			else
				(void)ipcp_ns_opt(pc, type, &v, false);
		if (e < 0 || pc->addr == 0)
			fail(PC_EXIT_NEGOTIATION, "IPCP: Nak without an "
			    "address");
		ipcp_send_req(pc);
		break;
	case CP_CONFREJ:
		if (id != pc->ipcp.id)
			break;
		while ((e = opt_next(&d, &type, &v)) == 1)
			if (!ipcp_ns_opt(pc, type, &v, true))
				fail(PC_EXIT_NEGOTIATION, "IPCP: server "
				    "rejects our address option");
		if (e < 0)
			fail(PC_EXIT_NEGOTIATION, "IPCP: bad Reject");
		ipcp_send_req(pc);
		break;
	case CP_TERMREQ:
		cp_send(pc, PPP_PROTO_IPCP, CP_TERMACK, id, NULL, 0);
		fail(PC_EXIT_NEGOTIATION, "IPCP: server terminates IPCP");
	default:
		break;
	}
}

/* ---- ping through the tunnel ----------------------------------------- */

static uint16_t
inet_sum(const uint8_t *p, size_t n, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void
ping_send(struct pc *pc, uint16_t seq)
{
	uint8_t pkt[20 + 8 + 56];
	uint16_t sum;
	struct wr w;
	size_t i;

	wr_init(&w, pkt, sizeof(pkt));
	wr_u8(&w, 0x45);
	wr_u8(&w, 0);
	wr_u16(&w, sizeof(pkt));
	wr_u16(&w, seq);		/* identification */
	wr_u16(&w, 0x4000);		/* DF */
	wr_u8(&w, 64);
	wr_u8(&w, 1);			/* ICMP */
	wr_u16(&w, 0);			/* checksum, below */
	wr_u32(&w, pc->addr);
	wr_u32(&w, pc->peer_addr);
	wr_u8(&w, 8);			/* echo request */
	wr_u8(&w, 0);
	wr_u16(&w, 0);
	wr_u16(&w, pc->ping_ident);
	wr_u16(&w, seq);
	for (i = 0; i < 56; i++)
		wr_u8(&w, (uint8_t)i);
	sum = inet_sum(pkt, 20, 0);
	pkt[10] = (uint8_t)(sum >> 8);
	pkt[11] = (uint8_t)sum;
	sum = inet_sum(pkt + 20, sizeof(pkt) - 20, 0);
	pkt[22] = (uint8_t)(sum >> 8);
	pkt[23] = (uint8_t)sum;
	ppp_send(pc, PPP_PROTO_IP, pkt, sizeof(pkt));
}

static void
ip_input(struct pc *pc, const uint8_t *p, size_t n, bool encrypted)
{
	struct rd r;
	uint8_t vihl, proto, type;
	uint16_t ident;
	uint32_t src, dst;

	if (!encrypted && !pc->plain_ip) {
		/* MPPE is required: an IP packet in clear is a bug. */
		pc->clear_ip++;
		fprintf(stderr, "pptpc: IP packet without MPPE from the "
		    "server\n");
		return;
	}
	rd_init(&r, p, n);
	if (rd_u8(&r, &vihl) || (vihl >> 4) != 4 || rd_skip(&r, 8) ||
	    rd_u8(&r, &proto) || rd_skip(&r, 2) || rd_u32(&r, &src) ||
	    rd_u32(&r, &dst) || rd_skip(&r, (size_t)(vihl & 0xf) * 4 - 20))
		return;
	if (proto != 1 || src != pc->peer_addr || dst != pc->addr ||
	    rd_u8(&r, &type) || type != 0 || rd_skip(&r, 3) ||
	    rd_u16(&r, &ident) || ident != pc->ping_ident)
		return;
	pc->ping_replies++;
}

/* ---- the loop ----------------------------------------------------------- */

/* Retransmit our outstanding Configure-Requests. */
static void
tick(struct pc *pc)
{
	uint64_t now = now_ms();

	if (pc->lcp.started && !pc->lcp.ours_acked &&
	    now - pc->lcp.sent_ms >= PC_RETRY_MS)
		lcp_send_req(pc);
	if (pc->ccp.started && !pc->ccp.ours_acked &&
	    now - pc->ccp.sent_ms >= PC_RETRY_MS)
		ccp_send_req(pc);
	if (pc->ipcp.started && !pc->ipcp.ours_acked &&
	    now - pc->ipcp.sent_ms >= PC_RETRY_MS)
		ipcp_send_req(pc);
}

/*
 * Serve both sockets until cond() holds (true) or ms pass (false).
 * Each round ends with a bare GRE ack if we received data and sent
 * nothing since.
 */
static bool
wait_for(struct pc *pc, bool (*cond)(struct pc *), int ms)
{
	struct pollfd pfd[2];
	uint64_t end = now_ms() + (uint64_t)ms, now;
	int nfd, t;

	for (;;) {
		if (cond(pc))
			return true;
		if ((now = now_ms()) >= end)
			return false;
		t = (int)(end - now);
		if (t > PC_RETRY_MS / 2)
			t = PC_RETRY_MS / 2;
		pfd[0].fd = pc->tcp;
		pfd[0].events = POLLIN;
		pfd[1].fd = pc->gre;
		pfd[1].events = POLLIN;
		nfd = pc->gre == -1 || pc->peer_call_id == 0 ? 1 : 2;
		if (pc->tcp_eof)
			pfd[0].fd = -1;
		if (poll(pfd, (nfds_t)nfd, t) == -1 && errno != EINTR)
			fail(PC_EXIT_ERR, "poll: %s", strerror(errno));
		if (pfd[0].fd != -1 && (pfd[0].revents & (POLLIN | POLLHUP |
		    POLLERR)))
			pptp_input(pc);
		if (nfd == 2 && (pfd[1].revents & POLLIN))
			gre_input(pc);
		if (nfd == 2)
			tick(pc);
		if (pc->ack_due)
			gre_send_ack(pc);
	}
}

static bool
c_sccrp(struct pc *pc)
{
	return pc->got_sccrp || pc->tcp_eof;
}

static bool
c_ocrp(struct pc *pc)
{
	return pc->got_ocrp || pc->tcp_eof || pc->got_stopccrq;
}

static bool
c_ppp_up(struct pc *pc)
{
	return (pc->ipcp.ours_acked && pc->ipcp.theirs_acked) ||
	    pc->tcp_eof || pc->got_cdn || pc->got_stopccrq ||
	    pc->lcp_term_rcvd;
}

static bool
c_term_acked(struct pc *pc)
{
	return pc->lcp_term_acked || pc->tcp_eof || pc->got_cdn;
}

static bool
c_cdn(struct pc *pc)
{
	return pc->got_cdn || pc->tcp_eof;
}

static bool
c_stopccrp(struct pc *pc)
{
	return pc->got_stopccrp || pc->tcp_eof;
}

static bool
c_never(struct pc *pc)
{
	return pc->tcp_eof || pc->got_cdn || pc->got_stopccrq ||
	    pc->lcp_term_rcvd;
}

static bool
c_ping(struct pc *pc)
{
	return pc->ping_replies >= pc->ping_target || c_never(pc);
}

/* The server ended the session while we wanted it: say how, exit. */
static void
check_server_end(struct pc *pc, int code)
{
	if (pc->lcp_term_rcvd)
		fail(code, "server sent LCP Terminate-Request");
	if (pc->got_cdn)
		fail(code, "server cleared the call (CDN)");
	if (pc->got_stopccrq)
		fail(code, "server stopped the control connection");
	if (pc->tcp_eof)
		fail(code, "server closed the TCP connection");
}

int
main(int argc, char *argv[])
{
	struct pc pc;
	struct pptp_msg m;
	enum pc_end end = END_CLOSE;
	unsigned long nping = 0, hold = 0, i;
	uint64_t t0 = now_ms();
	char *ep;
	int e;

	memset(&pc, 0, sizeof(pc));
	pc.tcp = pc.gre = -1;
	for (i = 1; i < (unsigned long)argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			pc.verbose = true;
		else if (strcmp(argv[i], "--close") == 0)
			end = END_CLOSE;
		else if (strcmp(argv[i], "--abort") == 0)
			end = END_ABORT;
		else if (strcmp(argv[i], "--vanish") == 0)
			end = END_VANISH;
		else if (strcmp(argv[i], "--plain-ip") == 0)
			pc.plain_ip = true;
		else if (strcmp(argv[i], "--dns") == 0)
			pc.want_ns = true;
		else if ((strcmp(argv[i], "--ping") == 0 ||
		    strcmp(argv[i], "--hold") == 0) &&
		    i + 1 < (unsigned long)argc) {
			unsigned long v;

			errno = 0;
			v = strtoul(argv[i + 1], &ep, 10);
			if (errno != 0 || *ep != '\0' || v > 100000)
				usage();
			if (argv[i][2] == 'p')
				nping = v;
			else
				hold = v;
			i++;
		} else
			usage();
	}
	if (argc - (int)i != 3)
		usage();
	if (inet_pton(AF_INET, argv[i], &pc.server) == 1)
		pc.af = AF_INET;
	else if (inet_pton(AF_INET6, argv[i], &pc.server6) == 1)
		pc.af = AF_INET6;
	else
		fail(PC_EXIT_ERR, "%s: not an IPv4 or IPv6 address", argv[i]);
	(void)snprintf(pc.server_s, sizeof(pc.server_s), "%s", argv[i]);
	pc.user = argv[i + 1];
	pc.pass = argv[i + 2];
	if (strlen(pc.user) > 200)
		fail(PC_EXIT_ERR, "user name too long");
	if ((e = mschap_nt_hash((const uint8_t *)pc.pass, strlen(pc.pass),
	    pc.nthash)) != HP_OK)
		fail(PC_EXIT_ERR, "password: %s", hp_strerror(e));
	rnd(&pc.magic, sizeof(pc.magic));
	pc.magic |= 1;
	rnd(&pc.call_id, sizeof(pc.call_id));
	if (pc.call_id == 0)
		pc.call_id = 1;
	rnd(&pc.tx_seq, sizeof(pc.tx_seq));
	pc.ping_ident = (uint16_t)getpid();

	/* The GRE socket first: nothing the server sends may be lost. */
	gre_open(&pc);
	tcp_open(&pc);

	memset(&m, 0, sizeof(m));
	m.type = PPTP_SCCRQ;
	m.u.sccrq.version = PPTP_VERSION;
	m.u.sccrq.framing_caps = PPTP_FRAMING_ASYNC | PPTP_FRAMING_SYNC;
	m.u.sccrq.bearer_caps = PPTP_BEARER_ANALOG | PPTP_BEARER_DIGITAL;
	m.u.sccrq.firmware = 1;
	snprintf(m.u.sccrq.host, sizeof(m.u.sccrq.host), "pptpc");
	snprintf(m.u.sccrq.vendor, sizeof(m.u.sccrq.vendor), "hpptpd tests");
	pptp_send(&pc, &m);
	if (!wait_for(&pc, c_sccrp, PC_STAGE_MS))
		fail(PC_EXIT_ERR, "no SCCRP within %d ms", PC_STAGE_MS);
	check_server_end(&pc, PC_EXIT_ERR);
	if (pc.sccrp.result != PPTP_SCCRP_OK)
		fail(PC_EXIT_ERR, "SCCRP: %s",
		    pptp_result_name(PPTP_SCCRP, pc.sccrp.result));

	memset(&m, 0, sizeof(m));
	m.type = PPTP_OCRQ;
	m.u.ocrq.call_id = pc.call_id;
	m.u.ocrq.serial = 1;
	m.u.ocrq.min_bps = 2400;
	m.u.ocrq.max_bps = 10000000;
	m.u.ocrq.bearer_type = PPTP_BEARER_ANALOG | PPTP_BEARER_DIGITAL;
	m.u.ocrq.framing_type = PPTP_FRAMING_ASYNC | PPTP_FRAMING_SYNC;
	m.u.ocrq.recv_window = PC_RECV_WINDOW;
	pptp_send(&pc, &m);
	if (!wait_for(&pc, c_ocrp, PC_STAGE_MS))
		fail(PC_EXIT_ERR, "no OCRP within %d ms", PC_STAGE_MS);
	check_server_end(&pc, PC_EXIT_ERR);
	if (pc.ocrp.result != PPTP_OCRP_CONNECTED)
		fail(PC_EXIT_ERR, "OCRP: %s (error %s)",
		    pptp_result_name(PPTP_OCRP, pc.ocrp.result),
		    pptp_error_name(pc.ocrp.error));
	pc.peer_call_id = pc.ocrp.call_id;
	if (pc.peer_call_id == 0)
		fail(PC_EXIT_ERR, "OCRP with call ID 0");

	lcp_send_req(&pc);
	if (!wait_for(&pc, c_ppp_up, PC_STAGE_MS))
		fail(PC_EXIT_NEGOTIATION, "PPP not up within %d ms (LCP %s, "
		    "auth %s, CCP %s, IPCP %s)", PC_STAGE_MS,
		    pc.lcp.ours_acked && pc.lcp.theirs_acked ? "up" : "down",
		    pc.auth_ok ? "ok" : "pending",
		    pc.ccp.ours_acked && pc.ccp.theirs_acked ? "up" : "down",
		    pc.ipcp.ours_acked ? "acked" : "not acked");
	check_server_end(&pc, PC_EXIT_NEGOTIATION);
	{
		struct in_addr a = { htonl(pc.addr) };

		printf("up %s\n", inet_ntoa(a));
		if (pc.want_ns) {
			char n0[INET_ADDRSTRLEN], n1[INET_ADDRSTRLEN];
			struct in_addr x;
			unsigned k;

			for (k = 0; k < 2; k++) {
				x.s_addr = htonl(pc.ns[k]);
				inet_ntop(AF_INET, &x, n0, sizeof(n0));
				x.s_addr = htonl(pc.ns[k + 2]);
				inet_ntop(AF_INET, &x, n1, sizeof(n1));
				printf("%s %s %s\n", k == 0 ? "dns" : "nbns",
				    n0, n1);
			}
		}
		/* "lost": the server's data path dropped it (issue 18) */
		printf("lcp-first %s\n", pc.lcp_first_answered ? "answered" :
		    "lost");
		fflush(stdout);
	}
	vlog(&pc, "up in %llu ms", (unsigned long long)(now_ms() - t0));

	/*
	 * As "ping -c N -w 10": send until N replies came back, one
	 * request per reply or per PC_PING_MS, at most N + PC_PING_EXTRA
	 * requests.  SENT > RECEIVED in the output shows losses.
	 */
	for (i = 0; pc.ping_replies < nping && i < nping + PC_PING_EXTRA;
	    i++) {
		ping_send(&pc, (uint16_t)i);
		pc.ping_target = pc.ping_replies + 1;
		wait_for(&pc, c_ping, PC_PING_MS);
		check_server_end(&pc, PC_EXIT_ERR);
	}
	if (nping > 0) {
		printf("ping %lu %u\n", i, pc.ping_replies);
		fflush(stdout);
	}
	if (hold > 0) {
		wait_for(&pc, c_never, (int)hold * 1000);
		check_server_end(&pc, PC_EXIT_ERR);
	}

	switch (end) {
	case END_ABORT:
		/* No goodbye: a client that crashed or lost its link. */
		close(pc.tcp);
		close(pc.gre);
		vlog(&pc, "aborted");
		break;
	case END_VANISH:
		/* Keep both sockets open and never read them again. */
		vlog(&pc, "vanished");
		sleep(PC_VANISH_SECS);
		break;
	case END_CLOSE:
		rnd(&pc.term_id, sizeof(pc.term_id));
		for (i = 0; i < 3 && !c_term_acked(&pc); i++) {
			cp_send(&pc, PPP_PROTO_LCP, CP_TERMREQ, pc.term_id,
			    (const uint8_t *)"bye", 3);
			wait_for(&pc, c_term_acked, 1000);
		}
		if (!c_term_acked(&pc))
			fail(PC_EXIT_ERR, "no LCP Terminate-Ack");
		if (!pc.tcp_eof) {
			memset(&m, 0, sizeof(m));
			m.type = PPTP_CCRQ;
			m.u.ccrq.call_id = pc.call_id;
			pptp_send(&pc, &m);
			if (!wait_for(&pc, c_cdn, PC_STAGE_MS))
				fail(PC_EXIT_ERR, "no CDN");
		}
		if (!pc.tcp_eof && !pc.got_stopccrq) {
			memset(&m, 0, sizeof(m));
			m.type = PPTP_STOPCCRQ;
			m.u.stopccrq.reason = PPTP_STOP_NONE;
			pptp_send(&pc, &m);
			if (!wait_for(&pc, c_stopccrp, PC_STAGE_MS))
				fail(PC_EXIT_ERR, "no StopCCRP");
		}
		close(pc.tcp);
		close(pc.gre);
		vlog(&pc, "closed");
		break;
	}
	if (pc.clear_ip > 0)
		fail(PC_EXIT_ERR, "%u IP packets came without MPPE",
		    pc.clear_ip);
	if (nping > 0 && pc.ping_replies < nping)
		fail(PC_EXIT_ERR, "%lu echo replies wanted, %u came",
		    nping, pc.ping_replies);
	explicit_bzero(pc.nthash, sizeof(pc.nthash));
	return PC_EXIT_OK;
}
