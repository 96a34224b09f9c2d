# run-load.sh: the traffic runs side by side, from loadc's RESULT lines
# (one per direction and gre worker count), with each count's ratio to
# the first count's: by CPU (the sum over the workers of what each does
# per second of its own CPU, as make bench measures one worker) and by
# the wall clock at the receiver.
function field(name,	i, kv) {
	for (i = 2; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == name)
			return kv[2]
	}
	return ""
}
{
	d = field("dir"); w = field("workers")
	if (!(d in first)) {
		first[d] = w
		dirs[++nd] = d
	}
	key = d SUBSEP w
	if (!(key in seen))
		ws[d, ++nw[d]] = w
	seen[key] = 1
	pps[key] = field("pps"); gbps[key] = field("gbps")
	lost[key] = field("lost"); sent[key] = field("sent")
	cpu[key] = field("cpu_pps"); ns[key] = field("ns")
	busy[key] = field("loadc_busy")
}
END {
	printf "%-5s %7s %13s %7s %9s %-17s %14s %11s\n", "dir", "workers",
	    "pkts/s wall", "Gbit/s", "lost", "ns/pkt per worker",
	    "pkts/s by CPU", "loadc busy"
	for (i = 1; i <= nd; i++) {
		d = dirs[i]
		for (j = 1; j <= nw[d]; j++) {
			k = d SUBSEP ws[d, j]
			printf "%-5s %7s %13.0f %7.3f %9s %-17s %14.0f %10s%%\n",
			    d, ws[d, j], pps[k], gbps[k], lost[k] "/" sent[k],
			    ns[k], cpu[k], busy[k]
		}
		b = d SUBSEP first[d]
		for (j = 2; j <= nw[d]; j++) {
			k = d SUBSEP ws[d, j]
			rc = 0; rw = 0
			if (cpu[b] > 0)
				rc = cpu[k] / cpu[b]
			if (pps[b] > 0)
				rw = pps[k] / pps[b]
			printf "  %s, %s workers / %s: by CPU %.2fx, wall clock " \
			    "%.2fx\n", d, ws[d, j], first[d], rc, rw
		}
	}
	print "  (by CPU: the sum over the workers of 1e9 / its ns per packet," \
	    " i.e. each worker"
	print "  on a core of its own; the wall clock shares the 2 CPUs with" \
	    " loadc, which"
	print "  generates, receives and checks every packet: it bounds that" \
	    " figure here)"
}
