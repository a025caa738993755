package dev.bazaar.catalog.adapter.web;

import java.math.BigDecimal;
import java.net.URI;

import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.Product;
import dev.bazaar.catalog.product.Sku;
import dev.bazaar.catalog.product.application.ProductCatalog;
import dev.bazaar.catalog.search.ProductListing;
import dev.bazaar.catalog.search.ProductSearch;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog/products")
@Validated
class ProductController {

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    Page<ProductView> search(@RequestParam(required = false) @Size(max = 100) String q,
                             @RequestParam(required = false) @Size(max = 50) String category,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return catalog.search(new ProductSearch.Query(blankToNull(q), blankToNull(category)), new PageRequest(page, size))
                .map(ProductView::of);
    }

    @GetMapping("/{sku}")
    ProductView product(@PathVariable String sku) {
        Sku id = sku(sku);
        return catalog.find(id).map(ProductView::of).orElseThrow(() -> new ProductCatalog.UnknownProduct(id));
    }

    @PostMapping
    ResponseEntity<ProductView> add(@Valid @RequestBody NewProduct request) {
        Product product = catalog.add(new Product(sku(request.sku()), request.name(), request.description(),
                request.category(), request.price().toMoney()));
        return ResponseEntity.created(URI.create("/api/catalog/products/" + product.sku())).body(ProductView.of(product));
    }

    @PutMapping("/{sku}/price")
    ProductView changePrice(@PathVariable String sku, @Valid @RequestBody PriceView price) {
        return ProductView.of(catalog.changePrice(sku(sku), price.toMoney()));
    }

    @ExceptionHandler(ProductCatalog.UnknownProduct.class)
    ProblemDetail unknown(ProductCatalog.UnknownProduct e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-product", "Unknown product", e.getMessage());
    }

    @ExceptionHandler(ProductCatalog.ProductAlreadyExists.class)
    ProblemDetail exists(ProductCatalog.ProductAlreadyExists e) {
        return Problems.problem(HttpStatus.CONFLICT, "product-exists", "Product exists", e.getMessage());
    }


    private static Sku sku(String value) {
        return new Sku(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    record ProductView(String sku, String name, String description, String category, PriceView price) {
        static ProductView of(ProductListing listing) {
            return new ProductView(listing.sku(), listing.name(), listing.description(), listing.category(),
                    new PriceView(listing.price(), listing.currency()));
        }

        static ProductView of(Product product) {
            return new ProductView(product.sku().value(), product.name(), product.description(), product.category(),
                    new PriceView(product.price().amount(), product.price().currency()));
        }
    }

    record PriceView(@NotNull @DecimalMin(value = "0.01") BigDecimal amount,
                     @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    record NewProduct(@NotBlank String sku, @NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                      @NotBlank @Size(max = 50) String category, @NotNull @Valid PriceView price) {
    }
}
