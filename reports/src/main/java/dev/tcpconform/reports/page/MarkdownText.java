package dev.tcpconform.reports.page;

/** Text for the report's Markdown tables ({@code matrix.md}, {@code mutants.md}). */
public final class MarkdownText {

  private MarkdownText() {}

  /** Text for a table cell: nothing Markdown or HTML would read as markup, on one line. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '|', '*', '_', '`', '[', ']', '#' -> b.append('\\').append(c);
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A code span for a table cell ({@code `dev.x.T.m[SYN]`}): shown as written, its pipes escaped
   * (GitHub reads {@code \|} in a table as a pipe, even in code), on one line.
   */
  public static String code(String s) {
    String one = s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    String fence = one.contains("`") ? "``" : "`";
    return fence + (one.startsWith("`") || one.endsWith("`") ? " " + one + " " : one) + fence;
  }
}
