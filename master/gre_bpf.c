/*
 * hpptpd master: the classic BPF programs of the gre data workers'
 * sockets (see gre_bpf.h).  Built here, not written as byte arrays, so
 * the jump offsets follow the code; tests/unit/test_master_gre_bpf.c
 * runs them in the kernel against packets of every kind.
 */
#include <linux/filter.h>

#include <string.h>

#include "master/gre_bpf.h"

#define IPPROTO_GRE_NUM	47
#define GRE_PROTO_PPP	0x880b
#define GRE_VERSION_1	1
#define KEEP_ALL	0x40000u	/* larger than any packet */
#define PACKET_HOST_NUM	0		/* linux/if_packet.h PACKET_HOST */

struct prog {
	struct sock_filter *v;
	size_t		 n, cap;
	int		 err;
};

static void
emit(struct prog *p, unsigned short code, unsigned char jt, unsigned char jf,
    unsigned int k)
{
	struct sock_filter f = { code, jt, jf, k };

	if (p->n >= p->cap) {
		p->err = 1;
		return;
	}
	p->v[p->n++] = f;
}

/*
 * The common head: A = the Call ID of an enhanced GRE packet, or a
 * jump to the instruction `other` places on.  Returns the index of the
 * first jump to patch (each has jf, or jt for the fragment test, to fill
 * with the distance to `other`).
 */
enum { HEAD_LEN = 11 };

static void
head(struct prog *p)
{
	/* 0 */ emit(p, BPF_LD | BPF_B | BPF_ABS, 0, 0, 9);	/* protocol */
	/* 1 */ emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, IPPROTO_GRE_NUM);
	/* 2 */ emit(p, BPF_LD | BPF_H | BPF_ABS, 0, 0, 6);	/* fragment */
	/* 3 */ emit(p, BPF_JMP | BPF_JSET | BPF_K, 0, 0, 0x1fff);
	/* 4 */ emit(p, BPF_LDX | BPF_B | BPF_MSH, 0, 0, 0);	/* X = IHL*4 */
	/* 5 */ emit(p, BPF_LD | BPF_H | BPF_IND, 0, 0, 2);	/* protocol */
	/* 6 */ emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, GRE_PROTO_PPP);
	/* 7 */ emit(p, BPF_LD | BPF_B | BPF_IND, 0, 0, 1);	/* version */
	/* 8 */ emit(p, BPF_ALU | BPF_AND | BPF_K, 0, 0, 0x07);
	/* 9 */ emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, GRE_VERSION_1);
	/* 10 */ emit(p, BPF_LD | BPF_H | BPF_IND, 0, 0, 6);	/* Call ID */
}

/* Point the head's jumps at instruction `other`. */
static void
head_patch(struct prog *p, size_t other)
{
	if (p->err || p->n < HEAD_LEN)
		return;
	p->v[1].jf = (unsigned char)(other - 2);
	p->v[3].jt = (unsigned char)(other - 4);
	p->v[6].jf = (unsigned char)(other - 7);
	p->v[9].jf = (unsigned char)(other - 10);
}

static size_t
done(struct prog *p)
{
	return p->err ? 0 : p->n;
}

size_t
gre_bpf_shard(struct sock_filter *v, size_t cap, unsigned int n,
    unsigned int k)
{
	struct prog p = { v, 0, cap, 0 };

	if (n == 0 || k >= n)
		return 0;
	head(&p);
	/* 11 */ emit(&p, BPF_ALU | BPF_MOD | BPF_K, 0, 0, n);
	/* 12 */ emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, k);
	/* 13 */ emit(&p, BPF_RET | BPF_K, 0, 0, KEEP_ALL);
	/* 14 */ emit(&p, BPF_RET | BPF_K, 0, 0, 0);
	/* 15: other */
	emit(&p, BPF_RET | BPF_K, 0, 0, k == 0 ? KEEP_ALL : 0);
	head_patch(&p, 15);
	return done(&p);
}

/*
 * The GRE header at offset 0: enhanced GRE's Call ID % n == k keeps
 * all; other GRE goes to worker 0 to be counted once.
 */
size_t
gre_bpf_shard6(struct sock_filter *v, size_t cap, unsigned int n,
    unsigned int k)
{
	struct prog p = { v, 0, cap, 0 };

	if (n == 0 || k >= n)
		return 0;
	/* 0 */ emit(&p, BPF_LD | BPF_H | BPF_ABS, 0, 0, 2);	/* protocol */
	/* 1 */ emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0, 8, GRE_PROTO_PPP);
	/* 2 */ emit(&p, BPF_LD | BPF_B | BPF_ABS, 0, 0, 1);	/* version */
	/* 3 */ emit(&p, BPF_ALU | BPF_AND | BPF_K, 0, 0, 0x07);
	/* 4 */ emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0, 5, GRE_VERSION_1);
	/* 5 */ emit(&p, BPF_LD | BPF_H | BPF_ABS, 0, 0, 6);	/* Call ID */
	/* 6 */ emit(&p, BPF_ALU | BPF_MOD | BPF_K, 0, 0, n);
	/* 7 */ emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, k);
	/* 8 */ emit(&p, BPF_RET | BPF_K, 0, 0, KEEP_ALL);
	/* 9 */ emit(&p, BPF_RET | BPF_K, 0, 0, 0);
	/* 10: other */
	emit(&p, BPF_RET | BPF_K, 0, 0, k == 0 ? KEEP_ALL : 0);
	return done(&p);
}

size_t
gre_bpf_fanout(struct sock_filter *v, size_t cap, unsigned int n)
{
	struct prog p = { v, 0, cap, 0 };

	if (n == 0)
		return 0;
	head(&p);
	/* 11 */ emit(&p, BPF_ALU | BPF_MOD | BPF_K, 0, 0, n);
	/* 12 */ emit(&p, BPF_RET | BPF_A, 0, 0, 0);
	/* 13: other */
	emit(&p, BPF_RET | BPF_K, 0, 0, 0);
	head_patch(&p, 13);
	return done(&p);
}

size_t
gre_bpf_packet(struct sock_filter *v, size_t cap, const unsigned int *ifindex,
    size_t nif)
{
	struct prog p = { v, 0, cap, 0 };
	size_t i, drop;

	if (nif > GRE_BPF_MAX)
		return 0;
	/* the last instruction drops: jumps count from the next one */
	drop = 2 + (nif > 0 ? 1 + nif : 0) + 2 + 1;
	emit(&p, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    (unsigned int)(SKF_AD_OFF + SKF_AD_PKTTYPE));
	emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0,
	    (unsigned char)(drop - 2), PACKET_HOST_NUM);
	if (nif > 0) {
		emit(&p, BPF_LD | BPF_W | BPF_ABS, 0, 0,
		    (unsigned int)(SKF_AD_OFF + SKF_AD_IFINDEX));
		for (i = 0; i < nif; i++)
			emit(&p, BPF_JMP | BPF_JEQ | BPF_K,
			    (unsigned char)(drop - p.n - 1), 0, ifindex[i]);
	}
	emit(&p, BPF_LD | BPF_B | BPF_ABS, 0, 0, 9);
	emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, IPPROTO_GRE_NUM);
	emit(&p, BPF_RET | BPF_K, 0, 0, KEEP_ALL);
	emit(&p, BPF_RET | BPF_K, 0, 0, 0);
	return done(&p);
}

size_t
gre_bpf_none(struct sock_filter *v, size_t cap)
{
	struct prog p = { v, 0, cap, 0 };

	emit(&p, BPF_RET | BPF_K, 0, 0, 0);
	return done(&p);
}

unsigned int
gre_bpf_worker(unsigned int call_id, unsigned int n)
{
	return n == 0 ? 0 : (call_id & 0xffff) % n;
}
