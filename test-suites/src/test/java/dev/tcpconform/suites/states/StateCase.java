package dev.tcpconform.suites.states;

import dev.tcpconform.suites.support.RequirementLabels;
import java.util.List;
import java.util.stream.Collectors;

/** One generated case: a segment class arriving in a state, and the oracle's cell for it. */
public record StateCase(TcpState state, SegmentClass segment, Oracle.Cell cell)
    implements RequirementLabels.Traced {

  @Override
  public List<RequirementLabels.Ref> requirements() {
    return cell.requirements();
  }

  /** {@code In ESTABLISHED, a RST at RCV.NXT+1 draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; ...} */
  @Override
  public String rule() {
    return "In " + state.rfcName() + ", " + segment.description(state) + " draws "
        + cell.answers().stream().map(a -> a.reply().notation() + " and " + a.after().text()
            + (a.delivered() ? " (its data delivered once)" : ""))
            .collect(Collectors.joining(", or "));
  }

  @Override
  public String toString() {
    return state + " " + segment;
  }
}
