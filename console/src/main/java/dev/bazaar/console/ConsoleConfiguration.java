package dev.bazaar.console;

import java.net.URI;
import java.time.Clock;

import dev.bazaar.console.metrics.History;
import dev.bazaar.console.metrics.Measures;
import dev.bazaar.console.metrics.Scraper;
import dev.bazaar.console.slo.SloWatch;
import dev.bazaar.console.traces.RecentOrders;
import dev.bazaar.console.web.Dashboard;
import dev.bazaar.platform.slo.Slos;
import dev.bazaar.platform.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The console's parts: what it reads (topology.yaml and slos.yaml as its jar carries them), keeps and evaluates. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Topology topology() {
        return Topology.bundled();
    }

    @Bean
    Slos slos() {
        return Slos.bundled();
    }

    @Bean
    Measures measures(Slos slos) {
        return new Measures(slos);
    }

    @Bean
    History history(ConsoleProperties properties) {
        return new History(properties.recent(), properties.retention());
    }

    @Bean
    SloWatch sloWatch(Slos slos, History history, ConsoleProperties properties) {
        return new SloWatch(slos, history, properties.alertingSpeedUp());
    }

    @Bean
    RecentOrders recentOrders(ConsoleProperties properties, JsonMapper json, Clock clock) {
        return new RecentOrders(properties.zipkin() == null || properties.zipkin().isBlank() ? null
                : URI.create(properties.zipkin()), json, clock);
    }

    @Bean
    Dashboard dashboard(History history, Scraper scraper, SloWatch sloWatch, RecentOrders orders, ConsoleProperties properties) {
        return new Dashboard(history, scraper, sloWatch, orders, properties.scrapeInterval());
    }
}
