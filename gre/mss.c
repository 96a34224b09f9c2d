/* hpptpd gre: TCP MSS clamping with an incremental checksum update. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gre/bytes.h"
#include "gre/mss.h"

#define IPPROTO_TCP_NUM		6
#define TCP_F_SYN		0x02
#define TCPOPT_EOL		0
#define TCPOPT_NOP		1
#define TCPOPT_MSS		2

uint16_t
mss_csum_update16(uint16_t csum, uint16_t old, uint16_t new_)
{
	uint32_t	s;

	/* HC' = ~(~HC + ~m + m'), in one's complement arithmetic. */
	s = (uint16_t)~csum;
	s += (uint16_t)~old;
	s += new_;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/*
 * The TCP segment at tcp (seglen bytes, header first): lower the MSS
 * option of a SYN to max_mss.  The checksum covers the segment and a
 * pseudo-header; neither moves, so the incremental update is the same
 * for IPv4 and IPv6.
 */
static bool
mss_clamp_tcp(uint8_t *tcp, size_t seglen, uint16_t max_mss)
{
	uint8_t		*opt;
	size_t		 thl, i, olen, w0, k, nw;
	uint16_t	 mss, csum, oldw[2];

	if (seglen < 20)
		return false;
	thl = (size_t)(tcp[12] >> 4) * 4;
	if (thl < 20 || thl > seglen)
		return false;
	if ((tcp[13] & TCP_F_SYN) == 0)
		return false;

	opt = tcp + 20;
	for (i = 0; i < thl - 20; ) {
		if (opt[i] == TCPOPT_EOL)
			break;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (thl - 20 - i < 2)
			return false;
		olen = opt[i + 1];
		if (olen < 2 || olen > thl - 20 - i)
			return false;
		if (opt[i] != TCPOPT_MSS || olen != 4) {
			i += olen;
			continue;
		}
		mss = get16(opt + i + 2);
		if (mss <= max_mss)
			return false;
		/*
		 * The value may sit at an odd offset when NOPs precede it;
		 * then it straddles two checksum words.  Update each of the
		 * (one or two) aligned words it touches; at an odd offset the word
		 * after it is still inside the header, whose length is a
		 * multiple of four.
		 */
		w0 = (20 + i + 2) & ~(size_t)1;
		nw = (w0 == 20 + i + 2) ? 1 : 2;
		for (k = 0; k < nw; k++)
			oldw[k] = get16(tcp + w0 + 2 * k);
		put16(opt + i + 2, max_mss);
		csum = get16(tcp + 16);
		for (k = 0; k < nw; k++)
			csum = mss_csum_update16(csum, oldw[k],
			    get16(tcp + w0 + 2 * k));
		put16(tcp + 16, csum);
		return true;
	}
	return false;
}

bool
mss_clamp(uint8_t *ip, size_t len, uint16_t max_mss)
{
	size_t		 hl, tot;

	if (len < 20 || (ip[0] >> 4) != 4)
		return false;
	hl = (size_t)(ip[0] & 0x0f) * 4;
	tot = get16(ip + 2);
	if (hl < 20 || tot > len || tot < hl)
		return false;
	/* Only the first fragment carries the TCP header. */
	if ((get16(ip + 6) & 0x1fff) != 0 || ip[9] != IPPROTO_TCP_NUM)
		return false;
	return mss_clamp_tcp(ip + hl, tot - hl, max_mss);
}

/*
 * IPv6: TCP right after the fixed header only.  A SYN behind extension
 * headers is left alone (it is rare, and walking them is not worth a
 * parser here): the peer's own PMTU discovery still works for it.
 */
bool
mss_clamp6(uint8_t *ip6, size_t len, uint16_t max_mss)
{
	size_t		 plen;

	if (len < 40 || (ip6[0] >> 4) != 6 || ip6[6] != IPPROTO_TCP_NUM)
		return false;
	plen = get16(ip6 + 4);
	if (plen > len - 40)
		return false;
	return mss_clamp_tcp(ip6 + 40, plen, max_mss);
}
