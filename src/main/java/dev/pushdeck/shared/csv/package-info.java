/** CSV output for exports: {@link dev.pushdeck.shared.csv.CsvWriter} writes cells spreadsheets cannot run. */
@org.springframework.modulith.NamedInterface("csv")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.csv;
