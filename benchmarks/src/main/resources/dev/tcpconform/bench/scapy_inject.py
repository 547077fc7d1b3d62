"""The Scapy side of tcpconform's injection benchmark (run by InjectionBenchmark).

Sends the benchmark's SYN on one interface for a fixed time in three ways and prints, for each,
"<mode> <frames> <seconds>":
  craft_send  each SYN crafted (Ether/IP/TCP with five options) and sent on one layer-2 socket
  sendp_list  sendp() of a list of 64 packets crafted in advance (serialized as it sends)
  raw_send    bytes serialized in advance, sent on one layer-2 socket
"""
import sys
import time

from scapy.all import IP, TCP, Ether, conf, raw, sendp
import scapy

IFACE = sys.argv[1]
SECONDS = float(sys.argv[2])
SRC_MAC, DST_MAC, SRC, DST = sys.argv[3:7]
SPORT, DPORT = int(sys.argv[7]), int(sys.argv[8])
OPTIONS = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)]
WARMUP = 1.0


def syn(seq):
    return (Ether(src=SRC_MAC, dst=DST_MAC)
            / IP(src=SRC, dst=DST)
            / TCP(sport=SPORT, dport=DPORT, flags="S", seq=seq & 0xFFFFFFFF, window=65535,
                  options=OPTIONS))


def timed(step):
    """Frames and seconds of repeated step() calls (each returns frames sent) after a warm-up."""
    end = time.perf_counter() + WARMUP
    while time.perf_counter() < end:
        step()
    frames = 0
    start = time.perf_counter()
    end = start + SECONDS
    while True:
        frames += step()
        now = time.perf_counter()
        if now >= end:
            return frames, now - start


def main():
    assert len(raw(syn(0))) == 74, "the SYN must be the harness's 74-byte frame"
    print("version", scapy.VERSION, flush=True)
    sock = conf.L2socket(iface=IFACE)
    try:
        counter = [0]

        def craft_send():
            for _ in range(64):
                sock.send(syn(counter[0]))
                counter[0] += 1
            return 64

        frames, seconds = timed(craft_send)
        print("craft_send", frames, seconds, flush=True)

        prepared = [syn(i) for i in range(64)]

        def sendp_list():
            sendp(prepared, iface=IFACE, verbose=False)
            return len(prepared)

        frames, seconds = timed(sendp_list)
        print("sendp_list", frames, seconds, flush=True)

        serialized = [raw(syn(i)) for i in range(256)]

        def raw_send():
            for i in range(256):
                sock.send(serialized[i])
            return 256

        frames, seconds = timed(raw_send)
        print("raw_send", frames, seconds, flush=True)
    finally:
        sock.close()


main()
