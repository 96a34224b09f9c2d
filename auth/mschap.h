/*
 * hpptpd auth: the pure cryptographic steps of PAP, CHAP-MD5 (RFC 1994),
 * MS-CHAPv1 (RFC 2433), MS-CHAPv2 (RFC 2759) and the MPPE start keys of
 * RFC 3079.  No I/O, no logging, no allocation; every stack copy of a
 * secret is wiped before return.  Comparisons of peer values against
 * expected ones are constant time (sodium_memcmp).
 *
 * Callers must have called sodium_init() (secrets_parse() and
 * lockout_create() do) before mschapv2_failure_message().
 */
#ifndef HP_AUTH_MSCHAP_H
#define HP_AUTH_MSCHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nettle/md4.h>

#define MSCHAP_NTHASH_LEN	16	/* MD4 of the UTF-16LE password */
#define MSCHAP_V2_CHAL_LEN	16	/* authenticator and peer challenge */
#define MSCHAP_V1_CHAL_LEN	8	/* MS-CHAPv1 challenge; ChallengeHash */
#define MSCHAP_NTRESP_LEN	24	/* NT-Response */
#define MSCHAP_AUTHRESP_LEN	42	/* "S=" + 40 hex digits */
#define MSCHAP_PW_MAX_UNITS	256	/* password length cap, UTF-16 units */
#define MSCHAP_PW_MAX_BYTES	1024	/* UTF-8 bytes of the longest password */
#define MPPE_START_KEY_LEN	16
#define CHAP_MD5_LEN		16

/*
 * NtPasswordHash (RFC 2759 section 8.3): MD4 over the UTF-16LE form of a
 * UTF-8 password.  Characters outside the BMP become surrogate pairs.
 * Fails with HP_E_FORMAT on invalid UTF-8 (overlong forms, surrogates,
 * code points above U+10FFFF, truncated sequences, U+0000) and HP_E_LONG
 * when the password needs more than MSCHAP_PW_MAX_UNITS UTF-16 code units
 * (Windows' limit; a non-BMP character counts twice).  `hash` is zeroed
 * on failure.
 */
int	mschap_nt_hash(const uint8_t *pw, size_t pwlen,
	    uint8_t hash[MSCHAP_NTHASH_LEN]);
/*
 * The same with the caller's scratch (the UTF-16 password and MD4's
 * state hold the password): give it locked memory, as auth does, and
 * no allocation happens per call; it is wiped before returning.
 * mschap_nt_hash() takes one from sodium_malloc for each call.
 */
struct mschap_nt_scratch {
	uint8_t		u16[MSCHAP_PW_MAX_UNITS * 2];
	struct md4_ctx	md;
};
int	mschap_nt_hash_in(const uint8_t *pw, size_t pwlen,
	    uint8_t hash[MSCHAP_NTHASH_LEN], struct mschap_nt_scratch *);

/* HashNtPasswordHash (RFC 2759 section 8.4): MD4 of the hash. */
void	mschap_hash_nt_hash(const uint8_t hash[MSCHAP_NTHASH_LEN],
	    uint8_t hashhash[MSCHAP_NTHASH_LEN]);

/*
 * The 7 -> 8 byte DES key expansion of RFC 2759 section 8.6: seven-bit
 * groups shifted into the high bits, each byte given odd parity.
 */
void	mschap_des_key(const uint8_t in[7], uint8_t out[8]);

/* ChallengeResponse (RFC 2759 section 8.5): three DES blocks. */
void	mschap_challenge_response(const uint8_t chal[MSCHAP_V1_CHAL_LEN],
	    const uint8_t hash[MSCHAP_NTHASH_LEN],
	    uint8_t resp[MSCHAP_NTRESP_LEN]);

/*
 * The user name MS-CHAPv2 hashes: the part after the last backslash
 * ("DOMAIN\user" -> "user"), as RFC 2759 section 8.2 asks and as Windows
 * clients compute it.  Returns a pointer into `user` and sets *outlen.
 */
const uint8_t *mschap_strip_domain(const uint8_t *user, size_t ulen,
	    size_t *outlen);

/*
 * ChallengeHash (RFC 2759 section 8.2): first 8 bytes of
 * SHA1(PeerChallenge || AuthenticatorChallenge || UserName).  `user` is
 * hashed as given; strip the domain first with mschap_strip_domain().
 */
void	mschapv2_challenge_hash(const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t *user, size_t ulen,
	    uint8_t chal[MSCHAP_V1_CHAL_LEN]);

/* GenerateNTResponse (RFC 2759 section 8.1), from the password hash. */
void	mschapv2_nt_response(const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t *user, size_t ulen,
	    const uint8_t hash[MSCHAP_NTHASH_LEN],
	    uint8_t resp[MSCHAP_NTRESP_LEN]);

/* Whether the peer's NT-Response is right; constant time in its value. */
bool	mschapv2_verify(const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t *user, size_t ulen,
	    const uint8_t hash[MSCHAP_NTHASH_LEN],
	    const uint8_t peer_resp[MSCHAP_NTRESP_LEN]);

/*
 * GenerateAuthenticatorResponse (RFC 2759 section 8.7): writes the 42
 * characters "S=" + 40 uppercase hex digits and a NUL into `out`.
 */
void	mschapv2_authenticator_response(const uint8_t hash[MSCHAP_NTHASH_LEN],
	    const uint8_t nt_resp[MSCHAP_NTRESP_LEN],
	    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
	    const uint8_t *user, size_t ulen,
	    char out[MSCHAP_AUTHRESP_LEN + 1]);

/*
 * The MS-CHAPv2 Failure message (RFC 2759 section 6):
 * "E=691 R=0 C=<32 hex of a fresh random challenge> V=3 M=<text>".
 * `text` must be printable ASCII (it is a fixed string of ours).
 * Returns the length written (without NUL), or HP_E_LONG if `cap` is too
 * small (then `out` holds an empty string).
 */
int	mschapv2_failure_message(char *out, size_t cap, const char *text);

/* MS-CHAPv1 (RFC 2433): whether the peer's NT-Response is right. */
bool	mschapv1_verify(const uint8_t chal[MSCHAP_V1_CHAL_LEN],
	    const uint8_t hash[MSCHAP_NTHASH_LEN],
	    const uint8_t peer_resp[MSCHAP_NTRESP_LEN]);

/* CHAP-MD5 (RFC 1994 section 4.1): MD5(Identifier || secret || challenge). */
void	chap_md5_response(uint8_t id, const uint8_t *secret, size_t slen,
	    const uint8_t *chal, size_t clen, uint8_t out[CHAP_MD5_LEN]);
/* Whether `resp` (exactly CHAP_MD5_LEN bytes, else false) is right. */
bool	chap_md5_verify(uint8_t id, const uint8_t *secret, size_t slen,
	    const uint8_t *chal, size_t clen, const uint8_t *resp, size_t rlen);

/*
 * PAP: whether the password equals the secret.  Lengths are compared
 * first (the length of a password is not treated as secret); the bytes
 * in constant time.
 */
bool	pap_verify(const uint8_t *secret, size_t slen,
	    const uint8_t *pw, size_t pwlen);

/*
 * MPPE start keys from MS-CHAPv2 (RFC 3079 section 3): the master key is
 * GetMasterKey(PasswordHashHash, NT-Response); the server sends with
 * GetAsymmetricStartKey(Magic3) and receives with Magic2 (the client uses
 * them the other way round).  16-byte keys; 40- and 56-bit sessions use
 * the first 8 bytes.
 */
void	mppe_v2_master_key(const uint8_t hashhash[MSCHAP_NTHASH_LEN],
	    const uint8_t nt_resp[MSCHAP_NTRESP_LEN],
	    uint8_t master[MPPE_START_KEY_LEN]);
void	mppe_v2_server_keys(const uint8_t master[MPPE_START_KEY_LEN],
	    uint8_t send[MPPE_START_KEY_LEN], uint8_t recv[MPPE_START_KEY_LEN]);

/*
 * MPPE start key from MS-CHAPv1, the same for both directions:
 * SHA1(PasswordHashHash || PasswordHashHash || Challenge), first 16
 * bytes, as the Linux pppd client derives it (see mschap.c).
 */
void	mppe_v1_start_key(const uint8_t hashhash[MSCHAP_NTHASH_LEN],
	    const uint8_t chal[MSCHAP_V1_CHAL_LEN],
	    uint8_t key[MPPE_START_KEY_LEN]);

#endif /* HP_AUTH_MSCHAP_H */
