# A device the harness did not make (an appliance, a board, a VM) on an interface the user names:
#   -Dtcpconform.target=external -Dtcpconform.external.interface=IF
#   -Dtcpconform.external.address=198.18.x.y -Dtcpconform.external.mac=MAC
#   [-Dtcpconform.external.peer=198.18.x.z] [-Dtcpconform.external.closed-port=9]
# The device's address must be in 198.18.0.0/15 like every address tcpconform talks to. There is
# no agent: tests that drive the application are skipped with that reason, wire-only ones run.
description = an external device on an interface the user names (no agent)
attach = external
notes = Wire-only: the tests that need the device's application (listen, connect, read, write) \
  are skipped; the rest (closed ports, resets, checksums of what it sends) run. One lane.
