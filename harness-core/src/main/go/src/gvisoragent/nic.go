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
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

const nicID tcpip.NICID = 1

// defaultMTU is used when the TAP device's MTU cannot be read.
const defaultMTU = 1500

// newTapStack opens the existing TAP device tapName and puts a netstack on it that owns address
// (with the given prefix length) and mac: IPv4, ARP and TCP, an on-link route to the subnet and
// no other. The TCP options are the stack's own defaults (see describeStack).
func newTapStack(tapName, address string, prefix int, mac string) (*stack.Stack, error) {
	ip := net.ParseIP(address).To4()
	if ip == nil {
		return nil, fmt.Errorf("bad IPv4 address %q", address)
	}
	hw, err := net.ParseMAC(mac)
	if err != nil || len(hw) != 6 {
		return nil, fmt.Errorf("bad MAC address %q", mac)
	}
	// TUNSETIFF would make a new device of a name that does not exist, which nobody else sees
	if _, err := net.InterfaceByName(tapName); err != nil {
		return nil, fmt.Errorf("no TAP device %s: %v", tapName, err)
	}
	fd, err := tun.OpenTAP(tapName)
	if err != nil {
		return nil, fmt.Errorf("cannot open TAP device %s: %v", tapName, err)
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
		return nil, fmt.Errorf("fdbased endpoint on %s: %v", tapName, err)
	}
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol, arp.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
	})
	if e := s.CreateNIC(nicID, link); e != nil {
		return nil, fmt.Errorf("CreateNIC: %s", e)
	}
	addr := tcpip.AddressWithPrefix{Address: tcpip.Address(ip), PrefixLen: prefix}
	if e := s.AddProtocolAddress(nicID, tcpip.ProtocolAddress{
		Protocol:          ipv4.ProtocolNumber,
		AddressWithPrefix: addr,
	}, stack.AddressProperties{}); e != nil {
		return nil, fmt.Errorf("AddProtocolAddress %s: %s", addr, e)
	}
	s.SetRouteTable([]tcpip.Route{{Destination: addr.Subnet(), NIC: nicID}})
	return s, nil
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
