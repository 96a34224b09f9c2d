/*
 * hpptpd gre: Microsoft Point-to-Point Encryption (RFC 3078, RFC 3079),
 * one direction per struct mppe_dir.  RC4 comes from OpenSSL's
 * libcrypto (its low-level RC4_set_key/RC4, assembly on x86-64: 0.55
 * of nettle's time for a key setup, 0.66 for a packet), SHA-1 from
 * nettle (as fast as libcrypto's, and no EVP fetch); tests/bench/
 * bench_gre_crypto.c measures the choice, BENCHMARKS.md has the numbers.
 * An RC4_KEY is 1,032 bytes (int-sized state) to nettle's 258, and a
 * stateless direction needs its RC4 state only from the key change to
 * the end of one packet: stateless directions share one process-wide
 * RC4_KEY, set at each packet's key change; only a stateful direction,
 * whose RC4 state runs on from packet to packet, keeps one of its own,
 * nettle's (struct arcfour_ctx, 258 bytes), allocated by mppe_init()
 * and freed by mppe_wipe(), so a stateless session (what every client
 * here asks for) carries no RC4 state at all.  libcrypto needs no
 * initialisation for these two calls beyond its load-time CPU feature
 * probe (a constructor, so before main and the sandbox);
 * mppe_lib_init() runs both RC4s once anyway.
 *
 * Keys.  The start key (RFC 3079 3.3, from auth via master) gives the
 * initial session key GetNewKeyFromSHA(start, start) reduced to the key
 * length (salt D1 26 9E for 40 bits, D1 for 56), with no RC4 step.
 * Every later change is GetNewKeyFromSHA(start, current), RC4 of that
 * with itself, then the salt (RFC 3078 7.3).
 *
 * Coherency count (12 bits) and the A (flushed) bit, as Windows and the
 * Linux and BSD kernels interoperate: the first packet has count 0; in
 * stateless mode the key changes before every packet and A is always
 * set; in stateful mode it changes on each "flag" packet (count low
 * byte 0xFF, sent with A) and on the first packet after the peer's CCP
 * Reset-Request (sent with A).  A receiver changes its key on A.
 *
 * Receive, stateless (RFC 3078 8.1): one key change per count step.  A
 * count behind ours (within half the space) is a late or replayed
 * packet and is dropped without touching the key; one ahead by more
 * than MPPE_MAX_REKEY costs MPPE_MAX_REKEY changes, and the packet is
 * dropped while the key catches up over the next packets, so no single
 * packet buys more than MPPE_MAX_REKEY SHA-1 + RC4 setups (a stale
 * count once forced ~4095 in other implementations).
 *
 * Receive, stateful (RFC 3078 8.2): a count other than the next one
 * means lost packets; we drop, answer MPPE_RX_RESET (the caller sends a
 * CCP Reset-Request) and discard until a packet with A arrives, then
 * change the key once for every flag packet missed (at most 16) and
 * once for the A bit, and carry on.  A packet with A that itself comes
 * right after the gap resynchronises at once, with no Reset-Request.
 * Our own sending side: mppe_tx_reset() on the peer's Reset-Request.
 */
#ifndef HP_GRE_MPPE_H
#define HP_GRE_MPPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nettle/arcfour.h>

#include "gre/stats.h"

#define MPPE_HDR_LEN		2
#define MPPE_KEY_MAX		16
#define MPPE_CCOUNT_MASK	0x0fff
#define MPPE_BIT_A		0x80	/* flushed: key changed / tables reset */
#define MPPE_BIT_B		0x40	/* MPPC only */
#define MPPE_BIT_C		0x20	/* MPPC compressed: never here */
#define MPPE_BIT_D		0x10	/* encrypted */
/* Most key changes one received packet may cause (stateless). */
#define MPPE_MAX_REKEY		32

enum mppe_strength {
	MPPE_40 = 40,
	MPPE_56 = 56,
	MPPE_128 = 128,
};

enum mppe_rx_res {
	MPPE_RX_OK,		/* decrypted */
	MPPE_RX_DROP,		/* dropped; *why says why */
	MPPE_RX_RESET,		/* dropped; send a CCP Reset-Request */
};

struct mppe_dir {
	struct arcfour_ctx	*rc4;	/* stateful only: its state */
	uint8_t			 start[MPPE_KEY_MAX];
	uint8_t			 key[MPPE_KEY_MAX];	/* current session key */
	uint8_t			 keylen;		/* 8 or 16 */
	uint8_t			 strength;		/* enum mppe_strength */
	uint16_t		 ccount;		/* last used */
	bool			 on;
	bool			 stateless;
	bool			 discard;	/* rx stateful: waiting for A */
	bool			 flush_next;	/* tx: Reset-Request seen */
};

/*
 * Run the RC4 and SHA-1 code once, against the RFC 3079 3.5 vector,
 * before the sandbox: anything a library does on first use happens
 * there, and a wrong library is refused.  HP_OK, or HP_E_FORMAT.
 */
int		 mppe_lib_init(void);
const char	*mppe_rx_res_name(enum mppe_rx_res);
const char	*mppe_strength_name(enum mppe_strength);

/*
 * Start one direction with the 16-byte start key (only the first 8
 * bytes are used for 40 and 56 bits).  d is read not at all: a
 * direction already started must be mppe_wipe()d first, or its
 * stateful RC4 state is lost.  HP_OK; HP_E_RANGE for a strength not
 * listed, HP_E_NOMEM when a stateful state cannot be had (d is off).
 */
int	mppe_init(struct mppe_dir *, const uint8_t start[MPPE_KEY_MAX],
	    enum mppe_strength, bool stateless);
/* Wipe all key material (and free a stateful state): the direction is off. */
void	mppe_wipe(struct mppe_dir *);
/* Change the session key once (exposed for tests). */
void	mppe_rekey(struct mppe_dir *);

/*
 * Encrypt n bytes (PPP protocol field + information) from src to dst +
 * MPPE_HDR_LEN, writing the MPPE header at dst.  dst may equal
 * src - MPPE_HDR_LEN (in place) but must not otherwise overlap.
 */
void	mppe_encrypt(struct mppe_dir *, const uint8_t *src, size_t n,
	    uint8_t *dst);
/*
 * Decrypt an MPPE payload (header included, n bytes) into dst, which
 * has room for n - MPPE_HDR_LEN bytes; *dlen is set on MPPE_RX_OK.
 */
enum mppe_rx_res mppe_decrypt(struct mppe_dir *, const uint8_t *src,
	    size_t n, uint8_t *dst, size_t *dlen, enum gre_drop *why);
/*
 * The same in pieces, for a payload in two buffers: begin (count, key
 * change, header) once, then mppe_crypt() each piece in order.
 */
void	mppe_encrypt_begin(struct mppe_dir *, uint8_t hdr[MPPE_HDR_LEN]);
void	mppe_crypt(struct mppe_dir *, uint8_t *dst, const uint8_t *src,
	    size_t n);
/* The peer sent a CCP Reset-Request: flush (new key, A) on the next packet. */
void	mppe_tx_reset(struct mppe_dir *);

#endif /* HP_GRE_MPPE_H */
