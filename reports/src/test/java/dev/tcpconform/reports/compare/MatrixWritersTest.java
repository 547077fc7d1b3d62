package dev.tcpconform.reports.compare;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcpconform.reports.ExampleRun;
import dev.tcpconform.reports.FabricatedResults;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class MatrixWritersTest {

  private static final String REASON =
      "golang-gvisor-gvisor-dev missing: run apt-get install -y golang-gvisor-gvisor-dev";
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private static TargetMatrix example(FabricatedResults lwip) throws Exception {
    return TargetMatrix.of(List.of(
        TargetRun.available(ExampleRun.linux().matrix()),
        TargetRun.available(lwip.matrix()),
        TargetRun.unavailable("gvisor-tap", REASON)), RequirementCatalogue.load());
  }

  private static TargetMatrix example() throws Exception {
    return example(ExampleRun.lwip());
  }

  private static List<Element> elements(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  @Test
  public void should_write_junit_xml_a_ci_can_parse_with_the_right_counts() throws Exception {
    // GIVEN a run whose lwIP results also hold a broken test with markup and a control
    // character in its message
    FabricatedResults lwip = ExampleRun.lwip().test("dev.x.T.broken_one", "broken",
        "cannot open tap0: <no such device> & \"quote\" \u0001", new String[] {"a<b"},
        "9293/MUST-10=MUST");
    Path file = Files.createTempDirectory("junit").resolve("junit.xml");
    // WHEN
    JunitXml.write(example(lwip), EvidenceLinks.derived(), file);
    // THEN it parses, with a suite per available target and its counts
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(file.toFile());
    List<Element> suites = elements(doc.getDocumentElement(), "testsuite");
    then(suites).extracting(s -> s.getAttribute("name"))
        .containsExactly("linux-netns", "lwip-tap");
    Element lw = suites.get(1);
    then(List.of(lw.getAttribute("tests"), lw.getAttribute("failures"),
        lw.getAttribute("errors"), lw.getAttribute("skipped")))
        .containsExactly("7", "2", "1", "2");
    then(elements(lw, "testcase")).hasSize(7);
    then(elements(lw, "failure")).hasSize(2);
    then(doc.getDocumentElement().getAttribute("tests")).isEqualTo("13");
    // AND the baseline deviation is skipped with its reason, the broken test an error
    then(elements(lw, "skipped")).extracting(e -> e.getAttribute("message"))
        .contains("baseline deviation: lwIP sets ACK on every RST <tcp_rst>");
    Element error = elements(lw, "error").get(0);
    then(error.getAttribute("message"))
        .isEqualTo("cannot open tap0: <no such device> & \"quote\" \uFFFD");
    then(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("broken_one[a<b]");
    then(((Element) error.getParentNode()).getAttribute("classname")).isEqualTo("lwip-tap.dev.x.T");
    then(error.getTextContent()).contains("requirements: 9293/MUST-10");
    // AND the state-machine test is named by the class it ran in
    then(elements(lw, "testcase")).extracting(e -> e.getAttribute("classname"))
        .contains("lwip-tap.dev.x.states.ListenTest");
    then(Files.readString(file)).contains("<!-- gvisor-tap not available: ");
  }

  @Test
  public void should_write_html_with_a_row_per_requirement_and_the_unavailable_column()
      throws Exception {
    // WHEN
    TargetMatrix m = example();
    String html = MatrixHtml.render(m, EvidenceLinks.derived(), AT);
    // THEN
    then(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    String body = html.substring(html.indexOf("<table class=\"matrix\">"));
    then(body.split("<tr", -1)).hasSize(1 + 1 + m.rows().size()); // before, header, rows
    for (MatrixRow r : m.rows()) {
      then(body).contains("<td class=\"id\">" + r.id() + "</td>");
    }
    then(body).contains("<th class=\"na\">gvisor-tap<br>not available: " + REASON + "</th>");
    then(body.split("<tr class=\"differs\">", -1)).hasSize(1 + 3);
    then(body).contains("href=\"lwip-tap/captures/ClosedPortTest/syn_draws_rst_ack-SYN"
        + ".ladder.txt\"");
    then(body).contains("&lt;tcp_rst&gt;").doesNotContain("<tcp_rst>");
    then(body).contains("(not in the catalogue)");
    then(body.split("<td class=\"not-available\">not-available</td>", -1))
        .hasSize(1 + m.rows().size() + 2);
    then(body).doesNotContain(">passed</td><td class=\"na");
  }

  @Test
  public void should_say_what_each_target_is_and_link_each_test_to_its_allure_entry()
      throws Exception {
    // GIVEN lwIP's run described in its environment.properties, and its Allure report beside
    // the matrix holding the entry of the closed-port test
    FabricatedResults lwip = ExampleRun.lwip();
    TargetMatrix m = TargetMatrix.of(List.of(
        TargetRun.available(ExampleRun.linux().matrix()),
        TargetRun.available(lwip.matrix(), java.util.Map.of(
            "target.description", "lwIP 2.1.3 on a TAP device",
            "target.lacks", "simultaneous-open",
            "target.notes", "rcvbuf is not offered"))), RequirementCatalogue.load());
    Path out = Files.createTempDirectory("matrix-links");
    Path report = out.resolve("lwip-tap/allure/index.html");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "d('data/test-cases/f00d.json','" + java.util.Base64.getEncoder()
        .encodeToString(("{\"fullName\":\"" + ExampleRun.CLOSED
            + "\",\"parameterValues\":[\"SYN\",\"S 0:0(0)\"]}").getBytes()) + "');");
    // WHEN
    String html = MatrixHtml.render(m, EvidenceLinks.in(out), AT);
    // THEN the targets section says what lwIP is and what its tests mean there
    then(html).contains("<dt>lwip-tap</dt><dd>lwIP 2.1.3 on a TAP device<br>does not"
        + " implement: simultaneous-open<br><span class=\"notes\">rcvbuf is not offered</span>");
    // AND its closed-port test links its own Allure entry, the others the report's front page
    then(html).contains("href=\"lwip-tap/allure/index.html#testresult/f00d\">Allure</a>")
        .contains("href=\"lwip-tap/allure/index.html\">Allure</a>");
    then(MatrixMarkdown.render(m, EvidenceLinks.in(out), AT))
        .contains("**lwip-tap**: lwIP 2.1.3 on a TAP device. Does not implement:"
            + " simultaneous-open. rcvbuf is not offered");
  }

  @Test
  public void should_write_markdown_with_a_row_per_requirement_and_the_unavailable_column()
      throws Exception {
    // WHEN
    TargetMatrix m = example();
    String md = MatrixMarkdown.render(m, EvidenceLinks.derived(), AT);
    // THEN
    List<String> header = md.lines().filter(l -> l.startsWith("| requirement |")).toList();
    then(header).singleElement().asString()
        .endsWith("| linux-netns | lwip-tap | gvisor-tap (not available: " + REASON + ") |");
    for (MatrixRow r : m.rows()) {
      then(md.lines().filter(l -> l.startsWith("| " + r.id().replace("/", "/") + " |")))
          .as(r.id()).hasSize(1);
    }
    then(md).contains("| 9293/EP-LISTEN-1 | MUST\\* |")
        .contains("| **differs** | passed [1](linux-netns/captures/ClosedPortTest/"
            + "syn_draws_rst_ack-FIN.ladder.txt), [2](linux-netns/captures/ClosedPortTest/"
            + "syn_draws_rst_ack-SYN.ladder.txt) | baseline-deviation [1](lwip-tap/captures/"
            + "ClosedPortTest/syn_draws_rst_ack-SYN.ladder.txt) | not-available |")
        .contains("| gvisor-tap | MUST | 0 | 0 | 0 | 0 | 0 | 4 |");
    then(md.lines().filter(l -> l.startsWith("| 9") && l.endsWith("| not-available |")))
        .hasSize(m.rows().size());
  }

  @Test
  public void should_write_combined_json_with_the_targets_and_each_requirements_verdicts()
      throws Exception {
    // WHEN
    JsonNode json = MatrixJson.toJson(example(), EvidenceLinks.derived(), AT);
    // THEN
    then(json.path("schema").asText()).isEqualTo("tcpconform-matrix/1");
    then(json.path("generatedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    JsonNode targets = json.path("targets");
    then(targets).hasSize(3);
    then(targets.get(1).path("name").asText()).isEqualTo("lwip-tap");
    then(targets.get(1).path("available").asBoolean()).isTrue();
    then(targets.get(1).path("report").asText()).isEqualTo("lwip-tap/allure/index.html");
    then(targets.get(1).path("summary").path("tests").path("baselineDeviation").asInt())
        .isEqualTo(1);
    then(targets.get(1).path("summary").path("tests").path("total").asInt()).isEqualTo(6);
    then(targets.get(1).path("summary").path("requirements").path("byLevelGroup")
        .path("MUST").path("failed").asInt()).isEqualTo(1);
    then(targets.get(2).path("available").asBoolean()).isFalse();
    then(targets.get(2).path("reason").asText()).isEqualTo(REASON);
    then(targets.get(2).path("summary").path("requirements").path("byLevelGroup")
        .path("MUST").path("notAvailable").asInt()).isEqualTo(4);
    JsonNode closed = json.path("requirements").get(2);
    then(closed.path("id").asText()).isEqualTo("9293/EP-CLOSED-1");
    then(closed.path("level").asText()).isEqualTo("MUST*");
    then(closed.path("text").asText()).startsWith("A segment without ACK");
    then(closed.path("differs").asBoolean()).isTrue();
    then(closed.path("verdicts").path("lwip-tap").asText()).isEqualTo("baseline-deviation");
    then(closed.path("verdicts").path("gvisor-tap").asText()).isEqualTo("not-available");
    then(closed.path("tests").path("lwip-tap")).hasSize(2);
    then(closed.path("tests").path("lwip-tap").get(1).path("evidence").asText())
        .isEqualTo("lwip-tap/captures/ClosedPortTest/syn_draws_rst_ack-SYN.ladder.txt");
    then(closed.path("tests").path("gvisor-tap")).isEmpty();
    then(json.path("requirements").get(5).path("inCatalogue").asBoolean()).isFalse();
  }
}
