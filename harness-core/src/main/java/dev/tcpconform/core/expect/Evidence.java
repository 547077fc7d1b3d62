package dev.tcpconform.core.expect;

import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.FlowKey;
import dev.tcpconform.crafter.SeqNum;
import java.util.List;

/**
 * What a failure message needs from the place a test runs in: the rule under test, the whole
 * exchange so far, where the capture goes, and what was ignored while waiting.
 */
public interface Evidence {

  /** {@code [9293/EP-CLOSED-1] A SYN to a port with no listener draws ...}, or empty. */
  String rule();

  /** Every frame of the test so far, in time order. */
  List<Captured> frames();

  /** The target's ISN on a flow, or null while unknown. */
  SeqNum targetIsn(FlowKey flow);

  /** The name of the capture file attached to the result. */
  String captureName();

  /** Frames owned by no flow, captured at or after the given time. */
  List<Captured> ignoredSince(long epochNanos);

  default String ladder(Captured highlight) {
    return Ladder.render(frames(), this::targetIsn, highlight);
  }
}
