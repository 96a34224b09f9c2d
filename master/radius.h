/*
 * hpptpd master: its part of RADIUS (issue 15).  Master opens each
 * server's secret file (the chap-secrets rules) and hands the fd to
 * auth unread; it creates one UDP socket per server and port,
 * connect()s it and hands it over; it tells auth the accounting facts
 * of each session, which only master knows (up, counters, the cause of
 * the end).  It never reads a shared secret nor a RADIUS packet.
 */
#ifndef HP_MASTER_RADIUS_H
#define HP_MASTER_RADIUS_H

#include <stdint.h>

#include "common/msg.h"

struct master;
struct hp_conf;
struct msess;
struct msg;

/* hpptpd -n and start: every secret file passes the ownership rules. */
int	radius_check_files(const struct hp_conf *);
/* On auth's ready and on reload: config, servers (fd), sockets (fd). */
void	radius_send_config(struct master *);
/*
 * auth's counters for hpptpctl stats; how long accounting has failed
 * when that reaches `radius acct-timeout`, else 0.
 */
uint32_t radius_on_stats(struct master *, struct msg *);
/* Accounting facts of a session auth accepted. */
void	radius_acct_start(struct master *, const struct msess *);
void	radius_acct_counters(struct master *, const struct msess *);
void	radius_acct_stop(struct master *, const struct msess *);
/* auth's record of a session it accepted (acct-record), kept. */
void	radius_on_acct_record(struct master *, struct msess *, struct msg *);
/*
 * Clean stop, after every session's acct-stop: Accounting-Off, then
 * give auth a moment (bounded) to put them on the wire.
 */
void	radius_drain(struct master *);

#endif
