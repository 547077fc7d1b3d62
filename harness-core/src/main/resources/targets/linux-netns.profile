# The reference target: the running Linux kernel's TCP in a network namespace of its own, joined
# to the harness by a veth pair (offloads off), congestion control pinned to cubic, the Java
# agent inside the namespace. Faults (netfilter, sysctls, routes, qdiscs) apply here.
description = Linux kernel TCP (the running kernel) in a network namespace
attach = netns
# the IP versions its lanes come up with (-Dtcpconform.ip); a profile without 'ip' has 4 only
ip = 4 6
notes = The kernel as it runs on this machine; per-namespace sysctls at their defaults.
