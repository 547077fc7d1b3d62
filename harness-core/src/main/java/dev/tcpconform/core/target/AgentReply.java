package dev.tcpconform.core.target;

import java.util.Arrays;
import java.util.List;

/**
 * One reply line of an agent: {@code ok <fields...>} or {@code err <word> [detail]}. A fact;
 * whether an error is a failure of the target or of the harness is for the caller to say.
 */
public record AgentReply(String line) {

  public boolean isOk() {
    return line.equals("ok") || line.startsWith("ok ");
  }

  public boolean isError() {
    return line.startsWith("err");
  }

  /** True for {@code err <word> ...}, e.g. {@code isError("refused")}. */
  public boolean isError(String word) {
    return isError() && word.equals(errorWord());
  }

  /**
   * True for {@code err usage not supported by <stack> ...}: the stack's application has no such
   * operation or option (the agent protocol's way of saying a test does not apply).
   */
  public boolean isUnsupported() {
    return isError("usage") && line.split(" ", 3).length == 3
        && line.split(" ", 3)[2].startsWith("not supported");
  }

  /** The word after {@code err}, or null for an ok reply. */
  public String errorWord() {
    if (!isError()) {
      return null;
    }
    String[] p = line.split(" ", 3);
    return p.length > 1 ? p[1] : "";
  }

  /** The fields after {@code ok}. */
  public List<String> fields() {
    String[] p = line.split(" ");
    return Arrays.asList(p).subList(1, p.length);
  }

  /** The n-th field after {@code ok}. */
  public String field(int n) {
    List<String> f = fields();
    if (n >= f.size()) {
      throw new IllegalStateException("reply '" + line + "' has no field " + n);
    }
    return f.get(n);
  }

  @Override
  public String toString() {
    return line;
  }
}
