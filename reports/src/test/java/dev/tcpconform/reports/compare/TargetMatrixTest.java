package dev.tcpconform.reports.compare;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tcpconform.reports.ExampleRun;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

public class TargetMatrixTest {

  private static TargetMatrix example() throws Exception {
    return TargetMatrix.of(List.of(
        TargetRun.available(ExampleRun.linux().matrix()),
        TargetRun.available(ExampleRun.lwip().matrix()),
        TargetRun.unavailable("gvisor-tap", "apt-get install -y golang-gvisor-gvisor-dev")),
        RequirementCatalogue.load());
  }

  @Test
  public void should_give_a_row_per_requirement_any_target_touched_in_catalogue_order()
      throws Exception {
    // WHEN
    TargetMatrix m = example();
    // THEN the catalogue's order, its level and text; the uncatalogued ID last, level as run
    then(m.rows()).extracting(MatrixRow::id, MatrixRow::level, MatrixRow::inCatalogue)
        .containsExactly(
            tuple("9293/MUST-10", "MUST", true),
            tuple("9293/EP-LISTEN-1", "MUST*", true),
            tuple("9293/EP-CLOSED-1", "MUST*", true),
            tuple("9293/SHLD-5", "SHOULD", true),
            tuple("9293/MAY-3", "MAY", true),
            tuple("9999/NEW-1", "MUST", false));
    then(m.rows().get(0).text()).startsWith("Crossing SYNs");
    then(m.rows().get(5).text()).isEqualTo("(not in the catalogue)");
  }

  @Test
  public void should_put_each_targets_verdict_in_its_cell_and_mark_the_rows_that_differ()
      throws Exception {
    // WHEN
    TargetMatrix m = example();
    // THEN
    then(m.rows()).extracting(r -> r.cell("linux-netns").verdict(),
            r -> r.cell("lwip-tap").verdict(), r -> r.cell("gvisor-tap").verdict(),
            MatrixRow::differs)
        .containsExactly(
            tuple("passed", "failed", "not-available", true),
            tuple("not-available", "passed", "not-available", false),
            tuple("passed", "baseline-deviation", "not-available", true),
            tuple("passed", "failed", "not-available", true),
            tuple("skipped", "skipped", "not-available", false),
            tuple("passed", "not-available", "not-available", false));
    then(m.differing()).isEqualTo(3);
    // AND a cell holds the target's tests of the requirement, the deciding ones apart
    Cell closed = m.rows().get(2).cell("lwip-tap");
    then(closed.tests()).extracting(t -> t.outcome().key()).containsExactly(
        ExampleRun.CLOSED + "[FIN, F 0:0(0)]", ExampleRun.CLOSED + "[SYN, S 0:0(0)]");
    then(closed.decidingTests()).singleElement()
        .satisfies(t -> then(t.baselineReason()).startsWith("lwIP sets ACK"));
  }

  @Test
  public void should_count_verdicts_per_target_and_level_group() throws Exception {
    // WHEN
    TargetMatrix m = example();
    // THEN
    then(m.totals("lwip-tap")).containsOnlyKeys(LevelGroup.MUST, LevelGroup.SHOULD, LevelGroup.MAY);
    then(m.totals("lwip-tap").get(LevelGroup.MUST)).containsEntry("passed", 1)
        .containsEntry("failed", 1).containsEntry("baseline-deviation", 1)
        .containsEntry("not-available", 1).containsEntry("broken", 0);
    then(m.totals("linux-netns").get(LevelGroup.MUST)).containsEntry("passed", 3)
        .containsEntry("not-available", 1);
    then(m.totals("gvisor-tap").get(LevelGroup.MUST)).containsEntry("not-available", 4)
        .containsEntry("passed", 0);
    then(m.totals("gvisor-tap").get(LevelGroup.SHOULD)).containsEntry("not-available", 1);
  }

  @Test
  public void should_group_levels_as_the_gate_counts_them() {
    then(List.of("MUST", "MUST NOT", "MUST*", "MUST\\*")).allSatisfy(
        l -> then(LevelGroup.of(l)).isEqualTo(LevelGroup.MUST));
    then(List.of("SHOULD", "SHOULD NOT", "SHOULD*", "REC", "SHOULD (mitigation)")).allSatisfy(
        l -> then(LevelGroup.of(l)).isEqualTo(LevelGroup.SHOULD));
    then(LevelGroup.of("MAY")).isEqualTo(LevelGroup.MAY);
    then(LevelGroup.of("unknown")).isEqualTo(LevelGroup.OTHER);
    then(LevelGroup.SHOULD.countsFor(LevelGroup.MUST)).isFalse();
    then(LevelGroup.SHOULD.countsFor(LevelGroup.SHOULD)).isTrue();
    then(LevelGroup.OTHER.countsFor(LevelGroup.MUST)).isTrue();
  }

  @Test
  public void should_link_a_tests_ladder_by_the_class_it_ran_in_and_its_first_parameter()
      throws Exception {
    // GIVEN
    TargetMatrix m = example();
    EvidenceLinks links = EvidenceLinks.derived();
    // WHEN / THEN the first parameter sanitized; an inherited method under its subclass
    then(links.of("lwip-tap", m.rows().get(2).cell("lwip-tap").tests().get(1).outcome()))
        .isEqualTo("lwip-tap/captures/ClosedPortTest/syn_draws_rst_ack-SYN.ladder.txt");
    then(links.of("lwip-tap", m.rows().get(1).cell("lwip-tap").tests().get(0).outcome()))
        .isEqualTo("lwip-tap/captures/ListenTest/segment_in_a_state-LISTEN_RST.ladder.txt");
    then(links.of("linux-netns", m.rows().get(0).cell("linux-netns").tests().get(0).outcome()))
        .isEqualTo("linux-netns/captures/SimultaneousOpenTest/crossing_syns.ladder.txt");
    then(EvidenceLinks.href("a b/ü.txt")).isEqualTo("a%20b/%C3%BC.txt");
  }

  @Test
  public void should_link_the_allure_report_where_the_captures_lack_the_ladder()
      throws Exception {
    // GIVEN an output directory whose lwip-tap captures hold only the SYN case's ladder
    Path out = Files.createTempDirectory("out");
    Path ladder = out.resolve(
        "lwip-tap/captures/ClosedPortTest/syn_draws_rst_ack-SYN.ladder.txt");
    Files.createDirectories(ladder.getParent());
    Files.writeString(ladder, "+0.000000 < S 0:0(0)\n");
    Cell closed = example().rows().get(2).cell("lwip-tap");
    // WHEN / THEN
    then(closed.tests()).extracting(t -> EvidenceLinks.in(out).of("lwip-tap", t.outcome()))
        .containsExactly("lwip-tap/allure/index.html",
            "lwip-tap/captures/ClosedPortTest/syn_draws_rst_ack-SYN.ladder.txt");
  }
}
