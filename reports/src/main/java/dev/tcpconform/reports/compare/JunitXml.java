package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the conformance tests of a run over several targets as JUnit XML, for CI systems: one
 * {@code <testsuite name="<target>">} per available target, one {@code <testcase>} per test with
 * {@code classname="<target>.<class the test ran in>"} (so that the same test on two targets
 * stays two tests) and {@code name="<method>[<parameters>]"}. A failure outside the target's
 * baseline is a {@code <failure>}, a broken test an {@code <error>}, a skipped one
 * {@code <skipped message="<reason>">}, a failure the baseline accepts
 * {@code <skipped message="baseline deviation: <reason>">}. A target that was not available is
 * named in a comment. Characters XML 1.0 cannot hold become U+FFFD.
 */
public final class JunitXml {

  private JunitXml() {}

  public static void write(TargetMatrix m, EvidenceLinks links, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      new Writer(x, links).document(m);
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One document's writing: the stream and the links its failures point to. */
  private record Writer(XMLStreamWriter x, EvidenceLinks links) {

    void document(TargetMatrix m) throws XMLStreamException {
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "tcpconform");
      List<TestRow> all = m.targets().stream().filter(TargetRun::isAvailable)
          .flatMap(t -> t.matrix().tests().stream()).toList();
      counts(all);
      for (TargetRun t : m.targets()) {
        x.writeCharacters("\n  ");
        if (t.isAvailable()) {
          suite(t);
        } else {
          x.writeComment(" " + clean(t.name() + " not available: " + t.unavailableReason())
              .replace("--", "- -") + " ");
        }
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
    }

    private void suite(TargetRun t) throws XMLStreamException {
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean(t.name()));
      counts(t.matrix().tests());
      for (TestRow row : t.matrix().tests()) {
        x.writeCharacters("\n    ");
        testcase(t.name(), row);
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
    }

    private void counts(List<TestRow> rows) throws XMLStreamException {
      x.writeAttribute("tests", Integer.toString(rows.size()));
      x.writeAttribute("failures", Long.toString(count(rows, "failed")));
      x.writeAttribute("errors", Long.toString(count(rows, "broken") + count(rows, "unknown")));
      x.writeAttribute("skipped",
          Long.toString(count(rows, "skipped") + count(rows, "baseline-deviation")));
      x.writeAttribute("time", seconds(rows.stream().mapToLong(r -> r.outcome().durationMs())
          .sum()));
    }

    private void testcase(String target, TestRow row) throws XMLStreamException {
      TestOutcome o = row.outcome();
      String full = o.fullName();
      int dot = full.lastIndexOf('.');
      String className = o.testClass() != null ? o.testClass()
          : dot < 0 ? "" : full.substring(0, dot);
      String name = full.substring(dot + 1)
          + (o.parameters().isEmpty() ? "" : o.parameters().toString());
      String element = switch (row.status()) {
        case "failed" -> "failure";
        case "broken", "unknown" -> "error";
        case "skipped", "baseline-deviation" -> "skipped";
        default -> null;
      };
      if (element == null) {
        x.writeEmptyElement("testcase");
      } else {
        x.writeStartElement("testcase");
      }
      x.writeAttribute("classname", clean(target + "." + className));
      x.writeAttribute("name", clean(name));
      x.writeAttribute("time", seconds(o.durationMs()));
      if (element == null) {
        return;
      }
      String message = switch (row.status()) {
        case "baseline-deviation" -> "baseline deviation: " + row.baselineReason();
        case "unknown" -> o.message() == null ? "Allure could not tell the status" : o.message();
        default -> o.message() == null ? row.status() : o.message();
      };
      x.writeCharacters("\n      ");
      if (element.equals("skipped")) {
        x.writeEmptyElement("skipped");
        x.writeAttribute("message", clean(message));
      } else {
        x.writeStartElement(element);
        x.writeAttribute("message", clean(message));
        x.writeCharacters(clean("requirements: " + String.join(", ", o.requirements())
            + "\nevidence: " + links.of(target, o)));
        x.writeEndElement();
      }
      x.writeCharacters("\n    ");
      x.writeEndElement();
    }
  }

  private static long count(List<TestRow> rows, String status) {
    return rows.stream().filter(r -> r.status().equals(status)).count();
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /** The text with every character XML 1.0 does not allow replaced by U+FFFD. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(
        c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF) ? c : 0xFFFD));
    return b.toString();
  }
}
