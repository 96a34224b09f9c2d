/*
 * hpptpd: the field checkers of the IPC messages, one per message that
 * has fields to check, named in that message's row of the catalog
 * (common/msg_catalog.c), which calls it from msg_check() once the
 * size, direction and fd are right.  Each returns HP_OK or an error.
 */
#ifndef HP_MSG_FIELDS_H
#define HP_MSG_FIELDS_H

#include <stddef.h>

int	chk_log(const void *, size_t);
int	chk_ready(const void *, size_t);
int	chk_ctrl_config(const void *, size_t);
int	chk_ctrl_config6(const void *, size_t);
int	chk_prefix6(const void *, size_t);
int	chk_gre_config(const void *, size_t);
int	chk_auth_config(const void *, size_t);
int	chk_gre_socket(const void *, size_t);
int	chk_tun_device(const void *, size_t);
int	chk_secrets(const void *, size_t);
int	chk_secret_file_req(const void *, size_t);
int	chk_secret_file(const void *, size_t);
int	chk_ctrl_conn(const void *, size_t);
int	chk_ctrl_closed(const void *, size_t);
int	chk_gre_stray(const void *, size_t);
int	chk_metrics_id(const void *, size_t);
int	chk_metrics_data(const void *, size_t);
int	chk_call_open(const void *, size_t);
int	chk_gre_add(const void *, size_t);
int	chk_ccp_mode(const void *, size_t);
int	chk_lcp_keepalive(const void *, size_t);
int	chk_gre_keepalive(const void *, size_t);
int	chk_link_dead(const void *, size_t);
int	chk_gre_worker(const void *, size_t);
int	chk_auth_request(const void *, size_t);
int	chk_auth_check(const void *, size_t);
int	chk_auth_result(const void *, size_t);
int	chk_auth_verdict(const void *, size_t);
int	chk_reason(const void *, size_t);
int	chk_test_syscall(const void *, size_t);
int	chk_static_addr(const void *, size_t);
int	chk_gre_rate(const void *, size_t);
int	chk_gre_peer(const void *, size_t);
int	chk_gre_send_socket(const void *, size_t);
int	chk_gre_socket6(const void *, size_t);
int	chk_radius_config(const void *, size_t);
int	chk_radius_server(const void *, size_t);
int	chk_radius_socket(const void *, size_t);
int	chk_radius_reply(const void *, size_t);
int	chk_ctrl_sess_opts(const void *, size_t);
int	chk_gre_sess_opts(const void *, size_t);
int	chk_acct_record(const void *, size_t);
int	chk_acct_resume(const void *, size_t);
int	chk_acct_start(const void *, size_t);
int	chk_acct_stop(const void *, size_t);
int	chk_radius_stats(const void *, size_t);
int	chk_acct_off(const void *, size_t);
int	chk_dae_config(const void *, size_t);
int	chk_dae_client(const void *, size_t);
int	chk_dae_socket(const void *, size_t);
int	chk_dae_action(const void *, size_t);
int	chk_dae_done(const void *, size_t);

#endif /* HP_MSG_FIELDS_H */
