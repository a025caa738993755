package dev.bazaar.fulfillment;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.bazaar.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "dev.bazaar.fulfillment")
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava("dev.bazaar.fulfillment");

    @ArchTest
    static final ArchRule domainKnowsNoApplicationOrAdapter = ArchitectureRules.domainKnowsNoApplicationOrAdapter("dev.bazaar.fulfillment");

    @ArchTest
    static final ArchRule domainTakesTimeAndChanceFromOutside = ArchitectureRules.domainTakesTimeAndChanceFromOutside("dev.bazaar.fulfillment");
}
