package dev.tcpconform.suites.states;

import static dev.tcpconform.suites.states.Answer.After.ALIVE;
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
import static dev.tcpconform.suites.states.Answer.Reply.SYN_ACK_OF_SYN;
import static dev.tcpconform.suites.states.SegmentClass.*;
import static dev.tcpconform.suites.states.TcpState.CLOSED;
import static dev.tcpconform.suites.states.TcpState.CLOSE_WAIT;
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

    for (TcpState s : List.of(ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2)) {
      // RFC 5961 4.2: a SYN in a synchronized state, whatever its number, draws a challenge ACK
      row(s, SYN_AT_RCV_NXT, ref("5961/syn-challenge", "4.2", MUST))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      row(s, SYN_ACK, ref("5961/syn-challenge", "4.2", MUST))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      // RFC 5961 3.2: a RST exactly at RCV.NXT resets; in the window, a challenge ACK; outside,
      // nothing (RFC 9293 3.5.3: a RST is first validated by its sequence number)
      row(s, RST_AT_RCV_NXT, ref("5961/rst-exact", "3.2", MUST),
          ref("9293/EP-RST-2", "3.10.7.4", MUST_STAR)).answers(Answer.reply(NOTHING, RESET));
      row(s, RST_ACK_AT_RCV_NXT, ref("5961/rst-exact", "3.2", MUST),
          ref("9293/EP-RST-2", "3.10.7.4", MUST_STAR)).answers(Answer.reply(NOTHING, RESET));
      row(s, RST_IN_WINDOW, ref("5961/rst-in-window-challenge", "3.2", MUST))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      row(s, RST_LEFT_OF_WINDOW, ref("5961/rst-out-of-window", "3.2", SHOULD),
          ref("9293/EP-RST-1", "3.5.3", MUST_STAR)).answers(Answer.reply(NOTHING, ALIVE));
      // (RFC 5961 erratum 4845: "outside" is SEQ < RCV.NXT or SEQ >= RCV.NXT+RCV.WND)
      row(s, RST_RIGHT_OF_WINDOW, ref("5961/rst-out-of-window", "3.2", SHOULD),
          ref("9293/EP-RST-1", "3.5.3", MUST_STAR)).answers(Answer.reply(NOTHING, ALIVE));
      row(s, RST_FAR_RIGHT_OF_WINDOW, ref("5961/rst-out-of-window", "3.2", SHOULD),
          ref("9293/EP-RST-1", "3.5.3", MUST_STAR)).answers(Answer.reply(NOTHING, ALIVE));
    }
    for (TcpState s : List.of(ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2)) {
      // acknowledgments (RFC 9293 3.10.7.4, fifth: check the ACK field)
      row(s, ACK_ACCEPTABLE, ref("9293/EP-SEQ-1", "3.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, ALIVE));
      row(s, ACK_TOO_NEW, ref("9293/EP-ACK-1", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(ACK_CURRENT, ALIVE));
      // RFC 9293: a duplicate ACK can be ignored; RFC 5961 5.2 (MAY): or answered with an ACK
      row(s, ACK_TOO_OLD, ref("5961/ack-range", "5.2", MAY))
          .answers(Answer.reply(NOTHING, ALIVE), Answer.reply(ACK_CURRENT, ALIVE));
      // unacceptable segments draw an ACK (3.10.7.4, first: check sequence number)
      row(s, DATA_RIGHT_OF_WINDOW, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR),
          ref("9293/EP-SEQ-2", "3.4", MUST_STAR)).answers(Answer.reply(ACK_CURRENT, ALIVE));
      row(s, DATA_FAR_RIGHT_OF_WINDOW, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR),
          ref("9293/EP-SEQ-2", "3.4", MUST_STAR)).answers(Answer.reply(ACK_CURRENT, ALIVE));
      // segments to drop without a word
      row(s, DATA_WITHOUT_ACK, ref("9293/EP-SEQ-6", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(NOTHING, ALIVE));
      row(s, DATA_WITH_BAD_CHECKSUM, ref("9293/MUST-3", "3.1", MUST))
          .answers(Answer.reply(NOTHING, ALIVE));
    }
    // where the peer may still send (ESTABLISHED, and FIN-WAIT-2 after the target's own FIN):
    // data is taken, old data draws an ACK, a FIN ends the peer's stream
    for (TcpState s : List.of(ESTABLISHED, FIN_WAIT_2)) {
      row(s, DATA_IN_WINDOW, ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
          .answers(Answer.delivering(ACK_OF_SEGMENT, ALIVE));
      row(s, DATA_LEFT_OF_WINDOW, ref("9293/EP-SEQ-3", "3.10.7.4", MUST_STAR),
          ref("9293/EP-SEQ-2", "3.4", MUST_STAR)).answers(Answer.reply(ACK_CURRENT, ALIVE));
      row(s, FIN, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR),
          ref(s == ESTABLISHED ? "9293/EP-CLOSE-4" : "9293/EP-CLOSE-2", "3.10.7.4", MUST_STAR))
          .answers(Answer.reply(ACK_OF_SEGMENT, PEER_CLOSED));
      row(s, FIN_WITH_DATA, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR),
          ref("9293/EP-TEXT-1", "3.10.7.4", MUST_STAR))
          .answers(Answer.delivering(ACK_OF_SEGMENT, PEER_CLOSED));
    }
    // TIME-WAIT (3.10.7.4): "the only thing that can arrive in this state is a retransmission of
    // the remote FIN: acknowledge it"; unacceptable segments draw an ACK, others are dropped
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
    // CLOSE-WAIT: the peer's FIN came; text after it "should not occur" and is ignored
    // (3.10.7.4, seventh); no reply is required, an ACK is allowed
    row(CLOSE_WAIT, DATA_IN_WINDOW, ref("9293/EP-CLOSE-6", "3.10.7.4", MUST_STAR))
        .answers(Answer.reply(NOTHING, ALIVE), Answer.reply(ACK_CURRENT, ALIVE));
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
    TABLE.forEach((state, row) -> row.forEach((segment, cell) ->
        out.add(new StateCase(state, segment, cell))));
    return Collections.unmodifiableList(out);
  }
}
