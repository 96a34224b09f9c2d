/*
 * hpptpd ctrl: IPCP (RFC 1332, RFC 1877 DNS/NBNS).  The peer gets the
 * address master assigned; DNS and NBNS come from the config.
 */
#ifndef HP_CTRL_IPCP_H
#define HP_CTRL_IPCP_H

#include "ctrl/fsm.h"

#define IPCP_OPT_ADDRS		1	/* deprecated IP-Addresses */
#define IPCP_OPT_COMP		2	/* IP-Compression-Protocol (VJ) */
#define IPCP_OPT_ADDR		3
#define IPCP_OPT_DNS1		129
#define IPCP_OPT_NBNS1		130
#define IPCP_OPT_DNS2		131
#define IPCP_OPT_NBNS2		132

extern const struct fsm_cb ipcp_fsm_cb;

#endif /* HP_CTRL_IPCP_H */
