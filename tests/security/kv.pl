#!/usr/bin/perl
# hpptpd security tests: read log lines as a key=value parser would.
#
#   kv.pl find FILE KEY=VALUE...   exit 0 if some line has every pair as
#                                  top-level (unquoted) tokens
#   kv.pl strict FILE              every line with a top-level event= key
#                                  is, after its tag, nothing but
#                                  key=value tokens with unique keys;
#                                  prints each line that is not, exit 1
#
# A token is KEY=VALUE after the start of the line or a space, KEY
# [a-z][a-z0-9_-]*, VALUE "..." (no quote inside) or non-blank bytes.
# Text inside a quoted value is never a token: that is the point.
use strict;
use warnings;

sub tokens {
	my ($line) = @_;
	my (@kv, @junk);
	pos($line) = 0;
	while (pos($line) < length($line)) {
		if ($line =~ /\G ?([a-z][a-z0-9_-]*)=("[^"]*"|[^ "]*)(?= |$)/gc) {
			push @kv, [$1, $2];
		} elsif ($line =~ /\G ?([^ ]+)/gc) {
			push @junk, $1;
		} else {
			last;
		}
	}
	return (\@kv, \@junk);
}

my ($mode, $file, @want) = @ARGV;
open(my $fh, '<', $file) or die "$file: $!\n";
my $bad = 0;
while (my $line = <$fh>) {
	chomp $line;
	if ($mode eq 'find') {
		my ($kv) = tokens($line);
		my %h = map { ($_->[0] => $_->[1]) } @$kv;
		my $all = 1;
		for my $w (@want) {
			my ($k, $v) = split(/=/, $w, 2);
			$all = 0 unless defined $h{$k} && $h{$k} eq $v;
		}
		exit 0 if $all && @want;
	} elsif ($mode eq 'strict') {
		# the tag: "hpptpd: " (-d) or syslog's "... hpptpd[PID]: "
		(my $body = $line) =~ s/^.*?hpptpd(\[\d+\])?: //;
		my ($kv, $junk) = tokens($body);
		next unless grep { $_->[0] eq 'event' } @$kv;
		my %seen;
		my $dup = grep { $seen{$_->[0]}++ } @$kv;
		# an audit line from a worker starts with its name ("auth: ")
		my @j = grep { !/^(ctrl|gre|auth):$/ } @$junk;
		if ($dup || @j || $kv->[0][0] ne 'event') {
			print "$line\n";
			$bad = 1;
		}
	}
}
exit($mode eq 'find' ? 1 : $bad);
