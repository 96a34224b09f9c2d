/*
 * Address rules: the address column of a chap-secrets entry as pppd
 * reads it (a.b.c.d, a.b.c.d/n, "!" before either, "*" = 0.0.0.0/0).
 * auth parses them; master receives them in an MSG_AUTH_RESULT and
 * picks a client address they allow.  Both sides use this one
 * definition, so what auth checked is what master enforces.
 */
#ifndef HP_COMMON_ADDRRULE_H
#define HP_COMMON_ADDRRULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 16 address words plus the catch-all a list of exclusions implies. */
#define ADDR_RULES_MAX	17

struct addr_rule {
	uint32_t	net;		/* IPv4, host byte order, masked */
	uint8_t		prefix;		/* 0..32 */
	uint8_t		exclude;	/* 1 for "!addr" */
	uint8_t		pad[2];		/* zero */
};

/* The netmask of a prefix length (host order); 0 for 0, a /32 for > 32. */
uint32_t	addr_prefix_mask(unsigned prefix);
/*
 * Whether `addr` (host order) is allowed: the first rule that matches
 * decides; no match means no.
 */
bool	addr_rules_allow(const struct addr_rule *, size_t n, uint32_t addr);
/* A well-formed rule: prefix <= 32, exclude 0 or 1, host bits and pad 0. */
bool	addr_rule_valid(const struct addr_rule *);
/*
 * The i-th rule names one address (a /32, not excluded) that the whole
 * list allows: a candidate to hand out as it is.
 */
bool	addr_rules_single(const struct addr_rule *, size_t n, size_t i,
	    uint32_t *addr);

#endif /* HP_COMMON_ADDRRULE_H */
