package dev.tcpconform.suites.support;

import io.qameta.allure.Allure;
import java.lang.reflect.Method;
import java.util.Arrays;
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

  /** The method's own requirements, or its class's when the method names none. */
  public static List<Requirement> of(Method method) {
    Requirement[] own = method.getAnnotationsByType(Requirement.class);
    if (own.length > 0) {
      return List.of(own);
    }
    return List.of(method.getDeclaringClass().getAnnotationsByType(Requirement.class));
  }

  /** {@code [9293/EP-CLOSED-1] A SYN to a port with no listener draws ...} */
  public static String rule(List<Requirement> requirements, String description) {
    String ids = requirements.stream().map(Requirement::id).collect(Collectors.joining(", "));
    return "[" + ids + "] " + (description == null ? "" : description);
  }

  /** {@code https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.1} */
  public static String rfcUrl(Requirement r) {
    String rfc = r.id().substring(0, r.id().indexOf('/'));
    return "https://www.rfc-editor.org/rfc/rfc" + rfc + "#section-" + r.section();
  }

  public static void label(Method method, List<Requirement> requirements, String targetName) {
    String pkg = method.getDeclaringClass().getPackageName();
    Allure.feature(pkg.substring(pkg.lastIndexOf('.') + 1));
    Allure.label("target", targetName);
    for (Requirement r : requirements) {
      Allure.label("requirement", r.id());
      Allure.label("requirementLevel", r.id() + "=" + r.level().label());
      Allure.story(r.id());
      Allure.label("tag", r.level().label());
      Allure.link("RFC " + r.id().substring(0, r.id().indexOf('/')) + " section " + r.section(),
          rfcUrl(r));
    }
  }

  static String ids(List<Requirement> requirements) {
    return Arrays.toString(requirements.stream().map(Requirement::id).toArray());
  }
}
