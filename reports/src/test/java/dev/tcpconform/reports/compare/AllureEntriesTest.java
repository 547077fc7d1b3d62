package dev.tcpconform.reports.compare;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.testng.annotations.Test;

/** The entries of a single-file Allure report, found by the matrix's key of a test. */
public class AllureEntriesTest {

  private static String entry(String uid, String json) {
    return "d('data/test-cases/" + uid + ".json','"
        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "');\n";
  }

  @Test
  public void should_find_a_test_by_its_full_name_and_parameter_values() {
    String page = "<script>" + entry("a1b2", "{\"uid\":\"a1b2\",\"fullName\":\"x.T.m\","
        + "\"parameterValues\":[\"1 SYN,ACK lost\",\"8341\",\"1\"]}")
        + entry("c3d4", "{\"uid\":\"c3d4\",\"fullName\":\"x.T.plain\",\"parameterValues\":[]}")
        + "d('data/widgets/summary.json','e30=');</script>";

    AllureEntries entries = AllureEntries.parse(page);

    then(entries.uid("x.T.m[1 SYN,ACK lost, 8341, 1]")).hasValue("a1b2");
    then(entries.uid("x.T.plain")).hasValue("c3d4");
    then(entries.uid("x.T.other")).isEmpty();
    then(entries.size()).isEqualTo(2);
  }

  @Test
  public void should_leave_out_the_hidden_attempts_of_a_retried_test() {
    String page = entry("old1", "{\"fullName\":\"x.T.m\",\"hidden\":true}")
        + entry("new2", "{\"fullName\":\"x.T.m\",\"hidden\":false}");

    then(AllureEntries.parse(page).uid("x.T.m")).hasValue("new2");
  }

  @Test
  public void should_have_no_entries_for_a_page_that_is_missing_or_not_a_report() throws Exception {
    Path dir = Files.createTempDirectory("allure-entries");
    Path garbage = Files.writeString(dir.resolve("index.html"),
        "d('data/test-cases/zz.json','not base64!');");

    then(AllureEntries.of(dir.resolve("missing.html")).size()).isZero();
    then(AllureEntries.of(garbage).size()).isZero();
  }
}
