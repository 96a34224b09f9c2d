/*
 * Benchmark: the primitives of MPPE-128 stateless, one library against
 * the other, in one program and one run (issue 18 item 6): nettle
 * (arcfour_*, sha1_*), OpenSSL libcrypto's low-level API (RC4_set_key,
 * RC4, SHA1_Init/Update/Final) and libcrypto through EVP (RC4 from the
 * legacy provider, SHA-1 from the default one, both fetched once, the
 * context re-keyed per use as a data path would).
 *
 * Rows: SHA-1 of one key change (GetNewKeyFromSHA: 112 bytes in four
 * updates), one RC4 key setup (16 bytes), RC4 of 1402 bytes (protocol
 * field + a 1400-byte packet), and whole operations: the stateless key
 * change (SHA-1, key setup, RC4 of 16 bytes, key setup) and key change
 * + packet.  Every figure is nanoseconds of this thread's CPU time per
 * operation, the best of TRIALS runs (a shared machine only ever slows
 * a run); "ratio" is each column's time over nettle's, measured in the
 * same run, which is the figure to compare across runs.  Each library
 * is first checked against the RFC 3079 3.5 vector, so a figure never
 * belongs to a wrong result.  The last line is mppe_rekey + mppe_crypt
 * as gre/mppe.c does them now, against nettle alone.
 *
 *   make build/bench/bench_gre_crypto && build/bench/bench_gre_crypto
 */
#define OPENSSL_SUPPRESS_DEPRECATED	/* RC4_*, SHA1_*: low-level API */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/arcfour.h>
#include <nettle/sha1.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rc4.h>
#include <openssl/sha.h>

#include "common/err.h"
#include "gre/mppe.h"

#define ITER		100000	/* operations per run */
#define TRIALS		3	/* best of */
#define PKT		1402	/* protocol field + 1400-byte packet */
#define KL		16

enum lib { L_NETTLE, L_LOW, L_EVP, L_NLIB };
enum op { O_SHA, O_KSA, O_RC4, O_REKEY, O_PKT, O_NOP };

static const char *const lib_name[L_NLIB] = { "nettle", "libcrypto",
    "EVP(legacy)" };
static const char *const op_name[O_NOP] = { "SHA-1, key change (112 B)",
    "RC4 key setup (16 B)", "RC4, 1402 B", "stateless key change",
    "key change + 1402 B RC4" };

static const uint8_t pad1[40];
static uint8_t pad2[40];

struct evp {
	EVP_CIPHER	*rc4;
	EVP_MD		*sha1;
	EVP_CIPHER_CTX	*cc;
	EVP_MD_CTX	*mc;
};
static struct evp	evp;
static int		evp_ok;

static void
die(const char *m)
{
	fprintf(stderr, "bench_gre_crypto: %s\n", m);
	exit(1);
}

static double
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- the three libraries, one function per primitive ---------------- */

static void
sha_nettle(const uint8_t *s, const uint8_t *c, uint8_t out[20])
{
	struct sha1_ctx	x;

	sha1_init(&x);
	sha1_update(&x, KL, s);
	sha1_update(&x, sizeof(pad1), pad1);
	sha1_update(&x, KL, c);
	sha1_update(&x, sizeof(pad2), pad2);
	sha1_digest(&x, 20, out);
}

static void
sha_low(const uint8_t *s, const uint8_t *c, uint8_t out[20])
{
	SHA_CTX	x;

	SHA1_Init(&x);
	SHA1_Update(&x, s, KL);
	SHA1_Update(&x, pad1, sizeof(pad1));
	SHA1_Update(&x, c, KL);
	SHA1_Update(&x, pad2, sizeof(pad2));
	SHA1_Final(out, &x);
}

static void
sha_evp(const uint8_t *s, const uint8_t *c, uint8_t out[20])
{
	if (!EVP_DigestInit_ex2(evp.mc, evp.sha1, NULL) ||
	    !EVP_DigestUpdate(evp.mc, s, KL) ||
	    !EVP_DigestUpdate(evp.mc, pad1, sizeof(pad1)) ||
	    !EVP_DigestUpdate(evp.mc, c, KL) ||
	    !EVP_DigestUpdate(evp.mc, pad2, sizeof(pad2)) ||
	    !EVP_DigestFinal_ex(evp.mc, out, NULL))
		die("EVP SHA-1");
}

/* One RC4 state per library; "key" then "crypt" on it. */
struct rc4 {
	struct arcfour_ctx	n;
	RC4_KEY			l;
};

static void
ksa(enum lib lib, struct rc4 *r, const uint8_t *k)
{
	switch (lib) {
	case L_NETTLE:
		arcfour_set_key(&r->n, KL, k);
		break;
	case L_LOW:
		RC4_set_key(&r->l, KL, k);
		break;
	default:
		if (!EVP_CipherInit_ex2(evp.cc, NULL, k, NULL, 1, NULL))
			die("EVP RC4 key");
		break;
	}
}

static void
rc4(enum lib lib, struct rc4 *r, uint8_t *dst, const uint8_t *src, size_t n)
{
	int	ol;

	switch (lib) {
	case L_NETTLE:
		arcfour_crypt(&r->n, n, dst, src);
		break;
	case L_LOW:
		RC4(&r->l, n, src, dst);
		break;
	default:
		if (!EVP_CipherUpdate(evp.cc, dst, &ol, src, (int)n) ||
		    (size_t)ol != n)
			die("EVP RC4");
		break;
	}
}

static void
sha(enum lib lib, const uint8_t *s, const uint8_t *c, uint8_t out[20])
{
	if (lib == L_NETTLE)
		sha_nettle(s, c, out);
	else if (lib == L_LOW)
		sha_low(s, c, out);
	else
		sha_evp(s, c, out);
}

/* RFC 3078 7.3 with the primitives of one library (MPPE-128). */
static void
rekey(enum lib lib, struct rc4 *r, const uint8_t *start, uint8_t key[KL])
{
	struct rc4	tmp;
	uint8_t		interim[20];

	sha(lib, start, key, interim);
	ksa(lib, &tmp, interim);
	rc4(lib, &tmp, key, interim, KL);
	ksa(lib, r, key);
}

/* ---- set-up and checks -------------------------------------------- */

static void
evp_init(void)
{
	if (OSSL_PROVIDER_load(NULL, "legacy") == NULL ||
	    OSSL_PROVIDER_load(NULL, "default") == NULL ||
	    (evp.rc4 = EVP_CIPHER_fetch(NULL, "RC4", NULL)) == NULL ||
	    (evp.sha1 = EVP_MD_fetch(NULL, "SHA1", NULL)) == NULL ||
	    (evp.cc = EVP_CIPHER_CTX_new()) == NULL ||
	    (evp.mc = EVP_MD_CTX_new()) == NULL ||
	    !EVP_CipherInit_ex2(evp.cc, evp.rc4, NULL, NULL, 1, NULL) ||
	    !EVP_CIPHER_CTX_set_key_length(evp.cc, KL))
		return;
	evp_ok = 1;
}

static void
hex(const char *h, uint8_t *out, size_t n)
{
	size_t		i;
	unsigned	v;

	for (i = 0; i < n; i++) {
		if (sscanf(h + 2 * i, "%2x", &v) != 1)
			die("hex");
		out[i] = (uint8_t)v;
	}
}

/*
 * RFC 3079 3.5: the initial session key from SendStartKey128 (the
 * key change without its RC4 step) and RC4(key, "test message").  Then
 * a thousand key changes must agree between the libraries.
 */
static void
check(enum lib lib)
{
	struct rc4	r;
	uint8_t		start[KL], key[KL], ref[KL], want[KL], d[20], ct[12];
	uint8_t		want_ct[12];
	int		i;

	hex("8B7CDC149B993A1BA118CB153F56DCCB", start, KL);
	hex("405CB2247A7956E6E211007AE27B22D4", want, KL);
	hex("81848317DF68846272FB5ABE", want_ct, sizeof(want_ct));
	sha(lib, start, start, d);
	if (memcmp(d, want, KL) != 0)
		die("SHA-1 disagrees with RFC 3079 3.5");
	ksa(lib, &r, d);
	rc4(lib, &r, ct, (const uint8_t *)"test message", 12);
	if (memcmp(ct, want_ct, sizeof(ct)) != 0)
		die("RC4 disagrees with RFC 3079 3.5");
	memcpy(key, want, KL);
	memcpy(ref, want, KL);
	for (i = 0; i < 1000; i++) {
		rekey(lib, &r, start, key);
		rekey(L_NETTLE, &r, start, ref);
	}
	if (memcmp(key, ref, KL) != 0)
		die("key chains disagree");
}

/* ---- timing --------------------------------------------------------- */

static double
run(enum lib lib, enum op op)
{
	static uint8_t	in[PKT], out[PKT];
	struct rc4	r;
	uint8_t		start[KL], key[KL], d[20];
	double		t0;
	unsigned	i;

	memset(start, 0x5a, sizeof(start));
	memset(key, 0xa5, sizeof(key));
	ksa(lib, &r, key);
	t0 = now_ns();
	for (i = 0; i < ITER; i++) {
		switch (op) {
		case O_SHA:
			sha(lib, start, key, d);
			key[i & 15] ^= d[3];	/* a dependency chain */
			break;
		case O_KSA:
			ksa(lib, &r, key);
			key[i & 15] ^= (uint8_t)i;
			break;
		case O_RC4:
			rc4(lib, &r, out, in, PKT);
			break;
		case O_REKEY:
			rekey(lib, &r, start, key);
			break;
		default:
			rekey(lib, &r, start, key);
			rc4(lib, &r, out, in, PKT);
			break;
		}
	}
	return (now_ns() - t0) / ITER;
}

static double
best(enum lib lib, enum op op)
{
	double	b = 0, v;
	int	i;

	for (i = 0; i < TRIALS; i++)
		if ((v = run(lib, op)) < b || b == 0)
			b = v;
	return b;
}

/* gre/mppe.c as built: its key change + packet, ns per packet. */
static double
run_mppe(void)
{
	static uint8_t	in[PKT], out[PKT];
	struct mppe_dir	d;
	uint8_t		start[MPPE_KEY_MAX];
	double		t0, b = 0, v;
	int		t;
	unsigned	i;

	memset(start, 0x5a, sizeof(start));
	for (t = 0; t < TRIALS; t++) {
		if (mppe_init(&d, start, MPPE_128, true) != HP_OK)
			die("mppe_init");
		t0 = now_ns();
		for (i = 0; i < ITER; i++) {
			mppe_rekey(&d);
			mppe_crypt(&d, out, in, PKT);
		}
		v = (now_ns() - t0) / ITER;
		if (v < b || b == 0)
			b = v;
	}
	mppe_wipe(&d);
	return b;
}

int
main(void)
{
	double	ns[L_NLIB];
	int	l, o, nl;

	memset(pad2, 0xf2, sizeof(pad2));
	evp_init();
	nl = evp_ok ? L_NLIB : L_EVP;
	for (l = 0; l < nl; l++)
		check((enum lib)l);
	printf("MPPE-128 primitives, ns of thread CPU per operation, best of "
	    "%d x %d;\nratio = time / nettle's in this run (lower is "
	    "faster)\n", TRIALS, ITER);
	printf("%-26s", "operation");
	for (l = 0; l < nl; l++)
		printf(" %11s %6s", lib_name[l], "ratio");
	printf("\n");
	for (o = 0; o < O_NOP; o++) {
		printf("%-26s", op_name[o]);
		for (l = 0; l < nl; l++) {
			ns[l] = best((enum lib)l, (enum op)o);
			printf(" %11.0f %6.2f", ns[l], ns[l] / ns[0]);
		}
		printf("\n");
	}
	if (!evp_ok)
		printf("EVP: RC4 from the legacy provider unavailable\n");
	ns[0] = best(L_NETTLE, O_PKT);
	ns[1] = run_mppe();
	printf("gre/mppe.c as built, key change + 1402 B: %.0f ns, %.2f of "
	    "nettle alone\n", ns[1], ns[1] / ns[0]);
	return 0;
}
