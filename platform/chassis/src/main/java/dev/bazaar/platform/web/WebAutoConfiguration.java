package dev.bazaar.platform.web;

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

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    DeadLetterAdminController deadLetterAdminController(DeadLetters deadLetters) {
        return new DeadLetterAdminController(deadLetters);
    }
}
