package io.hivematrix.archive.bench.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One line of a generated bill, with the CSV "Item" column Ledger writes for its type. */
record BillLine(String lineType, String itemName, String description, String csvItem, BigDecimal quantity,
                BigDecimal rate) {
    BigDecimal amount() {
        return quantity.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }
}
