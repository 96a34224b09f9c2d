/*
 * hpptpd: the whole privilege of the ctrl worker beyond the base list.
 * It parses what the internet sends; it may read and write the TCP
 * sockets master hands it and draw random numbers, nothing more.
 */
#include "policy/policy_local.h"

const struct sc_rule policy_ctrl_rules[] = {
	SC_ALLOW(getrandom,	"CHAP challenges, call IDs (libsodium)"),
	SC_ALLOW(shutdown,	"half-close a control connection"),
};
const size_t policy_ctrl_nrules =
    sizeof(policy_ctrl_rules) / sizeof(policy_ctrl_rules[0]);
