package dev.tcpconform.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test entries of a generated single-file Allure report: the report names each test by a
 * {@code uid} of its own (not the result file's), reached as {@code index.html#testresult/<uid>};
 * its data are embedded in the page, one {@code d('data/test-cases/<uid>.json','<base64>')} each.
 * Entries are looked up by the key results have in the compliance matrix, {@code fullName} with
 * the parameter values ({@link dev.tcpconform.reports.results.TestOutcome#key()}); a retried
 * test's hidden earlier attempts are left out. A page that cannot be read has no entries: links
 * then fall back to the report's front page.
 */
public final class AllureEntries {

  private static final Pattern TEST_CASE =
      Pattern.compile("d\\('data/test-cases/([0-9a-zA-Z_-]+)\\.json','([A-Za-z0-9+/=]*)'\\)");
  private static final AllureEntries NONE = new AllureEntries(Map.of());

  private final Map<String, String> uids;

  private AllureEntries(Map<String, String> uids) {
    this.uids = uids;
  }

  /** The entries of the report at {@code indexHtml}; none when it is missing or unreadable. */
  public static AllureEntries of(Path indexHtml) {
    if (!Files.isRegularFile(indexHtml)) {
      return NONE;
    }
    try {
      return parse(Files.readString(indexHtml, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  static AllureEntries parse(String page) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> uids = new HashMap<>();
    Matcher m = TEST_CASE.matcher(page);
    while (m.find()) {
      JsonNode n;
      try {
        n = json.readTree(Base64.getDecoder().decode(m.group(2)));
      } catch (IOException | IllegalArgumentException e) {
        continue;
      }
      if (n == null || n.path("hidden").asBoolean(false) || !n.hasNonNull("fullName")) {
        continue;
      }
      List<String> values = new ArrayList<>();
      n.path("parameterValues").forEach(v -> values.add(v.asText()));
      String key = values.isEmpty() ? n.get("fullName").asText()
          : n.get("fullName").asText() + values;
      uids.putIfAbsent(key, m.group(1));
    }
    return new AllureEntries(uids);
  }

  /** The report's uid of the test with this matrix key, if the report has it. */
  public Optional<String> uid(String key) {
    return Optional.ofNullable(uids.get(key));
  }

  public int size() {
    return uids.size();
  }
}
