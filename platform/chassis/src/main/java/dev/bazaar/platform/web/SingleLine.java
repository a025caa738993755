package dev.bazaar.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

/**
 * Text of one line, such as a name or a line of an address: no control character, line breaks and tabs included. They
 * would be stored as given, and break the label, the log line or the page that shows the text. A 400 naming the field,
 * like any other bean-validation constraint ({@link ProblemDetailsAdvice}).
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "\\P{Cc}*")
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    @OverridesAttribute(constraint = Pattern.class, name = "message")
    String message() default "must not contain control characters (line breaks included)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
