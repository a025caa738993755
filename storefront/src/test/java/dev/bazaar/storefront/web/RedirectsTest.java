package dev.bazaar.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    @Test
    void whatARequestNamedIsOneEncodedSegmentNeverATemplateVariableOrAnotherPath() {
        // Before: "redirect:/products/{X}" made Spring look for a model variable X, and fail with a 500.
        assertThat(Redirects.to("/products/", "{X}")).isEqualTo("redirect:/products/%7BX%7D");
        assertThat(Redirects.to("/products/", "../admin?x=1")).isEqualTo("redirect:/products/..%2Fadmin%3Fx=1");
        assertThat(Redirects.to("/staff/support/", "c-1", "r 2")).isEqualTo("redirect:/staff/support/c-1/r%202");
    }
}
