package dev.bazaar.payment.adapter.processor;

import dev.bazaar.payment.charge.application.ProcessorGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drills: how the simulated card processor behaves, changed at runtime on payment's own port. The
 * answer also tells how payment sees the processor now (its circuit breaker's state).
 */
@RestController
@RequestMapping("/admin/processor")
class ProcessorAdminController {

    private final SimulatedCardProcessor processor;
    private final ProcessorGuard guard;

    ProcessorAdminController(SimulatedCardProcessor processor, ProcessorGuard guard) {
        this.processor = processor;
        this.guard = guard;
    }

    @GetMapping
    BehaviourView behaviour() {
        return BehaviourView.of(processor.behaviour(), guard.circuitState());
    }

    @PutMapping
    BehaviourView behave(@Valid @RequestBody BehaviourRequest request) {
        processor.behave(new ProcessorBehaviour(request.latencyMs(), request.failureRate(), request.outage()));
        return behaviour();
    }

    record BehaviourRequest(@NotNull @Min(0) @Max(ProcessorBehaviour.MAX_LATENCY_MS) Long latencyMs,
                            @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double failureRate,
                            @NotNull Boolean outage) {
    }

    record BehaviourView(long latencyMs, double failureRate, boolean outage, String circuitBreaker) {
        static BehaviourView of(ProcessorBehaviour behaviour, String circuitState) {
            return new BehaviourView(behaviour.latencyMs(), behaviour.failureRate(), behaviour.outage(), circuitState);
        }
    }
}
