/*
 * hpptpd master: what each worker is told (master/worker_conf.c): its
 * part of the configuration, as a message, and the descriptors it
 * works on.
 */
#ifndef HP_MASTER_WORKER_CONF_H
#define HP_MASTER_WORKER_CONF_H

#include <stdint.h>

#include "common/msg.h"

struct hp_conf;
struct master;

/* Each worker's on_ready (procs[], master/main.c). */
void	worker_conf_send_ctrl(struct master *, unsigned int slot);
void	worker_conf_send_gre(struct master *, unsigned int slot);
/* auth: its configuration, then a load of the secrets */
void	worker_conf_send_auth(struct master *, unsigned int slot);

/* The configured methods (hp_conf's auth) as AM_BIT()s. */
uint32_t worker_conf_auth_bits(unsigned int conf_auth);
/* The configured MPPE_* policy. */
uint32_t worker_conf_mppe(const struct hp_conf *);
/* ctrl's configuration message. */
void	worker_conf_ctrl(const struct hp_conf *, struct m_ctrl_config *);
void	worker_conf_ctrl6(const struct hp_conf *, struct m_ctrl_config6 *);

#endif
