/* hpptpd gre: PPP address/control and protocol fields (RFC 1661, 1662). */
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "common/rd.h"
#include "gre/ppp_frame.h"

#define PPP_ALLSTATIONS		0xff
#define PPP_UI			0x03

int
ppp_proto_decode(const uint8_t *p, size_t n, uint16_t *proto, size_t *len)
{
	*proto = 0;
	*len = 0;
	if (n < 1)
		return HP_E_SHORT;
	if (p[0] & 1) {
		/* Compressed: the high byte 0x00 was left out. */
		*proto = p[0];
		*len = 1;
		return HP_OK;
	}
	if (n < 2)
		return HP_E_SHORT;
	if ((p[1] & 1) == 0)
		return HP_E_FORMAT;	/* low byte must be odd */
	*proto = (uint16_t)(p[0] << 8 | p[1]);
	*len = 2;
	return HP_OK;
}

int
ppp_frame_decode(const uint8_t *p, size_t n, uint16_t *proto,
    size_t *hdr_len)
{
	size_t	off = 0, plen;
	int	e;

	*proto = 0;
	*hdr_len = 0;
	if (n < 1)
		return HP_E_SHORT;
	/* 0xFF is never a valid first protocol byte (it is odd but 0xFF
	 * is not a one-byte protocol), so it always means address. */
	if (p[0] == PPP_ALLSTATIONS) {
		if (n < 2)
			return HP_E_SHORT;
		if (p[1] != PPP_UI)
			return HP_E_FORMAT;
		off = 2;
	}
	if ((e = ppp_proto_decode(p + off, n - off, proto, &plen)) != HP_OK)
		return e;
	*hdr_len = off + plen;
	return HP_OK;
}

size_t
ppp_frame_hdr_len(uint16_t proto, bool acfc, bool pfc)
{
	size_t	n = 0;

	if (proto == PPP_PROTO_LCP)
		acfc = pfc = false;
	if (!acfc)
		n += 2;
	n += (pfc && proto < 0x100) ? 1 : 2;
	return n;
}

size_t
ppp_frame_hdr_encode(uint8_t *buf, uint16_t proto, bool acfc, bool pfc)
{
	size_t	n = 0;

	if (proto == PPP_PROTO_LCP)
		acfc = pfc = false;
	if (!acfc) {
		buf[n++] = PPP_ALLSTATIONS;
		buf[n++] = PPP_UI;
	}
	if (!(pfc && proto < 0x100))
		buf[n++] = (uint8_t)(proto >> 8);
	buf[n++] = (uint8_t)proto;
	return n;
}
