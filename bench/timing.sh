# Shared by bench/run-cli.sh and bench/cold-start.sh (sourced, not run): GNU time for wall, CPU and peak RSS of a
# process, and the median of a column of numbers.

if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (Debian package 'time') for peak RSS" >&2
  apt-get install -y -qq time >/dev/null
fi

# The median of the numbers on standard input, one per line.
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
