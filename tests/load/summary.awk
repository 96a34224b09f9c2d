# run-load.sh: the traffic runs side by side, from loadc's RESULT lines
# (one per round, direction and gre worker count), then per direction
# each worker count against the first: by CPU (the sum over the workers
# of what each does per second of its own CPU, as make bench measures
# one worker) and by the wall clock at the receiver, per round (the two
# runs of a round are next to each other in time, so they share the
# machine's load best) and best against best.
function field(name,	i, kv) {
	for (i = 2; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == name)
			return kv[2]
	}
	return ""
}
function ratios(d, w, what, arr,	r, b, k, x, lo, hi, s) {
	s = ""; lo = -1; hi = 0
	for (r = 1; r <= nr; r++) {
		b = r SUBSEP d SUBSEP first
		k = r SUBSEP d SUBSEP w
		if (!(k in arr) || !(b in arr) || arr[b] <= 0)
			continue
		x = arr[k] / arr[b]
		s = s sprintf(" %.2f", x)
		if (lo < 0 || x < lo)
			lo = x
		if (x > hi)
			hi = x
	}
	x = 0
	if (best[d, first, what] > 0)
		x = best[d, w, what] / best[d, first, what]
	printf "  %s, %s workers / %s, %s: per round%s; best / best %.2f\n",
	    d, w, first, what, s, x
}
{
	r = field("round"); d = field("dir"); w = field("workers")
	if (first == "")
		first = w
	if (r > nr)
		nr = r
	if (!(d in dseen)) {
		dseen[d] = 1
		dirs[++nd] = d
	}
	if (!(w in wseen)) {
		wseen[w] = 1
		ws[++nw] = w
	}
	k = r SUBSEP d SUBSEP w
	pps[k] = field("pps"); cpu[k] = field("cpu_pps")
	if (pps[k] > best[d, w, "wall clock"])
		best[d, w, "wall clock"] = pps[k]
	if (cpu[k] > best[d, w, "by CPU"])
		best[d, w, "by CPU"] = cpu[k]
	printf "%5s %-5s %7s %11s %7s %15s %-17s %13s %6s%%\n", r, d, w,
	    pps[k], field("gbps"), field("lost") "/" field("sent"),
	    field("ns"), cpu[k], field("loadc_busy")
}
BEGIN {
	printf "%5s %-5s %7s %11s %7s %15s %-17s %13s %7s\n", "round", "dir",
	    "workers", "pkts/s wall", "Gbit/s", "lost/sent", "ns/pkt per worker",
	    "pkts/s by CPU", "loadc"
}
END {
	for (i = 1; i <= nd; i++)
		for (j = 2; j <= nw; j++) {
			ratios(dirs[i], ws[j], "by CPU", cpu)
			ratios(dirs[i], ws[j], "wall clock", pps)
		}
	print "  (by CPU: the sum over the workers of 1e9 / its ns per packet," \
	    " i.e. each worker"
	print "  on a core of its own; the wall clock shares the 2 CPUs with" \
	    " loadc, which"
	print "  generates, receives and checks every packet: it bounds that" \
	    " figure here)"
}
