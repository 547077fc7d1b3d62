package main

import (
	"fmt"
	"net"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"
)

// events is what an agent waits for on an endpoint: anything that can change the answer.
const events = waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventErr

// watch is a registration on an endpoint's wait queue. Its channel holds at most one pending
// wake-up, so an event between a check and the wait is never lost.
type watch struct {
	queue *waiter.Queue
	entry waiter.Entry
	woken chan struct{}
}

func newWatch(q *waiter.Queue) *watch {
	w := &watch{queue: q}
	w.entry, w.woken = waiter.NewChannelEntry(events)
	q.EventRegister(&w.entry)
	return w
}

// wait returns after an event, or false once deadline has passed.
func (w *watch) wait(deadline time.Time) bool {
	left := time.Until(deadline)
	if left <= 0 {
		return false
	}
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case <-w.woken:
		return true
	case <-t.C:
		return false
	}
}

func (w *watch) stop() {
	w.queue.EventUnregister(&w.entry)
}

// conn is one connection of the application, accepted or opened.
type conn struct {
	ep    tcpip.Endpoint
	watch *watch
	// failure is how the connect ended, once await has seen it fail (the endpoint's LastError
	// clears on reading).
	failure tcpip.Error
	// local is the connection's own address, once it was connected.
	local *tcpip.FullAddress
}

// listener is one listening endpoint with the options the application set on it.
type listener struct {
	addr    tcpip.FullAddress
	backlog int
	opts    options
	ep      tcpip.Endpoint
	watch   *watch
}

type agent struct {
	stack *stack.Stack
	// proto is the network protocol of the stack's address (IPv4 or IPv6), which every endpoint
	// is made with.
	proto        tcpip.NetworkProtocolNumber
	conns        map[string]*conn
	listeners    map[string]*listener
	nextConn     int
	nextListener int
	// defaults are the options of `setopt *`, for every connection accepted or opened later.
	defaults options
}

func newAgent(s *stack.Stack, proto tcpip.NetworkProtocolNumber) *agent {
	return &agent{stack: s, proto: proto, conns: map[string]*conn{}, listeners: map[string]*listener{},
		nextConn: 1, nextListener: 1, defaults: options{}}
}

func (a *agent) newEndpoint() (tcpip.Endpoint, *waiter.Queue, tcpip.Error) {
	q := &waiter.Queue{}
	ep, e := a.stack.NewEndpoint(tcp.ProtocolNumber, a.proto, q)
	if e != nil {
		return nil, nil, e
	}
	// A stream socket of gVisor's starts with Nagle on (the sentry sets the delay option on
	// every new one); the bare endpoint starts with it off.
	ep.SocketOptions().SetDelayOption(true)
	return ep, q, nil
}

func (a *agent) addConn(ep tcpip.Endpoint, q *waiter.Queue) string {
	id := "c" + strconv.Itoa(a.nextConn)
	a.nextConn++
	a.conns[id] = &conn{ep: ep, watch: newWatch(q)}
	return id
}

// openListener makes l's endpoint: the options set before bind and listen, as an application
// sets SO_RCVBUF before listen(2) for the accepted connections' first window to reflect it.
func (a *agent) openListener(l *listener) tcpip.Error {
	ep, q, e := a.newEndpoint()
	if e != nil {
		return e
	}
	ep.SocketOptions().SetReuseAddress(true)
	l.opts.applyTo(ep)
	if e := ep.Bind(l.addr); e != nil {
		ep.Close()
		return e
	}
	if e := ep.Listen(l.backlog); e != nil {
		ep.Close()
		return e
	}
	l.ep = ep
	l.watch = newWatch(q)
	return nil
}

func (l *listener) close() string {
	l.watch.stop()
	return closeEndpoint(l.ep)
}

// release lets connection id go: it is forgotten first, then its endpoint closed, so that an
// endpoint the stack failed to close is never touched again. It returns what went wrong, if
// anything.
func (a *agent) release(id string, c *conn) string {
	delete(a.conns, id)
	c.watch.stop()
	return closeEndpoint(c.ep)
}

// closeEndpoint closes ep. A panic of the stack in Close (a bug of the stack, not of the
// request) is caught and described: the endpoint is left as it is, its lock possibly held, and
// the agent carries on with the others.
func closeEndpoint(ep tcpip.Endpoint) (failure string) {
	defer func() {
		if r := recover(); r != nil {
			failure, _ = describePanic(r)
		}
	}()
	ep.Close()
	return ""
}

// describePanic describes a panic by its message and, if it came from the stack, the innermost
// netstack function it went through (inStack); the whole trace goes to stderr.
func describePanic(r interface{}) (description string, inStack bool) {
	trace := string(debug.Stack())
	fmt.Fprintf(os.Stderr, "gvisor-agent: panic: %v\n%s", r, trace)
	where := ""
	lines := strings.Split(trace, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "gvisor.dev/gvisor/pkg/tcpip/") && i+1 < len(lines) {
			where = strings.TrimPrefix(l, "gvisor.dev/gvisor/pkg/tcpip/")
			if k := strings.LastIndex(where, "("); k > 0 {
				where = where[:k]
			}
			file := strings.Fields(strings.TrimSpace(lines[i+1]))
			if len(file) > 0 {
				where += " at " + file[0][strings.LastIndex(file[0], "/")+1:]
			}
			break
		}
	}
	if where == "" {
		return oneLine(fmt.Sprintf("%v", r)), false
	}
	return oneLine(fmt.Sprintf("gVisor's netstack panicked in %s: %v", where, r)), true
}

// connState sorts a TCP endpoint state into what the protocol's status reports.
func connState(ep tcpip.Endpoint) string {
	switch tcp.EndpointState(ep.State()) {
	case tcp.StateInitial, tcp.StateBound, tcp.StateConnecting, tcp.StateSynSent,
		tcp.StateSynRecv:
		return "connecting"
	case tcp.StateEstablished, tcp.StateFinWait1, tcp.StateFinWait2, tcp.StateTimeWait,
		tcp.StateCloseWait, tcp.StateLastAck, tcp.StateClosing:
		return "connected"
	default:
		return "unconnected"
	}
}

// word is the protocol's error word for an error of the stack.
func word(e tcpip.Error) string {
	switch e.(type) {
	case *tcpip.ErrConnectionRefused:
		return "refused"
	case *tcpip.ErrConnectionReset, *tcpip.ErrConnectionAborted, *tcpip.ErrClosedForSend:
		return "reset"
	case *tcpip.ErrClosedForReceive:
		return "eof"
	case *tcpip.ErrTimeout:
		return "timedout"
	case *tcpip.ErrHostUnreachable, *tcpip.ErrNetworkUnreachable:
		return "unreachable"
	case *tcpip.ErrPortInUse, *tcpip.ErrNoPortAvailable:
		return "inuse"
	default:
		return "socket"
	}
}

func failed(e tcpip.Error) string {
	return oneLine("err " + word(e) + " " + e.String())
}

func ipString(addr tcpip.Address) string {
	return net.IP([]byte(addr)).String()
}

// closeAll closes every connection and listener as the application would (between tests): a
// connect in SYN-SENT stops, a connection with unread data is reset, others send their FIN.
func (a *agent) closeAll() {
	for _, id := range sortedKeys(a.listeners) {
		a.listeners[id].close()
	}
	a.listeners = map[string]*listener{}
	for _, id := range sortedKeys(a.conns) {
		a.release(id, a.conns[id])
	}
}

// resetAll ends the application as a killed process's sockets end: every connection reset.
func (a *agent) resetAll() {
	for _, c := range a.conns {
		c.ep.SocketOptions().SetLinger(tcpip.LingerOption{Enabled: true})
	}
	a.closeAll()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (a *agent) conn(id string) (*conn, string) {
	c, ok := a.conns[id]
	if !ok {
		return nil, fmt.Sprintf("err usage no connection %s", id)
	}
	return c, ""
}
