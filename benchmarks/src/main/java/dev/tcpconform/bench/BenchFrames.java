package dev.tcpconform.bench;

import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;

import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.codec.FrameEncoder;

/**
 * The frames every benchmark sends, the same for the harness, plain libpcap and Scapy: a 74-byte
 * SYN {@code S seq:seq(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>} (the options
 * Linux puts on its own SYNs) from 198.18.254.1:40000 to 198.18.254.2:9, and a PSH,ACK with 1000
 * bytes of data. The destination MAC belongs to no interface, so whatever receives the frame
 * drops it at layer 2; only a promiscuous capture sees it.
 */
final class BenchFrames {

  static final String PEER = "198.18.254.1";
  static final String TARGET = "198.18.254.2";
  static final String PEER_MAC = "02:74:63:fe:00:01";
  static final String TARGET_MAC = "02:74:63:fe:00:02";
  static final int PEER_PORT = 40000;
  static final int TARGET_PORT = 9;

  private static final Ipv4Address PEER_IP = Ipv4Address.parse(PEER);
  private static final Ipv4Address TARGET_IP = Ipv4Address.parse(TARGET);
  private static final MacAddress PEER_ETHER = MacAddress.parse(PEER_MAC);
  private static final MacAddress TARGET_ETHER = MacAddress.parse(TARGET_MAC);
  private static final byte[] DATA = new byte[1000];

  private BenchFrames() {}

  /** The SYN with SEG.SEQ = {@code seq} (taken mod 2^32), built from scratch. */
  static Segment syn(long seq) {
    return Segments.syn()
        .srcMac(PEER_ETHER)
        .dstMac(TARGET_ETHER)
        .src(PEER_IP)
        .dst(TARGET_IP)
        .srcPort(PEER_PORT)
        .dstPort(TARGET_PORT)
        .seq(seq & 0xFFFF_FFFFL)
        .window(65535)
        .option(mss(1460))
        .option(sackPermitted())
        .option(timestamps(1, 0))
        .option(nop())
        .option(wscale(7))
        .build();
  }

  /** A PSH,ACK carrying 1000 bytes, SEG.SEQ = {@code seq}, built from scratch. */
  static Segment data(long seq) {
    return Segments.data(DATA)
        .srcMac(PEER_ETHER)
        .dstMac(TARGET_ETHER)
        .src(PEER_IP)
        .dst(TARGET_IP)
        .srcPort(PEER_PORT)
        .dstPort(TARGET_PORT)
        .seq(seq & 0xFFFF_FFFFL)
        .ack(1)
        .window(65535)
        .build();
  }

  /** {@code count} SYNs, serialized in advance (SEG.SEQ 0, 1, 2...), for the plain sends. */
  static byte[][] preparedSyns(int count) {
    byte[][] frames = new byte[count][];
    for (int i = 0; i < count; i++) {
      frames[i] = FrameEncoder.encode(syn(i));
    }
    return frames;
  }
}
