package dev.tcpconform.suites.support;

import io.qameta.allure.Allure;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the {@link Requirement}s of a test method and turns them into Allure labels and links:
 * {@code requirement} (the ID), {@code requirementLevel} ({@code ID=LEVEL}), {@code story} (the
 * ID, so Allure's Behaviors view groups by requirement), {@code feature} (the area), and a link
 * to the RFC section.
 */
public final class RequirementLabels {

  private RequirementLabels() {}

  /**
   * A requirement a test checks, as data: from a {@link Requirement} annotation, or from a
   * generated case (a row of an oracle table) that names its own.
   */
  public record Ref(String id, String section, Level level) {
    public static Ref of(Requirement r) {
      return new Ref(r.id(), r.section(), r.level());
    }
  }

  /** A test case that names its own requirements and rule (a generated case). */
  public interface Traced {
    List<Ref> requirements();

    /** The rule this case checks, in RFC notation; it names the result in the report. */
    String rule();
  }

  /**
   * The requirements of one invocation: a {@link Traced} parameter's, else the method's own,
   * else its class's.
   */
  public static List<Ref> of(Method method, Object[] parameters) {
    if (parameters != null) {
      for (Object p : parameters) {
        if (p instanceof Traced t) {
          return t.requirements();
        }
      }
    }
    Requirement[] own = method.getAnnotationsByType(Requirement.class);
    if (own.length == 0) {
      own = method.getDeclaringClass().getAnnotationsByType(Requirement.class);
    }
    return java.util.Arrays.stream(own).map(Ref::of).toList();
  }

  /** {@code [9293/EP-CLOSED-1] A SYN to a port with no listener draws ...} */
  public static String rule(List<Ref> requirements, String description) {
    String ids = requirements.stream().map(Ref::id).collect(Collectors.joining(", "));
    return "[" + ids + "] " + (description == null ? "" : description);
  }

  /** {@code https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.1} */
  public static String rfcUrl(Ref r) {
    String rfc = r.id().substring(0, r.id().indexOf('/'));
    return "https://www.rfc-editor.org/rfc/rfc" + rfc + "#section-" + r.section();
  }

  public static void label(Method method, List<Ref> requirements, String targetName) {
    String pkg = method.getDeclaringClass().getPackageName();
    Allure.feature(pkg.substring(pkg.lastIndexOf('.') + 1));
    Allure.label("target", targetName);
    for (Ref r : requirements) {
      Allure.label("requirement", r.id());
      Allure.label("requirementLevel", r.id() + "=" + r.level().label());
      Allure.story(r.id());
      Allure.label("tag", r.level().label());
      Allure.link("RFC " + r.id().substring(0, r.id().indexOf('/')) + " section " + r.section(),
          rfcUrl(r));
    }
  }

}
