/*
 * hpptpd: the whole privilege of the auth worker beyond the base list:
 * locked secret memory (libsodium's sodium_malloc guard pages and
 * mlock), randomness, and reading the secrets fd master passes.
 */
#include <sys/mman.h>

#include "policy/policy_local.h"

const struct sc_rule policy_auth_rules[] = {
	SC_ALLOW(getrandom,	"MS-CHAP failure challenges, PAP keys (libsodium)"),
	SC_ALLOW_MASKED_ZERO(mprotect, 2, PROT_EXEC,
	    "sodium_malloc guard pages; never executable"),
	SC_ALLOW(mlock,		"secrets stay out of swap"),
	SC_ALLOW(munlock,	"sodium_free"),
	SC_ALLOW(fstat,		"size of the secrets file"),
	SC_ALLOW(newfstatat,	"glibc fstat"),
	SC_ALLOW(lseek,		"rewind the secrets file"),
};
const size_t policy_auth_nrules =
    sizeof(policy_auth_rules) / sizeof(policy_auth_rules[0]);
