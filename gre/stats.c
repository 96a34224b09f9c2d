/* hpptpd gre: names of drop reasons, for logs and hpptpctl. */
#include "gre/stats.h"

const char *
gre_drop_name(enum gre_drop d)
{
	switch (d) {
	case GRE_DROP_NONE:		return "none";
	case GRE_DROP_IP_SHORT:		return "ip-short";
	case GRE_DROP_IP_VERSION:	return "ip-version";
	case GRE_DROP_IP_IHL:		return "ip-ihl";
	case GRE_DROP_IP_TOTLEN:	return "ip-totlen";
	case GRE_DROP_IP_FRAG:		return "ip-fragment";
	case GRE_DROP_IP_PROTO:		return "ip-proto";
	case GRE_DROP_GRE_SHORT:	return "gre-short";
	case GRE_DROP_GRE_FLAGS:	return "gre-flags";
	case GRE_DROP_GRE_VERSION:	return "gre-version";
	case GRE_DROP_GRE_PROTO:	return "gre-proto";
	case GRE_DROP_GRE_NOKEY:	return "gre-nokey";
	case GRE_DROP_GRE_PAYLEN:	return "gre-paylen";
	case GRE_DROP_GRE_NOSEQ:	return "gre-noseq";
	case GRE_DROP_GRE_TOOBIG:	return "gre-toobig";
	case GRE_DROP_NOSESS:		return "no-session";
	case GRE_DROP_SPOOF:		return "spoof";
	case GRE_DROP_SEQ_STALE:	return "seq-stale";
	case GRE_DROP_SEQ_DUP:		return "seq-dup";
	case GRE_DROP_SEQ_NOBUF:	return "seq-nobuf";
	case GRE_DROP_PPP_BAD:		return "ppp-bad";
	case GRE_DROP_MPPE_OFF:		return "mppe-off";
	case GRE_DROP_MPPE_SHORT:	return "mppe-short";
	case GRE_DROP_MPPE_FLAGS:	return "mppe-flags";
	case GRE_DROP_MPPE_LATE:	return "mppe-late";
	case GRE_DROP_MPPE_CATCHUP:	return "mppe-catchup";
	case GRE_DROP_MPPE_LOST:	return "mppe-lost";
	case GRE_DROP_MPPE_DISCARD:	return "mppe-discard";
	case GRE_DROP_MPPE_NESTED:	return "mppe-nested";
	case GRE_DROP_UNENCRYPTED:	return "unencrypted";
	case GRE_DROP_INNER_BAD:	return "inner-bad";
	case GRE_DROP_INGRESS:		return "ingress";
	case GRE_DROP_C2C:		return "client-to-client";
	case GRE_DROP_CCP_BAD:		return "ccp-bad";
	case GRE_DROP_OUT_FULL:		return "out-full";
	case GRE_DROP_TX_NOSESS:	return "tx-no-session";
	case GRE_DROP_TX_BAD:		return "tx-bad";
	case GRE_DROP_TX_TOOBIG:	return "tx-toobig";
	case GRE_DROP_TX_NOMPPE:	return "tx-nomppe";
	case GRE_DROP_RATE_UP:		return "rate-up";
	case GRE_DROP_RATE_DOWN:	return "rate-down";
	case GRE_DROP_INGRESS6:		return "ingress6";
	case GRE_DROP_LOCAL6:		return "local6";
	case GRE_DROP_N:		break;
	}
	return "unknown";
}
