package dev.bazaar.payment.adapter.web;

import dev.bazaar.payment.cardkey.KeyEncryptionKeys;
import dev.bazaar.payment.cardkey.application.CardKeys;
import dev.bazaar.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-encryption keys, for operators: which is current, how many card keys are still wrapped under an older one,
 * and a rotation ({@code ./bazaar rotate-card-key}). On payment's own port, not through the gateway.
 */
@RestController
@RequestMapping("/admin/card-keys")
class CardKeyAdminController {

    private final CardKeys keys;

    CardKeyAdminController(CardKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    CardKeys.Rotation state() {
        return keys.state();
    }

    /** A new key-encryption key becomes current; card keys are re-wrapped under it in the background. */
    @PostMapping("/rotate")
    CardKeys.Rotation rotate() {
        return keys.rotate();
    }

    @ExceptionHandler(KeyEncryptionKeys.NotRotatableHere.class)
    ProblemDetail notHere(KeyEncryptionKeys.NotRotatableHere e) {
        return Problems.problem(HttpStatus.CONFLICT, "keys-managed-elsewhere", "The key-encryption keys are not payment's to rotate",
                e.getMessage());
    }
}
