package dev.bazaar.identity.adapter.web;

import java.util.Map;

import dev.bazaar.identity.adapter.security.SigningKeys;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/signing-keys/rotate}: a new key signs tokens from now on; the old one stays published until its
 * tokens expire, so nothing needs a restart. On identity's own port, on the loopback, like every {@code /admin}.
 */
@RestController
class SigningKeyAdminController {

    private final SigningKeys keys;

    SigningKeyAdminController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/admin/signing-keys/rotate")
    Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }
}
