package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How to bring up one kind of target, read from {@code targets/<name>.profile} on the class path
 * (a properties file): what it is, how it attaches (a Linux namespace, or a user-space stack on a
 * TAP device), the agent command, what it needs on the machine and how to install that.
 *
 * @param name the profile's name, the {@code target} label of every result, e.g. {@code lwip-tap}
 * @param description one line: the stack and its version source
 * @param attach {@code netns} (the kernel in a namespace, joined by a veth pair), {@code tap}
 *     (a user-space stack whose agent process is the stack, on a TAP device), {@code proxy} (a
 *     user-space stack on a TAP device that hands each connection on to a socket of an outer
 *     namespace, where the Linux agent is its application; see {@link ProxyTarget}) or {@code
 *     external} (a device on an interface the user names; see {@link ExternalTarget})
 * @param agent the agent command for {@code tap} targets, with {@code {agents}}, {@code {tap}},
 *     {@code {address}}, {@code {prefix}} and {@code {mac}} filled in per lane
 * @param stack the stack's command for {@code proxy} targets, run in the outer namespace, with
 *     {@code {netns}} (the harness's network namespace, a path), {@code {tap}}, {@code {network}},
 *     {@code {prefix}} and {@code {api}} (a control socket's path) filled in per lane
 * @param requires files that must exist for the target to be available
 * @param install the command that makes it available when they do not
 * @param lacks features the stack does not implement, as the profile states them (e.g. {@code
 *     simultaneous-open}): tests that merely need one to reach their state are skipped with the
 *     reason; the tests of the feature itself still run, and fail
 * @param notes what the report should say about the target (what its tests mean there)
 * @param ipVersions the IP versions the harness brings the target up with ({@code ip = 4 6};
 *     {@code 4} when the profile does not say): a run over another version reports the target's
 *     tests not applicable
 */
public record TargetProfile(
    String name,
    String description,
    String attach,
    List<String> agent,
    List<String> stack,
    List<String> requires,
    String install,
    List<String> lacks,
    String notes,
    List<Integer> ipVersions) {

  /** The default target: the Linux kernel in a network namespace. */
  public static final String DEFAULT = "linux-netns";

  /** Where agents built by the build are: system property {@code tcpconform.agents}. */
  public static Path agentsDir() {
    return Path.of(System.getProperty("tcpconform.agents", "../harness-core/target/agents"))
        .toAbsolutePath().normalize();
  }

  /** The profile called {@code name}; a clear error naming the profiles there are if none is. */
  public static TargetProfile load(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new HarnessException("bad target name '" + name + "': profile names are lower-case"
          + " letters, digits and dashes, e.g. " + DEFAULT);
    }
    try (InputStream in = TargetProfile.class.getResourceAsStream("/targets/" + name
        + ".profile")) {
      if (in == null) {
        throw new HarnessException("no target profile '" + name + "': known targets are "
            + String.join(", ", known()));
      }
      return parse(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new HarnessException("cannot read the target profile '" + name + "': "
          + e.getMessage());
    }
  }

  /** The profiles shipped with the harness. */
  public static List<String> known() {
    return List.of("linux-netns", "lwip-tap", "gvisor-tap", "slirp-proxy", "external");
  }

  static TargetProfile parse(String name, String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new HarnessException("target profile '" + name + "' is not a properties file: "
          + e.getMessage());
    }
    String attach = p.getProperty("attach", "").strip();
    if (!List.of("netns", "tap", "proxy", "external").contains(attach)) {
      throw new HarnessException("target profile '" + name + "': attach must be netns, tap,"
          + " proxy or external (got '" + attach + "')");
    }
    List<String> agent = words(p.getProperty("agent", ""));
    if (attach.equals("tap") && agent.isEmpty()) {
      throw new HarnessException("target profile '" + name + "': a tap target needs an agent"
          + " command");
    }
    List<String> stack = words(p.getProperty("stack", ""));
    if (attach.equals("proxy") && stack.isEmpty()) {
      throw new HarnessException("target profile '" + name + "': a proxy target needs a stack"
          + " command");
    }
    return new TargetProfile(name, p.getProperty("description", name).strip(), attach, agent,
        stack, words(p.getProperty("requires", "")), p.getProperty("install", "").strip(),
        words(p.getProperty("lacks", "")), p.getProperty("notes", "").strip(),
        ipVersions(name, p.getProperty("ip", "4")));
  }

  private static List<Integer> ipVersions(String name, String value) {
    List<Integer> out = new ArrayList<>();
    for (String w : words(value)) {
      if (!w.equals("4") && !w.equals("6")) {
        throw new HarnessException("target profile '" + name + "': ip lists the IP versions"
            + " the target comes up with, 4 and/or 6 (got '" + value.strip() + "')");
      }
      out.add(Integer.parseInt(w));
    }
    return List.copyOf(out);
  }

  /** Whether the harness brings the target up with IP version {@code version} (4 or 6). */
  public boolean offersIp(int version) {
    return ipVersions.contains(version);
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.strip().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Throws {@link TargetUnavailableException} naming what is missing and the install command,
   * when a required file is not there.
   */
  public void checkAvailable() {
    for (String r : requires) {
      Path path = Path.of(r.replace("{agents}", agentsDir().toString()));
      if (!Files.exists(path)) {
        throw new TargetUnavailableException("target " + name + " is not available: " + path
            + " is missing" + (install.isEmpty() ? "" : "; run '" + install + "'"));
      }
    }
  }

  /** The stack command of a proxy target for one lane. */
  public List<String> stackCommand(String netns, String tap, String network, int prefix,
      String api) {
    List<String> c = new ArrayList<>();
    for (String w : stack) {
      c.add(w.replace("{netns}", netns).replace("{tap}", tap).replace("{network}", network)
          .replace("{prefix}", String.valueOf(prefix)).replace("{api}", api));
    }
    return c;
  }

  /** The agent command for one lane. */
  public List<String> agentCommand(String tap, String address, int prefix, String mac) {
    List<String> c = new ArrayList<>();
    for (String w : agent) {
      c.add(w.replace("{agents}", agentsDir().toString()).replace("{tap}", tap)
          .replace("{address}", address).replace("{prefix}", String.valueOf(prefix))
          .replace("{mac}", mac));
    }
    return c;
  }
}
