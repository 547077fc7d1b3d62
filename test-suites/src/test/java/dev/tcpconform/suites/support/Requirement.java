package dev.tcpconform.suites.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The requirement a conformance test checks, exactly as the catalogue writes it
 * ({@code 9293/EP-CLOSED-1}), the RFC section it comes from and its level. On a method it names
 * what that method checks; on a class it applies to every test method of the class that names
 * none. Becomes Allure labels and links, and the rows of the compliance matrix.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(Requirements.class)
public @interface Requirement {

  /** {@code 9293/EP-CLOSED-1}, {@code 6298/backoff}: the RFC number, a slash, the catalogue ID. */
  String id();

  /** The RFC section, e.g. {@code 3.10.7.1}. */
  String section();

  Level level();
}
