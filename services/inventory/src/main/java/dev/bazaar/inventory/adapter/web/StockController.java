package dev.bazaar.inventory.adapter.web;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory/stock")
class StockController {

    /** One delivery of more than this is a typing mistake rather than a truck. */
    static final int MAX_RECEIPT = 1_000_000;

    private final StockKeeping stock;

    StockController(StockKeeping stock) {
        this.stock = stock;
    }

    @GetMapping("/{sku}")
    StockView stock(@PathVariable String sku) {
        Sku id = sku(sku);
        return stock.find(id).map(StockView::of).orElseThrow(() -> new StockKeeping.UnknownSku(id));
    }

    /** Goods arrived: on-hand stock goes up by the quantity received. */
    @PostMapping("/{sku}/receipts")
    StockView receive(@PathVariable String sku, @Valid @RequestBody Receipt receipt) {
        return StockView.of(stock.receive(sku(sku), receipt.quantity()));
    }

    @ExceptionHandler(StockKeeping.UnknownSku.class)
    ProblemDetail unknown(StockKeeping.UnknownSku e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-sku", "Unknown SKU", e.getMessage());
    }


    /** A text that is not even a SKU names no stock. */
    private static Sku sku(String value) {
        try {
            return new Sku(value);
        } catch (IllegalArgumentException e) {
            throw new StockKeeping.UnknownSku(value);
        }
    }

    record StockView(String sku, int onHand, int reserved, int available) {
        static StockView of(StockItem item) {
            return new StockView(item.sku().value(), item.onHand(), item.reserved(), item.available());
        }
    }

    record Receipt(@NotNull @Min(1) @Max(MAX_RECEIPT) Integer quantity) {
    }
}
