package dev.bazaar.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

import dev.bazaar.platform.messaging.DeadLetters;
import dev.bazaar.platform.messaging.MessagingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class WebAutoConfiguration {

    /** Registered by Boot with the JSON mapper every controller reads bodies with. */
    @Bean
    JacksonModule bazaarStrictText() {
        return StrictText.module();
    }

    @Bean
    FilterRegistrationBean<NulGuard> bazaarNulGuard() {
        FilterRegistrationBean<NulGuard> registration = new FilterRegistrationBean<>(new NulGuard());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    DeadLetterAdminController deadLetterAdminController(DeadLetters deadLetters) {
        return new DeadLetterAdminController(deadLetters);
    }
}
