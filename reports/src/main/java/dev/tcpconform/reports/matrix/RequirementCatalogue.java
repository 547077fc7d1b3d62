package dev.tcpconform.reports.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirement catalogue, {@code requirements.tsv} on the classpath: one requirement a line,
 * {@code id<TAB>section<TAB>level<TAB>short text}, {@code #} lines are comments. Levels are kept
 * as the reports write them ({@code MUST*}, not the catalogue's Markdown {@code MUST\*}).
 */
public final class RequirementCatalogue {

  /** One requirement as the catalogue states it. */
  public record Entry(String id, String section, String level, String text) {}

  private final Map<String, Entry> entries;
  private final Map<String, Integer> positions = new HashMap<>();

  private RequirementCatalogue(Map<String, Entry> entries) {
    this.entries = entries;
    entries.keySet().forEach(id -> positions.put(id, positions.size()));
  }

  /** The catalogue this module ships. */
  public static RequirementCatalogue load() throws IOException {
    try (InputStream in = RequirementCatalogue.class.getResourceAsStream("/requirements.tsv")) {
      if (in == null) {
        throw new IOException("requirements.tsv is not on the classpath (rebuild the reports"
            + " module)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  /**
   * The catalogue's lines, in order.
   *
   * @throws IOException naming the first line that does not have four fields
   */
  public static RequirementCatalogue parse(List<String> lines) throws IOException {
    Map<String, Entry> e = new LinkedHashMap<>();
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 4 || f[0].isBlank()) {
        throw new IOException("requirements.tsv line " + n
            + ": expected 'id<TAB>section<TAB>level<TAB>text'");
      }
      e.putIfAbsent(f[0].strip(), new Entry(f[0].strip(), f[1].strip(),
          f[2].replace("\\", "").strip(), f[3].strip()));
    }
    return new RequirementCatalogue(e);
  }

  public Optional<Entry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Where the catalogue lists {@code id}, counting from 0; after every listed ID if absent. */
  public int position(String id) {
    return positions.getOrDefault(id, Integer.MAX_VALUE);
  }
}
