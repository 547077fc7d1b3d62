package main

import (
	"math"
	"strconv"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
)

// options are socket options by the protocol's name (rcvbuf, sndbuf, nodelay, linger), with the
// value the harness gave.
type options map[string]int

func knownOption(name string) bool {
	switch name {
	case "rcvbuf", "sndbuf", "nodelay", "linger":
		return true
	}
	return false
}

// parseOptionValue reads a value: a number of bytes or seconds, or for nodelay also on/off.
func parseOptionValue(name, value string) (int, bool) {
	if name == "nodelay" {
		switch value {
		case "on":
			return 1, true
		case "off":
			return 0, true
		}
	}
	v, err := strconv.Atoi(value)
	return v, err == nil
}

func (o options) copy() options {
	c := options{}
	for k, v := range o {
		c[k] = v
	}
	return c
}

func (o options) with(more options) options {
	c := o.copy()
	for k, v := range more {
		c[k] = v
	}
	return c
}

func (o options) applyTo(ep tcpip.Endpoint) {
	for name, v := range o {
		applyOption(ep, name, v)
	}
}

// applyOption sets one option as gVisor's socket layer does for setsockopt(2): a buffer size is
// clamped to the stack's limits and doubled for the stack's overhead (as Linux doubles it), the
// delay option is the inverse of TCP_NODELAY, and a linger time is whole seconds (negative:
// off). With linger on and 0 s, the endpoint's close resets the connection.
func applyOption(ep tcpip.Endpoint, name string, v int) {
	so := ep.SocketOptions()
	switch name {
	case "rcvbuf":
		min, max := so.ReceiveBufferLimits()
		so.SetReceiveBufferSize(socketBufferSize(int64(v), min, max), true)
	case "sndbuf":
		min, max := so.SendBufferLimits()
		so.SetSendBufferSize(socketBufferSize(int64(v), min, max), true)
	case "nodelay":
		so.SetDelayOption(v == 0)
	case "linger":
		if v < 0 {
			so.SetLinger(tcpip.LingerOption{})
		} else {
			so.SetLinger(tcpip.LingerOption{Enabled: true, Timeout: time.Duration(v) * time.Second})
		}
	}
}

// socketBufferSize is the buffer a setsockopt(2) of v gives: at most max, doubled, at least min.
func socketBufferSize(v, min, max int64) int64 {
	if v < 0 {
		v = 0
	}
	if v > max {
		v = max
	}
	if v >= math.MaxInt32/2 {
		return math.MaxInt32
	}
	v *= 2
	if v < min {
		v = min
	}
	return v
}
