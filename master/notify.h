/* hpptpd master: readiness to a service manager (sd_notify protocol). */
#ifndef HP_MASTER_NOTIFY_H
#define HP_MASTER_NOTIFY_H

void	notify_init(void);
void	notify_ready(const char *status);
void	notify_reloading(void);
void	notify_stopping(void);

#endif
