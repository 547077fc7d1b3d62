// Command gvisoragent is the tcpconform agent for gVisor's netstack: the stack on a TAP device of
// the harness, driven through the agent protocol (docs/agent-protocol.md) on stdin and stdout.
//
//	gvisor-agent TAP ADDRESS PREFIX MAC
//
// The TAP device must exist (the harness creates it). The process is the stack: it owns ADDRESS
// (IPv4, or IPv6 with no duplicate address detection, router solicitation or MLD) and MAC on the
// device, answers ARP or Neighbor Solicitations, and its "application" is the set of tcpip.Endpoints the
// requests make. Each endpoint behaves as a gVisor stream socket does (the sentry's socket layer
// over the same endpoints): Nagle on unless nodelay is set, SO_RCVBUF and SO_SNDBUF clamped to the
// stack's limits and doubled, SO_LINGER 0 turning close into a reset. Received data stays in the
// endpoint until the harness reads it (recv), so the window closes when nobody reads, as a
// socket's does.
//
// Requests are served one at a time, in order, on the main goroutine; every wait is bounded by
// the request's own timeout. End of stdin, or quit, resets every connection and exits.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// gvisorVersion is the version of the gVisor sources the agent was built from, set by the build
// (-ldflags "-X main.gvisorVersion=..."), e.g. Debian's 0.0~20221219.0-2.
var gvisorVersion = "unknown"

const protocolVersion = 1

// maxLine bounds one request line: a send of a few MB is twice that in hex.
const maxLine = 64 << 20

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: gvisor-agent TAP ADDRESS PREFIX MAC")
		os.Exit(2)
	}
	prefix, err := strconv.Atoi(os.Args[3])
	if err != nil {
		fmt.Fprintf(os.Stderr, "gvisor-agent: bad prefix length %q (expected: a number)\n",
			os.Args[3])
		os.Exit(2)
	}
	s, proto, err := newTapStack(os.Args[1], os.Args[2], prefix, os.Args[4])
	if err != nil {
		fmt.Fprintf(os.Stderr, "gvisor-agent: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gvisor-agent: %s on %s, %s\n", os.Args[2], os.Args[1], describeStack(s))
	a := newAgent(s, proto)
	out := bufio.NewWriter(os.Stdout)
	say := func(line string) {
		out.WriteString(line)
		out.WriteByte('\n')
		out.Flush()
	}
	say(fmt.Sprintf("ready gvisor %s agent %d", gvisorVersion, protocolVersion))

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<10), maxLine)
	for in.Scan() {
		reply := a.serve(strings.Fields(in.Text()))
		say(reply)
		if reply == "ok bye" {
			break
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "gvisor-agent: reading requests: %v\n", err)
	}
	a.resetAll()
}

// serve answers one request with exactly one line; a panic in a handler is a bug of the agent
// (err internal) or, when it came from inside the netstack, of the stack under test (err crashed),
// answered as such rather than ending the process.
func (a *agent) serve(args []string) (reply string) {
	defer func() {
		if r := recover(); r != nil {
			if what, inStack := describePanic(r); inStack {
				reply = "err crashed " + what
			} else {
				reply = "err internal " + what
			}
		}
	}()
	if len(args) == 0 {
		return "err usage empty request"
	}
	switch args[0] {
	case "listen":
		return a.listen(args)
	case "accept":
		return a.accept(args)
	case "connect":
		return a.connect(args)
	case "await":
		return a.await(args)
	case "send":
		return a.send(args)
	case "recv":
		return a.recv(args)
	case "shutdown":
		return a.shutdown(args)
	case "close":
		return a.close(args)
	case "abort":
		return a.abort(args)
	case "setopt":
		return a.setopt(args)
	case "status":
		return a.status(args)
	case "closeall":
		a.closeAll()
		return "ok"
	case "quit":
		return "ok bye"
	default:
		return "err usage unknown request " + args[0]
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
