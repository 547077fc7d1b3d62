package dev.tcpconform.reports.gate;

import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.reports.ExampleRun;
import dev.tcpconform.reports.FabricatedResults;
import dev.tcpconform.reports.compare.TargetRun;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class CiGateTest {

  private static List<CiGate.Violation> violations(LevelGroup level, FabricatedResults... runs)
      throws Exception {
    List<TargetRun> targets = new ArrayList<>();
    for (FabricatedResults r : runs) {
      targets.add(TargetRun.available(r.matrix()));
    }
    targets.add(TargetRun.unavailable("gvisor-tap", "not installed"));
    return CiGate.at(level, RequirementCatalogue.load()).violations(targets);
  }

  @Test
  public void should_let_a_should_failure_through_the_must_gate_and_stop_it_at_should()
      throws Exception {
    // GIVEN a target that fails a SHOULD rule outside its baseline, and passes the rest
    FabricatedResults run = FabricatedResults.of("lwip-tap")
        .test(ExampleRun.MSS, "failed", "9293/SHLD-5=SHOULD")
        .test(ExampleRun.CROSSING, "passed", "9293/MUST-10=MUST");
    // WHEN / THEN
    then(violations(LevelGroup.MUST, run)).isEmpty();
    then(violations(LevelGroup.SHOULD, run)).singleElement().satisfies(v -> {
      then(v.target()).isEqualTo("lwip-tap");
      then(v.key()).isEqualTo(ExampleRun.MSS);
      then(v.requirements()).containsExactly("9293/SHLD-5");
      then(v.line()).isEqualTo(
          "lwip-tap failed " + ExampleRun.MSS + " [9293/SHLD-5]: failed because");
    });
    then(violations(LevelGroup.MAY, run)).hasSize(1);
  }

  @Test
  public void should_let_a_may_failure_through_every_gate_but_may() throws Exception {
    FabricatedResults run = FabricatedResults.of("lwip-tap")
        .test(ExampleRun.EVERY_SYN, "failed", "9293/MAY-3=MAY");
    then(violations(LevelGroup.SHOULD, run)).isEmpty();
    then(violations(LevelGroup.MAY, run)).hasSize(1);
  }

  @Test
  public void should_let_a_baselined_must_failure_through_and_stop_a_new_one() throws Exception {
    // GIVEN a MUST failure the baseline accepts
    FabricatedResults baselined = FabricatedResults.of("lwip-tap")
        .test(ExampleRun.CROSSING, "failed", "9293/MUST-10=MUST")
        .baseline(ExampleRun.CROSSING, "no simultaneous open");
    // AND the same failure on a target whose baseline does not list it
    FabricatedResults fresh = FabricatedResults.of("linux-netns")
        .test(ExampleRun.CROSSING, "failed", "9293/MUST-10=MUST");
    // WHEN / THEN
    then(violations(LevelGroup.MUST, baselined)).isEmpty();
    then(violations(LevelGroup.MUST, baselined, fresh)).singleElement()
        .extracting(CiGate.Violation::target).isEqualTo("linux-netns");
  }

  @Test
  public void should_stop_a_broken_test_at_any_level_even_a_baselined_may_one() throws Exception {
    // GIVEN a MAY test the harness could not check, listed in the baseline
    FabricatedResults run = FabricatedResults.of("lwip-tap")
        .test(ExampleRun.EVERY_SYN, "broken", "9293/MAY-3=MAY")
        .baseline(ExampleRun.EVERY_SYN, "listed, but a broken test is not a deviation");
    // WHEN / THEN
    for (LevelGroup level : List.of(LevelGroup.MUST, LevelGroup.SHOULD, LevelGroup.MAY)) {
      then(violations(level, run)).singleElement()
          .extracting(CiGate.Violation::status).isEqualTo("broken");
    }
  }

  @Test
  public void should_take_the_level_from_the_catalogue_over_the_results() throws Exception {
    // GIVEN a result that calls a SHOULD rule of the catalogue MUST, and an uncatalogued ID
    FabricatedResults run = FabricatedResults.of("lwip-tap")
        .test(ExampleRun.MSS, "failed", "9293/SHLD-5=MUST")
        .test(ExampleRun.NEW, "failed", "9999/NEW-1=SHOULD")
        .test(ExampleRun.CLOSED, "failed", "9999/NEW-2=WHATEVER");
    // WHEN / THEN the catalogue's SHOULD wins; the results' level counts where there is none;
    // a level nobody knows counts at every gate
    then(violations(LevelGroup.MUST, run)).extracting(CiGate.Violation::key)
        .containsExactly(ExampleRun.CLOSED);
    then(violations(LevelGroup.SHOULD, run)).hasSize(3);
  }

  @Test
  public void should_list_failures_below_the_gate_apart() throws Exception {
    // GIVEN the example run
    List<TargetRun> targets = List.of(TargetRun.available(ExampleRun.linux().matrix()),
        TargetRun.available(ExampleRun.lwip().matrix()));
    CiGate gate = CiGate.at(LevelGroup.MUST, RequirementCatalogue.load());
    // WHEN / THEN the MUST failure stops it, the SHOULD failure is only listed
    then(gate.violations(targets)).extracting(CiGate.Violation::key)
        .containsExactly(ExampleRun.CROSSING);
    then(gate.belowLevel(targets)).extracting(CiGate.Violation::key)
        .containsExactly(ExampleRun.MSS);
  }
}
