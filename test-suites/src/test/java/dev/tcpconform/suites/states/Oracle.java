package dev.tcpconform.suites.states;

import static dev.tcpconform.suites.states.Answer.After.ACCEPTED;
import static dev.tcpconform.suites.states.Answer.After.ALIVE;
import static dev.tcpconform.suites.states.Answer.After.BACK_TO_LISTEN;
import static dev.tcpconform.suites.states.Answer.After.CLOSED_NOW;
import static dev.tcpconform.suites.states.Answer.After.CONNECTED;
import static dev.tcpconform.suites.states.Answer.After.HALF_OPEN;
import static dev.tcpconform.suites.states.Answer.After.REFUSED;
import static dev.tcpconform.suites.states.Answer.After.SIMULTANEOUS_OPEN;
import static dev.tcpconform.suites.states.Answer.After.STILL_CONNECTING;
import static dev.tcpconform.suites.states.Answer.After.LISTENING;
import static dev.tcpconform.suites.states.Answer.After.NO_CONNECTION;
import static dev.tcpconform.suites.states.Answer.After.PEER_CLOSED;
import static dev.tcpconform.suites.states.Answer.After.RESET;
import static dev.tcpconform.suites.states.Answer.After.TIME_WAIT_HOLDS;
import static dev.tcpconform.suites.states.Answer.Reply.ACK_CURRENT;
import static dev.tcpconform.suites.states.Answer.Reply.ACK_OF_SEGMENT;
import static dev.tcpconform.suites.states.Answer.Reply.NOTHING;
import static dev.tcpconform.suites.states.Answer.Reply.RST_ACK_ZERO;
import static dev.tcpconform.suites.states.Answer.Reply.RST_AT_SEG_ACK;
import static dev.tcpconform.suites.states.Answer.Reply.SYN_ACK_AT_ISS;
import static dev.tcpconform.suites.states.Answer.Reply.SYN_ACK_OF_SYN;
import static dev.tcpconform.suites.states.SegmentClass.*;
import static dev.tcpconform.suites.states.TcpState.CLOSED;
import static dev.tcpconform.suites.states.TcpState.CLOSE_WAIT;
import static dev.tcpconform.suites.states.TcpState.CLOSING;
import static dev.tcpconform.suites.states.TcpState.FIN_WAIT_1;
import static dev.tcpconform.suites.states.TcpState.LAST_ACK;
import static dev.tcpconform.suites.states.TcpState.SYN_RECEIVED;
import static dev.tcpconform.suites.states.TcpState.SYN_RECEIVED_ACTIVE;
import static dev.tcpconform.suites.states.TcpState.SYN_SENT;
import static dev.tcpconform.suites.states.TcpState.ESTABLISHED;
import static dev.tcpconform.suites.states.TcpState.FIN_WAIT_2;
import static dev.tcpconform.suites.states.TcpState.LISTEN;
import static dev.tcpconform.suites.states.TcpState.TIME_WAIT;
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.suites.support.Level;
import dev.tcpconform.suites.support.RequirementLabels.Ref;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event-processing rules of RFC 9293 section 3.10.7.4 and RFC 5961, as one table: for a
 * segment class arriving in a state, the answers the target may give (more than one where the
 * RFCs allow it) and the requirements behind them. Adding a state or a class is a row here.
 */
public final class Oracle {

  /** One cell of the table. */
  public record Cell(List<Answer> answers, List<Ref> requirements) {}

  private static final Map<TcpState, Map<SegmentClass, Cell>> TABLE = new EnumMap<>(TcpState.class);

  /** The synchronized states where the target still has a connection to answer for. */
  private static final List<TcpState> SYNCHRONIZED =
      List.of(ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK);

  static {
    // CLOSED (3.10.7.1): a segment with ACK draws <SEQ=SEG.ACK><CTL=RST>, one without draws
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, a RST draws nothing
    row(CLOSED, SYN_AT_RCV_NXT, ref("9293/EP-CLOSED-1", "3.10.7.1", MUST_STAR))
        .answers(Answer.reply(RST_ACK_ZERO, NO_CONNECTION));
    row(CLOSED, DATA_WITHOUT_ACK, ref("9293/EP-CLOSED-1", "3.10.7.1", MUST_STAR))
        .answers(Answer.reply(RST_ACK_ZERO, NO_CONNECTION));
    for (SegmentClass withAck : List.of(SYN_ACK, ACK_ACCEPTABLE, DATA_IN_WINDOW, FIN)) {
      row(CLOSED, withAck, ref("9293/EP-CLOSED-2", "3.10.7.1", MUST_STAR))
          .answers(Answer.reply(RST_AT_SEG_ACK, NO_CONNECTION));
    }
    for (SegmentClass reset : List.of(RST_AT_RCV_NXT, RST_ACK_AT_RCV_NXT)) {
      row(CLOSED, reset, ref("9293/EP-CLOSED-3", "3.10.7.1", MUST_STAR))
          .answers(Answer.reply(NOTHING, NO_CONNECTION));
    }
    row(CLOSED, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
        .answers(Answer.reply(NOTHING, NO_CONNECTION));
    // LISTEN (3.10.7.2): a RST is ignored, an ACK draws <SEQ=SEG.ACK><CTL=RST>, a SYN a SYN-ACK,
    // anything else is dropped; the listener stays
    row(LISTEN, SYN_AT_RCV_NXT, ref("9293/EP-LISTEN-3", "3.10.7.2", MUST_STAR))
        .answers(Answer.reply(SYN_ACK_OF_SYN, LISTENING));
    for (SegmentClass reset : List.of(RST_AT_RCV_NXT, RST_ACK_AT_RCV_NXT)) {
      row(LISTEN, reset, ref("9293/EP-LISTEN-1", "3.10.7.2", MUST_STAR),
          ref("9293/EP-CLOSED-3", "3.10.7.1", MUST_STAR)).answers(Answer.reply(NOTHING, LISTENING));
    }
    for (SegmentClass withAck : List.of(SYN_ACK, ACK_ACCEPTABLE, DATA_IN_WINDOW, FIN)) {
      row(LISTEN, withAck, ref("9293/EP-LISTEN-2", "3.10.7.2", MUST_STAR))
          .answers(Answer.reply(RST_AT_SEG_ACK, LISTENING));
    }
    row(LISTEN, DATA_WITHOUT_ACK, ref("9293/EP-LISTEN-5", "3.10.7.2", MUST_STAR))
        .answers(Answer.reply(NOTHING, LISTENING));
    row(LISTEN, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
        .answers(Answer.reply(NOTHING, LISTENING));

    synchronizedRows();
    timeWaitRows();
    synSentRows();
    synReceivedRows(SYN_RECEIVED);
    synReceivedRows(SYN_RECEIVED_ACTIVE);
  }

  /** RFC 9293 3.10.7.4 and RFC 5961 in the synchronized states (TIME-WAIT apart). */
  private static void synchronizedRows() {
    for (TcpState s : SYNCHRONIZED) {
      boolean finReceived = s == CLOSE_WAIT || s == CLOSING || s == LAST_ACK;
      // RFC 5961 4.2: a SYN in a synchronized state, whatever its number, draws a challenge ACK
      for (SegmentClass syn : List.of(SYN_AT_RCV_NXT, SYN_LEFT_OF_WINDOW, SYN_ACK)) {
        row(s, syn, ref("5961/syn-challenge", "4.2", MUST)).answers(Answer.reply(ACK_CURRENT, ALIVE));
      }
      // RFC 5961 3.2: a RST exactly at RCV.NXT resets; in the window, a challenge ACK; outside,
      // nothing (RFC 9293 3.5.3: a RST is first validated by its sequence number). In CLOSING
      // and LAST-ACK an accepted RST simply closes (3.10.7.4, second: check the RST bit).
      Ref resetRule = s == CLOSING || s == LAST_ACK
          ? ref("9293/EP-RST-3", "3.10.7.4", MUST_STAR) : ref("9293/EP-RST-2", "3.10.7.4", MUST_STAR);
      for (SegmentClass rst : List.of(RST_AT_RCV_NXT, RST_ACK_AT_RCV_NXT)) {
        row(s, rst, ref("5961/rst-exact", "3.2", MUST), resetRule)
            .answers(Answer.reply(NOTHING, RESET));
      }
      row(s, RST_IN_WINDOW, ref("5961/rst-in-window-challenge", "3.2", MUST))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      // (RFC 5961 erratum 4845: "outside" is SEQ < RCV.NXT or SEQ >= RCV.NXT+RCV.WND)
      for (SegmentClass rst : List.of(RST_LEFT_OF_WINDOW, RST_RIGHT_OF_WINDOW, RST_FAR_RIGHT_OF_WINDOW)) {
        row(s, rst, ref("5961/rst-out-of-window", "3.2", SHOULD),
            ref("9293/EP-RST-1", "3.5.3", MUST_STAR)).answers(Answer.reply(NOTHING, ALIVE));
      }
      // acknowledgments (RFC 9293 3.10.7.4, fifth: check the ACK field)
      ackOfEverything(s);
      row(s, ACK_TOO_NEW, ref("9293/EP-ACK-1", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      // RFC 9293: a duplicate ACK can be ignored; RFC 5961 5.2 (MAY): or answered with an ACK
      row(s, ACK_TOO_OLD, ref("5961/ack-range", "5.2", MAY))
          .answers(Answer.reply(NOTHING, ALIVE), Answer.reply(ACK_CURRENT, ALIVE));
      // unacceptable segments draw an ACK (3.10.7.4, first: check sequence number)
      for (SegmentClass unacceptable : List.of(DATA_LEFT_OF_WINDOW, DATA_RIGHT_OF_WINDOW,
          DATA_FAR_RIGHT_OF_WINDOW)) {
        row(s, unacceptable, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR),
            ref("9293/EP-SEQ-2", "3.4", MUST_STAR)).answers(Answer.reply(ACK_CURRENT, ALIVE));
      }
      // segments to drop without a word
      row(s, DATA_WITHOUT_ACK, ref("9293/EP-SEQ-6", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, ALIVE));
      row(s, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
          .answers(Answer.reply(NOTHING, ALIVE));
      // PAWS (RFC 7323 5.3, R1): an old TSval makes a segment unacceptable: ACK and drop; a RST
      // is exempt (5.2). Only where timestamps were agreed.
      row(s, DATA_WITH_OLD_TIMESTAMP, ref("7323/paws", "5.3", MUST_STAR))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      row(s, RST_WITH_OLD_TIMESTAMP, ref("7323/paws-rst-exempt", "5.2", MUST),
          ref("5961/rst-exact", "3.2", MUST)).answers(Answer.reply(NOTHING, RESET));
      if (finReceived) {
        // the peer's FIN came: text after it "should not occur" and is ignored (3.10.7.4,
        // seventh); no reply is required, an ACK is allowed. The FIN again is a duplicate, left
        // of the window: it draws an ACK, and the state remains.
        row(s, DATA_IN_WINDOW, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR))
            .answers(Answer.reply(NOTHING, ALIVE), Answer.reply(ACK_CURRENT, ALIVE));
        row(s, FIN_RETRANSMITTED, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR))
            .answers(Answer.reply(ACK_CURRENT, ALIVE));
      } else {
        // the peer may still send: data is taken, a FIN ends the peer's stream
        row(s, DATA_IN_WINDOW, ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
            .answers(Answer.delivering(ACK_OF_SEGMENT, ALIVE));
        Ref finRule = switch (s) {
          case ESTABLISHED -> ref("9293/EP-CLOSE-4", "3.10.7.4", MUST_STAR);
          case FIN_WAIT_1 -> ref("9293/EP-CLOSE-3", "3.10.7.4", MUST_STAR);
          default -> ref("9293/EP-CLOSE-2", "3.10.7.4", MUST_STAR);
        };
        row(s, FIN, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR), finRule)
            .answers(Answer.reply(ACK_OF_SEGMENT, PEER_CLOSED));
        row(s, FIN_WITH_DATA, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR),
            ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
            .answers(Answer.delivering(ACK_OF_SEGMENT, PEER_CLOSED));
      }
    }
  }

  /** An ACK of everything the target sent: harmless, or the step its FIN was waiting for. */
  private static void ackOfEverything(TcpState s) {
    switch (s) {
      case FIN_WAIT_1 -> row(s, ACK_ACCEPTABLE, ref("9293/EP-CLOSE-2", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, ALIVE));
      case CLOSING -> row(s, ACK_ACCEPTABLE, ref("9293/EP-CLOSE-3", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, TIME_WAIT_HOLDS));
      case LAST_ACK -> row(s, ACK_ACCEPTABLE, ref("9293/EP-LASTACK", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, CLOSED_NOW));
      default -> row(s, ACK_ACCEPTABLE, ref("9293/EP-SEQ-1", "3.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, ALIVE));
    }
  }

  /**
   * TIME-WAIT (3.10.7.4): "the only thing that can arrive in this state is a retransmission of
   * the remote FIN: acknowledge it"; unacceptable segments draw an ACK, others are dropped.
   */
  private static void timeWaitRows() {
    row(TIME_WAIT, FIN_RETRANSMITTED, ref("9293/EP-TW-1", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(ACK_CURRENT, TIME_WAIT_HOLDS));
    row(TIME_WAIT, ACK_ACCEPTABLE, ref("9293/EP-SEQ-1", "3.4", MUST_STAR))
        .answers(Answer.reply(NOTHING, TIME_WAIT_HOLDS));
    for (SegmentClass unacceptable : List.of(DATA_RIGHT_OF_WINDOW, DATA_FAR_RIGHT_OF_WINDOW)) {
      row(TIME_WAIT, unacceptable, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(ACK_CURRENT, TIME_WAIT_HOLDS));
    }
    row(TIME_WAIT, DATA_WITHOUT_ACK, ref("9293/EP-SEQ-6", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(NOTHING, TIME_WAIT_HOLDS));
    row(TIME_WAIT, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
        .answers(Answer.reply(NOTHING, TIME_WAIT_HOLDS));
    row(TIME_WAIT, RST_IN_WINDOW, ref("5961/rst-in-window-challenge", "3.2", MUST))
        .answers(Answer.reply(ACK_CURRENT, TIME_WAIT_HOLDS));
    row(TIME_WAIT, RST_FAR_RIGHT_OF_WINDOW, ref("5961/rst-out-of-window", "3.2", SHOULD))
        .answers(Answer.reply(NOTHING, TIME_WAIT_HOLDS));
  }

  /**
   * SYN-SENT (3.10.7.3): an unacceptable ACK draws <SEQ=SEG.ACK><CTL=RST>; a RST counts only
   * with an ACK of the SYN ("connection refused"); an acceptable SYN,ACK establishes; a crossing
   * SYN leads to SYN-RECEIVED; anything with neither SYN nor RST is dropped.
   */
  private static void synSentRows() {
    row(SYN_SENT, SYN_ACK, ref("9293/EP-SYNSENT-4", "3.10.7.3", MUST_STAR))
        .answers(Answer.reply(ACK_OF_SEGMENT, CONNECTED));
    row(SYN_SENT, SYN_AT_RCV_NXT, ref("9293/MUST-10", "3.5", MUST))
        .answers(Answer.reply(SYN_ACK_AT_ISS, SIMULTANEOUS_OPEN));
    for (SegmentClass bad : List.of(ACK_TOO_NEW, ACK_TOO_OLD)) {
      row(SYN_SENT, bad, ref("9293/EP-SYNSENT-1", "3.10.7.3", MUST_STAR))
          .answers(Answer.reply(RST_AT_SEG_ACK, STILL_CONNECTING));
    }
    row(SYN_SENT, RST_ACK_AT_RCV_NXT, ref("9293/EP-SYNSENT-2", "3.10.7.3", MUST_STAR),
        ref("9293/MUST-12", "3.6", MUST)).answers(Answer.reply(NOTHING, REFUSED));
    for (SegmentClass rst : List.of(RST_AT_RCV_NXT, RST_IN_WINDOW, RST_FAR_RIGHT_OF_WINDOW)) {
      row(SYN_SENT, rst, ref("9293/EP-SYNSENT-3", "3.10.7.3", MUST_STAR))
          .answers(Answer.reply(NOTHING, STILL_CONNECTING));
    }
    for (SegmentClass neither : List.of(ACK_ACCEPTABLE, DATA_IN_WINDOW, DATA_WITHOUT_ACK)) {
      row(SYN_SENT, neither, ref("9293/EP-SYNSENT-5", "3.10.7.3", MUST_STAR))
          .answers(Answer.reply(NOTHING, STILL_CONNECTING));
    }
    for (SegmentClass fin : List.of(FIN, FIN_WITH_DATA)) {
      row(SYN_SENT, fin, ref("9293/EP-SYNSENT-5", "3.10.7.3", MUST_STAR),
          ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, STILL_CONNECTING));
    }
    row(SYN_SENT, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
        .answers(Answer.reply(NOTHING, STILL_CONNECTING));
  }

  /**
   * SYN-RECEIVED (3.10.7.4), passive or from a simultaneous open: an acceptable ACK completes the
   * handshake, an unacceptable one draws <SEQ=SEG.ACK><CTL=RST>; RFC 5961's RST checks apply; a
   * RST at RCV.NXT sends a passive open back to LISTEN and refuses an active one; a SYN sends a
   * passive open back to LISTEN (or, RFC 5961, draws a challenge ACK) and draws a challenge ACK
   * in an active one.
   */
  private static void synReceivedRows(TcpState s) {
    boolean passive = s == SYN_RECEIVED;
    row(s, ACK_ACCEPTABLE, ref("9293/EP-SYNRCVD-1", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(NOTHING, passive ? ACCEPTED : CONNECTED));
    row(s, DATA_IN_WINDOW, ref("9293/EP-SYNRCVD-1", "3.10.7.4", MUST_STAR),
        ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
        .answers(Answer.delivering(ACK_OF_SEGMENT, passive ? ACCEPTED : CONNECTED));
    for (SegmentClass bad : List.of(ACK_TOO_NEW, ACK_TOO_OLD)) {
      row(s, bad, ref("9293/EP-SYNRCVD-2", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(RST_AT_SEG_ACK, HALF_OPEN));
    }
    if (passive) {
      for (SegmentClass syn : List.of(SYN_AT_RCV_NXT, SYN_ACK)) {
        row(s, syn, ref("9293/EP-SYNRCVD-3", "3.10.7.4", MUST_STAR))
            .answers(Answer.reply(NOTHING, BACK_TO_LISTEN), Answer.reply(ACK_CURRENT, HALF_OPEN));
      }
      // the peer's SYN again: a SYN,ACK again (a retransmission: no reply) or an ACK
      row(s, SYN_LEFT_OF_WINDOW, ref("9293/EP-SYNRCVD-4", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, HALF_OPEN), Answer.reply(ACK_CURRENT, HALF_OPEN));
    } else {
      for (SegmentClass syn : List.of(SYN_AT_RCV_NXT, SYN_LEFT_OF_WINDOW, SYN_ACK)) {
        row(s, syn, ref("5961/syn-challenge", "4.2", MUST))
            .answers(Answer.reply(ACK_CURRENT, HALF_OPEN));
      }
    }
    for (SegmentClass rst : List.of(RST_AT_RCV_NXT, RST_ACK_AT_RCV_NXT)) {
      row(s, rst, ref("9293/MUST-11", "3.5", MUST), ref("5961/rst-syn-received", "3.2", MUST))
          .answers(Answer.reply(NOTHING, passive ? BACK_TO_LISTEN : REFUSED));
    }
    // a challenge: an ACK, or the SYN,ACK again (a retransmission: no reply)
    row(s, RST_IN_WINDOW, ref("5961/rst-syn-received", "3.2", MUST))
        .answers(Answer.reply(ACK_CURRENT, HALF_OPEN), Answer.reply(NOTHING, HALF_OPEN));
    for (SegmentClass rst : List.of(RST_LEFT_OF_WINDOW, RST_RIGHT_OF_WINDOW, RST_FAR_RIGHT_OF_WINDOW)) {
      row(s, rst, ref("5961/rst-syn-received", "3.2", MUST), ref("9293/EP-RST-1", "3.5.3", MUST_STAR))
          .answers(Answer.reply(NOTHING, HALF_OPEN));
    }
    for (SegmentClass unacceptable : List.of(DATA_LEFT_OF_WINDOW, DATA_RIGHT_OF_WINDOW,
        DATA_FAR_RIGHT_OF_WINDOW)) {
      row(s, unacceptable, ref("9293/EP-SEQ-2", "3.4", MUST_STAR))
          .answers(Answer.reply(ACK_CURRENT, HALF_OPEN));
    }
    row(s, FIN, ref("9293/EP-CLOSE-9", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(ACK_OF_SEGMENT, PEER_CLOSED));
    row(s, FIN_WITH_DATA, ref("9293/EP-CLOSE-9", "3.10.7.4", MUST_STAR),
        ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
        .answers(Answer.delivering(ACK_OF_SEGMENT, PEER_CLOSED));
    row(s, DATA_WITHOUT_ACK, ref("9293/EP-SEQ-6", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(NOTHING, HALF_OPEN));
    row(s, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
        .answers(Answer.reply(NOTHING, HALF_OPEN));
  }

  private Oracle() {}

  private static Ref ref(String id, String section, Level level) {
    return new Ref(id, section, level);
  }

  private static RowBuilder row(TcpState state, SegmentClass segment, Ref... requirements) {
    return answers -> TABLE.computeIfAbsent(state, k -> new LinkedHashMap<>())
        .put(segment, new Cell(List.of(answers), List.of(requirements)));
  }

  @FunctionalInterface
  private interface RowBuilder {
    void answers(Answer... answers);
  }

  /** The cell for a segment class in a state, or null where the oracle has no row yet. */
  public static Cell cell(TcpState state, SegmentClass segment) {
    Map<SegmentClass, Cell> row = TABLE.get(state);
    return row == null ? null : row.get(segment);
  }

  /** Every (state, segment class) the oracle answers, in table order. */
  public static List<StateCase> cases() {
    List<StateCase> out = new ArrayList<>();
    for (Variant variant : Variant.values()) {
      TABLE.forEach((state, row) -> row.forEach((segment, cell) -> {
        if (variant == Variant.TIMESTAMPS || !segment.needsTimestamps()) {
          out.add(new StateCase(state, segment, cell, variant));
        }
      }));
    }
    return Collections.unmodifiableList(out);
  }
}
