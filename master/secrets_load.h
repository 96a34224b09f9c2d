/*
 * hpptpd master: auth's load of the secrets file (secrets_load.c).
 * Master opens the files and passes the fds; the three answers name no
 * session and are valid only while a load is open.
 */
#ifndef HP_MASTER_SECRETS_LOAD_H
#define HP_MASTER_SECRETS_LOAD_H

struct master;
struct msg;

/* Start a load (or, with one open, another when it ends). */
void	secrets_load_start(struct master *);
/* auth's messages of a load */
void	secrets_load_on_file_req(struct master *, const struct msg *);
void	secrets_load_on_static_addr(struct master *, const struct msg *);
void	secrets_load_on_loaded(struct master *, const struct msg *);

#endif
