package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** One line of an archived bill; quantity and rate are exact decimals, amount is money. */
public record LineItem(LineType lineType, String itemName, String description, BigDecimal quantity,
                       BigDecimal rate, Money amount) {
    public LineItem {
        Objects.requireNonNull(lineType, "line type");
        Text.required(itemName, Text.NAME, "item name");
        Text.optional(description, Text.DESCRIPTION, "description");
        quantity = Decimal.requireNonNegative(quantity, "quantity");
        rate = Decimal.require(rate, "rate");
        Objects.requireNonNull(amount, "amount");
    }
}
