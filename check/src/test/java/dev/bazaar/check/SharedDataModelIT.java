package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign 2's shared data model: a library module services reach at run time that maps tables (JPA entities, MyBatis
 * mappers and Generator criteria), on builds written on the spot; and what is not one.
 */
class SharedDataModelIT {

    @TempDir
    Path repo;

    /** orders-service uses model directly, billing-service through dao; shipping-service in its tests only. */
    private WrittenBuild build() {
        return new WrittenBuild(repo).root("model", "dao", "values", "orders-service", "billing-service",
                        "shipping-service")
                .library("model").library("dao", "model").library("values")
                .service("orders-service", "org.springframework.boot:spring-boot-starter-web", "model", "values")
                .service("billing-service", "dao", "values")
                .service("shipping-service", "model:test");
    }

    @Test
    void aModuleMappingTablesThatTwoServicesUseIsASharedDataModel() {
        build().write("model/src/main/java/shop/model/Order.java", """
                package shop.model;

                import jakarta.persistence.Entity;
                import jakarta.persistence.Table;

                @Entity
                @Table(name = "orders")
                public class Order {
                    Long id;
                }
                """).write("model/src/main/java/shop/model/OrderExample.java", """
                package shop.model;

                public class OrderExample {
                    protected abstract static class GeneratedCriteria {
                    }

                    public static class Criteria extends GeneratedCriteria {
                    }
                }
                """).write("model/src/main/java/shop/mapper/OrderMapper.java", """
                package shop.mapper;

                import shop.model.Order;

                public interface OrderMapper {
                    Order selectByPrimaryKey(Long id);
                }
                """).write("model/src/main/resources/shop/mapper/OrderMapper.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="shop.mapper.OrderMapper">
                  <select id="selectByPrimaryKey" resultType="shop.model.Order">select * from orders where id = #{id}</select>
                </mapper>
                """);

        SignResult sign = Check.run(repo).result(Sign.SHARED_DATABASE);

        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).contains("data models: shared: model (billing-service, orders-service: 1 @Entity, "
                + "1 MyBatis Generator criteria classes, 1 MyBatis mappers)");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).contains(
                tuple("model/pom.xml", "model: a shared data model, used at run time by billing-service, "
                        + "orders-service; 1 @Entity, 1 MyBatis Generator criteria classes, 1 MyBatis mappers"),
                tuple("model/src/main/java/shop/model/Order.java:6", "Order: @Entity, maps a table"),
                tuple("model/src/main/java/shop/model/OrderExample.java:3", "OrderExample: MyBatis Generator's query "
                        + "criteria on the table of Order"),
                tuple("model/src/main/java/shop/mapper/OrderMapper.java:5", "OrderMapper: a MyBatis mapper, its SQL in "
                        + "model/src/main/resources/shop/mapper/OrderMapper.xml:3"),
                tuple("orders-service/pom.xml:7", "orders-service depends on model"),
                tuple("billing-service/pom.xml:6", "billing-service depends on dao, which brings model"));
        // In tests only, shipping-service does not use the model at run time.
        assertThat(sign.evidence()).extracting(Evidence::text).noneMatch(t -> t.contains("shipping-service"));
        // Sign 4 agrees: a module mapping the business's tables is domain code, whatever its types are named.
        SignResult libraries = Check.run(repo).result(Sign.SHARED_LIBRARIES);
        assertThat(libraries.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(libraries.evidence()).extracting(Evidence::text).anyMatch(t -> t.startsWith("model (used by ")
                && t.endsWith("a shared data model, domain code whatever its type names: it maps tables (sign 2 lists them)"));
    }

    @Test
    void sharedValuesMappedIntoEachServicesTablesAndObjectMappersAreNoSharedDataModel() {
        build().write("values/src/main/java/shop/values/Money.java", """
                package shop.values;

                @javax.persistence.Embeddable
                public record Money(long cents) {
                }
                """).write("values/src/main/java/shop/values/OrderConverter.java", """
                package shop.values;

                import org.mapstruct.Mapper;

                @Mapper
                public interface OrderConverter {
                }
                """).write("model/src/main/java/shop/model/Order.java", """
                package shop.model;

                @jakarta.persistence.Entity
                public class Order {
                }
                """);
        // model is orders-service's alone now.
        new WrittenBuild(repo).library("dao");

        SignResult sign = SharedDataModel.analyse(Build.read(repo).orElseThrow());

        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).isEqualTo("data models: no module shared by services maps a table; values mapped "
                + "into each service's own tables, no table shared (not counted): values (billing-service, "
                + "orders-service: 1 @Embeddable)");
        assertThat(sign.evidence()).isEmpty();
    }
}
