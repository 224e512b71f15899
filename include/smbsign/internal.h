/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module's parts share inside smbsign.ko: the parameters that the
 * crypto API glue reads, and each algorithm's registration.
 */
#ifndef _SMBSIGN_INTERNAL_H
#define _SMBSIGN_INTERNAL_H

#include <linux/types.h>
#include <smbsign/cmac.h>
#include <smbsign/gmac.h>

#define SMBSIGN_CMAC_DRIVER	"cmac-aes-smbsign"
#define SMBSIGN_GMAC_DRIVER	"gmac-aes-smbsign"

/* The algorithms the algs parameter names, one bit each. */
enum smbsign_alg {
	SMBSIGN_ALG_CMAC,
	SMBSIGN_ALG_GMAC,
	SMBSIGN_NR_ALGS
};

/* The implementations that keys set now are bound to (cmac_impl, gmac_impl). */
const struct smbsign_cmac_impl *smbsign_cmac_active(void);
const struct smbsign_gmac_impl *smbsign_gmac_active(void);

int smbsign_cmac_register(int priority);
void smbsign_cmac_unregister(void);
int smbsign_gmac_register(int priority);
void smbsign_gmac_unregister(void);

#endif /* _SMBSIGN_INTERNAL_H */
