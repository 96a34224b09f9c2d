/*
 * hpptpd: the typed message protocol between master and its workers.
 *
 * One SOCK_SEQPACKET socketpair per worker; one datagram is one message:
 * a 12-byte header and a fixed-layout payload.  common/msg_catalog.c says
 * for each type its payload size (exact, or a maximum for the few
 * variable ones), whether an fd travels with it, who sends it and who
 * receives it, and which field checker runs.  Nothing else decides that.
 *
 * Layout rules: fixed-width fields in host order (same machine), IPv4
 * addresses as uint32_t in network order, no pointers, strings as a
 * length field plus a fixed array (no NUL needed), explicit zero padding.
 * Every payload's size is pinned with _Static_assert.
 */
#ifndef HP_MSG_H
#define HP_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "common/addrrule.h"
#include "common/log.h"

enum proc_id {
	P_MASTER = 0,
	P_CTRL = 1,
	P_GRE = 2,
	P_AUTH = 3,
	P_NPROC
};
#define P_ANY_WORKER	P_NPROC	/* in the catalog: ctrl, gre or auth */
const char	*proc_name(enum proc_id);

struct msg_hdr {
	uint16_t	type;	/* enum msg_type */
	uint16_t	flags;	/* must be 0 */
	uint32_t	sid;	/* session id; 0 = none */
	uint32_t	len;	/* payload bytes that follow */
};
_Static_assert(sizeof(struct msg_hdr) == 12, "msg_hdr layout");

/*
 * Message types: explicit values, never reused (a retired value stays
 * a hole: 8, 9, 12, 13, 31-33, 37, 38).  A request and its answer are
 * an even value and the next odd one; MSG_PAIRS lists every such pair
 * and each is checked below at compile time (the catalog's unit test
 * checks that an answer flows back the way its request came).  Other
 * messages take any free value.
 */
enum msg_type {
	MSG_NONE		= 0,
	MSG_LOG			= 1,	/* any worker -> master */
	MSG_READY		= 2,	/* worker -> master: sandboxed */
	MSG_CTRL_CONFIG		= 3,	/* master -> ctrl */
	MSG_GRE_CONFIG		= 4,	/* master -> gre */
	MSG_AUTH_CONFIG		= 5,	/* master -> auth */
	MSG_GRE_SOCKET		= 6,	/* master -> gre, fd: raw GRE */
	MSG_TUN_DEVICE		= 7,	/* master -> gre, fd: tun */
	MSG_CTRL_CONN		= 10,	/* master -> ctrl, fd: TCP socket */
	MSG_CTRL_CLOSED		= 11,	/* ctrl -> master: the session is over */
	MSG_PPP_FROM_GRE	= 14,	/* gre -> master (var) */
	MSG_PPP_TO_CTRL		= 15,	/* master -> ctrl (var) */
	MSG_PPP_FROM_CTRL	= 16,	/* ctrl -> master (var) */
	MSG_PPP_TO_GRE		= 17,	/* master -> gre (var) */
	MSG_CCP_MODE		= 18,	/* ctrl -> master */
	MSG_GRE_CCP_MODE	= 19,	/* master -> gre */
	MSG_AUTH_REQUEST	= 20,	/* ctrl -> master */
	MSG_AUTH_VERDICT	= 21,	/* master -> ctrl */
	MSG_AUTH_CHECK		= 22,	/* master -> auth */
	MSG_AUTH_RESULT		= 23,	/* auth -> master */
	MSG_SECRET_FILE_REQ	= 24,	/* auth -> master: open "@/path" */
	MSG_SECRET_FILE		= 25,	/* master -> auth, fd when ok */
	MSG_SESSION_KEYS	= 26,	/* auth -> master: MPPE start keys */
	MSG_GRE_KEYS		= 27,	/* master -> gre: the same, forwarded */
	MSG_SESSION_UP		= 28,	/* ctrl -> master: IPCP opened */
	MSG_GRE_ROUTE		= 29,	/* master -> gre: inner address */
	MSG_SESSION_KICK	= 30,	/* master -> ctrl: end it */
	MSG_TEST_SYSCALL	= 34,	/* master -> worker: test builds only */
	MSG_STATIC_ADDR		= 35,	/* auth -> master: reserve for a user */
	MSG_GRE_COUNTERS	= 36,	/* gre -> master: live counters */
	MSG_GRE_ADD		= 40,	/* master -> gre: take a call */
	MSG_GRE_ADDED		= 41,	/* gre -> master */
	MSG_CALL_OPEN		= 42,	/* ctrl -> master: OCRQ, unanswered */
	MSG_CALL_ACCEPT		= 43,	/* master -> ctrl: send the OCRP */
	MSG_GRE_DEL		= 44,	/* master -> gre: drop a session */
	MSG_GRE_STATS		= 45,	/* gre -> master: its final counters */
	MSG_SECRETS		= 46,	/* master -> auth, fd: chap-secrets */
	MSG_SECRETS_LOADED	= 47,	/* auth -> master: the load's result */
	MSG_GRE_RATE		= 48,	/* master -> gre: a session's limits */
	/* 49-55: gre data workers (issue 18) */
	MSG_GRE_PEER		= 49,	/* master -> gre: another shard's client */
	MSG_GRE_SEND_SOCKET	= 50,	/* master -> gre, fd: send-only raw GRE */
	MSG_CTRL_SESS_OPTS	= 56,	/* master -> ctrl: a user's DNS/NBNS */
	MSG_GRE_SESS_OPTS	= 57,	/* master -> gre: a user's MSS, routes */
	MSG_ACCT_RECORD		= 58,	/* auth -> master: a session's record */
	MSG_ACCT_RESUME		= 59,	/* master -> auth: the same, after */
					/* auth restarted */
	/* 60-79: RADIUS (issue 15) */
	MSG_RADIUS_CONFIG	= 60,	/* master -> auth */
	MSG_RADIUS_SERVER	= 61,	/* master -> auth, fd: its secret file */
	MSG_RADIUS_SOCKET	= 62,	/* master -> auth, fd: connected UDP */
	MSG_RADIUS_REPLY	= 63,	/* auth -> master: per-user policy */
	MSG_ACCT_START		= 64,	/* master -> auth: session up */
	MSG_ACCT_COUNTERS	= 65,	/* master -> auth: gre's counters */
	MSG_ACCT_STOP		= 66,	/* master -> auth: session over */
	MSG_RADIUS_STATS	= 67,	/* auth -> master: one server's counts */
	MSG_ACCT_OFF		= 68,	/* master -> auth: clean stop */
	/* 70-79: RADIUS Disconnect/CoA (issue 16, RFC 5176) */
	MSG_DAE_CONFIG		= 70,	/* master -> auth */
	MSG_DAE_CLIENT		= 71,	/* master -> auth, fd: its secret file */
	MSG_DAE_SOCKET		= 72,	/* master -> auth, fd: bound UDP */
	MSG_DAE_STATS		= 73,	/* auth -> master: results so far */
	MSG_DAE_ACTION		= 74,	/* auth -> master: end or change X */
	MSG_DAE_DONE		= 75,	/* master -> auth: what came of it */
	/* 80-89: IPv6 in the tunnel (issue 17) */
	MSG_CTRL_CONFIG6	= 80,	/* master -> ctrl: IPV6CP policy */
	MSG_GRE_ROUTE6		= 81,	/* master -> gre: the session's /64 */
	MSG_CTRL_PREFIX6	= 82,	/* master -> ctrl: the same, for RAs */
	MSG_GRE_STRAY		= 90,	/* gre -> master: GRE for no session */
	/* 91-94: the metrics HTTP listener, served by ctrl (issue 16) */
	MSG_METRICS_CONN	= 91,	/* master -> ctrl, fd: a scraper */
	MSG_METRICS_REQ		= 92,	/* ctrl -> master: the next chunk */
	MSG_METRICS_DATA	= 93,	/* master -> ctrl (var): a part of it */
	MSG_METRICS_DONE	= 94,	/* ctrl -> master: connection closed */
	MSG_GRE_SOCKET6		= 95,	/* master -> gre, fd: IPv6 GRE */
	/* 96-98: the LCP echo keepalive, run by the data worker (issue 18) */
	MSG_LCP_KEEPALIVE	= 96,	/* ctrl -> master: LCP opened/down */
	MSG_GRE_KEEPALIVE	= 97,	/* master -> gre: echo on/off */
	MSG_GRE_LINK_DEAD	= 98,	/* gre -> master: echoes unanswered */
	MSG_GRE_WORKER		= 99,	/* gre -> master: its own counters */
	/* MSG_NTYPES follows the largest value: keep them in order */
	MSG_NTYPES
};
const char	*msg_type_name(unsigned int);

/* Every request and its answer: X(request, answer). */
#define MSG_PAIRS(X) \
	X(MSG_CTRL_CONN, MSG_CTRL_CLOSED) \
	X(MSG_AUTH_REQUEST, MSG_AUTH_VERDICT) \
	X(MSG_AUTH_CHECK, MSG_AUTH_RESULT) \
	X(MSG_SECRET_FILE_REQ, MSG_SECRET_FILE) \
	X(MSG_GRE_ADD, MSG_GRE_ADDED) \
	X(MSG_CALL_OPEN, MSG_CALL_ACCEPT) \
	X(MSG_GRE_DEL, MSG_GRE_STATS) \
	X(MSG_METRICS_REQ, MSG_METRICS_DATA) \
	X(MSG_SECRETS, MSG_SECRETS_LOADED) \
	X(MSG_DAE_ACTION, MSG_DAE_DONE)
#define MSG_PAIR_ASSERT(req, ans) \
	_Static_assert((req) % 2 == 0 && (ans) == (req) + 1, #req "/" #ans);
MSG_PAIRS(MSG_PAIR_ASSERT)

/* ---- payloads ---- */

#define PPP_MAX_FRAME	1600	/* protocol + information, after framing */
#define MSG_MAX_PAYLOAD	2048
#define MSG_MAX		(sizeof(struct msg_hdr) + MSG_MAX_PAYLOAD)

struct m_addr {			/* a socket address */
	uint8_t		family;	/* 4 or 6 */
	uint8_t		pad;
	uint16_t	port;	/* host order */
	uint8_t		addr[16];	/* v4 in the first 4 bytes */
};
_Static_assert(sizeof(struct m_addr) == 20, "m_addr");

struct m_log {
	uint8_t		prio;	/* syslog priority, LOG_CRIT..LOG_DEBUG */
	uint8_t		fac;	/* enum log_fac */
	uint16_t	len;	/* bytes of text */
	char		text[LOG_MAX_LINE];
};
_Static_assert(sizeof(struct m_log) == 4 + LOG_MAX_LINE, "m_log");

struct m_ready {
	uint32_t	proc;	/* enum proc_id of the sender */
	uint32_t	pid;
};
_Static_assert(sizeof(struct m_ready) == 8, "m_ready");

/* auth methods (bitmask in config, value in requests) */
enum auth_method {
	AM_PAP = 1,
	AM_CHAP_MD5 = 2,
	AM_MSCHAP1 = 3,
	AM_MSCHAP2 = 4,
};
#define AM_BIT(m)	(1u << (m))
#define AM_ALL		(AM_BIT(AM_PAP) | AM_BIT(AM_CHAP_MD5) | \
			 AM_BIT(AM_MSCHAP1) | AM_BIT(AM_MSCHAP2))
const char	*auth_method_name(unsigned int);

/* MPPE policy bits (config) */
#define MPPE_ALLOW_40		0x01
#define MPPE_ALLOW_56		0x02
#define MPPE_ALLOW_128		0x04
#define MPPE_REQUIRED		0x10
#define MPPE_ALLOW_STATEFUL	0x20
#define MPPE_POLICY_MASK	0x37

#define MAX_ROUTES	32
struct m_route {
	uint32_t	addr;	/* network order */
	uint8_t		plen;
	uint8_t		pad[3];
};
_Static_assert(sizeof(struct m_route) == 8, "m_route");

struct m_ctrl_config {
	uint32_t	auth_methods;	/* AM_BIT() set */
	uint32_t	mppe;		/* MPPE_* policy */
	uint32_t	local_ip;	/* network order */
	uint32_t	dns[2];		/* 0 = none */
	uint32_t	wins[2];
	uint32_t	netmask;	/* DHCP option 1; 0 = none */
	uint16_t	mru;
	uint16_t	mtu;
	uint16_t	lcp_echo_interval;	/* seconds, 0 = off */
	uint16_t	lcp_echo_failures;
	uint16_t	ctrl_echo_interval;	/* PPTP Echo, seconds */
	uint16_t	sccrq_timeout;		/* seconds */
	uint16_t	setup_timeout;		/* seconds */
	uint16_t	calls_per_conn;
	uint16_t	max_conns;
	uint8_t		nroutes;
	uint8_t		name_len;
	struct m_route	routes[MAX_ROUTES];
	char		name[64];		/* our CHAP name */
	uint8_t		domain_len;
	uint8_t		verbose;
	uint8_t		pad[2];
	char		domain[64];
};
_Static_assert(sizeof(struct m_ctrl_config) == 440, "m_ctrl_config");

/*
 * IPv6 in the tunnel, after MSG_CTRL_CONFIG (a message of its own so
 * that ctrl-config's layout stays as it is).  ipv6 0: IPV6CP is
 * Protocol-Rejected.  The interface identifiers are pppd's "ipv6
 * <local>,<remote>"; zero: ours random per session, the peer's its own.
 */
#define IFID_LEN	8
#define DNS6_MAX	3	/* dns6: RDNSS (RFC 8106) in the RA */
#define ROUTES6_MAX	16	/* push-route6: Route Information (RFC 4191) */
struct m_route6 {
	uint8_t		prefix[16];	/* bits past plen zero */
	uint8_t		plen;		/* 0..128 */
	uint8_t		pad[7];
};
_Static_assert(sizeof(struct m_route6) == 24, "m_route6");
/*
 * With an `ipv6 pool`, what ctrl's router advertisements carry beside
 * the session's /64: DNS servers and split-tunnel routes (unused
 * entries zero).
 */
struct m_ctrl_config6 {
	uint8_t		ipv6;		/* 0/1 */
	uint8_t		ndns6;		/* 0..DNS6_MAX */
	uint8_t		nroutes6;	/* 0..ROUTES6_MAX */
	uint8_t		pad[5];
	uint8_t		ifid_local[IFID_LEN];
	uint8_t		ifid_remote[IFID_LEN];
	uint8_t		dns6[DNS6_MAX][16];
	struct m_route6	routes6[ROUTES6_MAX];
};
_Static_assert(sizeof(struct m_ctrl_config6) == 456, "m_ctrl_config6");

/*
 * gre-reorder: the largest window (gre's reorder slots per session) and
 * hold time, and the defaults; a small window gives a lost packet up
 * sooner, which TCP prefers (with 32, interop s08 fell from 1.0 to 0.2
 * Mbit/s).
 */
#define GRE_REORDER_WIN_MAX	32
#define GRE_REORDER_MS_MAX	5000
#define GRE_REORDER_WIN_DEFAULT	8
#define GRE_REORDER_MS_DEFAULT	300	/* as Poptop */
struct m_gre_config {
	uint32_t	local_ip;	/* network order */
	uint32_t	max_sessions;
	uint16_t	mtu;
	uint16_t	reorder_ms;	/* hold time; 0: deliver at once */
	uint8_t		mss_adjust;	/* 0/1 */
	uint8_t		client_to_client;	/* 0/1 */
	uint8_t		verbose;
	uint8_t		reorder_win;	/* 1..GRE_REORDER_WIN_MAX */
};
_Static_assert(sizeof(struct m_gre_config) == 16, "m_gre_config");

struct m_auth_config {
	uint32_t	lockout_failures;
	uint32_t	lockout_window;		/* seconds */
	uint32_t	lockout_time;		/* seconds */
	uint8_t		name_len;
	uint8_t		verbose;
	uint8_t		pad[2];
	char		name[64];		/* our server name */
};
_Static_assert(sizeof(struct m_auth_config) == 80, "m_auth_config");

/* MSG_GRE_SOCKET, MSG_GRE_SOCKET6, MSG_TUN_DEVICE, MSG_GRE_SEND_SOCKET */
struct m_fd {
	uint32_t	kind;	/* must equal the message type */
	uint32_t	flags;	/* M_FD_VNET_HDR (tun), M_FD_RING (GRE); or 0 */
};
/* The tun's reads and writes carry a virtio-net header (gre/tso.h). */
#define M_FD_VNET_HDR		0x1
/* MSG_GRE_SOCKET: a packet socket with a receive ring (common/gre_ring.h) */
#define M_FD_RING		0x2
#define TUN_VNET_HDR_LEN	10	/* struct virtio_net_hdr */
_Static_assert(sizeof(struct m_fd) == 8, "m_fd");

struct m_secrets {		/* MSG_SECRETS; fd attached */
	uint16_t	name_len;
	uint16_t	pad;
	char		name[256];	/* file name for log lines */
};
_Static_assert(sizeof(struct m_secrets) == 260, "m_secrets");

struct m_secrets_loaded {
	uint32_t	entries;	/* valid entries */
	uint32_t	errors;		/* lines skipped */
};
_Static_assert(sizeof(struct m_secrets_loaded) == 8, "m_secrets_loaded");

/*
 * A static address from chap-secrets, sent by auth for each entry with
 * one, between MSG_SECRETS and MSG_SECRETS_LOADED: master reserves it
 * so the pool never hands it to anyone else.
 */
struct m_static_addr {
	uint32_t	addr;		/* network order */
	uint16_t	name_len;
	uint16_t	pad;
	char		name[256];	/* the client name it belongs to */
};
_Static_assert(sizeof(struct m_static_addr) == 264, "m_static_addr");

struct m_secret_file_req {
	uint16_t	path_len;
	uint16_t	pad;
	char		path[256];
};
_Static_assert(sizeof(struct m_secret_file_req) == 260, "m_secret_file_req");

struct m_secret_file {		/* fd attached when ok */
	int32_t		status;		/* 0 ok, else hp_err */
	uint16_t	path_len;
	uint16_t	pad;
	char		path[256];
};
_Static_assert(sizeof(struct m_secret_file) == 264, "m_secret_file");
/* MSG_FD_IF_OK reads the status here (msg_check) */
_Static_assert(offsetof(struct m_secret_file, status) == 0, "status first");

struct m_ctrl_conn {		/* fd attached: connected TCP socket */
	struct m_addr	peer;
	struct m_addr	local;
};
_Static_assert(sizeof(struct m_ctrl_conn) == 40, "m_ctrl_conn");

/* why a session ended; also used for kicks */
enum sess_reason {
	SR_NONE = 0,
	SR_PEER_CLOSED,		/* TCP closed or StopCCRQ */
	SR_PEER_TERMINATE,	/* LCP Terminate-Request */
	SR_CALL_CLEARED,	/* CCRQ */
	SR_ECHO_TIMEOUT,	/* LCP or PPTP echo */
	SR_AUTH_FAILED,
	SR_NEGOTIATION,		/* LCP/CCP/IPCP failed */
	SR_MPPE_REFUSED,
	SR_PROTOCOL_ERROR,	/* malformed input */
	SR_SETUP_TIMEOUT,
	SR_KICKED,
	SR_WORKER_RESTART,
	SR_SHUTDOWN,
	SR_LIMIT,
	SR_NO_ADDRESS,
	/* the causes of a set-up that never completed (hpptpd(8) events) */
	SR_LCP_TIMEOUT,		/* our LCP Configure-Requests unanswered */
	SR_CCP_REFUSED,		/* the client wants MPPE the config forbids */
	SR_AUTH_REFUSED,	/* no authentication method in common */
	SR_NO_GRE,		/* call connected, no GRE from the client */
	SR_SESSION_TIMEOUT,	/* RADIUS Session-Timeout */
	SR_IDLE_TIMEOUT,	/* RADIUS Idle-Timeout: no traffic that long */
	SR_ACCT_TIMEOUT,	/* radius acct-timeout: accounting failing */
	SR_NREASONS
};
const char	*sess_reason_name(unsigned int);

/*
 * How a set-up failed, in numbers master names itself (ctrl's free text
 * goes to debug only): per reason, what each side wanted.
 *   SR_LCP_TIMEOUT   peer: Configure-Requests the client sent us
 *                    ours: Configure-Requests we sent, none acked
 *   SR_CCP_REFUSED   peer: the MPPE bits the client asked for (RFC 3078
 *                          H L M S; 0: it refused MPPE altogether)
 *                    ours: the bits the config allows
 *   SR_AUTH_REFUSED  peer: the method the client insisted on, the
 *                          Authentication-Protocol option's value
 *                          (protocol << 8 | CHAP algorithm; 0: none)
 *                    ours: the configured methods, AM_BIT() set
 * Zero for every other reason.
 */
#define CLOSED_MPPE_BITS	(MPPE_BIT_H | MPPE_BIT_L | MPPE_BIT_M | \
				 MPPE_BIT_S)
#define CLOSED_AUTH_PEER_MAX	0xffffffu
#define CLOSED_LCP_MAX		255u
struct m_ctrl_closed {
	uint32_t	reason;		/* enum sess_reason */
	uint32_t	peer;		/* see above */
	uint32_t	ours;
	uint8_t		detail_len;
	uint8_t		pad[3];
	char		detail[96];	/* free text for the log */
};
_Static_assert(sizeof(struct m_ctrl_closed) == 112, "m_ctrl_closed");

struct m_call_open {
	uint16_t	call_id;	/* ours */
	uint16_t	peer_call_id;
	uint16_t	peer_window;
	uint16_t	pad;
};
_Static_assert(sizeof(struct m_call_open) == 8, "m_call_open");

struct m_gre_add {
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint16_t	peer_window;
	uint8_t		mppe;		/* MPPE_* policy, fixed for the call */
	uint8_t		family;		/* 4 or 6: which peer below */
	uint32_t	peer_ip;	/* network order, IPv4; 0 for IPv6 */
	uint8_t		peer_ip6[16];	/* IPv6 peer; zero for IPv4 */
};
_Static_assert(sizeof(struct m_gre_add) == 28, "m_gre_add");

/* gre's answer to gre-add: the call's packets are now taken. */
struct m_gre_added {
	int32_t		status;		/* HP_OK, or why it could not */
};
_Static_assert(sizeof(struct m_gre_added) == 4, "m_gre_added");

/*
 * master's answer to MSG_CALL_OPEN, once gre has the call: ctrl may
 * send the OCRP (the peer's first GRE packet then finds its call) and
 * must authenticate with this challenge, the only one master accepts
 * for the session (MS-CHAPv1 uses its first 8 bytes).
 */
#define AUTH_CHALLENGE_LEN	16
struct m_call_accept {
	uint8_t		chal[AUTH_CHALLENGE_LEN];
};
_Static_assert(sizeof(struct m_call_accept) == 16, "m_call_accept");

/* MSG_PPP_*: payload = PPP protocol (2 bytes, network order) + info */
#define PPP_FRAME_MIN	2

/* CCP MPPE mode, announced per direction */
#define CCP_DIR_RX	0	/* what the peer sends us */
#define CCP_DIR_TX	1	/* what we send */
/* RFC 3078 supported bits */
#define MPPE_BIT_H	0x01000000u	/* stateless */
#define MPPE_BIT_M	0x00000080u	/* 56 */
#define MPPE_BIT_S	0x00000040u	/* 128 */
#define MPPE_BIT_L	0x00000020u	/* 40 */
struct m_ccp_mode {
	uint32_t	dir;
	uint32_t	bits;	/* H plus exactly one of L M S */
};
_Static_assert(sizeof(struct m_ccp_mode) == 8, "m_ccp_mode");

#define AUTH_NAME_MAX	255
#define AUTH_CHAL_MAX	64
#define AUTH_RESP_MAX	255
struct m_auth_request {
	uint8_t		method;		/* enum auth_method */
	uint8_t		ident;		/* CHAP identifier */
	uint8_t		name_len;
	uint8_t		chal_len;
	uint8_t		resp_len;
	uint8_t		pad[3];
	uint8_t		name[AUTH_NAME_MAX + 1];
	uint8_t		chal[AUTH_CHAL_MAX];
	uint8_t		resp[AUTH_RESP_MAX + 1];
};
_Static_assert(sizeof(struct m_auth_request) == 584, "m_auth_request");

struct m_auth_check {
	struct m_auth_request	req;
	struct m_addr		peer;	/* filled in by master */
};
_Static_assert(sizeof(struct m_auth_check) == 604, "m_auth_check");

#define AUTH_MSG_MAX	128
enum auth_addr_kind {
	AA_POOL = 0,		/* any address: take one from the pool */
	AA_STATIC = 1,		/* this one address */
	AA_NONE = 2,		/* "-": no address allowed */
	AA_LIST = 3,		/* an address the rules allow (subnets, "!", */
				/* several addresses): master picks one */
};
struct m_auth_result {
	uint8_t		ok;
	uint8_t		reason;		/* auth/verify.h reason, for the log */
	uint8_t		addr_kind;	/* enum auth_addr_kind */
	uint8_t		msg_len;
	uint32_t	static_ip;	/* network order, AA_STATIC */
	uint8_t		has_keys;	/* MSG_SESSION_KEYS follows */
	uint8_t		nrules;		/* AA_LIST: 1..ADDR_RULES_MAX; else 0 */
	uint8_t		pad[2];
	char		msg[AUTH_MSG_MAX];	/* for the peer: S=... or E=... */
	/* AA_LIST: the entry's address column in order; the rest zero */
	struct addr_rule rules[ADDR_RULES_MAX];
};
_Static_assert(sizeof(struct m_auth_result) == 276, "m_auth_result");

struct m_auth_verdict {
	uint8_t		ok;
	uint8_t		msg_len;
	uint8_t		pad[2];
	uint32_t	peer_ip;	/* network order; assigned address */
	char		msg[AUTH_MSG_MAX];
};
_Static_assert(sizeof(struct m_auth_verdict) == 136, "m_auth_verdict");

struct m_session_keys {		/* MSG_SESSION_KEYS and MSG_GRE_KEYS */
	uint8_t		send[16];	/* server -> client start key */
	uint8_t		recv[16];	/* client -> server start key */
};
_Static_assert(sizeof(struct m_session_keys) == 32, "m_session_keys");

struct m_session_up {
	uint32_t	peer_ip;	/* network order */
};
_Static_assert(sizeof(struct m_session_up) == 4, "m_session_up");

struct m_gre_route {
	uint32_t	peer_ip;	/* network order */
};
_Static_assert(sizeof(struct m_gre_route) == 4, "m_gre_route");

/*
 * The session's IPv6 prefix (`ipv6 pool`), MSG_GRE_ROUTE6 and
 * MSG_CTRL_PREFIX6: gre routes the /64 to the session and takes client
 * packets from inside it; ctrl advertises it on the link.  Global
 * unicast (2000::/3) or unique local (fc00::/7), host bits zero, plen 64.
 */
#define PREFIX6_PLEN	64
struct m_prefix6 {
	uint8_t		prefix[16];
	uint8_t		plen;		/* PREFIX6_PLEN */
	uint8_t		pad[7];
};
_Static_assert(sizeof(struct m_prefix6) == 24, "m_prefix6");

struct m_kick {
	uint32_t	reason;		/* enum sess_reason */
};
_Static_assert(sizeof(struct m_kick) == 4, "m_kick");

struct m_gre_del {
	uint32_t	reason;
};
_Static_assert(sizeof(struct m_gre_del) == 4, "m_gre_del");

/*
 * The address of a session another gre data worker holds (added when
 * its route is set, deleted when it ends): "client-to-client no" is
 * enforced across workers with it, as gre_sess_by_addr does within one.
 */
enum gre_peer_op { GRE_PEER_ADD = 1, GRE_PEER_DEL = 2 };
struct m_gre_peer {
	uint32_t	addr;		/* network order, not 0 */
	uint8_t		op;		/* enum gre_peer_op */
	uint8_t		pad[3];		/* 0 */
};
_Static_assert(sizeof(struct m_gre_peer) == 8, "m_gre_peer");

/*
 * A session's data-path counters: the final ones (MSG_GRE_STATS, the
 * answer to MSG_GRE_DEL) and the periodic report of a live session
 * that has moved packets since its last one (MSG_GRE_COUNTERS, every
 * GRE_REPORT_MS), which hpptpctl shows and which stand in for the final
 * ones when gre dies before it could answer.
 */
#define GRE_REPORT_MS	5000
struct m_gre_stats {
	uint64_t	bytes_in;	/* from the client */
	uint64_t	bytes_out;
	uint64_t	pkts_in;
	uint64_t	pkts_out;
	uint64_t	drops;		/* all reasons */
	uint64_t	rate_drops_down;	/* of those: over the limits */
	uint64_t	rate_drops_up;
};
_Static_assert(sizeof(struct m_gre_stats) == 56, "m_gre_stats");

/*
 * The LCP echo keepalive (RFC 1661 5.8) runs in the session's data
 * worker, which sees every frame of the peer anyway: an idle session
 * then costs one Echo-Request and its Reply in gre, instead of four
 * messages and three processes per echo.  ctrl, which negotiates LCP,
 * says when LCP opens (with the Magic-Number it acked for us, 0 when
 * none) and when it leaves Opened; master adds the interval and the
 * failure count from its own config and tells gre; gre says when that
 * many Echo-Requests in a row went unanswered, and master ends the
 * session (reason echo-timeout).
 */
struct m_lcp_keepalive {
	uint32_t	on;		/* 1: LCP opened; 0: it left Opened */
	uint32_t	magic;		/* ours, as acked; 0 when off */
};
_Static_assert(sizeof(struct m_lcp_keepalive) == 8, "m_lcp_keepalive");

#define GRE_ECHO_INTERVAL_MAX	3600	/* seconds, the config's bound */
struct m_gre_keepalive {
	uint32_t	magic;		/* ours, for our Echo-Requests */
	uint16_t	interval_s;	/* 1..GRE_ECHO_INTERVAL_MAX; 0: off */
	uint8_t		failures;	/* unanswered in a row that end it */
	uint8_t		pad;
};
_Static_assert(sizeof(struct m_gre_keepalive) == 8, "m_gre_keepalive");

struct m_link_dead {
	uint32_t	unanswered;	/* Echo-Requests in a row, >= 1 */
};
_Static_assert(sizeof(struct m_link_dead) == 4, "m_link_dead");

/*
 * A session's rate limits (gre/police.h), host order: bit/s each way
 * (0: none), burst in bytes (0: a second of the rate).  Sent when the
 * session is granted and on `hpptpctl limit`; the bounds are the
 * config's (common/rate.h).
 */
#define MSG_RATE_BURST_MAX	1000000000ULL
struct m_gre_rate {
	uint64_t	down_bps;	/* towards the client */
	uint64_t	up_bps;		/* from the client */
	uint64_t	burst;
};
_Static_assert(sizeof(struct m_gre_rate) == 24, "m_gre_rate");

/*
 * GRE for a call id that no session holds, from a source gre has not
 * reported lately: gre bounds and rate-limits these (gre/stray.c);
 * master logs them.  The packet itself is counted in gre's drops.
 */
struct m_gre_stray {
	uint32_t	src;		/* network order, IPv4; 0: IPv6 */
	uint16_t	call_id;	/* the call id it named */
	uint8_t		family;		/* 4 or 6: src or src6 */
	uint8_t		pad;
	uint32_t	suppressed;	/* strays not reported since the last */
	uint8_t		src6[16];	/* IPv6 source; zero for IPv4 */
};
_Static_assert(sizeof(struct m_gre_stray) == 28, "m_gre_stray");

/*
 * A data worker's own counters, of no one session: what it added since
 * its last report (master sums them, so a restart loses at most the
 * last second's).  Sent with the sessions' counters, when one moved.
 */
struct m_gre_worker {
	uint64_t	tun_drops;	/* packets the tun refused (queue full) */
	uint64_t	ctrl_drops;	/* PPP control frames, master behind */
	uint64_t	joined_writes;	/* tun writes of a joined run (gro.c) */
	uint64_t	joined_pkts;	/* the packets in them, >= 2 each */
};
_Static_assert(sizeof(struct m_gre_worker) == 32, "m_gre_worker");

/*
 * ---- the metrics HTTP listener (`metrics listen on`) ----
 * Master accepts a scraper's TCP connection and hands it to ctrl, which
 * parses the HTTP request (master parses nothing a scraper sends) and
 * then pulls the exposition from master one chunk at a time: a chunk is
 * up to METRICS_CHUNK_MAX bytes, sent in parts of up to METRICS_PART_MAX
 * (a message payload is at most MSG_MAX_PAYLOAD); ctrl asks for the next
 * chunk only once the last one has been written to the socket, so a slow
 * scraper holds one chunk, never more.
 */
#define METRICS_HTTP_MAX	4	/* scrapers served at once */
#define METRICS_CHUNK_MAX	4000
#define METRICS_PART_MAX	2000

struct m_metrics_conn {		/* MSG_METRICS_CONN, with the socket */
	uint32_t	id;		/* master's slot, < METRICS_HTTP_MAX */
};
_Static_assert(sizeof(struct m_metrics_conn) == 4, "m_metrics_conn");

struct m_metrics_req {		/* MSG_METRICS_REQ and MSG_METRICS_DONE */
	uint32_t	id;
};
_Static_assert(sizeof(struct m_metrics_req) == 4, "m_metrics_req");

#define METRICS_F_MORE	0x01	/* more parts of this chunk follow */
#define METRICS_F_EOF	0x02	/* the exposition ends with this part */
#define METRICS_F_ALL	(METRICS_F_MORE | METRICS_F_EOF)

struct m_metrics_data {		/* MSG_METRICS_DATA: a variable size */
	uint32_t	id;
	uint16_t	flags;		/* METRICS_F_* */
	uint16_t	len;		/* text bytes; the payload's rest */
	char		text[METRICS_PART_MAX];
};
#define M_METRICS_DATA_HDR	offsetof(struct m_metrics_data, text)
_Static_assert(M_METRICS_DATA_HDR == 8, "m_metrics_data");

/* ---- RADIUS (issue 15): master tells auth, auth tells master ---- */

#define RADIUS_SERVERS_MAX	4	/* radius server statements */
#define RADIUS_NAS_ID_MAX	64
/* auth-source: which answers a login, in order */
enum auth_source {
	AS_FILE = 0,		/* chap-secrets only */
	AS_RADIUS = 1,		/* RADIUS only */
	AS_RADIUS_FILE = 2,	/* RADIUS; chap-secrets only when every */
				/* server is unreachable, never after a Reject */
};

/* Sent before the servers; a new one replaces every server. */
struct m_radius_config {
	uint8_t		nservers;	/* 0..RADIUS_SERVERS_MAX */
	uint8_t		source;		/* enum auth_source */
	uint8_t		acct_on;	/* 1: send Accounting-On (first start) */
	uint8_t		nas_id_len;
	uint32_t	nas_ip;		/* network order; 0: none */
	uint32_t	interim_s;	/* default Acct-Interim-Interval, 0: none */
	uint32_t	deadtime_s;	/* a dead server is skipped this long */
	uint32_t	acct_queue;	/* accounting requests kept, 1.. */
	uint32_t	pad;
	char		nas_id[RADIUS_NAS_ID_MAX];
};
_Static_assert(sizeof(struct m_radius_config) == 88, "m_radius_config");

/* One server, in fail-over order; fd: its secret file (root, 0600). */
struct m_radius_server {
	uint8_t		index;		/* < nservers */
	uint8_t		require_ma;	/* 0/1 */
	uint8_t		retries;	/* 1..10 tries per server */
	uint8_t		pad;
	uint32_t	timeout_ms;	/* per try, 100..60000 */
	uint32_t	addr;		/* network order, for log lines */
	uint16_t	auth_port;
	uint16_t	acct_port;
};
_Static_assert(sizeof(struct m_radius_server) == 16, "m_radius_server");

#define RADIUS_SOCK_AUTH	0
#define RADIUS_SOCK_ACCT	1
/*
 * Sockets per server: 256 Identifiers each, so 4 auth sockets carry
 * 1024 logins in flight to one server; accounting keeps at most
 * RC_ACCT_INFLIGHT (128) on the wire, one socket's worth.
 */
#define RADIUS_AUTH_SOCKS	4
#define RADIUS_ACCT_SOCKS	1
/* fd: a UDP socket master connect()ed to the server's port */
struct m_radius_socket {
	uint8_t		index;		/* server */
	uint8_t		kind;		/* RADIUS_SOCK_* */
	uint8_t		sock;		/* < RADIUS_AUTH_SOCKS or _ACCT_SOCKS */
	uint8_t		pad;
};
_Static_assert(sizeof(struct m_radius_socket) == 4, "m_radius_socket");

#define RADIUS_POOL_NAME_MAX	32	/* Framed-Pool, a `pool NAME` of the config */
#define RADIUS_MTU_MIN		576	/* Framed-MTU below this is refused */
#define RADIUS_ROUTES_MAX	8	/* Framed-Route per session; more: refused */
/*
 * What the Access-Accept said beyond the address (which the auth-result
 * carries): sent for the session just before its auth-result.  The
 * MPPE bits can only narrow what master allows (master ANDs them).
 */
struct m_radius_reply {
	uint32_t	session_timeout_s;	/* 0: none */
	uint32_t	idle_timeout_s;		/* 0: none; else ended when idle */
	uint8_t		mppe;		/* MPPE_* bits the server allows */
	uint8_t		has_rate;	/* 1: the limits below replace the config's */
	uint8_t		has_prefix6;	/* 1: prefix6 is the session's /64 */
	uint8_t		pad[5];
	uint64_t	down_bps;	/* bit/s (common/rate.h), 0: none */
	uint64_t	up_bps;
	/* MS-Primary/Secondary-DNS/NBNS-Server, network order; all 0: the config's */
	uint32_t	dns[2];
	uint32_t	nbns[2];
	uint32_t	netmask;	/* Framed-IP-Netmask, network order; 0: none */
	uint16_t	mtu;		/* Framed-MTU, 0: none, else RADIUS_MTU_MIN.. */
	uint8_t		pool_len;	/* Framed-Pool, 0: none */
	uint8_t		nroutes;	/* Framed-Route, 0..RADIUS_ROUTES_MAX */
	char		pool[RADIUS_POOL_NAME_MAX];
	struct m_route	routes[RADIUS_ROUTES_MAX];	/* plen 1..32, host bits 0 */
	/*
	 * Framed-IPv6-Prefix: the upper 64 bits of the session's /64,
	 * global unicast or unique local; all 0 without has_prefix6.
	 * Master takes it only if it is a free /64 of its ipv6 pool.
	 */
	uint8_t		prefix6[8];
};
_Static_assert(sizeof(struct m_radius_reply) == 160, "m_radius_reply");

/*
 * A RADIUS user's IPCP and DHCPINFORM answers (MS-*-DNS/NBNS-Server,
 * Framed-IP-Netmask), master -> ctrl just before the verdict: they
 * replace the config's for this session only.  Network order, 0: none.
 */
struct m_ctrl_sess_opts {
	uint32_t	dns[2];
	uint32_t	wins[2];
	uint32_t	netmask;	/* contiguous; 0: the config's */
};
_Static_assert(sizeof(struct m_ctrl_sess_opts) == 20, "m_ctrl_sess_opts");

/*
 * A RADIUS user's data path, master -> gre after the address: the TCP
 * MSS clamp of its Framed-MTU (0: the config's) and the Framed-Routes
 * master installed (gre sends their packets to this session and takes
 * them from it).  Master checked the routes: no overlap with another
 * session's, the pools or the local address.
 */
struct m_gre_sess_opts {
	uint16_t	mss;		/* 0: keep; else 536.. */
	uint8_t		nroutes;	/* 0..RADIUS_ROUTES_MAX */
	uint8_t		pad;
	struct m_route	routes[RADIUS_ROUTES_MAX];
};
_Static_assert(sizeof(struct m_gre_sess_opts) == 68, "m_gre_sess_opts");

/* Accounting facts: only master's, for a session auth accepted. */
struct m_acct_start {
	struct m_addr	peer;		/* master's view of the client */
	uint32_t	ip;		/* network order, assigned address */
	uint32_t	local_ip;	/* network order */
};
_Static_assert(sizeof(struct m_acct_start) == 28, "m_acct_start");

struct m_acct_stop {
	struct m_gre_stats stats;	/* gre's final (or last) counters */
	uint32_t	reason;		/* enum sess_reason */
	uint32_t	up;		/* 1: the session had been up */
};
_Static_assert(sizeof(struct m_acct_stop) == 64, "m_acct_stop");

/*
 * What auth's accounting record of a session holds beyond master's own
 * facts (auth -> master at the login, just before the auth-result):
 * master keeps it, and when auth has been restarted gives it back with
 * the session's facts (acct-resume), so that a live session's Interim
 * and Stop, and the Stop of one that ended meanwhile, still go out
 * under the same Acct-Session-Id.
 */
#define ACCT_ID_LEN		16	/* Acct-Session-Id: 16 hex digits */
#define ACCT_USER_MAX		253
#define ACCT_CLASS_MAX		253
struct m_acct_record {
	char		id[ACCT_ID_LEN];	/* [0-9A-F] */
	uint32_t	interim_s;	/* 0: none */
	uint8_t		by_radius;	/* 0/1: Acct-Authentic */
	uint8_t		user_len;	/* 1..ACCT_USER_MAX */
	uint8_t		class_len;	/* 0..ACCT_CLASS_MAX */
	uint8_t		pad;
	uint8_t		user[ACCT_USER_MAX];	/* User-Name as sent */
	uint8_t		class[ACCT_CLASS_MAX];
	uint8_t		pad2[2];
};
_Static_assert(sizeof(struct m_acct_record) == 532, "m_acct_record");

struct m_acct_resume {
	struct m_acct_record rec;
	struct m_acct_start start;
	uint32_t	up_s;		/* seconds since it came up */
	uint32_t	ended;		/* 0: up (an Interim now); 1: an */
					/* acct-stop follows */
	struct m_gre_stats stats;
};
_Static_assert(sizeof(struct m_acct_resume) == 624, "m_acct_resume");

/* Clean stop: the Stops went before; send them and Accounting-Off. */
struct m_acct_off {
	uint32_t	pad;
};
_Static_assert(sizeof(struct m_acct_off) == 4, "m_acct_off");

/* One server's counters since auth started (hpptpctl stats). */
struct m_radius_stats {
	uint8_t		index;
	uint8_t		dead;		/* 1: in its deadtime */
	uint8_t		pad[2];
	uint32_t	acct_queued;	/* waiting (all servers) */
	uint64_t	requests;	/* Access-Requests sent (not retries) */
	uint64_t	accepts;
	uint64_t	rejects;
	uint64_t	timeouts;	/* requests given up on this server */
	uint64_t	bad;		/* replies dropped by the verifier */
	uint64_t	rtt_ms_sum;	/* over accepts + rejects + acct acks */
	uint64_t	rtt_n;
	uint64_t	acct_requests;
	uint64_t	acct_acks;
	uint64_t	acct_drops;	/* aged out or queue full (all servers) */
	uint32_t	acct_failing_s;	/* the oldest request unanswered this */
					/* long (all servers); 0: none */
	uint32_t	pad2;
};
_Static_assert(sizeof(struct m_radius_stats) == 96, "m_radius_stats");

/*
 * ---- RADIUS Disconnect/CoA (issue 16, RFC 5176) ----
 * Master binds the listener and hands it to auth with each client's
 * secret file; auth verifies every request and decides; master acts
 * (ends the session, changes its timeout or limits) only on
 * MSG_DAE_ACTION, for a session it holds, and answers MSG_DAE_DONE.
 */
#define DAE_CLIENTS_MAX		8
#define DAE_WINDOW_MAX		3600	/* seconds */
struct m_dae_config {
	uint8_t		nclients;	/* 0..DAE_CLIENTS_MAX */
	uint8_t		pad[3];
	uint32_t	window_s;	/* Event-Timestamp and replay, 1.. */
};
_Static_assert(sizeof(struct m_dae_config) == 8, "m_dae_config");

/*
 * One client; fd: its secret file (root, 0600), read by auth only.
 * max_sessions: how many sessions one of its Disconnect-Requests may
 * end (1: a request matching more is NAKed 508, RFC 5176 3.5).
 */
#define DAE_MULTI_MAX		32
struct m_dae_client {
	uint8_t		index;		/* < nclients */
	uint8_t		require_ma;	/* 0/1: Message-Authenticator */
	uint8_t		require_ts;	/* 0/1: Event-Timestamp */
	uint8_t		max_sessions;	/* 1..DAE_MULTI_MAX */
	uint32_t	addr;		/* network order: its only source */
};
_Static_assert(sizeof(struct m_dae_client) == 8, "m_dae_client");

/* fd: a UDP socket master bound to the listen address, unconnected. */
struct m_dae_socket {
	uint32_t	pad;
};
_Static_assert(sizeof(struct m_dae_socket) == 4, "m_dae_socket");

/* What became of requests since auth started (hpptpctl stats). */
enum dae_result {
	DAE_R_DISCONNECT_ACK = 0,
	DAE_R_DISCONNECT_NAK,
	DAE_R_COA_ACK,
	DAE_R_COA_NAK,
	DAE_R_REPLAY,		/* answered again from the cache */
	DAE_R_DROP_CLIENT,	/* from no configured client */
	DAE_R_DROP_AUTH,	/* authenticator or Message-Authenticator */
	DAE_R_DROP_MALFORMED,	/* not a request the codec accepts */
	DAE_R_DROP_TIMESTAMP,	/* Event-Timestamp missing or stale */
	DAE_R_DROP_BUSY,	/* too many in flight */
	DAE_R_N
};
struct m_dae_stats {
	uint64_t	n[DAE_R_N];
};
_Static_assert(sizeof(struct m_dae_stats) == 8 * DAE_R_N, "m_dae_stats");

/* sid in the header: the session auth found for the request. */
enum dae_op {
	DAE_OP_END = 1,		/* Disconnect-Request */
	DAE_OP_CHANGE = 2,	/* CoA-Request */
};
#define DAE_SET_TIMEOUT	0x01	/* session_timeout_s */
#define DAE_SET_RATE	0x02	/* down_bps, up_bps */
#define DAE_SET_IDLE	0x04	/* idle_timeout_s */
#define DAE_SET_MASK	0x07
/*
 * A Disconnect matching several sessions (the client's max_sessions
 * allows it) is one action per session, all with the request's tag.
 */
struct m_dae_action {
	uint32_t	tag;		/* auth's, echoed in the done */
	uint8_t		op;		/* enum dae_op */
	uint8_t		set;		/* DAE_SET_* (DAE_OP_CHANGE) */
	uint8_t		pad[2];
	uint32_t	requester;	/* network order: the client, for logs */
	uint32_t	session_timeout_s;	/* 0: none */
	uint32_t	idle_timeout_s;		/* 0: none */
	uint32_t	pad2;
	uint64_t	down_bps;	/* 0: none */
	uint64_t	up_bps;
};
_Static_assert(sizeof(struct m_dae_action) == 40, "m_dae_action");

struct m_dae_done {
	uint32_t	tag;
	int32_t		status;		/* HP_OK, HP_E_NOTFOUND, or why not */
};
_Static_assert(sizeof(struct m_dae_done) == 8, "m_dae_done");

/* test builds only (HP_TEST_HOOKS): how a worker misbehaves */
enum test_hook {
	TH_SYSCALL = 1,		/* a syscall outside its allowlist */
	TH_WRONG_TYPE = 2,	/* a type it may not send */
	TH_SHORT = 3,		/* a payload shorter than its type */
	TH_LONG = 4,		/* a payload longer than its type */
	TH_RANGE = 5,		/* a field out of range */
	TH_STDERR = 6,		/* a forged audit line on fd 2 and in MSG_LOG */
	TH_LOG_FLOOD = 7,	/* 100,000 MSG_LOG lines, as fast as it can */
};
struct m_test_syscall {
	uint32_t	what;		/* enum test_hook */
};
_Static_assert(sizeof(struct m_test_syscall) == 4, "m_test_syscall");

/* ---- catalog and validation (msg_catalog.c) ---- */

/* When an fd travels with a message. */
enum msg_fd {
	MSG_FD_NO = 0,		/* never: one that comes is refused */
	MSG_FD_YES,		/* always */
	MSG_FD_IF_OK,		/* exactly when the payload's first field, */
				/* an int32_t status, is 0 (HP_OK) */
};

/* One row of the catalog: everything the validator knows of a type. */
struct msg_spec {
	const char	*name;		/* for logs */
	enum proc_id	 from;		/* sender; P_NPROC: any worker */
	enum proc_id	 to;		/* receiver; P_NPROC: any worker */
	uint16_t	 size;		/* the exact payload size; 0: bounded */
	uint16_t	 min;		/* bounds of a variable-length payload */
	uint16_t	 max;
	enum msg_fd	 fd;
	int		(*check)(const void *, size_t);	/* fields, or NULL */
};

/* The row of a type; NULL for a value that is no message. */
const struct msg_spec	*msg_spec(unsigned int type);
/*
 * Validate a received message from `from` to `to`, in this order:
 * framing, type, direction, size, fd presence, field checker.
 * `payload` holds h->len bytes (8-byte aligned, at least the type's
 * declared size readable); `got` is the datagram length; `hasfd`
 * whether an fd came with it.
 */
int	msg_check(enum proc_id from, enum proc_id to, const struct msg_hdr *,
	    const void *payload, size_t got, int hasfd);

/* Field helpers shared by the checkers (msg_fields.c). */
int	msg_check_str(const char *, size_t len, size_t cap);

#endif /* HP_MSG_H */
