/*
 * tcpconform agent for lwIP (Debian's liblwip 2.1.3): the stack on a TAP device of the harness,
 * driven through the agent protocol (docs/agent-protocol.md) on stdin/stdout.
 *
 *   lwip-agent TAP ADDRESS PREFIX MAC
 *
 * ADDRESS is IPv4 (PREFIX 1-30) or IPv6 (PREFIX 64): the stack has that one address, and its
 * application's listeners and connections are of that version. An IPv6 address is given the
 * netif's first slot, where lwIP looks for the source of its Neighbor Solicitations and MLD
 * reports (usually the link-local address, which this netif has none of), and is preferred at
 * once: the harness made the link and nobody else is on it, so there is no duplicate address
 * detection to wait for; router solicitations are switched off (the link has no router).
 *
 * The TAP device must exist (the harness creates it). Frames go through our own TAP driver, not
 * the library's tapif, whose input path overruns its pool buffers on frames above ~590 bytes.
 *
 * The application keeps what it received until the harness reads it (recv), and only then tells
 * lwIP (tcp_recved), so the advertised window closes when the application does not read, as a
 * socket's would. What it is asked to send it queues (up to sndbuf, 64 KB unless set) and hands
 * to lwIP as lwIP's own send buffer (TCP_SND_BUF, 64 KB) drains.
 *
 * Threads: lwIP's tcpip thread runs the stack and every callback; a reader thread feeds frames
 * from the TAP; the main thread reads requests. The main thread calls the raw API only under the
 * core lock; agent state is guarded by `mu`, always taken after the core lock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"

#define PROTOCOL_VERSION 1
#define MAX_IDS 4096
#define SEND_WAIT_MS 5000
#define DEFAULT_SNDBUF 65536

/* ------------------------------------------------------------------------------------------ */
/* TAP driver                                                                                  */

static int tap_fd = -1;
static struct netif tap_netif;
static u8_t tap_mac[6];
/* the IP version of the stack's one address: every pcb the application makes is of it */
static u8_t family = IPADDR_TYPE_V4;

/* The unspecified address of the stack's version, what a listener or a local port binds to. */
static const ip_addr_t *any_address(void) {
  return family == IPADDR_TYPE_V6 ? IP6_ADDR_ANY : IP4_ADDR_ANY;
}

static err_t tap_linkoutput(struct netif *netif, struct pbuf *p) {
  (void)netif;
  static unsigned char frame[2048];
  if (p->tot_len > sizeof frame) {
    return ERR_BUF;
  }
  u16_t n = pbuf_copy_partial(p, frame, p->tot_len, 0);
  if (write(tap_fd, frame, n) != (ssize_t)n) {
    return ERR_IF;
  }
  return ERR_OK;
}

static err_t tap_init(struct netif *netif) {
  netif->name[0] = 't';
  netif->name[1] = 'c';
  netif->output = etharp_output;
  netif->output_ip6 = ethip6_output;
  netif->linkoutput = tap_linkoutput;
  netif->mtu = 1500;
  netif->hwaddr_len = 6;
  memcpy(netif->hwaddr, tap_mac, 6);
  netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
  return ERR_OK;
}

static void *tap_reader(void *arg) {
  (void)arg;
  unsigned char frame[2048];
  for (;;) {
    ssize_t n = read(tap_fd, frame, sizeof frame);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fprintf(stderr, "lwip-agent: reading the TAP device: %s\n", strerror(errno));
      return NULL;
    }
    if (n < 14) {
      continue; /* not even an Ethernet header: the stack would drop it too */
    }
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)n, PBUF_RAM);
    if (p == NULL) {
      continue;
    }
    pbuf_take(p, frame, (u16_t)n);
    if (tap_netif.input(p, &tap_netif) != ERR_OK) {
      pbuf_free(p);
    }
  }
}

static int tap_open(const char *name) {
  int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* ------------------------------------------------------------------------------------------ */
/* Agent state                                                                                 */

enum conn_state { CONNECTING, CONNECTED, GONE };

struct options {
  int nodelay;
  long sndbuf;
};

struct conn {
  int id;
  struct tcp_pcb *pcb; /* NULL once lwIP freed it (error) or the application let it go */
  enum conn_state state;
  int was_connecting; /* the error came while connecting */
  err_t err;          /* the error lwIP reported, ERR_OK if none */
  int fin;            /* the peer's FIN arrived */
  unsigned char *rbuf; /* received, not yet read by the application */
  size_t rlen, rcap;
  unsigned char *sbuf; /* written by the application, not yet taken by lwIP */
  size_t slen, scap;
  long sndbuf;
  int close_after_send; /* close (1) or shutdown wr (2) once sbuf is drained */
  int remote_port;
  ip_addr_t remote_ip;
};

struct listener {
  int id;
  struct tcp_pcb *pcb;
  struct options opts;
  struct conn *queue[256];
  int head, tail;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static struct conn *conns[MAX_IDS];
static struct listener *listeners[MAX_IDS];
static int next_conn = 1, next_listener = 1;
static struct options defaults = {0, DEFAULT_SNDBUF};

static void reply(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

static void append(unsigned char **buf, size_t *len, size_t *cap, const void *data, size_t n) {
  if (*len + n > *cap) {
    size_t c = *cap ? *cap : 4096;
    while (c < *len + n) {
      c *= 2;
    }
    *buf = realloc(*buf, c);
    *cap = c;
  }
  memcpy(*buf + *len, data, n);
  *len += n;
}

static struct timespec deadline_in(long ms) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += ms / 1000;
  t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec++;
    t.tv_nsec -= 1000000000L;
  }
  return t;
}

/* ------------------------------------------------------------------------------------------ */
/* lwIP callbacks (tcpip thread, core lock held)                                               */

static void pump(struct conn *c);

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err) {
  struct conn *c = arg;
  (void)err;
  if (c == NULL) { /* the application let the connection go: take and drop */
    if (p != NULL) {
      tcp_recved(pcb, p->tot_len);
      pbuf_free(p);
    }
    return ERR_OK;
  }
  pthread_mutex_lock(&mu);
  if (p == NULL) {
    c->fin = 1;
  } else {
    for (struct pbuf *q = p; q != NULL; q = q->next) {
      append(&c->rbuf, &c->rlen, &c->rcap, q->payload, q->len);
    }
  }
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
  if (p != NULL) {
    pbuf_free(p);
  }
  return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len) {
  (void)pcb;
  (void)len;
  struct conn *c = arg;
  if (c != NULL) {
    pthread_mutex_lock(&mu);
    pump(c);
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&mu);
  }
  return ERR_OK;
}

static void on_err(void *arg, err_t err) {
  struct conn *c = arg;
  if (c == NULL) {
    return;
  }
  pthread_mutex_lock(&mu);
  c->was_connecting = c->state == CONNECTING;
  c->err = err;
  c->pcb = NULL; /* lwIP has freed it */
  c->state = GONE;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err) {
  (void)pcb;
  (void)err;
  struct conn *c = arg;
  if (c != NULL) {
    pthread_mutex_lock(&mu);
    c->state = CONNECTED;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&mu);
  }
  return ERR_OK;
}

static struct conn *new_conn(struct tcp_pcb *pcb, const struct options *o) {
  struct conn *c = calloc(1, sizeof *c);
  c->pcb = pcb;
  c->sndbuf = o->sndbuf;
  tcp_arg(pcb, c);
  tcp_recv(pcb, on_recv);
  tcp_sent(pcb, on_sent);
  tcp_err(pcb, on_err);
  if (o->nodelay) {
    tcp_nagle_disable(pcb);
  }
  return c;
}

static int register_conn(struct conn *c) {
  if (next_conn >= MAX_IDS) {
    return -1;
  }
  c->id = next_conn++;
  conns[c->id] = c;
  return c->id;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err) {
  struct listener *l = arg;
  if (err != ERR_OK || pcb == NULL || l == NULL) {
    return ERR_VAL;
  }
  pthread_mutex_lock(&mu);
  if ((l->tail + 1) % 256 == l->head) {
    pthread_mutex_unlock(&mu);
    return ERR_MEM; /* lwIP aborts the connection */
  }
  struct conn *c = new_conn(pcb, &l->opts);
  c->state = CONNECTED;
  c->remote_ip = pcb->remote_ip;
  c->remote_port = pcb->remote_port;
  l->queue[l->tail] = c;
  l->tail = (l->tail + 1) % 256;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
  return ERR_OK;
}

/* Hands queued application data to lwIP as far as its send buffer allows; closes or shuts down
 * once it is all handed over, if the application asked for that. Core lock and mu held. */
static void pump(struct conn *c) {
  if (c->pcb == NULL) {
    return;
  }
  int wrote = 0;
  while (c->slen > 0) {
    size_t n = tcp_sndbuf(c->pcb);
    if (n > c->slen) {
      n = c->slen;
    }
    if (n > 0xFFFF) {
      n = 0xFFFF;
    }
    if (n == 0 || tcp_sndqueuelen(c->pcb) >= TCP_SND_QUEUELEN - 1) {
      break;
    }
    if (tcp_write(c->pcb, c->sbuf, (u16_t)n, TCP_WRITE_FLAG_COPY) != ERR_OK) {
      break;
    }
    memmove(c->sbuf, c->sbuf + n, c->slen - n);
    c->slen -= n;
    wrote = 1;
  }
  if (wrote) {
    tcp_output(c->pcb);
  }
  if (c->slen == 0 && c->close_after_send) {
    int how = c->close_after_send;
    c->close_after_send = 0;
    if (how == 1) {
      struct tcp_pcb *pcb = c->pcb;
      tcp_arg(pcb, NULL);
      tcp_sent(pcb, NULL);
      tcp_err(pcb, NULL);
      c->pcb = NULL;
      c->state = GONE;
      if (tcp_close(pcb) != ERR_OK) {
        tcp_abort(pcb);
      }
    } else {
      tcp_shutdown(c->pcb, 0, 1);
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Requests                                                                                    */

static const char *err_word(struct conn *c) {
  switch (c->err) {
    case ERR_RST:
      return c->was_connecting ? "refused" : "reset";
    case ERR_ABRT: /* lwIP gave up retransmitting (our own aborts clear the callback first) */
      return "timedout";
    case ERR_CLSD:
      return "reset";
    case ERR_RTE:
      return "unreachable";
    default:
      return "io";
  }
}

static struct conn *conn_of(const char *id) {
  if (id == NULL || id[0] != 'c') {
    return NULL;
  }
  long n = strtol(id + 1, NULL, 10);
  return n > 0 && n < MAX_IDS ? conns[n] : NULL;
}

static struct listener *listener_of(const char *id) {
  if (id == NULL || id[0] != 'l') {
    return NULL;
  }
  long n = strtol(id + 1, NULL, 10);
  return n > 0 && n < MAX_IDS ? listeners[n] : NULL;
}

static int parse_long(const char *s, long *out) {
  if (s == NULL || *s == 0) {
    return 0;
  }
  char *end;
  *out = strtol(s, &end, 10);
  return *end == 0;
}

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

static void do_listen(char **a, int n) {
  long port, backlog = 16;
  if (n < 2 || !parse_long(a[1], &port) || port < 1 || port > 65535
      || (n >= 3 && !parse_long(a[2], &backlog))) {
    reply("err usage listen <port> [<backlog>] [<address>]");
    return;
  }
  ip_addr_t addr = *any_address();
  if (n >= 4 && (!ipaddr_aton(a[3], &addr) || IP_GET_TYPE(&addr) != family)) {
    reply("err usage listen <port> [<backlog>] [<address>]: bad address %s (the stack's"
        " address is IPv%d)", a[3], family == IPADDR_TYPE_V6 ? 6 : 4);
    return;
  }
  if (next_listener >= MAX_IDS) {
    reply("err internal too many listeners");
    return;
  }
  LOCK_TCPIP_CORE();
  struct tcp_pcb *pcb = tcp_new_ip_type(family);
  if (pcb == NULL) {
    UNLOCK_TCPIP_CORE();
    reply("err socket out of memory");
    return;
  }
  ip_set_option(pcb, SOF_REUSEADDR);
  err_t e = tcp_bind(pcb, &addr, (u16_t)port);
  if (e != ERR_OK) {
    tcp_close(pcb);
    UNLOCK_TCPIP_CORE();
    if (e == ERR_USE) {
      reply("err inuse port %ld", port);
    } else {
      reply("err socket tcp_bind returned %d", e);
    }
    return;
  }
  struct tcp_pcb *lpcb = tcp_listen_with_backlog(pcb, (u8_t)(backlog > 255 ? 255 : backlog));
  if (lpcb == NULL) {
    tcp_close(pcb);
    UNLOCK_TCPIP_CORE();
    reply("err socket tcp_listen failed");
    return;
  }
  struct listener *l = calloc(1, sizeof *l);
  l->pcb = lpcb;
  pthread_mutex_lock(&mu);
  l->opts = defaults;
  l->id = next_listener++;
  listeners[l->id] = l;
  pthread_mutex_unlock(&mu);
  tcp_arg(lpcb, l);
  tcp_accept(lpcb, on_accept);
  UNLOCK_TCPIP_CORE();
  reply("ok l%d", l->id);
}

static void do_accept(char **a, int n) {
  long timeout;
  struct listener *l = n >= 2 ? listener_of(a[1]) : NULL;
  if (l == NULL || n < 3 || !parse_long(a[2], &timeout)) {
    reply("err usage accept <lid> <timeout>");
    return;
  }
  struct timespec until = deadline_in(timeout);
  pthread_mutex_lock(&mu);
  while (l->head == l->tail && l->pcb != NULL) {
    if (pthread_cond_timedwait(&changed, &mu, &until) == ETIMEDOUT) {
      break;
    }
  }
  if (l->head == l->tail) {
    pthread_mutex_unlock(&mu);
    reply("err timeout no connection within %ld ms", timeout);
    return;
  }
  struct conn *c = l->queue[l->head];
  l->head = (l->head + 1) % 256;
  if (register_conn(c) < 0) {
    pthread_mutex_unlock(&mu);
    reply("err internal too many connections");
    return;
  }
  char ip[IPADDR_STRLEN_MAX];
  ipaddr_ntoa_r(&c->remote_ip, ip, sizeof ip);
  int id = c->id, port = c->remote_port;
  pthread_mutex_unlock(&mu);
  reply("ok c%d %s %d", id, ip, port);
}

static void do_connect(char **a, int n) {
  ip_addr_t ip;
  long port, lport = 0;
  if (n < 3 || !ipaddr_aton(a[1], &ip) || !parse_long(a[2], &port) || port < 1 || port > 65535
      || (n >= 4 && !parse_long(a[3], &lport))) {
    reply("err usage connect <ip> <port> [<local port>]");
    return;
  }
  if (IP_GET_TYPE(&ip) != family) {
    reply("err unreachable no route to %s (the stack's address is IPv%d)", a[1],
        family == IPADDR_TYPE_V6 ? 6 : 4);
    return;
  }
  LOCK_TCPIP_CORE();
  struct tcp_pcb *pcb = tcp_new_ip_type(family);
  if (pcb == NULL) {
    UNLOCK_TCPIP_CORE();
    reply("err socket out of memory");
    return;
  }
  if (lport > 0) {
    ip_set_option(pcb, SOF_REUSEADDR);
    if (tcp_bind(pcb, any_address(), (u16_t)lport) != ERR_OK) {
      tcp_close(pcb);
      UNLOCK_TCPIP_CORE();
      reply("err inuse local port %ld", lport);
      return;
    }
  }
  pthread_mutex_lock(&mu);
  struct conn *c = new_conn(pcb, &defaults);
  c->state = CONNECTING;
  c->remote_ip = ip;
  c->remote_port = (int)port;
  int id = register_conn(c);
  pthread_mutex_unlock(&mu);
  err_t e = tcp_connect(pcb, &ip, (u16_t)port, on_connected);
  if (e != ERR_OK) {
    tcp_arg(pcb, NULL);
    tcp_abort(pcb);
    pthread_mutex_lock(&mu);
    c->pcb = NULL;
    c->state = GONE;
    pthread_mutex_unlock(&mu);
    UNLOCK_TCPIP_CORE();
    if (e == ERR_RTE) {
      reply("err unreachable no route to %s", a[1]);
    } else {
      reply("err socket tcp_connect returned %d", e);
    }
    return;
  }
  UNLOCK_TCPIP_CORE();
  reply("ok c%d", id);
}

static void do_await(char **a, int n) {
  long timeout;
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  if (c == NULL || n < 3 || !parse_long(a[2], &timeout)) {
    reply("err usage await <cid> <timeout>");
    return;
  }
  struct timespec until = deadline_in(timeout);
  pthread_mutex_lock(&mu);
  while (c->state == CONNECTING) {
    if (pthread_cond_timedwait(&changed, &mu, &until) == ETIMEDOUT) {
      break;
    }
  }
  enum conn_state s = c->state;
  pthread_mutex_unlock(&mu);
  if (s == CONNECTING) {
    reply("err timeout still connecting after %ld ms", timeout);
    return;
  }
  if (s == GONE) {
    reply(c->err == ERR_OK ? "err io closed" : "err %s lwIP error %d", err_word(c), c->err);
    return;
  }
  LOCK_TCPIP_CORE();
  char ip[IPADDR_STRLEN_MAX] = "0.0.0.0";
  int port = 0;
  if (c->pcb != NULL) {
    ipaddr_ntoa_r(&c->pcb->local_ip, ip, sizeof ip);
    port = c->pcb->local_port;
  }
  UNLOCK_TCPIP_CORE();
  reply("ok connected %s %d", ip, port);
}

static void do_send(char **a, int n) {
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  size_t hexlen = n >= 3 ? strlen(a[2]) : 1;
  if (c == NULL || n < 3 || hexlen % 2 != 0) {
    reply("err usage send <cid> <hex>");
    return;
  }
  size_t len = hexlen / 2;
  unsigned char *data = malloc(len ? len : 1);
  for (size_t i = 0; i < len; i++) {
    int hi = hexval(a[2][2 * i]), lo = hexval(a[2][2 * i + 1]);
    if (hi < 0 || lo < 0) {
      free(data);
      reply("err usage send <cid> <hex>: not hex");
      return;
    }
    data[i] = (unsigned char)(hi << 4 | lo);
  }
  size_t written = 0;
  struct timespec until = deadline_in(SEND_WAIT_MS);
  LOCK_TCPIP_CORE();
  pthread_mutex_lock(&mu);
  for (;;) {
    if (c->pcb == NULL || c->close_after_send) {
      break;
    }
    size_t room = c->sndbuf > (long)c->slen ? (size_t)c->sndbuf - c->slen : 0;
    size_t k = len - written < room ? len - written : room;
    append(&c->sbuf, &c->slen, &c->scap, data + written, k);
    written += k;
    pump(c);
    if (written == len) {
      break;
    }
    pthread_mutex_unlock(&mu);
    UNLOCK_TCPIP_CORE();
    pthread_mutex_lock(&mu);
    int timedout = pthread_cond_timedwait(&changed, &mu, &until) == ETIMEDOUT;
    pthread_mutex_unlock(&mu);
    LOCK_TCPIP_CORE();
    pthread_mutex_lock(&mu);
    if (timedout) {
      break;
    }
  }
  int gone = c->pcb == NULL;
  pthread_mutex_unlock(&mu);
  UNLOCK_TCPIP_CORE();
  free(data);
  if (written == 0 && len > 0 && gone) {
    reply("err %s lwIP error %d", c->err == ERR_OK ? "io" : err_word(c), c->err);
  } else if (written < len) {
    reply("ok %zu partial", written);
  } else {
    reply("ok %zu", written);
  }
}

static void do_recv(char **a, int n) {
  long max, timeout;
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  if (c == NULL || n < 4 || !parse_long(a[2], &max) || max < 1 || !parse_long(a[3], &timeout)) {
    reply("err usage recv <cid> <max> <timeout>");
    return;
  }
  struct timespec until = deadline_in(timeout);
  pthread_mutex_lock(&mu);
  while (c->rlen == 0 && !c->fin && c->err == ERR_OK && c->state != GONE) {
    if (pthread_cond_timedwait(&changed, &mu, &until) == ETIMEDOUT) {
      break;
    }
  }
  if (c->rlen > 0) {
    size_t k = c->rlen < (size_t)max ? c->rlen : (size_t)max;
    char *hex = malloc(2 * k + 1);
    for (size_t i = 0; i < k; i++) {
      sprintf(hex + 2 * i, "%02x", c->rbuf[i]);
    }
    memmove(c->rbuf, c->rbuf + k, c->rlen - k);
    c->rlen -= k;
    pthread_mutex_unlock(&mu);
    LOCK_TCPIP_CORE();
    pthread_mutex_lock(&mu);
    if (c->pcb != NULL) {
      for (size_t left = k; left > 0;) {
        u16_t step = left > 0xFFFF ? 0xFFFF : (u16_t)left;
        tcp_recved(c->pcb, step);
        left -= step;
      }
    }
    pthread_mutex_unlock(&mu);
    UNLOCK_TCPIP_CORE();
    reply("ok %s", hex);
    free(hex);
    return;
  }
  int fin = c->fin;
  err_t err = c->err;
  pthread_mutex_unlock(&mu);
  if (err != ERR_OK) {
    reply("err %s lwIP error %d", err_word(c), err);
  } else if (fin) {
    reply("err eof the peer closed its side");
  } else if (c->state == GONE) {
    reply("err io the connection is closed");
  } else {
    reply("err timeout nothing to read within %ld ms", timeout);
  }
}

static void do_shutdown(char **a, int n) {
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  if (c == NULL || n < 3) {
    reply("err usage shutdown <cid> rd|wr|rdwr");
    return;
  }
  int rx = strcmp(a[2], "rd") == 0 || strcmp(a[2], "rdwr") == 0;
  int tx = strcmp(a[2], "wr") == 0 || strcmp(a[2], "rdwr") == 0;
  if (!rx && !tx) {
    reply("err usage shutdown <cid> rd|wr|rdwr");
    return;
  }
  if (rx) {
    reply("err usage not supported by lwip (shutdown rd resets on later data)");
    return;
  }
  LOCK_TCPIP_CORE();
  pthread_mutex_lock(&mu);
  int gone = c->pcb == NULL;
  if (!gone) {
    c->close_after_send = 2;
    pump(c);
  }
  pthread_mutex_unlock(&mu);
  UNLOCK_TCPIP_CORE();
  if (gone) {
    reply("err %s lwIP error %d", c->err == ERR_OK ? "io" : err_word(c), c->err);
  } else {
    reply("ok");
  }
}

/* Lets a connection go: an ordinary close (FIN after the queued data), or an abort (RST). */
static void release_conn(struct conn *c, int abort) {
  if (c->pcb == NULL) {
    return;
  }
  if (abort) {
    struct tcp_pcb *pcb = c->pcb;
    tcp_arg(pcb, NULL);
    c->pcb = NULL;
    c->state = GONE;
    c->slen = 0;
    tcp_abort(pcb);
  } else {
    c->close_after_send = 1;
    pump(c);
  }
}

static void close_listener(struct listener *l) {
  if (l->pcb != NULL) {
    tcp_arg(l->pcb, NULL);
    tcp_accept(l->pcb, NULL);
    tcp_close(l->pcb);
    l->pcb = NULL;
  }
  while (l->head != l->tail) { /* established, never accepted: reset, as a closed socket does */
    struct conn *c = l->queue[l->head];
    l->head = (l->head + 1) % 256;
    release_conn(c, 1);
    free(c);
  }
  pthread_cond_broadcast(&changed);
}

static void do_close(char **a, int n, int abort) {
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  struct listener *l = n >= 2 && !abort ? listener_of(a[1]) : NULL;
  if (c == NULL && l == NULL) {
    reply(abort ? "err usage abort <cid>" : "err usage close <id>");
    return;
  }
  LOCK_TCPIP_CORE();
  pthread_mutex_lock(&mu);
  if (c != NULL) {
    release_conn(c, abort);
  } else {
    close_listener(l);
  }
  pthread_mutex_unlock(&mu);
  UNLOCK_TCPIP_CORE();
  reply("ok");
}

static void do_closeall(void) {
  LOCK_TCPIP_CORE();
  pthread_mutex_lock(&mu);
  for (int i = 1; i < next_listener; i++) {
    if (listeners[i] != NULL) {
      close_listener(listeners[i]);
    }
  }
  for (int i = 1; i < next_conn; i++) {
    struct conn *c = conns[i];
    if (c != NULL && c->pcb != NULL) {
      /* a connect still in SYN-SENT stops; others close as the application would */
      release_conn(c, c->state == CONNECTING);
    }
  }
  pthread_mutex_unlock(&mu);
  UNLOCK_TCPIP_CORE();
  reply("ok");
}

static void do_setopt(char **a, int n) {
  long v;
  if (n < 4 || !parse_long(a[3], &v)) {
    reply("err usage setopt <id>|* rcvbuf|sndbuf|nodelay|linger <value>");
    return;
  }
  const char *opt = a[2];
  if (strcmp(opt, "rcvbuf") == 0 || strcmp(opt, "linger") == 0) {
    reply("err usage not supported by lwip (%s: the raw API has no such option)", opt);
    return;
  }
  if (strcmp(opt, "sndbuf") != 0 && strcmp(opt, "nodelay") != 0) {
    reply("err usage setopt <id>|* rcvbuf|sndbuf|nodelay|linger <value>");
    return;
  }
  int nodelay = strcmp(opt, "nodelay") == 0;
  LOCK_TCPIP_CORE();
  pthread_mutex_lock(&mu);
  struct conn *c = conn_of(a[1]);
  struct listener *l = listener_of(a[1]);
  struct options *o = strcmp(a[1], "*") == 0 ? &defaults : l != NULL ? &l->opts : NULL;
  int ok = 1;
  if (o != NULL) {
    if (nodelay) {
      o->nodelay = v != 0;
    } else {
      o->sndbuf = v;
    }
  } else if (c != NULL) {
    if (nodelay) {
      if (c->pcb != NULL) {
        if (v) {
          tcp_nagle_disable(c->pcb);
        } else {
          tcp_nagle_enable(c->pcb);
        }
      }
    } else {
      c->sndbuf = v;
    }
  } else {
    ok = 0;
  }
  pthread_mutex_unlock(&mu);
  UNLOCK_TCPIP_CORE();
  reply(ok ? "ok" : "err usage setopt: no such id %s", a[1]);
}

static void do_status(char **a, int n) {
  struct conn *c = n >= 2 ? conn_of(a[1]) : NULL;
  if (c == NULL) {
    reply("err usage status <cid>");
    return;
  }
  pthread_mutex_lock(&mu);
  enum conn_state s = c->state;
  pthread_mutex_unlock(&mu);
  reply("ok %s", s == CONNECTING ? "connecting" : s == CONNECTED ? "connected" : "unconnected");
}

/* ------------------------------------------------------------------------------------------ */

static void tcpip_ready(void *arg) {
  sys_sem_signal((sys_sem_t *)arg);
}

static int parse_mac(const char *s, u8_t mac[6]) {
  unsigned int b[6];
  if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6) {
    return 0;
  }
  for (int i = 0; i < 6; i++) {
    mac[i] = (u8_t)b[i];
  }
  return 1;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  ip_addr_t addr;
  ip4_addr_t addr4, mask, gw;
  long prefix;
  if (argc != 5 || !ipaddr_aton(argv[2], &addr) || !parse_long(argv[3], &prefix)
      || !parse_mac(argv[4], tap_mac)) {
    fprintf(stderr, "usage: lwip-agent TAP ADDRESS PREFIX MAC\n");
    return 2;
  }
  family = IP_GET_TYPE(&addr);
  if (family == IPADDR_TYPE_V6 ? prefix != 64 : prefix < 1 || prefix > 30) {
    /* lwIP takes an IPv6 address's network to be its /64 (nd6_is_prefix_in_netif) */
    fprintf(stderr, "lwip-agent: bad prefix length %ld for %s (expected: %s)\n", prefix,
        argv[2], family == IPADDR_TYPE_V6 ? "64" : "1-30");
    return 2;
  }
  ip4_addr_set_any(&addr4);
  ip4_addr_set_any(&mask);
  if (family == IPADDR_TYPE_V4) {
    ip4_addr_copy(addr4, *ip_2_ip4(&addr));
    ip4_addr_set_u32(&mask, lwip_htonl(0xFFFFFFFFu << (32 - prefix)));
  }
  ip4_addr_set_any(&gw);
  tap_fd = tap_open(argv[1]);
  if (tap_fd < 0) {
    fprintf(stderr, "lwip-agent: cannot open TAP device %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  srand((unsigned int)time(NULL) ^ (unsigned int)getpid());
  sys_sem_t ready;
  sys_sem_new(&ready, 0);
  tcpip_init(tcpip_ready, &ready);
  sys_sem_wait(&ready);

  LOCK_TCPIP_CORE();
  netif_add(&tap_netif, &addr4, &mask, &gw, NULL, tap_init, tcpip_input);
  if (family == IPADDR_TYPE_V6) {
    netif_ip6_addr_set(&tap_netif, 0, ip_2_ip6(&addr));
    netif_ip6_addr_set_state(&tap_netif, 0, IP6_ADDR_PREFERRED);
  }
  netif_set_default(&tap_netif);
  netif_set_up(&tap_netif);
  netif_set_link_up(&tap_netif);
  /* both of the above restart router solicitation (nd6_restart_netif); the link has no router */
  tap_netif.rs_count = 0;
  UNLOCK_TCPIP_CORE();
  pthread_t reader;
  pthread_create(&reader, NULL, tap_reader, NULL);

  reply("ready lwip %d.%d.%d agent %d", LWIP_VERSION_MAJOR, LWIP_VERSION_MINOR,
      LWIP_VERSION_REVISION, PROTOCOL_VERSION);

  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
      line[--len] = 0;
    }
    char *args[8];
    int n = 0;
    for (char *tok = strtok(line, " "); tok != NULL && n < 8; tok = strtok(NULL, " ")) {
      args[n++] = tok;
    }
    if (n == 0) {
      reply("err usage empty request");
    } else if (strcmp(args[0], "listen") == 0) {
      do_listen(args, n);
    } else if (strcmp(args[0], "accept") == 0) {
      do_accept(args, n);
    } else if (strcmp(args[0], "connect") == 0) {
      do_connect(args, n);
    } else if (strcmp(args[0], "await") == 0) {
      do_await(args, n);
    } else if (strcmp(args[0], "send") == 0) {
      do_send(args, n);
    } else if (strcmp(args[0], "recv") == 0) {
      do_recv(args, n);
    } else if (strcmp(args[0], "shutdown") == 0) {
      do_shutdown(args, n);
    } else if (strcmp(args[0], "close") == 0) {
      do_close(args, n, 0);
    } else if (strcmp(args[0], "abort") == 0) {
      do_close(args, n, 1);
    } else if (strcmp(args[0], "setopt") == 0) {
      do_setopt(args, n);
    } else if (strcmp(args[0], "status") == 0) {
      do_status(args, n);
    } else if (strcmp(args[0], "closeall") == 0) {
      do_closeall();
    } else if (strcmp(args[0], "quit") == 0) {
      reply("ok bye");
      break;
    } else {
      reply("err usage unknown request %s", args[0]);
    }
  }
  /* end of stdin or quit: every connection reset, as a dying process's sockets would be */
  LOCK_TCPIP_CORE();
  for (int i = 1; i < next_conn; i++) {
    if (conns[i] != NULL && conns[i]->pcb != NULL) {
      tcp_arg(conns[i]->pcb, NULL);
      tcp_abort(conns[i]->pcb);
    }
  }
  UNLOCK_TCPIP_CORE();
  return 0;
}
