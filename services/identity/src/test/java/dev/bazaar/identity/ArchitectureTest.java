package dev.bazaar.identity;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.bazaar.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "dev.bazaar.identity")
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava("dev.bazaar.identity");

    @ArchTest
    static final ArchRule domainKnowsNoApplicationOrAdapter = ArchitectureRules.domainKnowsNoApplicationOrAdapter("dev.bazaar.identity");

    @ArchTest
    static final ArchRule domainTakesTimeAndChanceFromOutside = ArchitectureRules.domainTakesTimeAndChanceFromOutside("dev.bazaar.identity");
}
