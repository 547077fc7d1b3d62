package dev.tcpconform.reports.page;

/**
 * What the report's HTML pages share ({@code matrix.html}, {@code mutants.html}): one look, and
 * one self-contained form (inline style, no script, nothing fetched), readable offline. The base
 * style sets the type, the tables (a sticky header), the verdict colours ({@code passed},
 * {@code failed}, {@code broken}, {@code skipped}, {@code baseline-deviation},
 * {@code not-available}), the legend and the {@code <details>} lists a cell opens onto; a page
 * adds the rules only it needs.
 */
public final class HtmlPage {

  /** The style every page has. */
  public static final String STYLE = """
      body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;\
      color:#1b1b1b}
      h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.4em 0 .4em}
      table{border-collapse:collapse}th,td{border:1px solid #ccd;padding:3px 6px;\
      vertical-align:top;text-align:left}
      thead th{position:sticky;top:0;background:#eef0f6;z-index:1}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      code,.id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;\
      white-space:nowrap}
      .passed{background:#dcf5dc}.failed{background:#f9c9c9;font-weight:600}\
      .broken{background:#fbe1b4}.skipped{background:#eeeeee;color:#555}\
      .baseline-deviation{background:#fff3b8}.not-available{background:#f4f4f8;color:#888}
      details>summary{cursor:pointer;white-space:nowrap}\
      details ul{margin:.3em 0 0;padding-left:1.1em}
      details li{white-space:nowrap}li .st{display:inline-block;min-width:9em}
      .legend span{padding:1px 6px;margin-right:4px;border:1px solid #ccd}
      """;

  private HtmlPage() {}

  /** Opens a page: the document head with the base style and {@code style}, then the body. */
  public static void begin(StringBuilder h, String title, String style) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE)
        .append(style).append("</style>\n</head>\n<body>\n");
  }

  /** Closes the page {@link #begin} opened. */
  public static void end(StringBuilder h) {
    h.append("</body>\n</html>\n");
  }

  /** Text for HTML content and quoted attributes. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
