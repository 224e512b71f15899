// SPDX-License-Identifier: GPL-2.0
/*
 * The implementation lists of include/smbsign/impl.h: filtered once from
 * the static tables, so that everything after (the parameters, the
 * benchmark, sysfs, the tool) asks a list, never the CPU again.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <smbsign/impl.h>

void smbsign_impls_init(struct smbsign_impls *impls)
{
	unsigned int id;

	impls->nr_supp = 0;
	for (id = 0; id < impls->nr && id < SMBSIGN_MAX_IMPLS; id++) {
		const struct smbsign_impl *impl = &impls->table[id];

		if (id == SMBSIGN_IMPL_GENERIC || !impl->available ||
		    impl->available())
			impls->supp[impls->nr_supp++] = id;
	}
}

void smbsign_impls_drop(struct smbsign_impls *impls, unsigned int id)
{
	unsigned int i, n = 0;

	if (id == SMBSIGN_IMPL_GENERIC)
		return;
	for (i = 0; i < impls->nr_supp; i++)
		if (impls->supp[i] != id)
			impls->supp[n++] = impls->supp[i];
	impls->nr_supp = n;
}

bool smbsign_impls_supported(const struct smbsign_impls *impls,
			     unsigned int id)
{
	unsigned int i;

	for (i = 0; i < impls->nr_supp; i++)
		if (impls->supp[i] == id)
			return true;
	return false;
}

int smbsign_impls_lookup(const struct smbsign_impls *impls, const char *name)
{
	unsigned int id;

	for (id = 0; id < impls->nr; id++)
		if (!strcmp(impls->table[id].name, name))
			return id;
	return -ENOENT;
}

unsigned int smbsign_impls_widest(const struct smbsign_impls *impls)
{
	return impls->nr_supp ? impls->supp[impls->nr_supp - 1] :
				SMBSIGN_IMPL_GENERIC;
}
