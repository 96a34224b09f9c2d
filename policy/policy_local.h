/* hpptpd: tables shared inside policy/. */
#ifndef HP_POLICY_LOCAL_H
#define HP_POLICY_LOCAL_H

#include "policy/policy.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

extern const struct sc_rule	policy_base_rules[];
extern const size_t		policy_base_nrules;
extern const struct sc_rule	policy_san_rules[];
extern const size_t		policy_san_nrules;

extern const struct worker_profile	policy_ctrl;
extern const struct worker_profile	policy_gre;
extern const struct worker_profile	policy_auth;

#endif
