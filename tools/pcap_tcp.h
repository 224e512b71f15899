/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP streams out of a capture file (pcap or pcapng, read with libpcap):
 * each direction of each TCP connection on a given port, reassembled in
 * sequence order and handed over as it becomes contiguous.
 */
#ifndef _SMBSIGN_TOOLS_PCAP_TCP_H
#define _SMBSIGN_TOOLS_PCAP_TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One direction of a connection. */
struct tcp_dir {
	uint8_t src[16], dst[16];	/* IPv4 as ::ffff:a.b.c.d */
	uint16_t sport, dport;
	bool synced;		/* next_seq known */
	uint32_t next_seq;
	struct tcp_seg *pending;	/* out-of-order segments, by seq */
	size_t pending_bytes;
	bool lost;		/* bytes missing: nothing more is delivered */
};

struct tcp_conn {
	struct tcp_dir dir[2];	/* [0]: to the port, [1]: from it */
	unsigned int id;	/* 1, 2, ... in order of appearance */
	void *user;		/* the consumer's state */
	struct tcp_conn *next;
};

struct tcp_reader {
	uint16_t port;
	/* In-order bytes of @conn's direction @dir, which arrived in @frame. */
	void (*data)(struct tcp_reader *r, struct tcp_conn *conn, int dir,
		     const uint8_t *p, size_t len, unsigned long frame);
	/* Bytes of @conn's direction @dir will never arrive (capture gap). */
	void (*lost)(struct tcp_reader *r, struct tcp_conn *conn, int dir,
		     unsigned long frame, const char *why);
	struct tcp_conn *conns;
	unsigned int nr_conns;
	unsigned long frames, tcp_frames;
};

/*
 * Reads every packet of @path; 0, or -1 with a one-line reason in @err
 * (not a capture, truncated, unsupported link type).
 */
int tcp_read_capture(struct tcp_reader *r, const char *path, char *err,
		     size_t err_len);
void tcp_reader_free(struct tcp_reader *r);
/* "10.0.0.1:445" or "[fe80::1]:445" for a direction's source or destination. */
void tcp_endpoint(char *buf, size_t len, const uint8_t addr[16], uint16_t port);

#endif
