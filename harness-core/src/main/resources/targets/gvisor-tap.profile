# gVisor's netstack (Debian's golang-gvisor-gvisor-dev, a snapshot of 2022-12-19, Go 1.19) on a
# TAP device, driven by our Go agent (harness-core/src/main/go/src/gvisoragent, the tcpip.Endpoint
# API with waiter queues). The stack-wide TCP options are the library's defaults: SACK off, reno,
# RACK loss detection, no receive-buffer auto-tuning, 1 MB buffers. The build compiles the agent
# when the gVisor sources are installed.
description = gVisor netstack 2022-12-19 (Debian golang-gvisor-gvisor-dev) on a TAP device
attach = tap
# the IP versions its lanes come up with (-Dtcpconform.ip): over IPv6 the agent is given the
# lane's 2001:2:0:<lane>::2/64, valid at once (no DAD), with no router solicitations
ip = 4 6
agent = {agents}/gvisor-agent {tap} {address} {prefix} {mac}
requires = /usr/share/gocode/src/gvisor.dev/gvisor/pkg/tcpip/stack/stack.go {agents}/gvisor-agent
install = apt-get install -y --no-install-recommends golang-go golang-gvisor-gvisor-dev && \
  ./tcpconform test
notes = Each connection is a tcpip.Endpoint that behaves as a gVisor stream socket does: Nagle \
  on unless nodelay is set, rcvbuf and sndbuf clamped to 4 KB-4 MB and doubled, linger 0 \
  turning close into a reset. The application reads only when a test asks it to, so the window \
  closes as a socket's would; a listener given rcvbuf listens again with the buffer set first. \
  SACK is off, as the library ships it (runsc turns it on).
# No 'lacks': simultaneous open, the one feature tests reach their state through, works (a SYN
# crossing gVisor's own is answered with SYN,ACK and the peer's ACK completes it). Not implemented,
# as seen on the wire, and left to their own tests to show: ECN, PAWS, delayed ACKs, limited
# transmit, sender-side silly window avoidance.
