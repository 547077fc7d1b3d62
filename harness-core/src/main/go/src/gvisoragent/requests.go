package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/waiter"
)

// sendWait bounds how long a send waits for room in the send buffer.
const sendWait = 5 * time.Second

const defaultBacklog = 16

func number(s string, min, max int) (int, bool) {
	v, err := strconv.Atoi(s)
	return v, err == nil && v >= min && v <= max
}

func millis(s string) (time.Duration, bool) {
	v, ok := number(s, 0, 1<<31-1)
	return time.Duration(v) * time.Millisecond, ok
}

// parseIP reads an IPv4 address (4 octets) or an IPv6 one (16), and says which protocol it is of.
func parseIP(s string) (tcpip.Address, tcpip.NetworkProtocolNumber, bool) {
	ip := net.ParseIP(s)
	if ip == nil {
		return "", 0, false
	}
	if v4 := ip.To4(); v4 != nil && !strings.Contains(s, ":") {
		return tcpip.Address(v4), ipv4.ProtocolNumber, true
	}
	return tcpip.Address(ip.To16()), ipv6.ProtocolNumber, true
}

// parseOwnIP reads an address of the stack's own version: another is not one the application can
// name (the stack has no address of that version, and no route).
func (a *agent) parseOwnIP(s string) (tcpip.Address, bool) {
	ip, proto, ok := parseIP(s)
	return ip, ok && proto == a.proto
}

// listen <port> [<backlog>] [<address>]
func (a *agent) listen(args []string) string {
	const form = "err usage listen <port> [<backlog>] [<address>]"
	if len(args) < 2 || len(args) > 4 {
		return form
	}
	port, ok := number(args[1], 1, 65535)
	backlog := defaultBacklog
	if ok && len(args) > 2 {
		backlog, ok = number(args[2], 0, 1<<16)
	}
	var addr tcpip.Address
	if ok && len(args) > 3 {
		addr, ok = a.parseOwnIP(args[3])
	}
	if !ok {
		return form
	}
	l := &listener{addr: tcpip.FullAddress{Addr: addr, Port: uint16(port)}, backlog: backlog,
		opts: a.defaults.copy()}
	if e := a.openListener(l); e != nil {
		return failed(e)
	}
	id := "l" + strconv.Itoa(a.nextListener)
	a.nextListener++
	a.listeners[id] = l
	return "ok " + id
}

// accept <lid> <timeout>
func (a *agent) accept(args []string) string {
	if len(args) != 3 {
		return "err usage accept <lid> <timeout>"
	}
	l, ok := a.listeners[args[1]]
	timeout, tok := millis(args[2])
	if !ok || !tok {
		return "err usage accept <lid> <timeout>"
	}
	deadline := time.Now().Add(timeout)
	for {
		var peer tcpip.FullAddress
		ep, q, e := l.ep.Accept(&peer)
		if e == nil {
			// a stream socket's start (Nagle on), the listener's options, then those set for
			// every connection since
			ep.SocketOptions().SetDelayOption(true)
			l.opts.with(a.defaults).applyTo(ep)
			id := a.addConn(ep, q)
			local, _ := ep.GetLocalAddress()
			a.conns[id].local = &local
			return fmt.Sprintf("ok %s %s %d", id, ipString(peer.Addr), peer.Port)
		}
		if _, would := e.(*tcpip.ErrWouldBlock); !would {
			return failed(e)
		}
		if !l.watch.wait(deadline) {
			return fmt.Sprintf("err timeout no connection within %d ms", timeout.Milliseconds())
		}
	}
}

// connect <ip> <port> [<local port>]: starts the handshake and answers at once.
func (a *agent) connect(args []string) string {
	const form = "err usage connect <ip> <port> [<local port>]"
	if len(args) < 3 || len(args) > 4 {
		return form
	}
	ip, ok := a.parseOwnIP(args[1])
	port, pok := number(args[2], 1, 65535)
	localPort := 0
	lok := true
	if len(args) > 3 {
		localPort, lok = number(args[3], 1, 65535)
	}
	if !ok || !pok || !lok {
		return form
	}
	ep, q, e := a.newEndpoint()
	if e != nil {
		return failed(e)
	}
	a.defaults.applyTo(ep)
	if localPort > 0 {
		ep.SocketOptions().SetReuseAddress(true)
		if e := ep.Bind(tcpip.FullAddress{Port: uint16(localPort)}); e != nil {
			ep.Close()
			return failed(e)
		}
	}
	id := a.addConn(ep, q)
	e = ep.Connect(tcpip.FullAddress{Addr: ip, Port: uint16(port)})
	switch e.(type) {
	case nil, *tcpip.ErrConnectStarted:
		return "ok " + id
	default:
		a.conns[id].watch.stop()
		delete(a.conns, id)
		ep.Close()
		return failed(e)
	}
}

// await <cid> <timeout>: the outcome of a connect.
func (a *agent) await(args []string) string {
	if len(args) != 3 {
		return "err usage await <cid> <timeout>"
	}
	c, bad := a.conn(args[1])
	timeout, ok := millis(args[2])
	if c == nil || !ok {
		if bad == "" || !ok {
			bad = "err usage await <cid> <timeout>"
		}
		return bad
	}
	deadline := time.Now().Add(timeout)
	for {
		if c.failure != nil {
			return failed(c.failure)
		}
		switch connState(c.ep) {
		case "connected":
			if c.local == nil {
				local, _ := c.ep.GetLocalAddress()
				c.local = &local
			}
			return fmt.Sprintf("ok connected %s %d", ipString(c.local.Addr), c.local.Port)
		case "unconnected":
			if c.local != nil { // it was connected: the connect succeeded
				return fmt.Sprintf("ok connected %s %d", ipString(c.local.Addr), c.local.Port)
			}
			if e := c.ep.LastError(); e != nil {
				c.failure = e
				continue
			}
			return "err io the connection is closed"
		}
		if !c.watch.wait(deadline) {
			return fmt.Sprintf("err timeout still connecting after %d ms", timeout.Milliseconds())
		}
	}
}

// send <cid> <hex>: into the endpoint's send buffer, waiting up to sendWait for room.
func (a *agent) send(args []string) string {
	if len(args) != 3 {
		return "err usage send <cid> <hex>"
	}
	c, bad := a.conn(args[1])
	if c == nil {
		return bad
	}
	data, err := hex.DecodeString(args[2])
	if err != nil {
		return "err usage send <cid> <hex>: not hex"
	}
	deadline := time.Now().Add(sendWait)
	written := 0
	for written < len(data) {
		n, e := c.ep.Write(bytes.NewReader(data[written:]), tcpip.WriteOptions{})
		written += int(n)
		if e == nil {
			continue
		}
		if _, would := e.(*tcpip.ErrWouldBlock); !would {
			if written == 0 {
				return failed(e)
			}
			break
		}
		if !c.watch.wait(deadline) {
			break
		}
	}
	if written < len(data) {
		return fmt.Sprintf("ok %d partial", written)
	}
	return fmt.Sprintf("ok %d", written)
}

// recv <cid> <max> <timeout>: what the endpoint holds, up to max, once there is some.
func (a *agent) recv(args []string) string {
	const form = "err usage recv <cid> <max> <timeout>"
	if len(args) != 4 {
		return form
	}
	c, bad := a.conn(args[1])
	max, mok := number(args[2], 1, 1<<30)
	timeout, tok := millis(args[3])
	if c == nil {
		return bad
	}
	if !mok || !tok {
		return form
	}
	deadline := time.Now().Add(timeout)
	for {
		var got bytes.Buffer
		res, e := c.ep.Read(&tcpip.LimitedWriter{W: &got, N: int64(max)}, tcpip.ReadOptions{})
		if e == nil && res.Count > 0 {
			// the socket layer lets the stack tune its buffer after every read
			c.ep.ModerateRecvBuf(res.Count)
			return "ok " + hex.EncodeToString(got.Bytes())
		}
		switch e.(type) {
		case nil, *tcpip.ErrWouldBlock:
		case *tcpip.ErrClosedForReceive:
			return "err eof the peer closed its side"
		default:
			return failed(e)
		}
		if !c.watch.wait(deadline) {
			return fmt.Sprintf("err timeout nothing to read within %d ms", timeout.Milliseconds())
		}
	}
}

// shutdown <cid> rd|wr|rdwr
func (a *agent) shutdown(args []string) string {
	const form = "err usage shutdown <cid> rd|wr|rdwr"
	if len(args) != 3 {
		return form
	}
	c, bad := a.conn(args[1])
	if c == nil {
		return bad
	}
	var how tcpip.ShutdownFlags
	switch args[2] {
	case "rd":
		how = tcpip.ShutdownRead
	case "wr":
		how = tcpip.ShutdownWrite
	case "rdwr":
		how = tcpip.ShutdownRead | tcpip.ShutdownWrite
	default:
		return form
	}
	if e := c.ep.Shutdown(how); e != nil {
		return failed(e)
	}
	return "ok"
}

// close <id>: a connection's ordinary close (FIN after what is queued; a reset if data is left
// unread, or with linger 0), or a listener's end (connections not yet accepted are reset).
func (a *agent) close(args []string) string {
	if len(args) != 2 {
		return "err usage close <id>"
	}
	if l, ok := a.listeners[args[1]]; ok {
		delete(a.listeners, args[1])
		if e := l.close(); e != "" {
			return "err io " + e
		}
		return "ok"
	}
	c, bad := a.conn(args[1])
	if c == nil {
		return bad
	}
	if e := a.release(args[1], c); e != "" {
		return "err crashed " + e
	}
	return "ok"
}

// abort <cid>: SO_LINGER on with 0 s, then close: the stack resets the connection.
func (a *agent) abort(args []string) string {
	if len(args) != 2 {
		return "err usage abort <cid>"
	}
	c, bad := a.conn(args[1])
	if c == nil {
		return bad
	}
	c.ep.SocketOptions().SetLinger(tcpip.LingerOption{Enabled: true})
	if e := a.release(args[1], c); e != "" {
		return "err crashed " + e
	}
	return "ok"
}

// setopt <id>|* rcvbuf|sndbuf|nodelay|linger <value>
func (a *agent) setopt(args []string) string {
	const form = "err usage setopt <id>|* rcvbuf|sndbuf|nodelay|linger <value>"
	if len(args) != 4 || !knownOption(args[2]) {
		return form
	}
	name := args[2]
	v, ok := parseOptionValue(name, args[3])
	if !ok {
		return form + ": bad value " + args[3]
	}
	id := args[1]
	if id == "*" {
		a.defaults[name] = v
		return "ok"
	}
	if l, ok := a.listeners[id]; ok {
		l.opts[name] = v
		if name == "rcvbuf" && l.ep.Readiness(waiter.ReadableEvents) == 0 {
			// The stack fixes the window of the connections a listener accepts when it starts
			// listening: listen again with the buffer set first (nobody is waiting to be
			// accepted, so nobody is lost).
			if e := l.close(); e != "" {
				delete(a.listeners, id)
				return "err io " + e
			}
			if e := a.openListener(l); e != nil {
				delete(a.listeners, id)
				return failed(e)
			}
			return "ok"
		}
		applyOption(l.ep, name, v)
		return "ok"
	}
	c, bad := a.conn(id)
	if c == nil {
		if strings.HasPrefix(id, "l") {
			return fmt.Sprintf("err usage no listener %s", id)
		}
		return bad
	}
	applyOption(c.ep, name, v)
	return "ok"
}

// status <cid>
func (a *agent) status(args []string) string {
	if len(args) != 2 {
		return "err usage status <cid>"
	}
	c, bad := a.conn(args[1])
	if c == nil {
		return bad
	}
	if c.failure != nil {
		return "ok unconnected"
	}
	return "ok " + connState(c.ep)
}
