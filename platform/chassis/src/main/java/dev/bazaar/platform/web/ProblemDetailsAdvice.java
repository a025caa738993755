package dev.bazaar.platform.web;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns invalid input into a 400 problem that says which field is wrong and why, instead of
 * Spring's generic "Invalid request content".
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return invalid(errors);
    }

    /** A parameter of the wrong kind ({@code ?after=42} where a UUID goes): named, with what it must be. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        return invalid(List.of(Map.of("field", String.valueOf(name), "message", "must be " + (type == UUID.class ? "a UUID" : expected(type)))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return invalid(errors);
    }

    /**
     * Says which field of the body is wrong and what it should be, without quoting it (for some resources the
     * value is a card number) and without naming a Java type.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadable(ex);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A rule of the service's own (a price with three decimals, a country ISO does not know) is the client's mistake,
     * and its message is written for them. An IllegalArgumentException from anywhere else (the JDK, a library) says
     * something about code, not about the request: the client gets a plain 400, the log gets the message.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> handleIllegalArgument(IllegalArgumentException ex) {
        StackTraceElement[] trace = ex.getStackTrace();
        boolean ours = trace.length > 0 && trace[0].getClassName().startsWith("dev.bazaar.");
        if (!ours) {
            log.info("Refused a request: {}", ex.toString());
        }
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                ours ? ex.getMessage() : "The request is invalid"));
    }

    static ProblemDetail unreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof RequestLimits.TooLarge tooLarge) {
                return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", tooLarge.getMessage());
            }
        }
        JacksonException cause = jacksonCause(failure);
        String duplicate = cause == null ? null : duplicateField(cause.getOriginalMessage());
        if (duplicate != null) {
            // The last value would win silently: which one the client meant is not for the server to guess.
            ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request body names " + duplicate + " twice");
            problem.setProperty("errors", List.of(Map.of("field", duplicate, "message", "is named twice")));
            return problem;
        }
        if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
            // Broken JSON (cut short, a stray character): where it broke, not the field the parser had reached.
            return notJson(cause);
        }
        if (cause != null && !cause.getPath().isEmpty()) {
            String field = path(cause.getPath());
            String message = cause instanceof StrictText.Refused ? cause.getOriginalMessage()
                    : cause instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : cause instanceof MismatchedInputException mismatch ? "must be " + expected(mismatch.getTargetType())
                    : "is not readable";
            ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    field + " " + message);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
            return problem;
        }
        if (cause instanceof MismatchedInputException mismatch) {
            // The body as a whole is of the wrong kind: a list, a string, where the request is an object.
            return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request body must be " + expected(mismatch.getTargetType()));
        }
        return notJson(cause);
    }

    private static ProblemDetail notJson(JacksonException cause) {
        String detail = cause == null ? "The request body is missing or is not JSON"
                : cause.getLocation() != null ? "The request body is not valid JSON (line " + cause.getLocation().getLineNr()
                + ", column " + cause.getLocation().getColumnNr() + ")"
                : "The request body is not valid JSON";
        return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    /**
     * Spring's own problems (415 for a body that is not JSON, 405, 406...) come without a type of ours: they get one
     * named after their title, as the gateway names its own, so that every problem a client sees has one.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.typeByTitleIfUntyped(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** The field of Jackson's "Duplicate Object property "x"" (strict duplicate detection), or null. */
    private static String duplicateField(String message) {
        if (message == null || !message.startsWith("Duplicate Object property \"")) {
            return null;
        }
        int start = message.indexOf('"') + 1;
        int end = message.indexOf('"', start);
        return end > start ? message.substring(start, end).replaceAll("[^A-Za-z0-9_.-]", "?") : null;
    }

    /** What a field should be, in the words of JSON rather than Java. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class && type != char.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == UUID.class || type == Character.class || type == char.class) {
            return "a string" + (type == UUID.class ? " holding a UUID" : "");
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time string (ISO 8601)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static JacksonException jacksonCause(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
        String detail = errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
