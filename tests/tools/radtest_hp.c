/*
 * radtest_hp: one RADIUS exchange with a real server through hpptpd's
 * codec (auth/radius_*.c), for tests/security/t_radius_codec.sh (not a
 * product).
 *
 *	radtest_hp [-M] [-e accept|reject] [-p PORT] METHOD SERVER SECRET
 *	    USER PASSWORD
 *
 * METHOD is pap, chap (CHAP-MD5), mschapv1, mschapv2 or acct (an
 * Accounting-Request Start, then Stop).  An Access-Request carries what
 * hpptpd will send: Message-Authenticator first, NAS-Identifier,
 * NAS-IP-Address, NAS-Port, NAS-Port-Type Virtual, Service-Type Framed,
 * Framed-Protocol PPP, Calling/Called-Station-Id, Tunnel-Type PPTP,
 * Tunnel-Medium-Type IPv4 and Tunnel-Client-Endpoint (tagged), and the
 * method's attributes; the MS-CHAP responses are computed by
 * auth/mschap.c from the password.  The reply must pass
 * radius_verify_reply() (Message-Authenticator required unless -M).
 * Then what was checked is printed, one "key=value" per line, secrets
 * never: the reply's code, where Message-Authenticator was, a few
 * attributes, and for MS-CHAP whether MS-CHAP2-Success and the MPPE
 * keys (MS-MPPE-Send/Recv-Key, MS-CHAP-MPPE-Keys) equal what
 * auth/mschap.c computes here ("match" or "mismatch").
 *
 * Exit status: 0 the expected code arrived, verified, and every check
 * matched; 2 the verifier refused the reply ("refused=NAME"); 3 a
 * verified reply with another code or a check that did not match; 1
 * usage, system errors, no answer within 3 tries of 2 s.
 */
#include <sys/random.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/mschap.h"
#include "auth/radius_msg.h"
#include "common/err.h"

struct rt {
	const char	*method;
	const char	*user;
	const char	*pass;
	const uint8_t	*secret;
	size_t		 slen;
	int		 fd;
	bool		 require_ma;
	uint8_t		 want;		/* expected reply code */
	int		 bad;		/* checks that did not match */
	/* MS-CHAP state, to check the reply against */
	uint8_t		 nthash[MSCHAP_NTHASH_LEN];
	uint8_t		 auth_chal[MSCHAP_V2_CHAL_LEN];
	uint8_t		 peer_chal[MSCHAP_V2_CHAL_LEN];
	uint8_t		 nt_resp[MSCHAP_NTRESP_LEN];
};

static struct radius_pkt pkt;

static void	usage(void) __attribute__((noreturn));
static void	rt_random(void *, size_t);
static void	rt_nas(struct radius_enc *);
static int	rt_access(struct rt *);
static int	rt_acct(struct rt *, uint32_t);
static int	rt_send(struct rt *, struct radius_enc *,
		    struct radius_sent *);
static void	rt_print(const struct rt *);
static void	rt_check_mschap(struct rt *, const struct radius_sent *);
static void	rt_result(struct rt *, const char *, bool);

static void
usage(void)
{
	fprintf(stderr, "usage: radtest_hp [-M] [-e accept|reject] [-p port] "
	    "pap|chap|mschapv1|mschapv2|acct server secret user password\n");
	exit(1);
}

static void
rt_random(void *p, size_t n)
{
	if (getrandom(p, n, 0) != (ssize_t)n) {
		perror("getrandom");
		exit(1);
	}
}

/* What every request of hpptpd's will say about the NAS and the call. */
static void
rt_nas(struct radius_enc *e)
{
	radius_put_str(e, RA_NAS_IDENTIFIER, "hpptpd-test");
	radius_put_ip(e, RA_NAS_IP_ADDRESS, INADDR_LOOPBACK);
	radius_put_u32(e, RA_NAS_PORT, 1);
	radius_put_u32(e, RA_NAS_PORT_TYPE, RADIUS_NAS_PORT_VIRTUAL);
	radius_put_u32(e, RA_SERVICE_TYPE, RADIUS_SERVICE_FRAMED);
	radius_put_u32(e, RA_FRAMED_PROTOCOL, RADIUS_PROTO_PPP);
	radius_put_str(e, RA_CALLING_STATION_ID, "198.51.100.7");
	radius_put_str(e, RA_CALLED_STATION_ID, "192.0.2.1");
	radius_put_tagged_u32(e, RA_TUNNEL_TYPE, 0, RADIUS_TUNNEL_PPTP);
	radius_put_tagged_u32(e, RA_TUNNEL_MEDIUM_TYPE, 0, RADIUS_MEDIUM_IPV4);
	radius_put_tagged_str(e, RA_TUNNEL_CLIENT_ENDPOINT, 0, "198.51.100.7");
}

static int
rt_access(struct rt *t)
{
	uint8_t q[RADIUS_MAX_LEN], ra[16], chal[16];
	uint8_t md5[CHAP_MD5_LEN], id, chap_id;
	const uint8_t *u = (const uint8_t *)t->user;
	size_t ulen = strlen(t->user), plen = strlen(t->pass);
	struct radius_sent sent;
	struct radius_enc e;
	int err;

	rt_random(ra, sizeof(ra));
	rt_random(&id, 1);
	radius_enc_init(&e, q, sizeof(q), RADIUS_ACCESS_REQUEST, id, ra, true);
	radius_put(&e, RA_USER_NAME, u, ulen);
	rt_nas(&e);
	if (strcmp(t->method, "pap") == 0)
		radius_put_user_password(&e, (const uint8_t *)t->pass, plen,
		    t->secret, t->slen);
	else if (strcmp(t->method, "chap") == 0) {
		rt_random(chal, sizeof(chal));
		rt_random(&chap_id, 1);
		chap_md5_response(chap_id, (const uint8_t *)t->pass, plen,
		    chal, sizeof(chal), md5);
		radius_put_chap_password(&e, chap_id, md5);
		radius_put(&e, RA_CHAP_CHALLENGE, chal, sizeof(chal));
	} else {
		if (mschap_nt_hash((const uint8_t *)t->pass, plen,
		    t->nthash) != HP_OK) {
			fprintf(stderr, "radtest_hp: password not UTF-8\n");
			return 1;
		}
		rt_random(t->auth_chal, sizeof(t->auth_chal));
		rt_random(t->peer_chal, sizeof(t->peer_chal));
		if (strcmp(t->method, "mschapv1") == 0) {
			mschap_challenge_response(t->auth_chal, t->nthash,
			    t->nt_resp);
			radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT,
			    RA_MS_CHAP_CHALLENGE, t->auth_chal,
			    MSCHAP_V1_CHAL_LEN);
			radius_put_ms_chap_response(&e, 1, t->nt_resp);
		} else {
			mschapv2_nt_response(t->auth_chal, t->peer_chal, u,
			    ulen, t->nthash, t->nt_resp);
			radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT,
			    RA_MS_CHAP_CHALLENGE, t->auth_chal,
			    MSCHAP_V2_CHAL_LEN);
			radius_put_ms_chap2_response(&e, 1, t->peer_chal,
			    t->nt_resp);
		}
	}
	if ((err = rt_send(t, &e, &sent)) != 0)
		return err;
	if (pkt.code == RADIUS_ACCESS_ACCEPT &&
	    strncmp(t->method, "mschap", 6) == 0)
		rt_check_mschap(t, &sent);
	return 0;
}

/* Accounting-Request of the given Acct-Status-Type. */
static int
rt_acct(struct rt *t, uint32_t status)
{
	uint8_t q[RADIUS_MAX_LEN], id;
	struct radius_sent sent;
	struct radius_enc e;

	rt_random(&id, 1);
	radius_enc_init(&e, q, sizeof(q), RADIUS_ACCOUNTING_REQUEST, id, NULL,
	    false);
	radius_put_u32(&e, RA_ACCT_STATUS_TYPE, status);
	radius_put_str(&e, RA_ACCT_SESSION_ID, "hp-0000000000000001");
	radius_put_str(&e, RA_USER_NAME, t->user);
	rt_nas(&e);
	radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, 0x0a010203);
	radius_put_u32(&e, RA_ACCT_AUTHENTIC, 1);		/* RADIUS */
	radius_put_u32(&e, RA_EVENT_TIMESTAMP, (uint32_t)time(NULL));
	if (status == RADIUS_ACCT_STOP) {
		radius_put_u32(&e, RA_ACCT_SESSION_TIME, 42);
		radius_put_u32(&e, RA_ACCT_INPUT_OCTETS, 1000);
		radius_put_u32(&e, RA_ACCT_OUTPUT_OCTETS, 2000);
		radius_put_u32(&e, RA_ACCT_INPUT_GIGAWORDS, 1);
		radius_put_u32(&e, RA_ACCT_OUTPUT_GIGAWORDS, 0);
		radius_put_u32(&e, RA_ACCT_INPUT_PACKETS, 10);
		radius_put_u32(&e, RA_ACCT_OUTPUT_PACKETS, 20);
		radius_put_u32(&e, RA_ACCT_TERMINATE_CAUSE, 1);	/* User-Request */
	}
	return rt_send(t, &e, &sent);
}

/*
 * Finish the request, send it, wait 2 s, up to 3 times; verify what
 * came back into pkt and print it.
 */
static int
rt_send(struct rt *t, struct radius_enc *e, struct radius_sent *sent)
{
	static uint8_t r[RADIUS_MAX_LEN + 1];
	struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
	const uint8_t *q = e->buf;
	ssize_t n = -1;
	size_t qn;
	int tries, err;

	if ((err = radius_enc_finish(e, t->secret, t->slen, &qn, sent)) !=
	    HP_OK) {
		fprintf(stderr, "radtest_hp: encode: %s\n",
		    radius_strerror(err));
		return 1;
	}
	for (tries = 0; tries < 3 && n < 0; tries++) {
		if (send(t->fd, q, qn, 0) != (ssize_t)qn) {
			perror("radtest_hp: send");
			return 1;
		}
		if (poll(&pfd, 1, 2000) == 1)
			n = recv(t->fd, r, RADIUS_MAX_LEN + 1, 0);
	}
	if (n < 0) {
		fprintf(stderr, "radtest_hp: no answer\n");
		return 1;
	}
	err = radius_verify_reply(r, (size_t)n, sent, t->secret, t->slen,
	    t->require_ma, &pkt);
	if (err != HP_OK) {
		printf("refused=%s code=%s\n", radius_strerror(err),
		    radius_code_name(pkt.code));
		return 2;
	}
	printf("reply=%s verified\n", radius_code_name(pkt.code));
	printf("message-authenticator=%s\n", pkt.ma == 0 ? "first" : "absent");
	if (pkt.code != t->want)
		t->bad++;
	rt_print(t);
	return 0;
}

/* The attributes the tests look at; text cut at the first odd byte. */
static void
rt_print(const struct rt *t)
{
	static const struct {
		uint32_t	vendor;
		uint8_t		type;
		bool		text;
	} show[] = {
		{ 0, RA_FRAMED_IP_ADDRESS, false },
		{ 0, RA_FRAMED_IP_NETMASK, false },
		{ 0, RA_SESSION_TIMEOUT, false },
		{ 0, RA_IDLE_TIMEOUT, false },
		{ 0, RA_ACCT_INTERIM_INTERVAL, false },
		{ 0, RA_FRAMED_MTU, false },
		{ 0, RA_FRAMED_ROUTE, true },
		{ 0, RA_CLASS, true },
		{ 0, RA_FRAMED_POOL, true },
		{ 0, RA_REPLY_MESSAGE, true },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_PRIMARY_DNS, false },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_SECONDARY_DNS, false },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_PRIMARY_NBNS, false },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_POLICY, false },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_TYPES, false },
		{ RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_ERROR, true },
		{ RADIUS_VENDOR_MIKROTIK, RA_MIKROTIK_RATE_LIMIT, true },
	};
	const struct radius_attr *a;
	const uint8_t *v;
	size_t i, k;

	(void)t;
	for (i = 0; i < sizeof(show) / sizeof(show[0]); i++) {
		for (a = radius_find(&pkt, show[i].vendor, show[i].type);
		    a != NULL; a = radius_find_next(&pkt, a)) {
			v = radius_attr_value(&pkt, a);
			printf("%s=", radius_attr_name(a->vendor, a->type));
			if (!show[i].text && a->def != NULL &&
			    a->def->kind == RK_IPADDR)
				printf("%u.%u.%u.%u\n", v[0], v[1], v[2], v[3]);
			else if (!show[i].text)
				printf("%u\n", (unsigned)v[0] << 24 |
				    (unsigned)v[1] << 16 | v[2] << 8 | v[3]);
			else {
				/* MS-CHAP-Error: an Ident byte, then text */
				k = a->vendor == RADIUS_VENDOR_MICROSOFT &&
				    a->type == RA_MS_CHAP_ERROR ? 1 : 0;
				for (; k < a->len && v[k] >= 0x20 &&
				    v[k] < 0x7f; k++)
					putchar(v[k]);
				putchar('\n');
			}
		}
	}
}

/*
 * What the server sent against what auth/mschap.c computes from the
 * password: MS-CHAP2-Success and the MPPE keys (v2), MS-CHAP-MPPE-Keys'
 * NT key (v1, RFC 2548 2.4.1: LM key 8, NT key 16, padding 8).
 */
static void
rt_check_mschap(struct rt *t, const struct radius_sent *sent)
{
	uint8_t hh[MSCHAP_NTHASH_LEN], master[MPPE_START_KEY_LEN];
	uint8_t ls[16], lr[16], rs[16], rr[16], keys[32], ident;
	char want[MSCHAP_AUTHRESP_LEN + 1], got[RADIUS_MS_CHAP2_SUCC_LEN];
	const struct radius_attr *a;
	const uint8_t *u = (const uint8_t *)t->user;
	int err;

	mschap_hash_nt_hash(t->nthash, hh);
	if (strcmp(t->method, "mschapv1") == 0) {
		a = radius_find(&pkt, RADIUS_VENDOR_MICROSOFT,
		    RA_MS_CHAP_MPPE_KEYS);
		if (a == NULL) {
			rt_result(t, "ms-chap-mppe-keys", false);
			return;
		}
		err = radius_pw_unhide(radius_attr_value(&pkt, a), a->len,
		    sent->auth, t->secret, t->slen, keys);
		rt_result(t, "ms-chap-mppe-keys", err == HP_OK &&
		    sodium_memcmp(keys + 8, hh, 16) == 0);
		sodium_memzero(keys, sizeof(keys));
		return;
	}
	mschapv2_authenticator_response(t->nthash, t->nt_resp, t->peer_chal,
	    t->auth_chal, u, strlen(t->user), want);
	err = radius_get_ms_chap2_success(&pkt, &ident, got);
	rt_result(t, "ms-chap2-success", err == HP_OK && ident == 1 &&
	    strcmp(got, want) == 0);
	mppe_v2_master_key(hh, t->nt_resp, master);
	mppe_v2_server_keys(master, ls, lr);
	err = radius_get_mppe_keys(&pkt, sent, t->secret, t->slen, rs, rr);
	if (err != HP_OK)
		printf("mppe-keys-error=%s\n", radius_strerror(err));
	/* MS-MPPE-Send-Key: from the NAS to the peer, the server's send key */
	rt_result(t, "mppe-keys", err == HP_OK &&
	    sodium_memcmp(ls, rs, 16) == 0 && sodium_memcmp(lr, rr, 16) == 0);
	sodium_memzero(master, sizeof(master));
	sodium_memzero(ls, sizeof(ls));
	sodium_memzero(lr, sizeof(lr));
	sodium_memzero(rs, sizeof(rs));
	sodium_memzero(rr, sizeof(rr));
}

static void
rt_result(struct rt *t, const char *what, bool ok)
{
	printf("%s=%s\n", what, ok ? "match" : "mismatch");
	if (!ok)
		t->bad++;
}

int
main(int argc, char **argv)
{
	struct rt t;
	struct sockaddr_in sin;
	int c, err, port = 0;

	memset(&t, 0, sizeof(t));
	t.require_ma = true;
	t.want = 0;
	while ((c = getopt(argc, argv, "Me:p:")) != -1) {
		switch (c) {
		case 'M':
			t.require_ma = false;
			break;
		case 'e':
			if (strcmp(optarg, "accept") == 0)
				t.want = RADIUS_ACCESS_ACCEPT;
			else if (strcmp(optarg, "reject") == 0)
				t.want = RADIUS_ACCESS_REJECT;
			else
				usage();
			break;
		case 'p':
			port = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 5)
		usage();
	if (sodium_init() < 0)
		return 1;
	t.method = argv[0];
	t.user = argv[3];
	t.pass = argv[4];
	t.secret = (const uint8_t *)argv[2];
	t.slen = strlen(argv[2]);
	if (strcmp(t.method, "acct") == 0)
		t.want = RADIUS_ACCOUNTING_RESPONSE;
	else if (strcmp(t.method, "pap") != 0 && strcmp(t.method, "chap") !=
	    0 && strcmp(t.method, "mschapv1") != 0 &&
	    strcmp(t.method, "mschapv2") != 0)
		usage();
	else if (t.want == 0)
		t.want = RADIUS_ACCESS_ACCEPT;
	if (port == 0)
		port = t.want == RADIUS_ACCOUNTING_RESPONSE ? 1813 : 1812;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1)
		usage();
	if ((t.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(t.fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		perror("radtest_hp: socket");
		return 1;
	}
	if (t.want == RADIUS_ACCOUNTING_RESPONSE) {
		if ((err = rt_acct(&t, RADIUS_ACCT_START)) == 0)
			err = rt_acct(&t, RADIUS_ACCT_STOP);
	} else
		err = rt_access(&t);
	sodium_memzero(t.nthash, sizeof(t.nthash));
	close(t.fd);
	if (err != 0)
		return err;
	return t.bad == 0 ? 0 : 3;
}
