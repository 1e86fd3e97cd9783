package io.cutover.status;

/** Section content when there is nothing to list, saying why (e.g. no run holds the lock yet). */
public record Note(String note) {
}
