package dev.bazaar.payment;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.bazaar.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "dev.bazaar.payment")
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava("dev.bazaar.payment");

    @ArchTest
    static final ArchRule domainKnowsNoApplicationOrAdapter = ArchitectureRules.domainKnowsNoApplicationOrAdapter("dev.bazaar.payment");

    @ArchTest
    static final ArchRule domainTakesTimeAndChanceFromOutside = ArchitectureRules.domainTakesTimeAndChanceFromOutside("dev.bazaar.payment");
}
