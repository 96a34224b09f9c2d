/*
 * hpptpd auth: the Disconnect/CoA server (RFC 5176, issue 16).  Master
 * binds the UDP socket and passes it with each client's secret file;
 * here a request is taken only from a configured client's address,
 * verified with that client's secret (Request Authenticator, and
 * Message-Authenticator, required by default), its Event-Timestamp
 * held to the window, and a repeat of the same Identifier and
 * Authenticator within the window answered from a cache, never acted
 * on twice.  A request for a live session goes to master as a
 * dae-action (one per session when the client's multiple-sessions lets
 * a Disconnect end several); master's dae-done for each decides the one
 * ACK or NAK.
 */
#ifndef HP_AUTH_DAE_H
#define HP_AUTH_DAE_H

#include <stdint.h>

#include "common/msg.h"

struct dae;
struct rc;
struct msg_chan;

#define DAE_EP_TAG	0x80u	/* below RC_EP_TAG, above the channel's 0 */

struct dae	*dae_create(int ep, struct msg_chan *, struct rc *);
/* A new configuration: every client (and its secret) is dropped. */
void	dae_config(struct dae *, const struct m_dae_config *);
/* A client and its secret file (fd: read, then closed). */
void	dae_client(struct dae *, const struct m_dae_client *, int fd);
/* The bound socket (kept; replaces an earlier one). */
void	dae_socket(struct dae *, int fd);
void	dae_readable(struct dae *);
/* master's answer to a dae-action. */
void	dae_done(struct dae *, uint32_t sid, const struct m_dae_done *);
/* Milliseconds until its next timer (-1: none); run what is due. */
int	dae_next_ms(struct dae *, uint64_t now);
void	dae_timers(struct dae *, uint64_t now);

#endif /* HP_AUTH_DAE_H */
