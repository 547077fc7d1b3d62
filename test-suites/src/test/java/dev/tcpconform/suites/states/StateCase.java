package dev.tcpconform.suites.states;

import dev.tcpconform.suites.support.RequirementLabels;
import java.util.List;
import java.util.stream.Collectors;

/** One generated case: a segment class arriving in a state, and the oracle's cell for it. */
public record StateCase(TcpState state, SegmentClass segment, Oracle.Cell cell, Variant variant)
    implements RequirementLabels.Traced {

  @Override
  public List<RequirementLabels.Ref> requirements() {
    if (variant == Variant.PLAIN || !cell.answers().stream()
        .anyMatch(a -> a.reply().isSegment() && !a.reply().isReset())) {
      return cell.requirements();
    }
    // with timestamps agreed, the reply must carry them too
    List<RequirementLabels.Ref> refs = new java.util.ArrayList<>(cell.requirements());
    refs.add(new RequirementLabels.Ref("7323/ts-every-segment", "3.2",
        dev.tcpconform.suites.support.Level.MUST));
    return refs;
  }

  /** {@code In ESTABLISHED, a RST at RCV.NXT+1 draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; ...} */
  @Override
  public String rule() {
    return "In " + state.rfcName() + (variant == Variant.TIMESTAMPS ? " with timestamps" : "")
        + ", " + segment.description(state) + " draws "
        + cell.answers().stream().map(a -> a.reply().notation() + " and " + a.after().text()
            + (a.delivered() ? " (its data delivered once)" : ""))
            .collect(Collectors.joining(", or "));
  }

  @Override
  public String toString() {
    return state + " " + segment + variant.suffix();
  }
}
