package dev.tcpconform.suites.states;

import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Timestamps;
import java.util.function.Function;

/**
 * The kinds of incoming segment the oracle has an answer for, each built from the target's current
 * numbers. A class whose sequence number is left unset is "in line": the peer sends it at its
 * SND.NXT (the target's RCV.NXT) and counts it as sent. The others set their numbers, so the
 * peer's state stays where it was.
 */
public enum SegmentClass {
  SYN_AT_RCV_NXT("a SYN at RCV.NXT", v -> seg(SYN).seq(v.rcvNxt())),
  SYN_LEFT_OF_WINDOW("a SYN at RCV.NXT-1 (in SYN-RECEIVED: the peer's SYN again)",
      v -> seg(SYN).seq(v.rcvNxt().minus(1))),
  SYN_ACK("a SYN,ACK at RCV.NXT", v -> seg(SYN, ACK).seq(v.rcvNxt()).ack(v.peerAck())),
  ACK_ACCEPTABLE("an acceptable ACK <SEQ=RCV.NXT><ACK=SND.NXT>",
      v -> seg(ACK).seq(v.rcvNxt()).ack(v.sndNxt())),
  ACK_TOO_NEW("an ACK of data never sent (SND.NXT+1000)",
      v -> seg(ACK).seq(v.rcvNxt()).ack(v.sndNxt().plus(1000))),
  ACK_TOO_OLD("an ACK older than SND.UNA-MAX.SND.WND",
      v -> seg(ACK).seq(v.rcvNxt()).ack(v.sndUna().minus(70_000))),
  RST_AT_RCV_NXT("a RST at RCV.NXT", v -> seg(RST).seq(v.rcvNxt())),
  RST_ACK_AT_RCV_NXT("a RST,ACK at RCV.NXT", v -> seg(RST, ACK).seq(v.rcvNxt()).ack(v.peerAck())),
  RST_IN_WINDOW("a RST in the window at RCV.NXT+1", v -> seg(RST).seq(v.rcvNxt().plus(1))),
  RST_LEFT_OF_WINDOW("a RST left of the window at RCV.NXT-1", v -> seg(RST).seq(v.rcvNxt().minus(1))),
  RST_RIGHT_OF_WINDOW("a RST right of the window at RCV.NXT+RCV.WND",
      v -> seg(RST).seq(v.rcvNxt().plus(v.rcvWnd()))),
  RST_FAR_RIGHT_OF_WINDOW("a RST far right of the window at RCV.NXT+RCV.WND+1000",
      v -> seg(RST).seq(v.rcvNxt().plus(v.rcvWnd() + 1000L))),
  DATA_IN_WINDOW("10 bytes at RCV.NXT",
      v -> seg(PSH, ACK).ack(v.peerAck()).payload(Data.TEN_BYTES)),
  DATA_LEFT_OF_WINDOW("10 old bytes ending at RCV.NXT",
      v -> seg(PSH, ACK).seq(v.rcvNxt().minus(10)).ack(v.peerAck()).payload(Data.TEN_BYTES)),
  DATA_RIGHT_OF_WINDOW("10 bytes right of the window at RCV.NXT+RCV.WND",
      v -> seg(PSH, ACK).seq(v.rcvNxt().plus(v.rcvWnd())).ack(v.peerAck())
          .payload(Data.TEN_BYTES)),
  DATA_FAR_RIGHT_OF_WINDOW("10 bytes far right of the window at RCV.NXT+RCV.WND+1000",
      v -> seg(PSH, ACK).seq(v.rcvNxt().plus(v.rcvWnd() + 1000L)).ack(v.peerAck())
          .payload(Data.TEN_BYTES)),
  FIN("a FIN at RCV.NXT", v -> seg(TcpFlag.FIN, ACK).ack(v.peerAck())),
  FIN_RETRANSMITTED("the peer's FIN again (at RCV.NXT-1)",
      v -> seg(TcpFlag.FIN, ACK).seq(v.rcvNxt().minus(1)).ack(v.peerAck())),
  FIN_WITH_DATA("a FIN with 10 bytes at RCV.NXT",
      v -> seg(TcpFlag.FIN, PSH, ACK).ack(v.peerAck()).payload(Data.TEN_BYTES)),
  DATA_WITHOUT_ACK("10 bytes at RCV.NXT without ACK",
      v -> seg(PSH).seq(v.rcvNxt()).payload(Data.TEN_BYTES)),
  DATA_WITH_BAD_CHECKSUM("10 bytes at RCV.NXT with a wrong checksum",
      v -> seg(PSH, ACK).ack(v.peerAck()).payload(Data.TEN_BYTES).badChecksum()),
  /** PAWS (RFC 7323 5.3): in the window, but with a TSval older than TS.Recent. */
  DATA_WITH_OLD_TIMESTAMP("10 bytes at RCV.NXT with a TSval older than TS.Recent",
      v -> seg(PSH, ACK).seq(v.rcvNxt()).ack(v.peerAck()).payload(Data.TEN_BYTES)
          .option(new Timestamps(v.tsRecent() - 1000, v.tsEcr()))),
  /** RFC 7323 5.2: a RST is exempt from PAWS. */
  RST_WITH_OLD_TIMESTAMP("a RST at RCV.NXT with a TSval older than TS.Recent",
      v -> seg(RST).seq(v.rcvNxt()).option(new Timestamps(v.tsRecent() - 1000, 0)));

  /** The payload of every data-bearing class. */
  public static final String DATA = Data.TEN_BYTES;

  private static final class Data {
    static final String TEN_BYTES = "0123456789";
  }

  private final String description;
  private final Function<TargetView, Segment.Builder> builder;

  SegmentClass(String description, Function<TargetView, Segment.Builder> builder) {
    this.description = description;
    this.builder = builder;
  }

  /** How the class reads where there is no connection (LISTEN, CLOSED): no RCV.NXT to name. */
  public String description(TcpState state) {
    if (state.hasConnection()) {
      return description;
    }
    return switch (this) {
      case SYN_AT_RCV_NXT -> "a SYN";
      case SYN_ACK -> "a SYN,ACK";
      case ACK_ACCEPTABLE -> "an ACK";
      case RST_AT_RCV_NXT -> "a RST";
      case RST_ACK_AT_RCV_NXT -> "a RST,ACK";
      case DATA_IN_WINDOW -> "10 bytes with ACK";
      case FIN -> "a FIN,ACK";
      case DATA_WITHOUT_ACK -> "10 bytes without ACK";
      case DATA_WITH_BAD_CHECKSUM -> "10 bytes with ACK and a wrong checksum";
      default -> description;
    };
  }

  private static Segment.Builder seg(TcpFlag... flags) {
    return Segment.builder().flags(flags);
  }

  public Segment.Builder build(TargetView v) {
    return builder.apply(v);
  }

  public String description() {
    return description;
  }

  /** A class that only exists where timestamps were agreed. */
  public boolean needsTimestamps() {
    return this == DATA_WITH_OLD_TIMESTAMP || this == RST_WITH_OLD_TIMESTAMP;
  }
}
