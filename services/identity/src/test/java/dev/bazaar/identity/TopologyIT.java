package dev.bazaar.identity;

import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TopologyConformance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ServiceIntegrationTest
class TopologyIT {

    @Test
    void publishesAndConsumesWhatTheMapDeclares(@Autowired ApplicationContext identity) {
        TopologyConformance.assertMatches(identity);
    }
}
