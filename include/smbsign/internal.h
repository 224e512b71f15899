/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module's parts share inside smbsign.ko: the parameters that the
 * crypto API glue reads, and each algorithm's registration.
 */
#ifndef _SMBSIGN_INTERNAL_H
#define _SMBSIGN_INTERNAL_H

#include <linux/types.h>
#include <smbsign/cmac.h>

#define SMBSIGN_CMAC_DRIVER	"cmac-aes-smbsign"

/* The algorithms the algs parameter names, one bit each. */
enum smbsign_alg {
	SMBSIGN_ALG_CMAC,
	SMBSIGN_NR_ALGS
};

/* The implementation that keys set now are bound to (cmac_impl). */
const struct smbsign_cmac_impl *smbsign_cmac_active(void);

int smbsign_cmac_register(int priority);
void smbsign_cmac_unregister(void);

#endif /* _SMBSIGN_INTERNAL_H */
