/*
 * hpptpd ctrl: the one walker over PPP control-protocol options
 * (LCP, IPCP, CCP: type, length, value; RFC 1661 section 6).
 *
 * Every option is checked before a protocol sees it: length >= 2
 * (a length of 0 or 1 would stall or underflow a naive walk), length
 * <= what is left of the packet, and no option type twice.
 */
#ifndef HP_CTRL_CPOPT_H
#define HP_CTRL_CPOPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/rd.h"

/* Codes shared by every control protocol (RFC 1661 section 5);
 * here, below fsm.c, because a reply is built from them too. */
#define CP_CONFREQ	1
#define CP_CONFACK	2
#define CP_CONFNAK	3
#define CP_CONFREJ	4
#define CP_TERMREQ	5
#define CP_TERMACK	6
#define CP_CODEREJ	7

struct cpopt {
	uint8_t		 type;
	uint8_t		 len;	/* whole option, header included */
	const uint8_t	*raw;	/* the option as received (len bytes) */
	struct rd	 val;	/* the len - 2 value bytes */
};

struct cpopt_iter {
	struct rd	 r;
	uint32_t	 seen[8];	/* one bit per option type */
	bool		 check_dup;
};

/* Walk the options in r (not consumed); duplicates are an error if dup. */
void	cpopt_iter_init(struct cpopt_iter *, const struct rd *, bool dup);
/* 1 and *o set, 0 at the end, or a negative hp_err for a bad option. */
int	cpopt_next(struct cpopt_iter *, struct cpopt *);
/* Walk a whole option list; HP_OK if every option is well formed. */
int	cpopt_validate(const struct rd *, bool dup);
/* Walk a whole option list (duplicates refused); *found: type is in it. */
int	cpopt_has(const struct rd *, uint8_t type, bool *found);
/* Value accessors that also check the option has exactly that size. */
int	cpopt_val_u16(const struct cpopt *, uint16_t *);
int	cpopt_val_u32(const struct cpopt *, uint32_t *);

/* Append one option to a writer. */
void	cpopt_put(struct wr *, uint8_t type, const void *val, size_t vlen);
void	cpopt_put_u16(struct wr *, uint8_t type, uint16_t);
void	cpopt_put_u32(struct wr *, uint8_t type, uint32_t);
/* Append an option exactly as received. */
void	cpopt_put_raw(struct wr *, const struct cpopt *);

/*
 * Building the answer to a Configure-Request: Rejects go straight to the
 * reply, Naks to a side buffer; a reply is all-Reject if anything was
 * rejected, else all-Nak, else an Ack (RFC 1661 5.3, 5.4).  Once Naks
 * are no longer allowed (max-failure), a Nak becomes a Reject.
 */
#define CPOPT_MAX_REPLY	1500

struct cpopt_reply {
	struct wr	*rej;
	struct wr	 nak;
	bool		 allow_nak;
	uint8_t		 nakbuf[CPOPT_MAX_REPLY];
};

void	cpreply_init(struct cpopt_reply *, struct wr *out, bool allow_nak);
void	cpreply_rej(struct cpopt_reply *, const struct cpopt *);
/* Nak o with a suggested value (becomes a Reject of o if not allowed). */
void	cpreply_nak(struct cpopt_reply *, const struct cpopt *,
	    const void *, size_t);
void	cpreply_nak_u16(struct cpopt_reply *, const struct cpopt *, uint16_t);
void	cpreply_nak_u32(struct cpopt_reply *, const struct cpopt *, uint32_t);
/* Suggest an option the peer did not send (dropped if not allowed). */
void	cpreply_nak_new(struct cpopt_reply *, uint8_t, const void *, size_t);
/* CP_CONFACK (2), CP_CONFNAK (3) or CP_CONFREJ (4), or an hp_err. */
int	cpreply_finish(struct cpopt_reply *);

#endif /* HP_CTRL_CPOPT_H */
