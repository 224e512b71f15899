// SPDX-License-Identifier: GPL-2.0
/*
 * The measuring every `smbsign bench` table is made of (tools/bench.h):
 * runs of at least MIN_RUN_NS, cases taking turns, medians, the core clock
 * and the CPU's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define MIN_RUN_NS	20000000ULL

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* How many calls make one run of about MIN_RUN_NS. */
static uint64_t calibrate(struct bench_case *bc)
{
	uint64_t n = 1;

	for (;;) {
		uint64_t t = bench_now_ns();

		bc->run(bc, n);
		t = bench_now_ns() - t;
		if (t >= MIN_RUN_NS / 4)
			return n * MIN_RUN_NS / (t ? t : 1) + 1;
		n *= 4;
	}
}

/*
 * Median bytes per second of each case over @reps rounds. The cases take
 * turns within a round, so that a burst of load from elsewhere on a shared
 * machine hits all of them alike and the ratios stay meaningful.
 */
void bench_measure_all(struct bench_case *bc, int ncases, int reps,
		       double *median)
{
	static double rate[MAX_CASES][64];
	uint64_t n[MAX_CASES];
	int r, c;

	for (c = 0; c < ncases; c++)
		n[c] = calibrate(&bc[c]);
	for (r = 0; r < reps; r++) {
		for (c = 0; c < ncases; c++) {
			uint64_t t = bench_now_ns();

			bc[c].run(&bc[c], n[c]);
			t = bench_now_ns() - t;
			rate[c][r] = (double)n[c] * (double)bc[c].size * 1e9 /
				     (double)(t ? t : 1);
		}
	}
	for (c = 0; c < ncases; c++) {
		qsort(rate[c], reps, sizeof(rate[c][0]), bench_cmp_double);
		median[c] = rate[c][reps / 2];
	}
}

double bench_core_hz(int reps)
{
	double hz[64];
	const uint64_t iters = 10000000;
	int r;

	for (r = 0; r < reps; r++) {
		uint64_t t = bench_now_ns();

		floor_add_chain(iters);
		t = bench_now_ns() - t;
		hz[r] = (double)iters * 8 * 1e9 / (double)t;
	}
	qsort(hz, reps, sizeof(hz[0]), bench_cmp_double);
	return hz[reps / 2];
}

void bench_cpu_name(char *name, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(name, len, "unknown CPU");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && colon) {
			snprintf(name, len, "%s", colon + 2);
			name[strcspn(name, "\n")] = 0;
			break;
		}
	}
	fclose(f);
}
