// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for what the module decides at load: its own known-answer
 * self-test catches a wrong implementation (a corrupted vector handed in
 * through a test-only stub) and what follows from a failure, and which
 * implementation "fastest" means, 512-bit ones left out on CPUs that slow
 * their clock for them (fake CPUs, injected feature bits).
 */

#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/processor.h>
#include "../kernel/internal.h"

static struct smbsign_kat_set module_kunit_bad_set;

static const struct smbsign_kat_set *
module_kunit_bad_vectors(enum smbsign_mac_id id)
{
	return &module_kunit_bad_set;
}

/* The real vectors of @id, the last one's tag one bit off. */
static void module_kunit_corrupt(struct kunit *test, enum smbsign_mac_id id)
{
	const struct smbsign_kat_set *real = smbsign_selftest_vectors(id);
	struct smbsign_kat *kats;
	u8 *tag;

	kats = kunit_kcalloc(test, real->nr, sizeof(*kats), GFP_KERNEL);
	tag = kunit_kzalloc(test, SMBSIGN_MAC_MAX_DIGEST, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kats);
	KUNIT_ASSERT_NOT_NULL(test, tag);
	memcpy(kats, real->kats, real->nr * sizeof(*kats));
	memcpy(tag, real->kats[real->nr - 1].tag, smbsign_macs[id].digest_size);
	tag[0] ^= 0x80;
	kats[real->nr - 1].tag = tag;
	module_kunit_bad_set = (struct smbsign_kat_set){ kats, real->nr };
}

/* A bit per implementation id this CPU runs. */
static u32 module_kunit_supported(const struct smbsign_impls *impls)
{
	u32 mask = 0;
	unsigned int i;

	for (i = 0; i < impls->nr_supp; i++)
		mask |= BIT(impls->supp[i]);
	return mask;
}

/* The real vectors pass everywhere; a corrupted one fails everywhere. */
static void module_test_selftest_catches(struct kunit *test)
{
	unsigned int id, nr;

	for (id = 0; id < SMBSIGN_NR_MACS; id++) {
		const struct smbsign_alg *alg = &smbsign_algs[id];

		KUNIT_EXPECT_EQ_MSG(test, smbsign_selftest(alg, &nr), 0,
				    "%s", alg->mac->name);
		KUNIT_EXPECT_GE(test, nr, 4);

		module_kunit_corrupt(test, id);
		kunit_activate_static_stub(test, smbsign_selftest_vectors,
					   module_kunit_bad_vectors);
		KUNIT_EXPECT_EQ_MSG(test, smbsign_selftest(alg, &nr),
				    module_kunit_supported(alg->mac->impls),
				    "%s: the corrupted vector passed somewhere",
				    alg->mac->name);
		kunit_deactivate_static_stub(test, smbsign_selftest_vectors);
	}
}

/*
 * What a failure does, on a copy of gmac's list: a SIMD implementation
 * that failed is dropped (and a choice of it falls back to fastest); a
 * failed generic means no registration.
 */
static void module_test_selftest_apply(struct kunit *test)
{
	struct smbsign_impls impls = *smbsign_algs[SMBSIGN_GMAC].mac->impls;
	struct smbsign_mac mac = *smbsign_algs[SMBSIGN_GMAC].mac;
	struct smbsign_alg alg = smbsign_algs[SMBSIGN_GMAC];
	unsigned int widest = smbsign_impls_widest(&impls);

	mac.impls = &impls;
	alg.mac = &mac;
	if (widest == SMBSIGN_IMPL_GENERIC)
		kunit_skip(test, "gmac: no SIMD implementation on this CPU");
	alg.choice = widest;
	KUNIT_EXPECT_TRUE(test, smbsign_selftest_apply(&alg, BIT(widest), 4));
	KUNIT_EXPECT_FALSE(test, smbsign_impls_supported(&impls, widest));
	KUNIT_EXPECT_TRUE(test, smbsign_impls_supported(&impls,
							SMBSIGN_IMPL_GENERIC));
	KUNIT_EXPECT_EQ(test, impls.nr_supp,
			smbsign_algs[SMBSIGN_GMAC].mac->impls->nr_supp - 1);
	KUNIT_EXPECT_EQ(test, alg.choice, -1);

	KUNIT_EXPECT_FALSE(test, smbsign_selftest_apply(&alg,
							BIT(SMBSIGN_IMPL_GENERIC),
							4));
	/* The real list is untouched. */
	KUNIT_EXPECT_TRUE(test, smbsign_impls_supported(smbsign_algs[SMBSIGN_GMAC].mac->impls,
							widest));
}

/* generic, a 256-bit and a 512-bit implementation, whatever the CPU. */
static const struct smbsign_impl module_kunit_table[] = {
	SMBSIGN_GENERIC_IMPL,
	{ .name = "ymm", .simd = true },
	{ .name = "zmm", .simd = true, .zmm = true },
};

static unsigned int module_kunit_fastest(u32 g, u32 y, u32 z, bool zmm_slows)
{
	struct smbsign_impls impls = {
		.table = module_kunit_table, .nr = 3,
		.supp = { 0, 1, 2 }, .nr_supp = 3,
	};
	struct smbsign_mac mac = { .name = "fake", .impls = &impls };
	struct smbsign_alg alg = {
		.mac = &mac, .bench_mbps = { g, y, z },
	};

	return smbsign_fastest(&alg, zmm_slows);
}

static void module_test_fastest(struct kunit *test)
{
	/* The winner, and the best other one where 512 bits slow the clock. */
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(10, 100, 200, false), 2);
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(10, 100, 200, true), 1);
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(10, 300, 200, false), 1);
	/* Ties to the wider. */
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(10, 200, 200, false), 2);
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(100, 100, 10, true), 1);
	/* No figures (bench_on_load=0): the widest allowed. */
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(0, 0, 0, false), 2);
	KUNIT_EXPECT_EQ(test, module_kunit_fastest(0, 0, 0, true), 1);
}

#if defined(CONFIG_X86) && !defined(CONFIG_UML)
/* A copy of this CPU's description, as vendor, family and model say. */
static struct cpuinfo_x86 *module_kunit_cpu(struct kunit *test, u8 vendor,
					    u8 family, u8 model)
{
	struct cpuinfo_x86 *c = kunit_kmalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	*c = boot_cpu_data;
	c->x86_vendor = vendor;
	c->x86 = family;
	c->x86_model = model;
#ifdef X86_FEATURE_PREFER_YMM
	/* As init_intel() sets it, from the same list of models. */
	if (smbsign_zmm_excluded_model(c))
		set_bit(X86_FEATURE_PREFER_YMM, (unsigned long *)c->x86_capability);
	else
		clear_bit(X86_FEATURE_PREFER_YMM, (unsigned long *)c->x86_capability);
#endif
	return c;
}

static void module_test_zmm_cpus(struct kunit *test)
{
	static const struct {
		u8 vendor, family, model;
		bool slows;
	} cpus[] = {
		{ X86_VENDOR_INTEL, 6, 0x55, true },	/* Skylake-X */
		{ X86_VENDOR_INTEL, 6, 0x6a, true },	/* Ice Lake-X */
		{ X86_VENDOR_INTEL, 6, 0x8d, true },	/* Tiger Lake */
		{ X86_VENDOR_INTEL, 6, 0xa7, false },	/* Rocket Lake */
		{ X86_VENDOR_INTEL, 6, 0x8f, false },	/* Sapphire Rapids */
		{ X86_VENDOR_AMD, 0x19, 0x11, false },	/* Zen 4 */
		{ X86_VENDOR_AMD, 0x1a, 0x02, false },	/* Zen 5 */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpus); i++) {
		struct cpuinfo_x86 *c = module_kunit_cpu(test, cpus[i].vendor,
							 cpus[i].family,
							 cpus[i].model);

		KUNIT_EXPECT_EQ_MSG(test, smbsign_zmm_excluded_model(c),
				    cpus[i].slows, "family %#x model %#x",
				    cpus[i].family, cpus[i].model);
		KUNIT_EXPECT_EQ_MSG(test, smbsign_zmm_slows_clock_on(c),
				    cpus[i].slows, "family %#x model %#x",
				    cpus[i].family, cpus[i].model);
		/* And so the choice: never the 512-bit code where it slows. */
		KUNIT_EXPECT_EQ(test,
				module_kunit_fastest(10, 100, 200,
						     smbsign_zmm_slows_clock_on(c)),
				cpus[i].slows ? 1 : 2);
	}
#ifdef X86_FEATURE_PREFER_YMM
	/* 7.x: the feature bit alone decides, whatever the model. */
	{
		struct cpuinfo_x86 *c = module_kunit_cpu(test, X86_VENDOR_AMD,
							 0x1a, 0x02);

		set_bit(X86_FEATURE_PREFER_YMM, (unsigned long *)c->x86_capability);
		KUNIT_EXPECT_TRUE(test, smbsign_zmm_slows_clock_on(c));
		c = module_kunit_cpu(test, X86_VENDOR_INTEL, 6, 0x55);
		clear_bit(X86_FEATURE_PREFER_YMM, (unsigned long *)c->x86_capability);
		KUNIT_EXPECT_FALSE(test, smbsign_zmm_slows_clock_on(c));
	}
#endif
}
#else
static void module_test_zmm_cpus(struct kunit *test)
{
	kunit_skip(test, "no x86 CPU model to fake on this architecture");
}
#endif

static struct kunit_case module_test_cases[] = {
	KUNIT_CASE(module_test_selftest_catches),
	KUNIT_CASE(module_test_selftest_apply),
	KUNIT_CASE(module_test_fastest),
	KUNIT_CASE(module_test_zmm_cpus),
	{}
};

static struct kunit_suite module_test_suite = {
	.name = "smbsign-module",
	.test_cases = module_test_cases,
};

kunit_test_suite(module_test_suite);
