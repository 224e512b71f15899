// SPDX-License-Identifier: GPL-2.0
/*
 * The algorithms as smbsign.ko offers them, and what "fastest" means for
 * each: the load-time benchmark's winner (the OpenZFS fletcher_4 pattern),
 * except that on CPUs that lower their clock for 512-bit vectors it is
 * never a 512-bit implementation, whatever the benchmark says: the
 * benchmark sees the MAC getting faster, not everything else on the core
 * getting slower. Such an implementation stays selectable by name.
 */

#include <linux/kernel.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include "internal.h"

/*
 * gmac(aes) has no stock driver and is registered everywhere; the others
 * only where smbsign has SIMD for this CPU.
 */
struct smbsign_alg smbsign_algs[SMBSIGN_NR_MACS] = {
	[SMBSIGN_CMAC] = {
		.id		= SMBSIGN_CMAC,
		.mac		= &smbsign_macs[SMBSIGN_CMAC],
		.crypto_name	= "cmac(aes)",
		.driver		= SMBSIGN_CMAC_DRIVER,
		.stock_has_simd	= true,
		.choice		= -1,
	},
	[SMBSIGN_GMAC] = {
		.id		= SMBSIGN_GMAC,
		.mac		= &smbsign_macs[SMBSIGN_GMAC],
		.crypto_name	= "gmac(aes)",
		.driver		= SMBSIGN_GMAC_DRIVER,
		.choice		= -1,
	},
	[SMBSIGN_HMAC] = {
		.id		= SMBSIGN_HMAC,
		.mac		= &smbsign_macs[SMBSIGN_HMAC],
		.crypto_name	= "hmac(sha256)",
		.driver		= SMBSIGN_HMAC_DRIVER,
		.stock_has_simd	= true,
		.choice		= -1,
	},
};

unsigned int smbsign_fastest(const struct smbsign_alg *alg, bool zmm_slows)
{
	const struct smbsign_impls *impls = alg->mac->impls;
	unsigned int i, best = SMBSIGN_IMPL_GENERIC;

	/* The list goes narrowest to widest: ">=" gives ties to the wider. */
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		if (zmm_slows && impls->table[id].zmm)
			continue;
		if (alg->bench_mbps[id] >= alg->bench_mbps[best])
			best = id;
	}
	return best;
}

#if defined(CONFIG_X86) && !defined(CONFIG_UML)
/*
 * The Intel models whose 512-bit instructions lower the clock of the whole
 * core for a while (Skylake-X, Ice Lake, Tiger Lake): the list 6.12's
 * arch/x86/crypto/aesni-intel_glue.c keeps as zmm_exclusion_list, and from
 * which 6.15 on sets X86_FEATURE_PREFER_YMM. Rocket Lake and Sapphire
 * Rapids on, and every AMD CPU, do not. Family 6 model numbers.
 */
bool smbsign_zmm_excluded_model(const struct cpuinfo_x86 *c)
{
	static const u8 models[] = {
		0x55,	/* Skylake-X (also Cascade and Cooper Lake) */
		0x6a,	/* Ice Lake-X */
		0x6c,	/* Ice Lake-D */
		0x7d,	/* Ice Lake */
		0x7e,	/* Ice Lake-L */
		0x9d,	/* Ice Lake NNPI */
		0x8c,	/* Tiger Lake-L */
		0x8d,	/* Tiger Lake */
	};
	unsigned int i;

	if (c->x86_vendor != X86_VENDOR_INTEL || c->x86 != 6)
		return false;
	for (i = 0; i < ARRAY_SIZE(models); i++)
		if (c->x86_model == models[i])
			return true;
	return false;
}

bool smbsign_zmm_slows_clock_on(const struct cpuinfo_x86 *c)
{
#ifdef X86_FEATURE_PREFER_YMM
	/* 6.15+: the kernel's own verdict, from the same list. */
	return cpu_has(c, X86_FEATURE_PREFER_YMM);
#else
	return smbsign_zmm_excluded_model(c);
#endif
}

bool smbsign_zmm_slows_clock(void)
{
	return smbsign_zmm_slows_clock_on(&boot_cpu_data);
}
#else
/* No 512-bit implementations here (UML has no model to ask). */
bool smbsign_zmm_slows_clock(void)
{
	return false;
}
#endif
