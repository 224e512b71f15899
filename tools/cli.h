/* SPDX-License-Identifier: GPL-2.0 */
/* Shared pieces of the `smbsign` userspace program. */
#ifndef _SMBSIGN_TOOLS_CLI_H
#define _SMBSIGN_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Prints "smbsign: <msg>" on stderr and exits 2 (usage or bad input). */
void __attribute__((noreturn, format(printf, 1, 2))) die_usage(const char *fmt, ...);

/* The one-line message for getopt_long()'s '?' (opterr is off). */
void __attribute__((noreturn)) die_bad_option(char **argv);

/* Strict hex: even length, [0-9a-fA-F] only. Returns the byte count. */
size_t parse_hex(const char *what, const char *hex, uint8_t *out, size_t max);

/* All of stdin, in a malloc()ed buffer (exits 2 when it cannot). */
uint8_t *read_stdin(size_t *len);

struct smbsign_mac;

/*
 * The id of @mac's implementation --impl names (NULL: the widest this CPU
 * runs); an unknown one, or one this CPU cannot run, is a usage error,
 * never a fallback.
 */
int impl_arg(const struct smbsign_mac *mac, const char *name);

int cmd_bench(int argc, char **argv);
/* tools/smb_cmds.c: SMB2 PDUs and keys. */
int cmd_sign(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_kdf(int argc, char **argv);
/* tools/smb_pcap.c: verify --pcap. */
int cmd_verify_pcap(int argc, char **argv);

#endif
