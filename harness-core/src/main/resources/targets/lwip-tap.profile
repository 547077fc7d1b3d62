# lwIP 2.1.3 as Debian ships it (liblwip, built with the GNU Hurd port's lwipopts.h: MSS 1460,
# window 65535 with window scaling, no timestamps, no SACK) on a TAP device, driven by our C
# agent (harness-core/src/main/c/lwip/agent.c, raw API, our own TAP driver). The build compiles
# the agent when liblwip-dev is installed.
description = lwIP 2.1.3 (Debian liblwip) on a TAP device
attach = tap
# the IP versions its lanes come up with (-Dtcpconform.ip): over IPv6 the agent is given the
# lane's 2001:2:0:<lane>::2/64, valid at once (no DAD), with no router solicitations
ip = 4 6
agent = {agents}/lwip-agent {tap} {address} {prefix} {mac}
requires = /usr/include/lwip/lwipopts.h {agents}/lwip-agent
install = apt-get install -y liblwip-dev liblwip0 && ./tcpconform test
notes = The agent's application reads only when a test asks it to, so the window closes as a \
  socket's would; rcvbuf, linger and shutdown rd are not offered (tests needing them are \
  skipped). The send buffer is the application's queue in front of lwIP's 64 KB.
# Not implemented by this lwIP (seen on the wire: a SYN crossing its own in SYN-SENT is ignored).
# Tests that only need it to reach a state are skipped; SimultaneousOpenTest and the SYN-SENT
# cell of the state machine still run and fail (9293/MUST-10).
lacks = simultaneous-open
