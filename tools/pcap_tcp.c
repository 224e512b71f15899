// SPDX-License-Identifier: GPL-2.0
/*
 * TCP streams out of a capture (tools/pcap_tcp.h). libpcap reads pcap and
 * pcapng; the link layers tcpdump writes on Linux are decoded here
 * (Ethernet with VLAN tags, Linux cooked v1 and v2, raw IP, BSD loopback),
 * then IPv4 (unfragmented) or IPv6 (TCP as the first next header). Each
 * direction is reassembled by sequence number: retransmitted bytes are
 * dropped, early segments wait until the gap before them fills; a gap
 * that never fills (the capture missed packets, or cut them at snaplen)
 * ends that direction, reported once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/pcap.h>

#include "pcap_tcp.h"

/* Bytes waiting behind a gap before the direction is given up. */
#define TCP_MAX_PENDING	(64u << 20)

struct tcp_seg {
	uint32_t seq;
	size_t len;
	unsigned long frame;
	struct tcp_seg *next;
	uint8_t data[];
};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)be16(p) << 16 | be16(p + 2);
}

void tcp_endpoint(char *buf, size_t len, const uint8_t addr[16], uint16_t port)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (!memcmp(addr, v4mapped, 12)) {
		snprintf(buf, len, "%u.%u.%u.%u:%u", addr[12], addr[13],
			 addr[14], addr[15], port);
		return;
	}
	snprintf(buf, len, "[%x:%x:%x:%x:%x:%x:%x:%x]:%u", be16(addr),
		 be16(addr + 2), be16(addr + 4), be16(addr + 6), be16(addr + 8),
		 be16(addr + 10), be16(addr + 12), be16(addr + 14), port);
}

static void dir_lost(struct tcp_reader *r, struct tcp_conn *c, int d,
		     unsigned long frame, const char *why)
{
	struct tcp_dir *dir = &c->dir[d];

	while (dir->pending) {
		struct tcp_seg *s = dir->pending;

		dir->pending = s->next;
		free(s);
	}
	dir->pending_bytes = 0;
	if (!dir->lost && r->lost)
		r->lost(r, c, d, frame, why);
	dir->lost = true;
}

/* Hands over @p from next_seq on: bytes already handed over go. */
static void dir_emit_one(struct tcp_reader *r, struct tcp_conn *c, int d,
			 uint32_t seq, const uint8_t *p, size_t len,
			 unsigned long frame)
{
	struct tcp_dir *dir = &c->dir[d];
	int32_t early = (int32_t)(dir->next_seq - seq);

	if (early > 0) {
		if ((size_t)early >= len)
			return;
		p += early;
		len -= early;
	}
	if (!len)
		return;
	dir->next_seq += (uint32_t)len;
	r->data(r, c, d, p, len, frame);
}

/* @p, then the waiting segments it made contiguous. */
static void dir_emit(struct tcp_reader *r, struct tcp_conn *c, int d,
		     uint32_t seq, const uint8_t *p, size_t len,
		     unsigned long frame)
{
	struct tcp_dir *dir = &c->dir[d];

	dir_emit_one(r, c, d, seq, p, len, frame);
	while (!dir->lost && dir->pending &&
	       (int32_t)(dir->pending->seq - dir->next_seq) <= 0) {
		struct tcp_seg *s = dir->pending;

		dir->pending = s->next;
		dir->pending_bytes -= s->len;
		dir_emit_one(r, c, d, s->seq, s->data, s->len, s->frame);
		free(s);
	}
}

static void dir_segment(struct tcp_reader *r, struct tcp_conn *c, int d,
			uint32_t seq, bool syn, const uint8_t *p, size_t len,
			bool cut, unsigned long frame)
{
	struct tcp_dir *dir = &c->dir[d];
	struct tcp_seg **pos, *s;

	if (dir->lost)
		return;
	if (syn) {
		dir->synced = true;
		dir->next_seq = seq + 1;
		return;
	}
	if (!len && !cut)
		return;
	if (!dir->synced) {
		/* The capture began inside the connection: start here. */
		dir->synced = true;
		dir->next_seq = seq;
	}
	if (cut) {
		dir_lost(r, c, d, frame, "a packet was cut short (capture snaplen)");
		return;
	}
	if ((int32_t)(seq - dir->next_seq) <= 0) {
		dir_emit(r, c, d, seq, p, len, frame);
		return;
	}
	if (dir->pending_bytes + len > TCP_MAX_PENDING) {
		dir_lost(r, c, d, frame, "bytes missing from the capture");
		return;
	}
	s = malloc(sizeof(*s) + len);
	if (!s) {
		dir_lost(r, c, d, frame, "out of memory");
		return;
	}
	s->seq = seq;
	s->len = len;
	s->frame = frame;
	memcpy(s->data, p, len);
	for (pos = &dir->pending; *pos && (int32_t)((*pos)->seq - seq) <= 0;
	     pos = &(*pos)->next)
		;
	s->next = *pos;
	*pos = s;
	dir->pending_bytes += len;
}

static struct tcp_conn *conn_find(struct tcp_reader *r, const uint8_t *src,
				  const uint8_t *dst, uint16_t sport,
				  uint16_t dport, int *d)
{
	struct tcp_conn *c;

	*d = dport == r->port ? 0 : 1;
	for (c = r->conns; c; c = c->next) {
		struct tcp_dir *dir = &c->dir[*d];

		if (dir->sport == sport && dir->dport == dport &&
		    !memcmp(dir->src, src, 16) && !memcmp(dir->dst, dst, 16))
			return c;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	memcpy(c->dir[*d].src, src, 16);
	memcpy(c->dir[*d].dst, dst, 16);
	c->dir[*d].sport = sport;
	c->dir[*d].dport = dport;
	memcpy(c->dir[!*d].src, dst, 16);
	memcpy(c->dir[!*d].dst, src, 16);
	c->dir[!*d].sport = dport;
	c->dir[!*d].dport = sport;
	c->id = ++r->nr_conns;
	c->next = r->conns;
	r->conns = c;
	return c;
}

/*
 * The IP packet at @p (@caplen bytes captured of @len): TCP to or from the
 * port goes to its connection.
 */
static void ip_packet(struct tcp_reader *r, const uint8_t *p, size_t caplen,
		      size_t len, unsigned long frame)
{
	uint8_t src[16] = { [10] = 0xff, [11] = 0xff }, dst[16];
	size_t hlen, total, thlen, end;
	const uint8_t *t;
	struct tcp_conn *c;
	int d;

	if (caplen < 1)
		return;
	memcpy(dst, src, sizeof(dst));
	if (p[0] >> 4 == 4) {
		if (caplen < 20 || p[9] != 6)
			return;
		hlen = 4 * (p[0] & 15);
		total = be16(p + 2);
		/* Fragments are not reassembled: SMB over TCP never needs it. */
		if (hlen < 20 || total < hlen || (be16(p + 6) & 0x3fff))
			return;
		memcpy(src + 12, p + 12, 4);
		memcpy(dst + 12, p + 16, 4);
	} else if (p[0] >> 4 == 6) {
		if (caplen < 40 || p[6] != 6)
			return;
		hlen = 40;
		total = 40 + be16(p + 4);
		memcpy(src, p + 8, 16);
		memcpy(dst, p + 24, 16);
	} else {
		return;
	}
	if (caplen < hlen + 20)
		return;
	t = p + hlen;
	if (be16(t) != r->port && be16(t + 2) != r->port)
		return;
	thlen = 4 * (t[12] >> 4);
	if (thlen < 20 || total < hlen + thlen || caplen < hlen + thlen)
		return;
	r->tcp_frames++;
	c = conn_find(r, src, dst, be16(t), be16(t + 2), &d);
	if (!c)
		return;
	/* Ethernet pads short frames: the IP length says where data ends. */
	end = total < len ? total : len;
	if (end < hlen + thlen)
		return;
	dir_segment(r, c, d, be32(t + 4), t[13] & 0x02, t + thlen,
		    end > caplen ? caplen - hlen - thlen : end - hlen - thlen,
		    end > caplen, frame);
}

int tcp_read_capture(struct tcp_reader *r, const char *path, char *err,
		     size_t err_len)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const uint8_t *p;
	struct tcp_conn *c;
	pcap_t *pc;
	int link, rc, d;

	pc = pcap_open_offline(path, errbuf);
	if (!pc) {
		snprintf(err, err_len, "%s", errbuf);
		return -1;
	}
	link = pcap_datalink(pc);
	if (link != DLT_EN10MB && link != DLT_LINUX_SLL &&
	    link != DLT_LINUX_SLL2 && link != DLT_RAW && link != DLT_NULL &&
	    link != DLT_LOOP && link != DLT_IPV4 && link != DLT_IPV6) {
		snprintf(err, err_len, "%s: link type %s is not one this reads",
			 path, pcap_datalink_val_to_name(link));
		pcap_close(pc);
		return -1;
	}
	while ((rc = pcap_next_ex(pc, &h, &p)) == 1) {
		size_t cap = h->caplen, off = 0;
		uint16_t proto = 0x0800;

		r->frames++;
		switch (link) {
		case DLT_EN10MB:
			if (cap < 14)
				continue;
			off = 12;
			proto = be16(p + off);
			while ((proto == 0x8100 || proto == 0x88a8) && cap >= off + 6) {
				off += 4;
				proto = be16(p + off);
			}
			off += 2;
			break;
		case DLT_LINUX_SLL:
			if (cap < 16)
				continue;
			proto = be16(p + 14);
			off = 16;
			break;
		case DLT_LINUX_SLL2:
			if (cap < 20)
				continue;
			proto = be16(p);
			off = 20;
			break;
		case DLT_NULL:
		case DLT_LOOP:
			off = 4;
			proto = 0;	/* from the IP version below */
			break;
		default:
			proto = 0;
		}
		if (cap < off || (proto && proto != 0x0800 && proto != 0x86dd))
			continue;
		ip_packet(r, p + off, cap - off, h->len - off, r->frames);
	}
	if (rc == -1) {
		snprintf(err, err_len, "%s: %s (after %lu packets)", path,
			 pcap_geterr(pc), r->frames);
		pcap_close(pc);
		return -1;
	}
	pcap_close(pc);
	for (c = r->conns; c; c = c->next)
		for (d = 0; d < 2; d++)
			if (c->dir[d].pending)
				dir_lost(r, c, d, r->frames,
					 "the capture ends with bytes missing");
	return 0;
}

void tcp_reader_free(struct tcp_reader *r)
{
	while (r->conns) {
		struct tcp_conn *c = r->conns;
		int d;

		for (d = 0; d < 2; d++)
			while (c->dir[d].pending) {
				struct tcp_seg *s = c->dir[d].pending;

				c->dir[d].pending = s->next;
				free(s);
			}
		r->conns = c->next;
		free(c);
	}
}
