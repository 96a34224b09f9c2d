/* hpptpd: tables shared inside policy/. */
#ifndef HP_POLICY_LOCAL_H
#define HP_POLICY_LOCAL_H

#include "policy/policy.h"

extern const struct sc_rule	policy_base_rules[];
extern const size_t		policy_base_nrules;
extern const struct sc_rule	policy_san_rules[];
extern const size_t		policy_san_nrules;
extern const struct sc_rule	policy_ctrl_rules[];
extern const size_t		policy_ctrl_nrules;
extern const struct sc_rule	policy_gre_rules[];
extern const size_t		policy_gre_nrules;
extern const struct sc_rule	policy_auth_rules[];
extern const size_t		policy_auth_nrules;

#endif
