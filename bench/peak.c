/* peak.c - run a command N times and report its wall time and peak RSS.
 *
 *   peak [-n N] [-o FILE] [-r DB] COMMAND [ARG...]
 *
 * -r DB removes DB, DB-wal and DB-shm before each run (untimed): each run
 * of an indexer then builds a new database.
 *
 * stdout of the command goes to FILE (default /dev/null); stderr is kept.
 * Prints "median_s min_s max_rss_kb status" on stdout: the median and
 * least wall time over the N runs, the largest peak resident set (the
 * child's ru_maxrss, which is its VmHWM) and the last exit status. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int n = 1, c;
	const char *out = "/dev/null", *rm = NULL;
	while ((c = getopt(argc, argv, "+n:o:r:")) != -1) {
		switch (c) {
		case 'n': n = atoi(optarg); break;
		case 'o': out = optarg; break;
		case 'r': rm = optarg; break;
		default: fputs("usage: peak [-n N] [-o FILE] [-r DB] COMMAND [ARG...]\n", stderr); return 2;
		}
	}
	if (optind == argc || n < 1) {
		fputs("usage: peak [-n N] [-o FILE] [-r DB] COMMAND [ARG...]\n", stderr);
		return 2;
	}
	double *t = malloc((size_t)n * sizeof *t);
	long maxrss = 0;
	int status = 0;
	if (!t)
		return 3;
	for (int i = 0; i < n; i++) {
		for (int k = 0; rm && k < 3; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s%s", rm, k == 0 ? "" : k == 1 ? "-wal" : "-shm");
			unlink(path);
		}
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		pid_t pid = fork();
		if (pid < 0) {
			perror("peak: fork");
			return 3;
		}
		if (pid == 0) {
			int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
			if (fd < 0 || dup2(fd, 1) < 0) {
				perror("peak: output");
				_exit(127);
			}
			close(fd);
			execvp(argv[optind], argv + optind);
			perror("peak: exec");
			_exit(127);
		}
		int st;
		struct rusage ru;
		if (wait4(pid, &st, 0, &ru) < 0) {
			perror("peak: wait4");
			return 3;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		t[i] = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("%.4f %.4f %ld %d\n", t[n / 2], t[0], maxrss, status);
	free(t);
	return 0;
}
