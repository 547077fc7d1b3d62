# libslirp 4.7.0 through slirp4netns 1.2.0 (Debian), the BSD-derived TCP of QEMU and rootless
# containers. slirp is a proxy: it terminates the harness's TCP connections on a TAP device in the
# harness's namespace, and opens a socket of its own, in an outer namespace that has only a
# loopback, for each one (a connection to the target's address goes to 127.0.0.1 there). The
# Linux agent in that outer namespace is its application. The target's address is slirp's
# gateway address, the second of the lane's /24.
description = libslirp 4.7.0 (Debian slirp4netns 1.2.0), a proxying stack on a TAP device
attach = proxy
stack = slirp4netns --netns-type=path --cidr {network}/{prefix} --disable-dns --api-socket {api} \
  {netns} {tap}
# IPv4 only: slirp's IPv6 network is fd00::/64 (libslirp's default), and slirp4netns has no option
# to move it into 2001:2::/48, the only IPv6 range the harness sends in.
ip = 4
without-ipv6 = slirp4netns 1.2.0 puts its IPv6 network at fd00::/64 and has no option to move \
  it into 2001:2::/48, the only IPv6 range the harness sends in
requires = /usr/bin/slirp4netns
install = apt-get install -y slirp4netns
notes = slirp is a proxy, and its application is a socket of the outer namespace, so the \
  application's side of a test means something else here: slirp answers a SYN only once its own \
  connect() to the application succeeded (a listener that accepts nothing still completes the \
  handshake); it acknowledges data once the data is in its buffer, not when the application \
  reads it; the application's close, shutdown and reset reach slirp as end of data or an error \
  on its socket, which slirp turns into its own FIN or RST. The socket options rcvbuf, nodelay \
  and linger would act on the application's socket, not on slirp's TCP: tests that need them are \
  skipped (sndbuf keeps its purpose: the application hands its data over at once). An active \
  open is slirp's connection for a socket that connects to a host forward (add_hostfwd); its \
  source port is slirp's choice, so tests that choose it are skipped.
