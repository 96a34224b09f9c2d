/*
 * hpptpd: the one catalog of IPC messages and the validator every
 * process runs before any handler sees a message.
 */
#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/msg.h"
#include "common/msg_fields.h"

/*
 * One row per message type, nothing else decides these: its name, who
 * sends it, who receives it, its payload size (exact, or bounds for
 * the few variable ones), whether an fd travels with it, and the
 * checker of its fields.  Values that are no message have no row.
 */
static const struct msg_spec msg_catalog[MSG_NTYPES] = {
	[MSG_NONE] = { .name = "none" },	/* a name for logs; never valid */
	[MSG_LOG] = {
		.name = "log", .from = P_ANY_WORKER, .to = P_MASTER,
		.min = 4, .max = sizeof(struct m_log),	/* 4: no text */
		.check = chk_log,
	},
	[MSG_READY] = {
		.name = "ready", .from = P_ANY_WORKER, .to = P_MASTER,
		.size = sizeof(struct m_ready),
		.check = chk_ready,
	},
	[MSG_CTRL_CONFIG] = {
		.name = "ctrl-config", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_config),
		.check = chk_ctrl_config,
	},
	[MSG_GRE_CONFIG] = {
		.name = "gre-config", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_config),
		.check = chk_gre_config,
	},
	[MSG_AUTH_CONFIG] = {
		.name = "auth-config", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_auth_config),
		.check = chk_auth_config,
	},
	[MSG_GRE_SOCKET] = {
		.name = "gre-socket", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_gre_socket,
	},
	[MSG_TUN_DEVICE] = {
		.name = "tun-device", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_tun_device,
	},
	[MSG_CTRL_CONN] = {
		.name = "ctrl-conn", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_conn), .fd = MSG_FD_YES,
		.check = chk_ctrl_conn,
	},
	[MSG_CTRL_CLOSED] = {
		.name = "ctrl-closed", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_ctrl_closed),
		.check = chk_ctrl_closed,
	},
	[MSG_PPP_FROM_GRE] = {
		.name = "ppp-from-gre", .from = P_GRE, .to = P_MASTER,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_TO_CTRL] = {
		.name = "ppp-to-ctrl", .from = P_MASTER, .to = P_CTRL,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_FROM_CTRL] = {
		.name = "ppp-from-ctrl", .from = P_CTRL, .to = P_MASTER,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_TO_GRE] = {
		.name = "ppp-to-gre", .from = P_MASTER, .to = P_GRE,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_CCP_MODE] = {
		.name = "ccp-mode", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_ccp_mode),
		.check = chk_ccp_mode,
	},
	[MSG_GRE_CCP_MODE] = {
		.name = "gre-ccp-mode", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_ccp_mode),
		.check = chk_ccp_mode,
	},
	[MSG_AUTH_REQUEST] = {
		.name = "auth-request", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_auth_request),
		.check = chk_auth_request,
	},
	[MSG_AUTH_VERDICT] = {
		.name = "auth-verdict", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_auth_verdict),
		.check = chk_auth_verdict,
	},
	[MSG_AUTH_CHECK] = {
		.name = "auth-check", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_auth_check),
		.check = chk_auth_check,
	},
	[MSG_AUTH_RESULT] = {
		.name = "auth-result", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_auth_result),
		.check = chk_auth_result,
	},
	[MSG_SECRET_FILE_REQ] = {
		.name = "secret-file-req", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_secret_file_req),
		.check = chk_secret_file_req,
	},
	[MSG_SECRET_FILE] = {
		.name = "secret-file", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_secret_file), .fd = MSG_FD_IF_OK,
		.check = chk_secret_file,
	},
	[MSG_SESSION_KEYS] = {
		.name = "session-keys", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_session_keys),
		/* any 32 bytes are keys */
	},
	[MSG_GRE_KEYS] = {
		.name = "gre-keys", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_session_keys),
	},
	[MSG_SESSION_UP] = {
		.name = "session-up", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_session_up),
		/* master compares the address */
	},
	[MSG_GRE_ROUTE] = {
		.name = "gre-route", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_route),
	},
	[MSG_SESSION_KICK] = {
		.name = "session-kick", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_kick),
		.check = chk_reason,
	},
	[MSG_TEST_SYSCALL] = {
		.name = "test-syscall", .from = P_MASTER, .to = P_ANY_WORKER,
		.size = sizeof(struct m_test_syscall),
		.check = chk_test_syscall,
	},
	[MSG_STATIC_ADDR] = {
		.name = "static-addr", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_static_addr),
		.check = chk_static_addr,
	},
	[MSG_GRE_COUNTERS] = {
		.name = "gre-counters", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stats),
		/* any counts are counts */
	},
	[MSG_GRE_ADD] = {
		.name = "gre-add", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_add),
		.check = chk_gre_add,
	},
	[MSG_GRE_RATE] = {
		.name = "gre-rate", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_rate),
		.check = chk_gre_rate,
	},
	[MSG_GRE_SEND_SOCKET] = {
		.name = "gre-send-socket", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_gre_send_socket,
	},
	[MSG_GRE_SOCKET6] = {
		.name = "gre-socket6", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_gre_socket6,
	},
	[MSG_GRE_PEER] = {
		.name = "gre-peer", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_peer),
		.check = chk_gre_peer,
	},
	[MSG_GRE_ADDED] = {
		.name = "gre-added", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_added),
		/* a failure is any status */
	},
	[MSG_CALL_OPEN] = {
		.name = "call-open", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_call_open),
		.check = chk_call_open,
	},
	[MSG_CALL_ACCEPT] = {
		.name = "call-accept", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_call_accept),
	},
	[MSG_GRE_DEL] = {
		.name = "gre-del", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_del),
		.check = chk_reason,
	},
	[MSG_GRE_STATS] = {
		.name = "gre-stats", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stats),
	},
	[MSG_SECRETS] = {
		.name = "secrets", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_secrets), .fd = MSG_FD_YES,
		.check = chk_secrets,
	},
	[MSG_SECRETS_LOADED] = {
		.name = "secrets-loaded", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_secrets_loaded),
		/* counts */
	},
	[MSG_GRE_STRAY] = {
		.name = "gre-stray", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stray),
		.check = chk_gre_stray,
	},
	[MSG_LCP_KEEPALIVE] = {
		.name = "lcp-keepalive", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_lcp_keepalive),
		.check = chk_lcp_keepalive,
	},
	[MSG_GRE_KEEPALIVE] = {
		.name = "gre-keepalive", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_keepalive),
		.check = chk_gre_keepalive,
	},
	[MSG_GRE_LINK_DEAD] = {
		.name = "gre-link-dead", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_link_dead),
		.check = chk_link_dead,
	},
	[MSG_GRE_WORKER] = {
		.name = "gre-worker", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_worker),
		.check = chk_gre_worker,
	},
	[MSG_METRICS_CONN] = {
		.name = "metrics-conn", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_metrics_conn), .fd = MSG_FD_YES,
		.check = chk_metrics_id,
	},
	[MSG_METRICS_REQ] = {
		.name = "metrics-req", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_metrics_req),
		.check = chk_metrics_id,
	},
	[MSG_METRICS_DATA] = {
		.name = "metrics-data", .from = P_MASTER, .to = P_CTRL,
		.min = M_METRICS_DATA_HDR, .max = sizeof(struct m_metrics_data),
		.check = chk_metrics_data,
	},
	[MSG_METRICS_DONE] = {
		.name = "metrics-done", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_metrics_req),
		.check = chk_metrics_id,
	},
	[MSG_CTRL_CONFIG6] = {
		.name = "ctrl-config6", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_config6),
		.check = chk_ctrl_config6,
	},
	[MSG_GRE_ROUTE6] = {
		.name = "gre-route6", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_prefix6),
		.check = chk_prefix6,
	},
	[MSG_CTRL_PREFIX6] = {
		.name = "ctrl-prefix6", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_prefix6),
		.check = chk_prefix6,
	},
	[MSG_CTRL_SESS_OPTS] = {
		.name = "ctrl-sess-opts", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_sess_opts),
		.check = chk_ctrl_sess_opts,
	},
	[MSG_GRE_SESS_OPTS] = {
		.name = "gre-sess-opts", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_sess_opts),
		.check = chk_gre_sess_opts,
	},
	[MSG_ACCT_RECORD] = {
		.name = "acct-record", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_acct_record),
		.check = chk_acct_record,
	},
	[MSG_ACCT_RESUME] = {
		.name = "acct-resume", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_resume),
		.check = chk_acct_resume,
	},
	[MSG_RADIUS_CONFIG] = {
		.name = "radius-config", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_config),
		.check = chk_radius_config,
	},
	[MSG_RADIUS_SERVER] = {
		.name = "radius-server", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_server), .fd = MSG_FD_YES,
		.check = chk_radius_server,
	},
	[MSG_RADIUS_SOCKET] = {
		.name = "radius-socket", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_socket), .fd = MSG_FD_YES,
		.check = chk_radius_socket,
	},
	[MSG_RADIUS_REPLY] = {
		.name = "radius-reply", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_radius_reply),
		.check = chk_radius_reply,
	},
	[MSG_ACCT_START] = {
		.name = "acct-start", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_start),
		.check = chk_acct_start,
	},
	[MSG_ACCT_COUNTERS] = {
		.name = "acct-counters", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_gre_stats),
		/* any counts */
	},
	[MSG_ACCT_STOP] = {
		.name = "acct-stop", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_stop),
		.check = chk_acct_stop,
	},
	[MSG_ACCT_OFF] = {
		.name = "acct-off", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_off),
		.check = chk_acct_off,
	},
	[MSG_RADIUS_STATS] = {
		.name = "radius-stats", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_radius_stats),
		.check = chk_radius_stats,
	},
	[MSG_DAE_CONFIG] = {
		.name = "dae-config", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_dae_config),
		.check = chk_dae_config,
	},
	[MSG_DAE_CLIENT] = {
		.name = "dae-client", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_dae_client), .fd = MSG_FD_YES,
		.check = chk_dae_client,
	},
	[MSG_DAE_SOCKET] = {
		.name = "dae-socket", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_dae_socket), .fd = MSG_FD_YES,
		.check = chk_dae_socket,
	},
	[MSG_DAE_STATS] = {
		.name = "dae-stats", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_dae_stats),
		/* counts */
	},
	[MSG_DAE_ACTION] = {
		.name = "dae-action", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_dae_action),
		.check = chk_dae_action,
	},
	[MSG_DAE_DONE] = {
		.name = "dae-done", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_dae_done),
		.check = chk_dae_done,
	},
};

const char *
msg_type_name(unsigned int t)
{
	if (t >= MSG_NTYPES || msg_catalog[t].name == NULL)
		return "unknown";
	return msg_catalog[t].name;
}

const char *
proc_name(enum proc_id p)
{
	switch (p) {
	case P_MASTER:	return "master";
	case P_CTRL:	return "ctrl";
	case P_GRE:	return "gre";
	case P_AUTH:	return "auth";
	case P_NPROC:	break;
	}
	return "unknown";
}

const char *
auth_method_name(unsigned int m)
{
	switch (m) {
	case AM_PAP:		return "pap";
	case AM_CHAP_MD5:	return "chap-md5";
	case AM_MSCHAP1:	return "mschapv1";
	case AM_MSCHAP2:	return "mschapv2";
	}
	return "unknown";
}

const char *
sess_reason_name(unsigned int r)
{
	static const char *const n[SR_NREASONS] = {
		[SR_NONE] = "none",
		[SR_PEER_CLOSED] = "peer-closed",
		[SR_PEER_TERMINATE] = "peer-terminate",
		[SR_CALL_CLEARED] = "call-cleared",
		[SR_ECHO_TIMEOUT] = "echo-timeout",
		[SR_AUTH_FAILED] = "auth-failed",
		[SR_NEGOTIATION] = "negotiation-failed",
		[SR_MPPE_REFUSED] = "mppe-refused",
		[SR_PROTOCOL_ERROR] = "protocol-error",
		[SR_SETUP_TIMEOUT] = "setup-timeout",
		[SR_KICKED] = "kicked",
		[SR_WORKER_RESTART] = "worker-restart",
		[SR_SHUTDOWN] = "shutdown",
		[SR_LIMIT] = "limit",
		[SR_NO_ADDRESS] = "no-address",
		[SR_LCP_TIMEOUT] = "lcp-timeout",
		[SR_CCP_REFUSED] = "ccp-refused",
		[SR_AUTH_REFUSED] = "auth-refused",
		[SR_NO_GRE] = "no-gre",
		[SR_SESSION_TIMEOUT] = "session-timeout",
		[SR_IDLE_TIMEOUT] = "idle-timeout",
		[SR_ACCT_TIMEOUT] = "acct-timeout",
	};

	return r < SR_NREASONS && n[r] != NULL ? n[r] : "unknown";
}

const struct msg_spec *
msg_spec(unsigned int type)
{
	if (type == MSG_NONE || type >= MSG_NTYPES ||
	    msg_catalog[type].name == NULL)
		return NULL;
	return &msg_catalog[type];
}

static int
dir_ok(enum proc_id spec, enum proc_id p)
{
	if (spec == P_ANY_WORKER)
		return p != P_MASTER && p < P_NPROC;
	return spec == p;
}

int
msg_check(enum proc_id from, enum proc_id to, const struct msg_hdr *h,
    const void *payload, size_t got, int hasfd)
{
	const struct msg_spec *s;
	bool wantfd;

	if (got < sizeof(*h) || got - sizeof(*h) != h->len || h->flags != 0)
		return HP_E_FRAME;
	if ((s = msg_spec(h->type)) == NULL)
		return HP_E_TYPE;
	if (!dir_ok(s->from, from) || !dir_ok(s->to, to))
		return HP_E_PERM;
	if (s->size != 0 ? h->len != s->size :
	    h->len < s->min || h->len > s->max)
		return HP_E_SIZE;
	switch (s->fd) {
	case MSG_FD_YES:
		wantfd = true;
		break;
	case MSG_FD_IF_OK:	/* the size check made the status readable */
		wantfd = *(const int32_t *)payload == HP_OK;
		break;
	default:
		wantfd = false;
		break;
	}
	if ((hasfd != 0) != wantfd)
		return HP_E_FD;
	if (s->check != NULL && s->check(payload, h->len) != HP_OK)
		return HP_E_FIELD;
	return HP_OK;
}
