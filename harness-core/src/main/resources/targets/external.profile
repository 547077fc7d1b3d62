# A device the harness did not make (an appliance, a board, a VM) on an interface the user names:
#   -Dtcpconform.target=external -Dtcpconform.external.interface=IF
#   -Dtcpconform.external.address=198.18.x.y
#   [-Dtcpconform.external.mac=MAC]           default: learned by ARP on IF (3 requests in 2 s)
#   [-Dtcpconform.external.peer=198.18.x.z]   default: the device's /24, host part 1 (or 2)
#   [-Dtcpconform.external.closed-port=9]     a port of the device where nothing listens
#   [-Dtcpconform.external.ports=22,80,443]   the ports of its listening services, recorded
#   [-Dtcpconform.external.agent=HOST:PORT]   where its agent serves, e.g. the Linux agent's
#                                             --serve mode on a management address
# The device's address must be in 198.18.0.0/15 like every address tcpconform sends to; without
# a MAC the harness asks who-has that address, from the peer address, on IF and nothing else.
# The agent's address is the one exception to the range because the user names it: the harness
# makes a plain TCP client connection to exactly that address, for each lane, and injects
# nothing there. It must not be an address under test. Without an agent, tests that drive the
# application are skipped with that reason; the wire-only ones run.
description = an external device on an interface the user names
attach = external
notes = One lane, on the user's interface. Without -Dtcpconform.external.agent the tests that \
  need the device's application (listen, connect, read, write) are skipped and the rest (closed \
  ports, resets, checksums of what it sends) run; with it, its agent drives the application over \
  a TCP connection to the management address named. The device takes no faults.
