/*
 * Fuzz target: common/pppword.c, pppd's word syntax.  The first byte
 * picks the reading (its low bits as PW_* flags) and the word buffer's
 * size; the rest is the text.  Besides not faulting: a word never
 * exceeds its buffer, every word or end of line moves the reader on,
 * an error in a line-based reading is followed by a skip that moves it
 * on too (as auth/secrets.c resumes), and lines only grow.
 */
#include <stdint.h>
#include <stdlib.h>

#include "common/err.h"
#include "common/pppword.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[1024];
	struct pw_rd r;
	struct pw_word w = { .buf = buf };
	unsigned flags;
	size_t off, line;
	enum pw_tok t;

	if (size < 1)
		return 0;
	flags = data[0] & (PW_LINES | PW_STRICT | PW_ESC_V);
	w.cap = data[0] & 0x80 ? sizeof(buf) : 8;
	pw_init(&r, data + 1, size - 1, flags);
	for (;;) {
		off = r.off;
		line = r.line;
		t = pw_next(&r, &w);
		if (r.off > r.len || r.line < line || w.len > w.cap)
			abort();
		if (t == PW_EOF)
			break;
		if ((t == PW_WORD || t == PW_EOL) && r.off <= off)
			abort();
		if (t != PW_ERR)
			continue;
		if (w.why == NULL || (w.err != HP_E_LONG &&
		    w.err != HP_E_FORMAT))
			abort();
		if (!(flags & PW_LINES))
			break;		/* pppd's option files stop here */
		pw_skip_line(&r);
		if (r.off <= off && r.off != r.len)
			abort();
	}
	return 0;
}
