/*
 * Address rules (see addrrule.h): pure functions, no allocation.
 */
#include "common/addrrule.h"

uint32_t
addr_prefix_mask(unsigned prefix)
{
	if (prefix == 0)
		return 0;
	if (prefix >= 32)
		return ~(uint32_t)0;
	return ~(uint32_t)0 << (32 - prefix);
}

bool
addr_rules_allow(const struct addr_rule *r, size_t n, uint32_t addr)
{
	size_t i;

	for (i = 0; i < n && i < ADDR_RULES_MAX; i++)
		if ((addr & addr_prefix_mask(r[i].prefix)) == r[i].net)
			return !r[i].exclude;
	return false;
}

bool
addr_rule_valid(const struct addr_rule *r)
{
	return r->prefix <= 32 && r->exclude <= 1 && r->pad[0] == 0 &&
	    r->pad[1] == 0 && (r->net & ~addr_prefix_mask(r->prefix)) == 0;
}

bool
addr_rules_single(const struct addr_rule *r, size_t n, size_t i,
    uint32_t *addr)
{
	if (i >= n || i >= ADDR_RULES_MAX || r[i].exclude ||
	    r[i].prefix != 32 || !addr_rules_allow(r, n, r[i].net))
		return false;
	*addr = r[i].net;
	return true;
}
