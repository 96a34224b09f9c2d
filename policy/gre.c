/*
 * hpptpd: the whole privilege of the gre worker beyond the base list:
 * batched I/O on the raw GRE socket.  The tightest list in the project.
 */
#include "policy/policy_local.h"

const struct sc_rule policy_gre_rules[] = {
	SC_ALLOW(recvmmsg,	"raw GRE socket, batched receive"),
	SC_ALLOW(sendmmsg,	"raw GRE socket, batched send"),
};
const size_t policy_gre_nrules =
    sizeof(policy_gre_rules) / sizeof(policy_gre_rules[0]);
