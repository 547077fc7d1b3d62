package main

import (
	"fmt"
	"net"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/link/fdbased"
	"gvisor.dev/gvisor/pkg/tcpip/link/rawfile"
	"gvisor.dev/gvisor/pkg/tcpip/link/tun"
	"gvisor.dev/gvisor/pkg/tcpip/network/arp"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

const nicID tcpip.NICID = 1

// defaultMTU is used when the TAP device's MTU cannot be read.
const defaultMTU = 1500

// newTapStack opens the existing TAP device tapName and puts a netstack on it that owns address
// (with the given prefix length) and mac: IPv4 and ARP, or IPv6 with Neighbor Discovery, then
// TCP, an on-link route to the subnet and no other. It returns the stack and the network
// protocol of its address, which every endpoint of the application is made with. The TCP options
// are the stack's own defaults (see describeStack).
func newTapStack(tapName, address string, prefix int, mac string) (*stack.Stack,
	tcpip.NetworkProtocolNumber, error) {
	ip, proto, ok := parseIP(address)
	if !ok {
		return nil, 0, fmt.Errorf("bad IP address %q", address)
	}
	if max := len(ip)*8 - 2; prefix < 1 || prefix > max {
		return nil, 0, fmt.Errorf("bad prefix length %d for %s (expected: 1-%d)", prefix, address,
			max)
	}
	hw, err := net.ParseMAC(mac)
	if err != nil || len(hw) != 6 {
		return nil, 0, fmt.Errorf("bad MAC address %q", mac)
	}
	// TUNSETIFF would make a new device of a name that does not exist, which nobody else sees
	if _, err := net.InterfaceByName(tapName); err != nil {
		return nil, 0, fmt.Errorf("no TAP device %s: %v", tapName, err)
	}
	fd, err := tun.OpenTAP(tapName)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot open TAP device %s: %v", tapName, err)
	}
	mtu, err := rawfile.GetMTU(tapName)
	if err != nil || mtu == 0 {
		mtu = defaultMTU
	}
	link, err := fdbased.New(&fdbased.Options{
		FDs:            []int{fd},
		MTU:            mtu,
		EthernetHeader: true,
		Address:        tcpip.LinkAddress(hw),
		// No offloads: the stack computes every checksum it sends and checks every one it
		// receives, as the checksum tests need.
	})
	if err != nil {
		return nil, 0, fmt.Errorf("fdbased endpoint on %s: %v", tapName, err)
	}
	s := stack.New(stack.Options{
		NetworkProtocols:   networkProtocols(proto),
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
	})
	if e := s.CreateNIC(nicID, link); e != nil {
		return nil, 0, fmt.Errorf("CreateNIC: %s", e)
	}
	addr := tcpip.AddressWithPrefix{Address: ip, PrefixLen: prefix}
	if e := s.AddProtocolAddress(nicID, tcpip.ProtocolAddress{
		Protocol:          proto,
		AddressWithPrefix: addr,
	}, stack.AddressProperties{}); e != nil {
		return nil, 0, fmt.Errorf("AddProtocolAddress %s: %s", addr, e)
	}
	s.SetRouteTable([]tcpip.Route{{Destination: addr.Subnet(), NIC: nicID}})
	return s, proto, nil
}

// networkProtocols is IPv4 with ARP, or IPv6 on a link the harness made and nobody else is on:
// its one address valid at once (no duplicate address detection), no link-local address, no
// router solicitation and no router advertisement handled (the link has no router), no MLD.
// Neighbor Discovery itself stays on: the stack asks for the peer's MAC and the harness answers.
func networkProtocols(proto tcpip.NetworkProtocolNumber) []stack.NetworkProtocolFactory {
	if proto == ipv4.ProtocolNumber {
		return []stack.NetworkProtocolFactory{ipv4.NewProtocol, arp.NewProtocol}
	}
	return []stack.NetworkProtocolFactory{ipv6.NewProtocolWithOptions(ipv6.Options{
		NDPConfigs: ipv6.NDPConfigurations{
			MaxRtrSolicitations: 0,
			HandleRAs:           ipv6.HandlingRAsDisabled,
		},
		AutoGenLinkLocal: false,
		MLD:              ipv6.MLDOptions{Enabled: false},
		DADConfigs:       stack.DADConfigurations{DupAddrDetectTransmits: 0},
	})}
}

// describeStack says which stack-wide TCP options are in force, for the agent's stderr. None is
// changed from what the netstack library ships with (SACK off, reno, RACK loss detection, no
// receive-buffer auto-tuning, buffers 1 MB by default within 4 KB-4 MB); runsc, gVisor's
// sandbox, turns SACK and auto-tuning on for its own stack, but this target is the library.
func describeStack(s *stack.Stack) string {
	var sack tcpip.TCPSACKEnabled
	var cc tcpip.CongestionControlOption
	var rack tcpip.TCPRecovery
	var moderate tcpip.TCPModerateReceiveBufferOption
	var delay tcpip.TCPDelayEnabled
	var rcv tcpip.TCPReceiveBufferSizeRangeOption
	var snd tcpip.TCPSendBufferSizeRangeOption
	var minRTO tcpip.TCPMinRTOOption
	var tw tcpip.TCPTimeWaitTimeoutOption
	for _, o := range []tcpip.GettableTransportProtocolOption{
		&sack, &cc, &rack, &moderate, &delay, &rcv, &snd, &minRTO, &tw} {
		if e := s.TransportProtocolOption(tcp.ProtocolNumber, o); e != nil {
			return fmt.Sprintf("tcp options unreadable (%T: %s)", o, e)
		}
	}
	return fmt.Sprintf("tcp sack=%t cc=%s recovery=%d moderate-rcvbuf=%t delay=%t"+
		" rcvbuf=%d/%d/%d sndbuf=%d/%d/%d min-rto=%s time-wait=%s", bool(sack), string(cc),
		int(rack), bool(moderate), bool(delay), rcv.Min, rcv.Default, rcv.Max, snd.Min,
		snd.Default, snd.Max, time.Duration(minRTO), time.Duration(tw))
}
