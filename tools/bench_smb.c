// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign bench --smb: whole SMB2 PDUs signed and verified through the SMB
 * layer (crypto/smb2.c) the way the kernel API (kernel/smb_api.c) drives
 * it, beside the bare MAC of the same bytes in one call: what the layer
 * adds. The PDU is a WRITE request: 64 bytes of header and 48 of fixed
 * part in one buffer (a kvec), then the payload in 4 KiB pages, one update
 * each (the API maps and feeds a page at a time); GMAC's nonce comes from
 * the header. In userspace kernel_fpu_begin/end are no-ops: in the kernel
 * each update is its own SIMD section, which the figures here do not pay
 * (`smbsign bench` prints what a section costs on this CPU).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/algapi.h>
#include <linux/string.h>
#include <smbsign/mac.h>
#include <smbsign/smb2.h>
#include "bench.h"
#include "cli.h"

#define WRITE_FIXED	(SMBSIGN_SMB2_HDR_SIZE + 48)
#define PAGE		4096

enum { SMB_SIGN, SMB_VERIFY, SMB_BARE, SMB_NR };

struct smb_run {
	const struct smbsign_mac *mac;
	void *key;
	u8 *pdu;
	size_t len;
};

/* The PDU's signature, fed as the API feeds it. */
static void smb_sign_once(const struct smb_run *r, struct smbsign_smb2_hdr *h,
			  u8 sig[16])
{
	u8 state[SMBSIGN_MAC_MAX_STATE] __aligned(16);
	size_t off;

	smbsign_smb2_parse(h, r->pdu, r->len, NULL);
	smbsign_smb2_start(r->mac, r->key, state, h);
	r->mac->update(r->key, state, r->pdu + SMBSIGN_SMB2_HDR_SIZE,
		       WRITE_FIXED - SMBSIGN_SMB2_HDR_SIZE);
	for (off = WRITE_FIXED; off < r->len; off += PAGE)
		r->mac->update(r->key, state, r->pdu + off,
			       r->len - off < PAGE ? r->len - off : PAGE);
	smbsign_smb2_finish(r->mac, r->key, state, sig);
}

static void run_sign(struct bench_case *bc, uint64_t n)
{
	struct smbsign_smb2_hdr h;
	u8 sig[16];

	while (n--)
		smb_sign_once(bc->priv, &h, sig);
	__asm__ volatile("" : : "r"(sig) : "memory");
}

static void run_verify(struct bench_case *bc, uint64_t n)
{
	struct smbsign_smb2_hdr h;
	volatile int bad = 0;
	u8 sig[16];

	while (n--) {
		smb_sign_once(bc->priv, &h, sig);
		bad += crypto_memneq(sig, h.sig, sizeof(sig));
	}
}

/* The MAC alone over the same bytes, contiguous, in one call. */
static void run_bare(struct bench_case *bc, uint64_t n)
{
	const struct smb_run *r = bc->priv;
	u8 state[SMBSIGN_MAC_MAX_STATE] __aligned(16);
	u8 tag[SMBSIGN_MAC_MAX_DIGEST];

	while (n--) {
		r->mac->init(r->key, state);
		if (r->mac->nonce_size)
			r->mac->update(r->key, state, r->pdu + 24,
				       r->mac->nonce_size);
		r->mac->finup(r->key, state, r->pdu, r->len, tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

static void (*const smb_runs[SMB_NR])(struct bench_case *, uint64_t) = {
	run_sign, run_verify, run_bare,
};

static const char *const smb_ops[SMB_NR] = { "sign", "verify", "bare-mac" };

/* A WRITE request of @payload bytes with its signature in place. */
static u8 *smb_write_pdu(const struct smb_run *r, size_t payload)
{
	size_t len = WRITE_FIXED + payload, i;
	struct smb_run tmp = *r;
	struct smbsign_smb2_hdr h;
	u8 *p = malloc(len);

	if (!p)
		die_usage("out of memory");
	for (i = 0; i < len; i++)
		p[i] = (u8)(i * 131 + 7);
	memcpy(p, "\xfeSMB\x40\x00", 6);
	p[12] = 9;		/* WRITE */
	p[13] = 0;
	memset(p + 16, 0, 8);	/* Flags: a request; NextCommand 0 */
	p[64] = 49;		/* StructureSize of a WRITE request */
	p[65] = 0;
	tmp.pdu = p;
	tmp.len = len;
	smb_sign_once(&tmp, &h, p + SMBSIGN_SMB2_SIG_OFF);
	return p;
}

/* A GiB of PDUs over a rate in bytes per second: CPU seconds per GiB. */
#define GIB	1073741824.0

void bench_smb(const char *alg_name, const char *impl_name, int reps, int csv)
{
	static const size_t payloads[] = { 64, 4096, 65536, 1048576 };
	static const u8 raw_key[16] = "smbsign benchkey";
	unsigned int alg, i, p, o;
	char cpu[128];

	bench_cpu_name(cpu, sizeof(cpu));
	if (csv)
		puts("alg,impl,payload,op,ns_per_pdu,mb_per_s,cpu_s_per_gib");
	else
		printf("CPU: %s\n"
		       "SMB2 WRITE requests through the SMB layer as the kernel API drives it (112\n"
		       "bytes of header and fixed part, the payload in 4 KiB pages), ns per PDU,\n"
		       "median of %d runs; bare-mac: the MAC alone over the same bytes in one call;\n"
		       "s/GiB: seconds of one core to sign a GiB of such PDUs.\n"
		       "Userspace: kernel_fpu_begin/end are no-ops here, so the per-page SIMD\n"
		       "sections the kernel pays are not in these figures.\n",
		       cpu, reps);
	for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++) {
		const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
		const struct smbsign_impls *impls = mac->impls;
		unsigned int ids[SMBSIGN_MAX_IMPLS], nids = 0;

		if (alg_name && strcmp(alg_name, mac->name))
			continue;
		if (impl_name)
			ids[nids++] = impl_arg(mac, impl_name);
		else
			for (i = 0; i < impls->nr_supp; i++)
				ids[nids++] = impls->supp[i];
		if (!csv)
			printf("%s (%s):\n  %-15s %8s %10s %10s %10s %10s %9s %7s\n",
			       mac->name, smbsign_smb2_alg_name(alg), "impl",
			       "payload", "sign", "verify", "bare-mac", "sign MB/s",
			       "overhead", "s/GiB");
		for (i = 0; i < nids; i++) {
			struct smb_run r = { .mac = mac };

			r.key = calloc(1, mac->key_size);
			if (!r.key || mac->setkey(r.key, ids[i], raw_key, 16))
				die_usage("%s: setkey failed", mac->name);
			for (p = 0; p < ARRAY_SIZE(payloads); p++) {
				struct bench_case bc[SMB_NR];
				double rate[SMB_NR], ns[SMB_NR];

				r.len = WRITE_FIXED + payloads[p];
				r.pdu = smb_write_pdu(&r, payloads[p]);
				for (o = 0; o < SMB_NR; o++)
					bc[o] = (struct bench_case){
						.run = smb_runs[o], .size = r.len,
						.priv = &r,
					};
				bench_measure_all(bc, SMB_NR, reps, rate);
				for (o = 0; o < SMB_NR; o++)
					ns[o] = (double)r.len * 1e9 / rate[o];
				if (csv) {
					for (o = 0; o < SMB_NR; o++)
						printf("%s,%s,%zu,%s,%.1f,%.1f,%.4f\n",
						       mac->name,
						       impls->table[ids[i]].name,
						       payloads[p], smb_ops[o], ns[o],
						       rate[o] / 1e6,
						       GIB / rate[o]);
				} else {
					printf("  %-15s %8zu %10.1f %10.1f %10.1f %10.1f %8.1f%% %7.4f\n",
					       impls->table[ids[i]].name, payloads[p],
					       ns[SMB_SIGN], ns[SMB_VERIFY],
					       ns[SMB_BARE], rate[SMB_SIGN] / 1e6,
					       100.0 * (ns[SMB_SIGN] / ns[SMB_BARE] - 1),
					       GIB / rate[SMB_SIGN]);
				}
				free(r.pdu);
			}
			memzero_explicit(r.key, mac->key_size);
			free(r.key);
		}
	}
}
