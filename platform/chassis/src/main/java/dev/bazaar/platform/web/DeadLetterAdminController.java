package dev.bazaar.platform.web;

import dev.bazaar.platform.messaging.DeadLetter;
import dev.bazaar.platform.messaging.DeadLetters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an operator see what this service gave up on and settle each message: redrive it once its
 * cause is fixed, or discard it. On the service's own port only; the gateway does not route /admin.
 */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterAdminController {

    private final DeadLetters deadLetters;

    DeadLetterAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetters.Page list(@RequestParam(required = false) DeadLetter.Status status,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return deadLetters.list(status, page, size);
    }

    @GetMapping("/{id}")
    DeadLetter one(@PathVariable long id) {
        return deadLetters.find(id).orElseThrow(() -> new DeadLetters.UnknownDeadLetter(id));
    }

    @PostMapping("/{id}/redrive")
    DeadLetter redrive(@PathVariable long id) {
        return deadLetters.redrive(id);
    }

    @PostMapping("/{id}/discard")
    DeadLetter discard(@PathVariable long id) {
        return deadLetters.discard(id);
    }

    @ExceptionHandler(DeadLetters.UnknownDeadLetter.class)
    ProblemDetail unknown(DeadLetters.UnknownDeadLetter e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-dead-letter", "Unknown dead letter", e.getMessage());
    }

    @ExceptionHandler(DeadLetters.StillFailing.class)
    ProblemDetail stillFailing(DeadLetters.StillFailing e) {
        return Problems.problem(HttpStatus.CONFLICT, "redrive-failed", "The dead letter still fails", e.getMessage());
    }

    @ExceptionHandler(DeadLetters.AlreadySettled.class)
    ProblemDetail settled(DeadLetters.AlreadySettled e) {
        return Problems.problem(HttpStatus.CONFLICT, "dead-letter-settled", "Dead letter already settled", e.getMessage());
    }
}
