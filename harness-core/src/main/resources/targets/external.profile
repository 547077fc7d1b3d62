# A device the harness did not make (an appliance, a board, a VM) on an interface the user names:
#   -Dtcpconform.target=external -Dtcpconform.external.interface=IF
#   -Dtcpconform.external.address=198.18.x.y     its IPv4 address, for a run over IPv4
#   -Dtcpconform.external.address6=2001:2:a:b::c its IPv6 address, for a run over IPv6
#                                             (-Dtcpconform.ip=6); give one or both, the run's
#                                             version's is required, the other checked if given
#   [-Dtcpconform.external.mac=MAC]           default: learned on IF (3 ARP requests in 2 s; over
#                                             IPv6, 3 Neighbor Solicitations in 2 s)
#   [-Dtcpconform.external.peer=198.18.x.z]   default: the device's /24, host part 1 (or 2)
#   [-Dtcpconform.external.peer6=2001:2:...]  default: the device's /64, interface ID 1 (or 2)
#   [-Dtcpconform.external.closed-port=9]     a port of the device where nothing listens
#   [-Dtcpconform.external.ports=22,80,443]   the ports of its listening services, recorded
#   [-Dtcpconform.external.agent=HOST:PORT]   where its agent serves, e.g. the Linux agent's
#                                             --serve mode on a management address
# The device's addresses must be in 198.18.0.0/15 and 2001:2::/48 like every address tcpconform
# sends to; without a MAC the harness asks who-has that address, from the peer address, on IF and
# nothing else (over IPv6: a solicitation to the address's solicited-node group ff02::1:ffxx:xxxx).
# The agent's address is the one exception to the range because the user names it: the harness
# makes a plain TCP client connection to exactly that address, for each lane, and injects
# nothing there. It must not be an address under test. Without an agent, tests that drive the
# application are skipped with that reason; the wire-only ones run.
description = an external device on an interface the user names
attach = external
# the IP versions its lane comes up with: either, given the device's address of that version
ip = 4 6
notes = One lane, on the user's interface. Without -Dtcpconform.external.agent the tests that \
  need the device's application (listen, connect, read, write) are skipped and the rest (closed \
  ports, resets, checksums of what it sends) run; with it, its agent drives the application over \
  a TCP connection to the management address named. The device takes no faults.
